import { erfc } from './erf.js'
import { normalCdf } from './normal-cdf.js'
import { summaryStatistics, type MetricSums } from './summary-statistics.js'

/** The two-sided 95% quantile of the standard normal, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054

/** How a variant compares with the control on one metric. */
export type Comparison = {
  /** (mean_v − mean_c)/mean_c. */
  readonly relativeLift: number
  /** mean_v − mean_c. */
  readonly absoluteLift: number
  /** Lower end of the 95% interval of the relative lift. */
  readonly ciLow: number
  /** Upper end of the 95% interval of the relative lift. */
  readonly ciHigh: number
  /** Probability that the variant's true mean is above the control's, whatever the metric's goal. */
  readonly chanceToWin: number
  /** Two-sided p-value of "no difference". */
  readonly pValue: number
}

/**
 * Compares a variant with the control on one metric from each arm's `{ n, sum, sumSquares }`.
 *
 * The relative lift's standard error comes from the delta method on the ratio of two independent
 * means: se² = var_v/(n_v·mean_c²) + mean_v²·var_c/(n_c·mean_c⁴). The 95% interval is
 * lift ± 1.96·se, the chance to win is Φ(lift/se) and the p-value 2·Φ(−|lift|/se), computed as
 * erfc(|lift|/(se·√2)) so that it keeps its precision far into the tail. When se is 0 (both arms
 * constant) the verdict is certain: chance 1 or 0 and p-value 0, or chance ½ and p-value 1 when
 * the means are equal.
 *
 * Returns `null`, meaning "not enough data to say", when either arm has fewer than two identities,
 * when the control's mean is not positive (a relative lift is then undefined or misleading), when
 * the totals cannot describe real data (see `isValidSums`) or when the figures overflow
 * double precision.
 *
 * @example
 * ```ts
 * compareVariants({ n: 10, sum: 10, sumSquares: 16 }, { n: 10, sum: 43, sumSquares: 217 })
 * // { relativeLift: 3.3, absoluteLift: 3.3, ciLow: 0.829…, ciHigh: 5.770…, chanceToWin: 0.99557…, pValue: 0.00885… }
 * ```
 */
export function compareVariants(control: MetricSums, variant: MetricSums): Comparison | null {
  const c = summaryStatistics(control)
  const v = summaryStatistics(variant)
  if (c.mean === null || c.variance === null || v.mean === null || v.variance === null) return null
  if (!(c.mean > 0)) return null
  const relativeLift = (v.mean - c.mean) / c.mean
  const absoluteLift = v.mean - c.mean
  const se = relativeLiftStandardError(c.mean, c.variance, control.n, v.mean, v.variance, variant.n)
  if (!Number.isFinite(relativeLift) || !Number.isFinite(se)) return null
  if (se === 0) return certainComparison(relativeLift, absoluteLift)
  const z = relativeLift / se
  const ciLow = relativeLift - Z_95 * se
  const ciHigh = relativeLift + Z_95 * se
  if (!Number.isFinite(ciLow) || !Number.isFinite(ciHigh)) return null
  return {
    relativeLift,
    absoluteLift,
    ciLow,
    ciHigh,
    chanceToWin: normalCdf(z),
    pValue: erfc(Math.abs(z) * Math.SQRT1_2),
  }
}

/**
 * The delta-method standard error, with the ratio mean_v/mean_c factored out so that neither
 * mean_c⁴ nor mean_c² has to be formed (they overflow or underflow long before the result does).
 */
function relativeLiftStandardError(
  controlMean: number,
  controlVariance: number,
  controlN: number,
  variantMean: number,
  variantVariance: number,
  variantN: number,
): number {
  const ratio = variantMean / controlMean
  return Math.sqrt(variantVariance / variantN + ratio * ratio * (controlVariance / controlN)) / controlMean
}

/** The comparison when neither arm varies: the sign of the lift is known for sure. */
function certainComparison(relativeLift: number, absoluteLift: number): Comparison {
  const interval = { relativeLift, absoluteLift, ciLow: relativeLift, ciHigh: relativeLift }
  if (relativeLift === 0) return { ...interval, chanceToWin: 0.5, pValue: 1 }
  return { ...interval, chanceToWin: relativeLift > 0 ? 1 : 0, pValue: 0 }
}
