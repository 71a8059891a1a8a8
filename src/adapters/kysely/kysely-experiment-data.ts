import { sql, type Kysely, type Transaction } from 'kysely'
import { z } from 'zod'
import type { PrePeriodSums } from '../../core/domain/experiment-summary.js'
import type {
  ExperimentData,
  ExperimentSummary,
  IngestOutcome,
  SummaryQuery,
} from '../../ports/experiment-data.js'
import { insertEventsQuery, insertExposuresQuery, summarizeQuery } from './experiment-data-queries.js'
import { experimentDataTables, type ExperimentDataTables } from './experiment-data-tables.js'
import type { MetricAggregation } from '../../core/domain/vocabulary.js'

/** Options of {@link createKyselyExperimentData}. */
export interface KyselyExperimentDataOptions {
  /** The Postgres schema {@link migrateToLatest} put the tables in. Defaults to `public`. */
  readonly schema?: string
}

const Count = z.number().int().nonnegative()
const Sum = z.number().finite()
const Square = Sum.nonnegative()
/** A value sum: `NaN` when a stored value lies outside the bound (see the port). */
const ValueSum = z.union([Sum, z.nan()])
const ValueSquare = z.union([Square, z.nan()])

/** A summary row as the database must return it; anything else is a bug, reported, never trusted. */
const SummaryRow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exposures'), variant: z.string().nullable(), identities: Count }),
  z.object({
    kind: z.literal('events'),
    variant: z.string(),
    event: z.string(),
    identities: Count,
    count_sum: Sum,
    count_squares: Square,
    value_sum: ValueSum,
    value_squares: ValueSquare,
    pre_identities: Count.nullable(),
    pre_count_sum: Sum.nullable(),
    pre_count_squares: Square.nullable(),
    pre_value_sum: ValueSum.nullable(),
    pre_value_squares: ValueSquare.nullable(),
    both_identities: Count.nullable(),
    count_products: Square.nullable(),
    value_products: ValueSum.nullable(),
  }),
  z.object({
    kind: z.literal('quality'),
    before_window: Count,
    after_window: Count,
    before_exposure: Count,
  }),
])
type SummaryRow = z.infer<typeof SummaryRow>
type EventRow = Extract<SummaryRow, { kind: 'events' }>

const AcceptedRow = z.object({ accepted: Count })

