import { normalCdf } from './normal-cdf.js'
import { normalQuantile } from './normal-quantile.js'
import { confidenceSequenceHalfWidth } from './sequential-interval.js'

/** What "enough data" means for a metric: the effect worth detecting and how surely. */
export type PowerSettings = {
  /** Two-sided error rate of one comparison before correction: 0.05. */
  readonly alpha: number
  /** The smallest relative lift worth detecting, e.g. 0.05 for ±5%. Its sign is ignored. */
  readonly minimumEffect: number
  /** The chance of detecting that lift, when it is real, that counts as enough: 0.8. */
  readonly targetPower: number
  /** Comparisons α is shared among (Bonferroni: α/tests per comparison); 1 without correction. */
  readonly tests: number
  /** Goal metrics that must all reach the power together: each needs targetPower^(1/goalMetrics). */
  readonly goalMetrics: number
  /** The sequential tuning N* when results are sequential; `null` for a fixed analysis. */
  readonly sequentialTuning: number | null
}

/** How far a comparison is from detecting the minimum effect. */
export type SampleGuidance = {
  /** The chance, at today's sample and variance, of an interval excluding 0 if the lift were ±minimumEffect. */
  readonly power: number
  /**
   * Identities (both arms together) still needed to reach the target power: 0 when already
   * there, `null` when even 2²⁷ times today's sample would not do.
   */
  readonly additionalIdentities: number | null
  /** additionalIdentities as a multiple of today's sample, the factor days scale by; `null` alike. */
  readonly scalingFactor: number | null
}

/**
 * The power to detect a relative lift of ±`minimumEffect` once the sample has grown by
 * `scalingFactor` (0 = today) from `n` identities whose lift estimate has variance `variance`:
 * the variance shrinks to variance/(1 + k); the half-width is z(1 − α/(2·tests))·√that for a
 * fixed analysis, or the confidence sequence's at n·(1 + k) identities; the power is
 * 1 − Φ((half-width − effect)/sd) + Φ(−(half-width + effect)/sd).
 *
 * @example
 * ```ts
 * detectionPower(0.0004, 10_000, 0, { alpha: 0.05, minimumEffect: 0.05, targetPower: 0.8, tests: 1, goalMetrics: 1, sequentialTuning: null })
 * // 0.7054…
 * ```
 */
export function detectionPower(
  variance: number,
  n: number,
  scalingFactor: number,
  settings: PowerSettings,
): number {
  const alpha = settings.alpha / settings.tests
  const effect = Math.abs(settings.minimumEffect)
  const sd = Math.sqrt(variance / (1 + scalingFactor))
  const halfWidth =
    settings.sequentialTuning === null
      ? normalQuantile(1 - alpha / 2) * sd
      : confidenceSequenceHalfWidth(n * variance, n + scalingFactor * n, {
          alpha,
          tuning: settings.sequentialTuning,
        })
  return normalCdf((effect - halfWidth) / sd) + normalCdf(-(halfWidth + effect) / sd)
}

/** Doublings tried before giving up on reaching the target power (2²⁷ ≈ 134 million times today's sample). */
const MAX_DOUBLINGS = 27
/** Bisection steps after the doublings. */
const MAX_BISECTIONS = 100
/** How close to the target power the bisection stops. */
const POWER_TOLERANCE = 1e-5

/**
 * Today's power and the sample still needed to detect the minimum effect: the smallest growth
 * factor k of today's `n` identities at which {@link detectionPower} reaches
 * targetPower^(1/goalMetrics), found by doubling k from 1 and then bisecting to within 1e-5 of
 * that power. The identities still needed are n·k; at a steady exposure rate they take k times
 * as long as the experiment has run (see {@link daysToDetect}).
 *
 * @example
 * ```ts
 * sampleGuidance(0.0004, 10_000, { alpha: 0.05, minimumEffect: 0.05, targetPower: 0.8, tests: 1, goalMetrics: 1, sequentialTuning: null })
 * // { power: 0.7054…, additionalIdentities: 2560.9…, scalingFactor: 0.2560… }
 * ```
 */
export function sampleGuidance(variance: number, n: number, settings: PowerSettings): SampleGuidance {
  const target = settings.targetPower ** (1 / settings.goalMetrics)
  const powerAt = (k: number): number => detectionPower(variance, n, k, settings)
  const power = powerAt(0)
  if (power > target) return { power, additionalIdentities: 0, scalingFactor: 0 }
  let k = 1
  let current = powerAt(k)
  for (let i = 0; i < MAX_DOUBLINGS && current < target; i += 1) {
    k *= 2
    current = powerAt(k)
  }
  if (current < target) return { power, additionalIdentities: null, scalingFactor: null }
  let lower = 0
  let upper = k
  let diff = current - target
  for (let i = 0; i < MAX_BISECTIONS; i += 1) {
    if (diff > 0) upper = k
    else lower = k
    k = 0.5 * (lower + upper)
    diff = powerAt(k) - target
    if (Math.abs(diff) < POWER_TOLERANCE) break
  }
  return { power, additionalIdentities: n * k, scalingFactor: k }
}

/**
 * Days still needed at the exposure rate so far: the experiment has run `elapsedDays` to gather
 * today's sample, so growing it by `scalingFactor` takes scalingFactor·elapsedDays more. `null`
 * when the factor is unknown or no time has passed.
 *
 * @example
 * ```ts
 * daysToDetect(0.5, 14) // 7
 * ```
 */
export function daysToDetect(scalingFactor: number | null, elapsedDays: number): number | null {
  if (scalingFactor === null || !(elapsedDays > 0)) return null
  return scalingFactor * elapsedDays
}
