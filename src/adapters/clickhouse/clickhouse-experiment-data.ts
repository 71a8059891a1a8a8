import type { ExperimentData, Exposure, IngestOutcome, TrackedEvent } from '../../ports/experiment-data.js'
import { checkBatch, firstOfEachKey } from './clickhouse-batch-check.js'
import type { ClickHouseClientSlice } from './clickhouse-client.js'
import { ClickHouseDataError } from './clickhouse-data-error.js'
import { quoteIdentifier } from './clickhouse-identifier.js'
import { insertOnce, type KeyedInsert } from './clickhouse-insert-once.js'
import { CLICKHOUSE_TABLE_NAMES } from './clickhouse-schema.js'
import { hostSource, type ClickHouseSources } from './clickhouse-sources.js'
import { summaryOf } from './clickhouse-summary.js'
import { clickHouseTime, summaryStatement, type SummarySource } from './clickhouse-summary-query.js'

/** Options of {@link createClickHouseExperimentData}. */
export interface ClickHouseExperimentDataOptions {
  /** The database {@link migrateClickHouse} created the tables in (or the host's tables are in). */
  readonly database: string
  /** The cluster the tables were created on, if any: `summarize` then aggregates shard by shard. */
  readonly cluster?: string
  /** Read the host's own tables instead of the library's; recording is then refused. */
  readonly sources?: ClickHouseSources
}

const TIME = "DateTime64(3, 'UTC')"

/** The library's own tables as a summary source (events read `FINAL`). */
function librarySource(database: string, cluster: string | null): SummarySource {
  const suffix = cluster === null ? '' : '_local'
  const table = (name: string) => `${quoteIdentifier(database, 'database')}.\`${name}${suffix}\``
  return {
    exposures: {
      table: table(CLICKHOUSE_TABLE_NAMES.exposures),
      experimentId: 'experiment_id',
      experimentIdType: 'UUID',
      identity: 'identity',
      variant: 'variant',
      at: 'at',
    },
    events: {
      table: table(CLICKHOUSE_TABLE_NAMES.events),
      final: true,
      environmentId: 'environment_id',
      identity: 'identity',
      event: 'event',
      value: 'value',
      at: 'at',
    },
    cluster,
  }
}

/** The (experiment, identity, variant) keys bound as three arrays, zipped back into tuples. */
const exposureKeys = `(experiment_id, identity, variant) IN (
  SELECT key.1, key.2, key.3
  FROM (SELECT arrayJoin(arrayZip({experiments:Array(UUID)}, {identities:Array(String)}, {variants:Array(String)})) AS key))`

/** The keyed inserts into the library's tables (on a cluster, synchronous Distributed inserts). */
function libraryInserts(database: string, cluster: boolean) {
  const table = (name: string) => `${quoteIdentifier(database, 'database')}.\`${name}\``
  const insertSettings = cluster ? ', distributed_foreground_insert = 1' : ''
  const exposures = table(CLICKHOUSE_TABLE_NAMES.exposures)
  const events = table(CLICKHOUSE_TABLE_NAMES.events)
  const exposureKey = (row: Readonly<Record<string, unknown>>) =>
    JSON.stringify([row['experiment_id'], row['identity'], row['variant']])
  return {
    exposures: (): KeyedInsert => ({
      table: exposures,
      columns: [
        ['experiment_id', 'UUID'],
        ['identity', 'String'],
        ['variant', 'String'],
        ['at', TIME],
      ],
      keyCondition: exposureKeys,
      keyParams: (rows) => ({
        experiments: rows.map((row) => row['experiment_id']),
        identities: rows.map((row) => row['identity']),
        variants: rows.map((row) => row['variant']),
      }),
      keyText: exposureKey,
      storedKeysSql: `SELECT DISTINCT toJSONString([toString(experiment_id), identity, toString(variant)]) AS key
        FROM ${exposures} WHERE ${exposureKeys}`,
      params: {},
      insertSettings,
    }),
    events: (environmentId: string): KeyedInsert => ({
      table: events,
      columns: [
        ['environment_id', 'String'],
        ['id', 'UUID'],
        ['identity', 'String'],
        ['event', 'String'],
        ['value', 'Nullable(Float64)'],
        ['at', TIME],
      ],
      keyCondition: 'environment_id = {environment:String} AND id IN {keys:Array(UUID)}',
      keyParams: (rows) => ({ keys: rows.map((row) => row['id']) }),
      keyText: (row) => String(row['id']),
      storedKeysSql: `SELECT DISTINCT toString(id) AS key FROM ${events}
        WHERE environment_id = {environment:String} AND id IN {keys:Array(UUID)}`,
      params: { environment: environmentId },
      insertSettings,
    }),
  }
}