/** A batch's outcome from the rows the insert statement returned. */
function outcomeOf(rows: readonly unknown[], size: number): IngestOutcome {
  const { accepted } = AcceptedRow.parse(rows[0])
  return { accepted, duplicates: size - accepted }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** A metric's sums in one variant from the per-(variant, event) row; none means every value is 0. */
function sumsOf(
  row: EventRow | undefined,
  aggregation: MetricAggregation,
): { sum: number; sumSquares: number } {
  if (row === undefined) return { sum: 0, sumSquares: 0 }
  if (aggregation === 'occurrence') return { sum: row.identities, sumSquares: row.identities }
  if (aggregation === 'count') return { sum: row.count_sum, sumSquares: row.count_squares }
  return { sum: row.value_sum, sumSquares: row.value_squares }
}

/** A metric's pre-exposure sums in one variant from the same row (asked for, so never `null`). */
function preSumsOf(row: EventRow | undefined, aggregation: MetricAggregation): PrePeriodSums {
  if (row === undefined) return { sum: 0, sumSquares: 0, sumProducts: 0 }
  const figures =
    aggregation === 'occurrence'
      ? [row.pre_identities, row.pre_identities, row.both_identities]
      : aggregation === 'count'
        ? [row.pre_count_sum, row.pre_count_squares, row.count_products]
        : [row.pre_value_sum, row.pre_value_squares, row.value_products]
  const [sum, sumSquares, sumProducts] = figures.map((figure) => {
    if (figure === null) throw new Error('flag-experiments: the summary statement returned no pre sums')
    return figure
  }) as [number, number, number]
  return { sum, sumSquares, sumProducts }
}

/** Both sums of a metric in one variant, with `pre` when the query asked for a pre window. */
function variantSumsOf(row: EventRow | undefined, aggregation: MetricAggregation, withPre: boolean) {
  const sums = sumsOf(row, aggregation)
  return withPre ? { ...sums, pre: preSumsOf(row, aggregation) } : sums
}

/** Assembles the summary from the statement's rows (parsed first). */
function summaryOf(raw: readonly unknown[], query: SummaryQuery): ExperimentSummary {
  const rows: SummaryRow[] = raw.map((row) => SummaryRow.parse(row))
  const exposures = new Map<string, number>()
  const events = new Map<string, EventRow>()
  let multipleExposures = 0
  let dataQuality = { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 }
  for (const row of rows) {
    if (row.kind === 'events') events.set(JSON.stringify([row.variant, row.event]), row)
    else if (row.kind === 'quality')
      dataQuality = {
        exposuresBeforeWindow: row.before_window,
        exposuresAfterWindow: row.after_window,
        eventsBeforeExposure: row.before_exposure,
      }
    else if (row.variant === null) multipleExposures = row.identities
    else exposures.set(row.variant, row.identities)
  }
  const variants = [...exposures.keys()].sort(byCodeUnits)
  const withPre = (query.preExposureDays ?? 0) > 0
  return {
    variants: variants.map((variant) => ({ variant, exposures: exposures.get(variant) ?? 0 })),
    multipleExposures,
    metrics: query.metrics.map(({ metricId, event, aggregation }) => ({
      metricId,
      variants: variants.map((variant) => ({
        variant,
        n: exposures.get(variant) ?? 0,
        ...variantSumsOf(events.get(JSON.stringify([variant, event])), aggregation, withPre),
      })),
    })),
    dataQuality,
  }
}

/**
 * What the summary statement runs with, for that statement only. Memory: the statement holds a
 * hash entry per exposed identity (about 150 bytes) and returns a handful of rows; at Postgres's
 * default `work_mem` (4 MB) its aggregates and sorts spill to disk from a few tens of thousands of
 * identities. 64 MB keeps a few hundred thousand in memory without letting one call take a large
 * share of the host's server (beyond that it spills, in a few large batches). No JIT: the planner
 * turns it on for large experiments from cost estimates alone, and compiling took seconds here
 * (6–9 s at a million identities) on a statement that runs once. No sequential scan while an
 * index serves: the experiment's exposures are read by its key and each identity's events by
 * theirs even when stale statistics say the experiment fills the table (docs/results-cost.md).
 */
export const SUMMARY_SETTINGS = { work_mem: '64MB', jit: 'off', enable_seqscan: 'off' } as const

type SettingName = keyof typeof SUMMARY_SETTINGS
const SETTING_NAMES = Object.keys(SUMMARY_SETTINGS) as SettingName[]
const Settings = z.object({ work_mem: z.string(), jit: z.string(), enable_seqscan: z.string() })

/** Sets each setting for the rest of the transaction; returns what they were. */
async function applySettings<DB>(
  db: Kysely<DB>,
  settings: Readonly<Record<SettingName, string>>,
): Promise<z.infer<typeof Settings>> {
  const { rows } = await sql`select ${sql.join(
    SETTING_NAMES.map(
      (name) =>
        sql`current_setting(${name}) as ${sql.ref(name)}, set_config(${name}, ${settings[name]}, true)`,
    ),
  )}`.execute(db)
  return Settings.parse(rows[0])
}

/**
 * The summary statement's rows, run with {@link SUMMARY_SETTINGS} set locally: in a transaction
 * of its own, or, in the host's transaction, put back as they were once the statement has run (if
 * it fails, the host's transaction is aborted and its rollback discards them), so nothing the
 * library sets outlives the call.
 */
async function summaryRows<DB>(
  db: Kysely<DB>,
  tables: ExperimentDataTables,
  query: SummaryQuery,
): Promise<readonly unknown[]> {
  if (!db.isTransaction)
    return db.transaction().execute(async (trx) => {
      await applySettings(trx, SUMMARY_SETTINGS)
      return (await summarizeQuery(tables, query).execute(trx)).rows
    })
  const previous = await applySettings(db, SUMMARY_SETTINGS)
  const { rows } = await summarizeQuery(tables, query).execute(db)
  await applySettings(db, previous)
  return rows
}

/**
 * An {@link ExperimentData} over the host's Kysely instance (or transaction), in the library's
 * tables. Each batch is one `insert … select from unnest(…) on conflict do nothing` statement
 * (so atomic, and idempotent also under concurrent retries); `summarize` is one statement that
 * aggregates in Postgres and returns one row per variant and event name, never raw events, run
 * in a transaction that gives it the memory to aggregate without spilling to disk (`set local`
 * only: in the host's transaction the settings are put back right after it). The
 * library's SQL runs without the host's plugins. Run {@link migrateToLatest} with the same
 * schema first.
 *
 * @example
 * ```ts
 * const data = createKyselyExperimentData(db, { schema: 'experiments' })
 * const { accepted, duplicates } = await data.recordEvents(environment.id, events)
 * ```
 */
export function createKyselyExperimentData<DB>(
  db: Kysely<DB> | Transaction<DB>,
  options: KyselyExperimentDataOptions = {},
): ExperimentData {
  const tables = experimentDataTables(options.schema)
  const plain = db.withoutPlugins()
  return {
    recordExposures: async (batch) => {
      if (batch.length === 0) return { accepted: 0, duplicates: 0 }
      const { rows } = await insertExposuresQuery(tables, batch).execute(plain)
      return outcomeOf(rows, batch.length)
    },
    recordEvents: async (environmentId, batch) => {
      if (batch.length === 0) return { accepted: 0, duplicates: 0 }
      const { rows } = await insertEventsQuery(tables, environmentId, batch).execute(plain)
      return outcomeOf(rows, batch.length)
    },
    summarize: async (query) => summaryOf(await summaryRows(plain, tables, query), query),
  }
}
