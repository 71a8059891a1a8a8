import { erf, erfcx } from './erf.js'

/** Below this |x|/√2 the central formula ½(1 + erf(x/√2)) is exact enough; above it, a tail is computed. */
const CENTRAL_LIMIT = 0.46875
/** Beyond this |x|, the smaller tail is below the smallest double and Φ is exactly 0 or 1. */
const SATURATION = 38.5

/**
 * The standard normal cumulative distribution function Φ(x) = P(Z ≤ x).
 *
 * The smaller tail is computed directly as ½·e^(−x²/2)·erfcx(|x|/√2), with e^(−x²/2) evaluated
 * without rounding x², so even far tails keep their relative accuracy (Φ(−37) ≈ 5.72e-300 to
 * about 1e-15) instead of collapsing to 0 through 1 − Φ(|x|).
 *
 * @example
 * ```ts
 * normalCdf(1.959963984540054) // 0.975
 * normalCdf(-8) // 6.220960574271784e-16
 * ```
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  const magnitude = Math.abs(x)
  if (magnitude * Math.SQRT1_2 <= CENTRAL_LIMIT) return 0.5 + 0.5 * erf(x * Math.SQRT1_2)
  const smallerTail = magnitude >= SATURATION ? 0 : lowerTail(magnitude)
  return x < 0 ? smallerTail : 1 - smallerTail
}

/** Φ(−t) for t > 0: ½·e^(−t²/2)·erfcx(t/√2), where e^(−t²/2) = exp(−(t/√2)²) is split exactly. */
function lowerTail(t: number): number {
  return 0.5 * halfSquareExp(t) * erfcx(t * Math.SQRT1_2)
}

/** e^(−t²/2) with t split into a short head, whose square is exact, and a small remainder. */
function halfSquareExp(t: number): number {
  const head = Math.trunc(t * 16) / 16
  const rest = (t - head) * (t + head)
  return Math.exp(-(head * head) / 2) * Math.exp(-rest / 2)
}
