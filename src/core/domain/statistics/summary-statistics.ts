/**
 * What a warehouse reports for one metric in one variant: over the variant's `n` identities,
 * the sum of their per-identity values and the sum of those values squared.
 */
export type MetricSums = {
  readonly n: number
  readonly sum: number
  readonly sumSquares: number
}

/** Mean and sample variance of one variant's per-identity values. */
export type SummaryStatistics = {
  /** sum/n; `null` when the variant has no identity. */
  readonly mean: number | null
  /** max(0, (sumSquares − sum²/n)/(n − 1)); `null` when n < 2. */
  readonly variance: number | null
}

/**
 * Mean and sample variance from the three sums, without the raw values. The variance is clamped at
 * 0: for constant values the subtraction can round to a tiny negative number.
 *
 * Totals that cannot describe any data (a negative or fractional `n`, a non-finite sum, a negative
 * `sumSquares`) give `{ mean: null, variance: null }` rather than a meaningless figure.
 *
 * @example
 * ```ts
 * summaryStatistics({ n: 4, sum: 10, sumSquares: 30 }) // { mean: 2.5, variance: 1.6666666666666667 }
 * summaryStatistics({ n: 0, sum: 0, sumSquares: 0 }) // { mean: null, variance: null }
 * ```
 */
export function summaryStatistics({ n, sum, sumSquares }: MetricSums): SummaryStatistics {
  if (!isValidSums({ n, sum, sumSquares }) || n === 0) return { mean: null, variance: null }
  const mean = sum / n
  if (n < 2) return { mean, variance: null }
  return { mean, variance: Math.max(0, (sumSquares - squaredSumOverN(sum, n)) / (n - 1)) }
}

/**
 * Whether the totals can describe real data: `n` a non-negative integer, both sums finite and
 * `sumSquares` non-negative.
 *
 * @example
 * ```ts
 * isValidSums({ n: 3, sum: -1.5, sumSquares: 2.25 }) // true
 * isValidSums({ n: 2.5, sum: 1, sumSquares: 1 }) // false
 * ```
 */
export function isValidSums({ n, sum, sumSquares }: MetricSums): boolean {
  return (
    Number.isSafeInteger(n) &&
    n >= 0 &&
    Number.isFinite(sum) &&
    Number.isFinite(sumSquares) &&
    sumSquares >= 0
  )
}

/** sum²/n, reordered as sum·(sum/n) when sum² alone would overflow (|sum| > ~1.3e154). */
function squaredSumOverN(sum: number, n: number): number {
  const square = sum ** 2
  return Number.isFinite(square) ? square / n : sum * (sum / n)
}
