import type { Kysely, Transaction } from 'kysely'
import { z } from 'zod'
import type {
  ExperimentData,
  ExperimentSummary,
  IngestOutcome,
  SummaryQuery,
} from '../../ports/experiment-data.js'
import { insertEventsQuery, insertExposuresQuery, summarizeQuery } from './experiment-data-queries.js'
import { experimentDataTables } from './experiment-data-tables.js'

/** Options of {@link createKyselyExperimentData}. */
export interface KyselyExperimentDataOptions {
  /** The Postgres schema {@link migrateToLatest} put the tables in. Defaults to `public`. */
  readonly schema?: string
}

const Count = z.number().int().nonnegative()
const Sum = z.number().finite()

/** A summary row as the database must return it; anything else is a bug, reported, never trusted. */
const SummaryRow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('variant'), variant: z.string(), n: Count }),
  z.object({ kind: z.literal('multiple'), n: Count }),
  z.object({
    kind: z.literal('metric'),
    variant: z.string(),
    position: z.number().int().positive(),
    sum: Sum,
    sum_squares: Sum.nonnegative(),
  }),
])
type SummaryRow = z.infer<typeof SummaryRow>

const AcceptedRow = z.object({ accepted: Count })

/** A batch's outcome from the rows the insert statement returned. */
function outcomeOf(rows: readonly unknown[], size: number): IngestOutcome {
  const { accepted } = AcceptedRow.parse(rows[0])
  return { accepted, duplicates: size - accepted }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Assembles the summary from the statement's rows (parsed first). */
function summaryOf(raw: readonly unknown[], query: SummaryQuery): ExperimentSummary {
  const rows: SummaryRow[] = raw.map((row) => SummaryRow.parse(row))
  const exposures = new Map<string, number>()
  const sums = new Map<string, { sum: number; sumSquares: number }>()
  let multipleExposures = 0
  for (const row of rows) {
    if (row.kind === 'variant') exposures.set(row.variant, row.n)
    else if (row.kind === 'multiple') multipleExposures = row.n
    else sums.set(JSON.stringify([row.position, row.variant]), { sum: row.sum, sumSquares: row.sum_squares })
  }
  const variants = [...exposures.keys()].sort(byCodeUnits)
  return {
    variants: variants.map((variant) => ({ variant, exposures: exposures.get(variant) ?? 0 })),
    multipleExposures,
    metrics: query.metrics.map(({ metricId }, index) => ({
      metricId,
      variants: variants.map((variant) => ({
        variant,
        n: exposures.get(variant) ?? 0,
        ...(sums.get(JSON.stringify([index + 1, variant])) ?? { sum: 0, sumSquares: 0 }),
      })),
    })),
  }
}

/**
 * An {@link ExperimentData} over the host's Kysely instance (or transaction), in the library's
 * tables. Each batch is one `insert … select from unnest(…) on conflict do nothing` statement
 * (so atomic, and idempotent also under concurrent retries); `summarize` is one statement that
 * aggregates in Postgres and returns a few rows per variant and metric, never raw events. The
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
    recordExposures: async (_environmentId, batch) => {
      if (batch.length === 0) return { accepted: 0, duplicates: 0 }
      const { rows } = await insertExposuresQuery(tables, batch).execute(plain)
      return outcomeOf(rows, batch.length)
    },
    recordEvents: async (environmentId, batch) => {
      if (batch.length === 0) return { accepted: 0, duplicates: 0 }
      const { rows } = await insertEventsQuery(tables, environmentId, batch).execute(plain)
      return outcomeOf(rows, batch.length)
    },
    summarize: async (query) => {
      const { rows } = await summarizeQuery(tables, query).execute(plain)
      return summaryOf(rows, query)
    },
  }
}
