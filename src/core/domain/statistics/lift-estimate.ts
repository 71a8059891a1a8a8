import { summaryStatistics, type MetricSums } from './summary-statistics.js'

/** One arm as the inference sees it: its identities, their mean and the variance of one identity's value. */
export type ArmMoments = {
  readonly n: number
  readonly mean: number
  readonly variance: number
}

/**
 * A relative lift and its standard error, the two numbers every interval and p-value is built
 * from, with `n` the identities of both arms together (what a sequential interval grows with).
 */
export type LiftEstimate = {
  /** (mean_v − mean_c)/mean_c, or over the unadjusted control mean after a variance reduction. */
  readonly lift: number
  readonly standardError: number
  readonly n: number
}

/**
 * An arm's moments from its sums (sample variance, as {@link summaryStatistics}); `null` when the
 * arm has fewer than two identities or the sums cannot describe real data.
 *
 * @example
 * ```ts
 * armMoments({ n: 4, sum: 10, sumSquares: 30 }) // { n: 4, mean: 2.5, variance: 1.6666666666666667 }
 * ```
 */
export function armMoments(sums: MetricSums): ArmMoments | null {
  const { mean, variance } = summaryStatistics(sums)
  return mean === null || variance === null ? null : { n: sums.n, mean, variance }
}

/**
 * The moments of a 0/1 metric (a conversion) from its conversions, with the binomial variance
 * p(1 − p) rather than the sample variance; `null` without identities or with more conversions
 * than identities.
 *
 * @example
 * ```ts
 * proportionMoments({ n: 1000, sum: 100 }) // { n: 1000, mean: 0.1, variance: 0.09 }
 * ```
 */
export function proportionMoments({
  n,
  sum,
}: {
  readonly n: number
  readonly sum: number
}): ArmMoments | null {
  if (!Number.isSafeInteger(n) || n < 1 || !(sum >= 0) || sum > n) return null
  const mean = sum / n
  return { n, mean, variance: mean * (1 - mean) }
}

/**
 * The relative lift of a variant over the control with its delta-method standard error, the
 * ratio of two independent means: se² = var_v/(n_v·mean_c²) + mean_v²·var_c/(n_c·mean_c⁴).
 * `null` when the control's mean is not positive (a relative lift is then undefined or
 * misleading) or when the figures overflow double precision.
 *
 * @example
 * ```ts
 * liftEstimate({ n: 100, mean: 2, variance: 4 }, { n: 100, mean: 2.2, variance: 4 })
 * // { lift: 0.1, standardError: 0.1486…, n: 200 }
 * ```
 */
export function liftEstimate(control: ArmMoments, variant: ArmMoments): LiftEstimate | null {
  if (!(control.mean > 0)) return null
  const lift = (variant.mean - control.mean) / control.mean
  // The ratio mean_v/mean_c is factored out so that neither mean_c⁴ nor mean_c² is formed:
  // they overflow or underflow long before the result does.
  const ratio = variant.mean / control.mean
  const standardError =
    Math.sqrt(variant.variance / variant.n + ratio * ratio * (control.variance / control.n)) / control.mean
  if (!Number.isFinite(lift) || !Number.isFinite(standardError)) return null
  return { lift, standardError, n: control.n + variant.n }
}
