import { quoteIdentifier } from './clickhouse-identifier.js'

/** Names of the library's two ClickHouse tables (on a cluster, the Distributed ones). */
export const CLICKHOUSE_TABLE_NAMES = {
  exposures: 'flag_experiments_exposures',
  events: 'flag_experiments_events',
} as const

/** Where {@link migrateClickHouse} puts the tables. */
export interface ClickHouseSchemaOptions {
  /** The database, created if missing. */
  readonly database: string
  /**
   * A cluster of the server's configuration: replicated local tables on every node plus
   * Distributed tables sharded by identity, all created `ON CLUSTER`.
   */
  readonly cluster?: string
}

/**
 * How many recent insert blocks each table remembers for deduplication (by the insert token the
 * adapter sends), so a retried batch is dropped by ClickHouse itself.
 */
export const DEDUPLICATION_WINDOW = 10_000

/** Columns of the exposures table. */
const EXPOSURE_COLUMNS = `
  experiment_id UUID,
  identity String,
  variant LowCardinality(String),
  at DateTime64(3, 'UTC'),
  batch UInt64 COMMENT 'random id of the call that stored the row',
  CONSTRAINT identity_length CHECK lengthUTF8(identity) BETWEEN 1 AND 255,
  CONSTRAINT variant_length CHECK lengthUTF8(variant) BETWEEN 1 AND 255`

/** Columns of the events table. */
const EVENT_COLUMNS = `
  environment_id LowCardinality(String),
  id UUID,
  identity String,
  event LowCardinality(String),
  value Nullable(Float64),
  at DateTime64(3, 'UTC'),
  batch UInt64 COMMENT 'random id of the call that stored the row',
  INDEX id_bloom id TYPE bloom_filter(0.001) GRANULARITY 1,
  CONSTRAINT environment_not_empty CHECK environment_id != '',
  CONSTRAINT identity_length CHECK lengthUTF8(identity) BETWEEN 1 AND 255,
  CONSTRAINT event_length CHECK lengthUTF8(event) BETWEEN 1 AND 255,
  CONSTRAINT value_finite CHECK value IS NULL OR isFinite(value)`

/**
 * The table layouts: exposures ordered by (experiment, identity, variant), events by
 * (environment, event, identity, id) — both in identity order for the per-identity aggregation.
 * Events are a ReplacingMergeTree on that key, so two stored copies of one event (two senders
 * racing with the same new id) merge into one, and `summarize` reads them `FINAL` so results
 * never count one twice before that merge. Exposures stay a plain MergeTree: `summarize` takes
 * the earliest time of an (experiment, identity, variant) whatever the copies, so a merge never
 * changes a result.
 */
const TABLES = {
  exposures: { columns: EXPOSURE_COLUMNS, engine: 'MergeTree', order: 'experiment_id, identity, variant' },
  events: {
    columns: EVENT_COLUMNS,
    engine: 'ReplacingMergeTree',
    order: 'environment_id, event, identity, id',
  },
} as const

const settings = `SETTINGS non_replicated_deduplication_window = ${DEDUPLICATION_WINDOW}`

/**
 * The statements {@link migrateClickHouse} runs, in order, every one idempotent
 * (`IF NOT EXISTS`). Without a cluster: the database and two local tables. With one: the database
 * `ON CLUSTER`, `<table>_local` tables with the `Replicated` engine (replica path from the
 * `{shard}` and `{replica}` macros each node defines), and Distributed tables under the plain
 * names, sharded by `cityHash64(identity)` so that all of an identity's exposures and events live
 * on one shard and the per-identity aggregation never crosses shards.
 *
 * @example
 * ```ts
 * clickHouseSchema({ database: 'flags', cluster: 'main' }).forEach((statement) => console.log(statement))
 * ```
 */
export function clickHouseSchema(options: ClickHouseSchemaOptions): readonly string[] {
  const database = quoteIdentifier(options.database, 'database')
  const onCluster =
    options.cluster === undefined ? '' : ` ON CLUSTER ${quoteIdentifier(options.cluster, 'cluster')}`
  const statements = [`CREATE DATABASE IF NOT EXISTS ${database}${onCluster}`]
  for (const kind of ['exposures', 'events'] as const) {
    const name = CLICKHOUSE_TABLE_NAMES[kind]
    const { columns, engine, order } = TABLES[kind]
    if (options.cluster === undefined) {
      statements.push(
        `CREATE TABLE IF NOT EXISTS ${database}.\`${name}\` (${columns}\n) ENGINE = ${engine} ORDER BY (${order}) ${settings}`,
      )
      continue
    }
    const local = `${database}.\`${name}_local\``
    const path = `'/clickhouse/tables/{shard}/${options.database}/${name}_local', '{replica}'`
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${local}${onCluster} (${columns}\n) ENGINE = Replicated${engine}(${path}) ORDER BY (${order})`,
      `CREATE TABLE IF NOT EXISTS ${database}.\`${name}\`${onCluster} AS ${local} ENGINE = Distributed('${options.cluster}', '${options.database}', '${name}_local', cityHash64(identity))`,
    )
  }
  return statements
}
