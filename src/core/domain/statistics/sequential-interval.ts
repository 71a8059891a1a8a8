import type { LiftEstimate } from './lift-estimate.js'

/** What a sequential analysis is tuned with. */
export type SequentialSettings = {
  /** Two-sided error rate of the whole sequence of looks: 0.05 gives 95% intervals. */
  readonly alpha: number
  /** The total sample (both arms) at which the interval is tightest, N*: 5000 by default. */
  readonly tuning: number
}

/** A confidence sequence at one look: valid however often and whenever the results are read. */
export type SequentialInterval = {
  readonly low: number
  readonly high: number
  /** The always-valid p-value: below `alpha` exactly when the interval excludes 0. */
  readonly pValue: number
}

/**
 * The mixing parameter ρ of the asymptotic confidence sequence, chosen so the interval is
 * tightest when the two arms hold `tuning` identities together:
 * ρ = √((−2 ln α + ln(−2 ln α + 1)) / N*).
 *
 * @example
 * ```ts
 * sequentialRho(0.05, 5000) // 0.036…
 * ```
 */
export function sequentialRho(alpha: number, tuning: number): number {
  const minusTwoLogAlpha = -2 * Math.log(alpha)
  return Math.sqrt((minusTwoLogAlpha + Math.log(minusTwoLogAlpha + 1)) / tuning)
}

/**
 * Half the width of the asymptotic confidence sequence for an estimate whose variance is
 * `standardError²`, from `n` identities: with s² = se²·n (the variance of one identity's
 * contribution), half-width = √s² · √(2(nρ² + 1) · ln(√(nρ² + 1)/α) / (nρ)²).
 *
 * @example
 * ```ts
 * sequentialHalfWidth(0.1, 2000, { alpha: 0.05, tuning: 5000 }) // 0.2767…
 * ```
 */
export function sequentialHalfWidth(standardError: number, n: number, settings: SequentialSettings): number {
  return confidenceSequenceHalfWidth(standardError * standardError * n, n, settings)
}

/**
 * {@link sequentialHalfWidth} from s² itself (the variance of one identity's contribution) rather
 * than from a standard error: what a projection to a larger sample needs, where s² stays and n grows.
 *
 * @example
 * ```ts
 * confidenceSequenceHalfWidth(20, 2000, { alpha: 0.05, tuning: 5000 }) // 0.2767…
 * ```
 */
export function confidenceSequenceHalfWidth(s2: number, n: number, settings: SequentialSettings): number {
  const rho = sequentialRho(settings.alpha, settings.tuning)
  const nRho2PlusOne = n * rho * rho + 1
  return (
    Math.sqrt(s2) *
    Math.sqrt((2 * nRho2PlusOne * Math.log(Math.sqrt(nRho2PlusOne) / settings.alpha)) / (n * rho) ** 2)
  )
}

/**
 * The always-valid p-value of "no lift": 1/e capped at 1, with the e-value
 * e = exp(ρ²·t²/(2(nρ² + 1))) / √(nρ² + 1) and t² = lift²·n/se².
 *
 * @example
 * ```ts
 * sequentialPValue({ lift: 0.3, standardError: 0.1, n: 2000 }, { alpha: 0.05, tuning: 5000 }) // 0.0244…
 * ```
 */
export function sequentialPValue(estimate: LiftEstimate, settings: SequentialSettings): number {
  const rho = sequentialRho(settings.alpha, settings.tuning)
  const { lift, standardError, n } = estimate
  const t2 = (lift * lift * n) / (standardError * standardError)
  const nRho2PlusOne = n * rho * rho + 1
  const logE = (rho * rho * t2) / (2 * nRho2PlusOne) - 0.5 * Math.log(nRho2PlusOne)
  return Math.min(1, Math.exp(-logE))
}

/**
 * The confidence sequence on the relative lift at this look: lift ± {@link sequentialHalfWidth}
 * with its {@link sequentialPValue}. A product person may read it every day: the chance that it
 * ever excludes 0 when nothing changed stays below α, which a fixed 95% interval read at many
 * looks does not promise.
 *
 * @example
 * ```ts
 * sequentialInterval({ lift: 0.3, standardError: 0.1, n: 2000 }, { alpha: 0.05, tuning: 5000 })
 * // { low: 0.0232…, high: 0.5767…, pValue: 0.0244… }
 * ```
 */
export function sequentialInterval(estimate: LiftEstimate, settings: SequentialSettings): SequentialInterval {
  const halfWidth = sequentialHalfWidth(estimate.standardError, estimate.n, settings)
  return {
    low: estimate.lift - halfWidth,
    high: estimate.lift + halfWidth,
    pValue: sequentialPValue(estimate, settings),
  }
}
