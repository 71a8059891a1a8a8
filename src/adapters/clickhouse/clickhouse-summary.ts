import { z } from 'zod'
import type { PrePeriodSums } from '../../core/domain/experiment-summary.js'
import type { MetricAggregation } from '../../core/domain/vocabulary.js'
import type {
  DataQuality,
  ExperimentSummary,
  SummaryQuery,
  VariantSums,
} from '../../ports/experiment-data.js'

const Count = z.number().int().nonnegative()
/** A Float64 as ClickHouse writes it with quoted denormals: a number, or `inf`, `-inf`, `nan`. */
const Float = z.union([
  z.number(),
  z.enum(['inf', '+inf', '-inf', 'nan', '-nan']).transform((text) => {
    if (text.endsWith('nan')) return Number.NaN
    return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }),
])

/**
 * One row of the summary statement: a variant (or, `clean` 0, the multiple-exposure identities
 * and those exposed only outside the window), with its part of the data-quality counts.
 */
const SummaryRow = z
  .object({
    clean: z.union([z.literal(0), z.literal(1), z.boolean()]),
    variant: z.string(),
    identities: Count,
    before_window: Count,
    after_window: Count,
    before_exposure: Count,
  })
  .catchall(z.unknown())

/** One event name's sums over the identities of a variant: after exposure, or in the pre window. */
const WindowSums = z.object({
  identities: Count,
  countSum: Float,
  countSquares: Float,
  valueSum: Float,
  valueSquares: Float,
})

/** The pre window's sums, with the products of each identity's pre and post figures. */
const PreSums = WindowSums.extend({ bothIdentities: Count, countProducts: Float, valueProducts: Float })

/** The columns of one name's sums in a row, by prefix (`pre_` for the pre window) and index. */
const windowColumns = (row: Readonly<Record<string, unknown>>, prefix: string, i: number) => ({
  identities: row[`${prefix}identities_${i}`],
  countSum: row[`${prefix}count_sum_${i}`],
  countSquares: row[`${prefix}count_squares_${i}`],
  valueSum: row[`${prefix}value_sum_${i}`],
  valueSquares: row[`${prefix}value_squares_${i}`],
})

/** The sums of the `i`th event name in one row, the pre-window ones when they were asked for. */
const NameSums = (row: Readonly<Record<string, unknown>>, i: number) =>
  WindowSums.extend({ pre: PreSums.optional() }).parse({
    ...windowColumns(row, '', i),
    pre:
      row[`pre_identities_${i}`] === undefined
        ? undefined
        : {
            ...windowColumns(row, 'pre_', i),
            bothIdentities: row[`both_identities_${i}`],
            countProducts: row[`count_products_${i}`],
            valueProducts: row[`value_products_${i}`],
          },
  })

type NameSums = ReturnType<typeof NameSums>

/** A metric's sums in one variant from its event name's sums. */
function sumsOf(sums: NameSums, aggregation: MetricAggregation): Pick<VariantSums, 'sum' | 'sumSquares'> {
  if (aggregation === 'occurrence') return { sum: sums.identities, sumSquares: sums.identities }
  if (aggregation === 'count') return { sum: sums.countSum, sumSquares: sums.countSquares }
  return { sum: sums.valueSum, sumSquares: sums.valueSquares }
}

/** A metric's pre-window sums in one variant from its event name's sums. */
function preSumsOf(pre: NonNullable<NameSums['pre']>, aggregation: MetricAggregation): PrePeriodSums {
  if (aggregation === 'occurrence')
    return { sum: pre.identities, sumSquares: pre.identities, sumProducts: pre.bothIdentities }
  if (aggregation === 'count')
    return { sum: pre.countSum, sumSquares: pre.countSquares, sumProducts: pre.countProducts }
  return { sum: pre.valueSum, sumSquares: pre.valueSquares, sumProducts: pre.valueProducts }
}

/** A metric's sums in one variant, with `pre` when the statement gave them. */
function metricSumsOf(
  sums: NameSums | undefined,
  aggregation: MetricAggregation,
): Omit<VariantSums, 'variant' | 'n'> {
  if (sums === undefined) return { sum: 0, sumSquares: 0 }
  const plain = sumsOf(sums, aggregation)
  return sums.pre === undefined ? plain : { ...plain, pre: preSumsOf(sums.pre, aggregation) }
}

type SummaryRow = z.infer<typeof SummaryRow>

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The summary from the statement's rows (parsed first: anything else is a bug, reported, never
 * trusted). A sum too large for a double comes back as an infinity, as the port's numbers carry
 * it, and the statistics then decline to compare (their sums must be finite).
 */
export function summaryOf(raw: unknown, query: SummaryQuery): ExperimentSummary {
  const rows = z.array(SummaryRow).parse(raw)
  const names = [...new Set(query.metrics.map((m) => m.event))]
  const counted = rows
    .filter((row) => row.clean === 1 || row.clean === true)
    .sort((a, b) => byCodeUnits(a.variant, b.variant))
  const perName = counted.map((row) => names.map((_, i) => NameSums(row, i)))
  return {
    variants: counted.map((row) => ({ variant: row.variant, exposures: row.identities })),
    multipleExposures: rows.reduce(
      (total, row) => (row.clean === 1 || row.clean === true ? total : total + row.identities),
      0,
    ),
    metrics: query.metrics.map(({ metricId, event, aggregation }) => ({
      metricId,
      variants: counted.map((row, i) => ({
        variant: row.variant,
        n: row.identities,
        ...metricSumsOf(perName[i]?.[names.indexOf(event)], aggregation),
      })),
    })),
    dataQuality: dataQualityOf(rows),
  }
}

/** The data-quality counts, added up over every row (each part of the statement gives some). */
function dataQualityOf(rows: readonly SummaryRow[]): DataQuality {
  const total = (pick: (row: SummaryRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0)
  return {
    exposuresBeforeWindow: total((row) => row.before_window),
    exposuresAfterWindow: total((row) => row.after_window),
    eventsBeforeExposure: total((row) => row.before_exposure),
  }
}