const exposureRow = (e: Exposure) => ({
  experiment_id: e.experimentId.toLowerCase(),
  identity: e.identity,
  variant: e.variant,
  at: clickHouseTime(e.at),
})

const eventRow = (environmentId: string) => (e: TrackedEvent) => ({
  environment_id: environmentId,
  id: e.id.toLowerCase(),
  identity: e.identity,
  event: e.event,
  value: e.value,
  at: clickHouseTime(e.at),
})

/** What a batch did, from the rows this call stored. */
const outcome = (size: number, accepted: number): IngestOutcome => ({ accepted, duplicates: size - accepted })

/**
 * An {@link ExperimentData} over ClickHouse, through the host's `@clickhouse/client`
 * `ClickHouseClient` (a server, or embedded chDB through `chdb/connection`). `summarize` is one
 * statement that aggregates in ClickHouse and returns one row per variant, never raw events.
 * Writes check which keys are stored, insert the new rows as one block with a deduplication token
 * and count what the call stored: exact for a batch sent again and for one batch retried at once
 * by many callers; two different overlapping batches sent at the same instant may each count an
 * item, and results still count it once (docs/clickhouse.md#idempotency). With `sources` it reads
 * the host's tables and refuses writes with {@link ClickHouseDataError} `ingestion_not_supported`.
 * Run {@link migrateClickHouse} with the same database (and cluster) first.
 *
 * @example
 * ```ts
 * import { createClient } from '@clickhouse/client'
 * const client = createClient({ url: process.env.CLICKHOUSE_URL })
 * await migrateClickHouse(client, { database: 'flag_experiments' })
 * const data = createClickHouseExperimentData(client, { database: 'flag_experiments' })
 * ```
 */
export function createClickHouseExperimentData(
  client: ClickHouseClientSlice,
  options: ClickHouseExperimentDataOptions,
): ExperimentData {
  const cluster = options.cluster === undefined ? null : options.cluster
  if (cluster !== null) quoteIdentifier(cluster, 'cluster')
  const source =
    options.sources === undefined
      ? librarySource(options.database, cluster)
      : hostSource(options.sources, options.database)
  const inserts = libraryInserts(options.database, cluster !== null)
  const refuse = () => {
    throw new ClickHouseDataError(
      'ingestion_not_supported',
      "this adapter reads the host's own tables (sources): exposures and events are recorded there, not through it",
    )
  }
  return {
    mode: options.sources === undefined ? 'read_write' : 'read_only',
    recordExposures: async (batch) => {
      if (options.sources !== undefined) refuse()
      if (batch.length === 0) return outcome(0, 0)
      checkBatch(batch)
      const rows = firstOfEachKey(batch.map(exposureRow), (row) =>
        JSON.stringify([row.experiment_id, row.identity, row.variant]),
      )
      return outcome(batch.length, await insertOnce(client, inserts.exposures(), rows))
    },
    recordEvents: async (environmentId, batch) => {
      if (options.sources !== undefined) refuse()
      if (batch.length === 0) return outcome(0, 0)
      checkBatch(batch)
      const rows = firstOfEachKey(batch.map(eventRow(environmentId)), (row) => row.id)
      return outcome(batch.length, await insertOnce(client, inserts.events(environmentId), rows))
    },
    summarize: async (query) => {
      const { query: sql, params } = summaryStatement(source, query)
      const rows = await client.query({ query: sql, format: 'JSONEachRow', query_params: params })
      return summaryOf(await rows.json(), query)
    },
  }
}
