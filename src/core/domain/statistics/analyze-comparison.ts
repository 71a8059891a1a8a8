import type { AnalysisSettings } from './analysis-settings.js'
import { compareVariants, Z_95, type Comparison } from './compare-variants.js'
import { cupedEstimate, type CupedArm } from './cuped.js'
import { erfc } from './erf.js'
import { armMoments, liftEstimate, type LiftEstimate } from './lift-estimate.js'
import { normalCdf } from './normal-cdf.js'
import { normalQuantile } from './normal-quantile.js'
import { sequentialInterval } from './sequential-interval.js'
import type { MetricSums } from './summary-statistics.js'

/** One arm's sums, with the pre-exposure sums of the same metric when the data source has them. */
export type ArmSums = MetricSums & { readonly pre?: CupedArm['pre'] }

/** A comparison with what it was built from: the estimate behind it and whether CUPED adjusted it. */
export type AnalyzedComparison = Comparison & {
  /** The relative lift's standard error (after CUPED when adjusted). */
  readonly standardError: number
  /** Identities of both arms. */
  readonly n: number
  /** Whether the pre-exposure covariate reduced the variance. */
  readonly cuped: boolean
}

/**
 * Compares a variant with the control as `settings` say: the lift estimate (with CUPED when both
 * arms carry pre-exposure sums and they can adjust anything), then the interval and p-value of the
 * method — the confidence sequence for `sequential`, lift ± z(1 − α/2)·se for `fixed` (exactly
 * {@link compareVariants} without CUPED at α = 0.05). The chance to win is Φ(lift/se) in both.
 *
 * Returns `null` when no comparison can be made (see {@link compareVariants}).
 *
 * @example
 * ```ts
 * analyzeComparison(control, variant, { method: 'sequential', sequentialTuning: 5000, alpha: 0.05 })
 * ```
 */
export function analyzeComparison(
  control: ArmSums,
  variant: ArmSums,
  settings: AnalysisSettings,
): AnalyzedComparison | null {
  const fixedToday = compareVariants(control, variant)
  if (fixedToday === null) return null
  const adjusted = cupedOf(control, variant)
  const estimate = adjusted ?? plainEstimate(control, variant)
  if (estimate === null) return null
  const cuped = adjusted !== null
  // After CUPED the difference of adjusted means is lift × the unadjusted control mean.
  const absoluteLift = cuped ? estimate.lift * (control.sum / control.n) : fixedToday.absoluteLift
  const base = { standardError: estimate.standardError, n: estimate.n, cuped }
  if (estimate.standardError === 0) return { ...fixedToday, ...base }
  if (settings.method === 'fixed' && !cuped && settings.alpha === 0.05) return { ...fixedToday, ...base }
  const chanceToWin = normalCdf(estimate.lift / estimate.standardError)
  const interval =
    settings.method === 'sequential'
      ? sequentialInterval(estimate, { alpha: settings.alpha, tuning: settings.sequentialTuning })
      : fixedInterval(estimate, settings.alpha)
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return null
  return {
    relativeLift: estimate.lift,
    absoluteLift,
    ciLow: interval.low,
    ciHigh: interval.high,
    chanceToWin,
    pValue: interval.pValue,
    ...base,
  }
}

/** The CUPED estimate when both arms carry pre-exposure sums and they adjust anything. */
function cupedOf(control: ArmSums, variant: ArmSums): LiftEstimate | null {
  if (control.pre === undefined || variant.pre === undefined) return null
  return cupedEstimate({ ...control, pre: control.pre }, { ...variant, pre: variant.pre })
}

function plainEstimate(control: MetricSums, variant: MetricSums): LiftEstimate | null {
  const c = armMoments(control)
  const v = armMoments(variant)
  return c === null || v === null ? null : liftEstimate(c, v)
}

/** lift ± z(1 − α/2)·se with the two-sided normal p-value. */
function fixedInterval(estimate: LiftEstimate, alpha: number) {
  const z = alpha === 0.05 ? Z_95 : normalQuantile(1 - alpha / 2)
  const halfWidth = z * estimate.standardError
  const statistic = Math.abs(estimate.lift) / estimate.standardError
  return {
    low: estimate.lift - halfWidth,
    high: estimate.lift + halfWidth,
    pValue: erfc(statistic * Math.SQRT1_2),
  }
}
