import { normalCdf } from '../../src/core/domain/statistics/normal-cdf.js'

/**
 * Φ⁻¹(0.975): with a fixed analysis, a primary metric expecting an increase is `winning` when
 * the 95% interval excludes 0 above, i.e. when lift/se exceeds it.
 */
export const Z_TWO_SIDED_95 = 1.959963984540054

/**
 * Power of a conversion test as the normal approximation predicts it (what a sample-size
 * calculator says): the engine calls `winning` when the difference of means reaches 1.96 of the
 * standard error it computes from the rates (or `critical` of them: a sequential interval's half-width in
 * standard errors) (evaluated at the true rates), while the difference
 * itself is normal around the true one.
 *
 * @example
 * ```ts
 * predictedPower(10_000, 10_000, 0.1, 0.112) // ≈ 0.68
 * ```
 */
export function predictedPower(
  nControl: number,
  nVariant: number,
  pControl: number,
  pVariant: number,
  critical: number = Z_TWO_SIDED_95,
): number {
  const varianceC = pControl * (1 - pControl)
  const varianceV = pVariant * (1 - pVariant)
  const ratio = pVariant / pControl
  const engineSe = Math.sqrt(varianceV / nVariant + (ratio * ratio * varianceC) / nControl)
  const trueSe = Math.sqrt(varianceV / nVariant + varianceC / nControl)
  return normalCdf((pVariant - pControl - critical * engineSe) / trueSe)
}

/**
 * Asserts helper: the band a simulated rate must fall in. With R experiments and a true rate r,
 * the observed rate has standard deviation √(r(1 − r)/R); ±3.5 of those misses a correct engine
 * with probability < 5e-4.
 *
 * @example
 * ```ts
 * binomialBand(0.1, 200) // ≈ 0.074
 * ```
 */
export function binomialBand(rate: number, runs: number, sds = 3.5): number {
  return sds * Math.sqrt((rate * (1 - rate)) / runs)
}
