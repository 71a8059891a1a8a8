import { erfc } from './erf.js'

/** Above this half-statistic, e^(−y) would lose precision in subnormals: terms go through logarithms. */
const LOG_SPACE_FROM = 600
/** 1/Γ(3/2) = 2/√π. */
const TWO_OVER_SQRT_PI = 1.1283791670955126
const LN_TWO_OVER_SQRT_PI = Math.log(TWO_OVER_SQRT_PI)

/**
 * P(X ≥ x) for X chi-squared with an integer number of degrees of freedom, in closed form (no
 * series truncation, no continued fraction): with y = x/2 and Q the regularized upper incomplete
 * gamma function, Q(1, y) = e^(−y), Q(½, y) = erfc(√y), and Q(a + 1, y) = Q(a, y) + yᵃe^(−y)/Γ(a + 1).
 * So an even k sums k/2 Poisson terms and an odd k adds (k − 1)/2 terms to erfc(√(x/2)).
 *
 * Returns NaN when `degreesOfFreedom` is not a positive integer or `x` is NaN; 1 for x ≤ 0.
 *
 * @example
 * ```ts
 * chiSquaredSurvival(3.841458820694124, 1) // 0.05000000000000007
 * chiSquaredSurvival(10, 4) // 0.040427681994512805
 * ```
 */
export function chiSquaredSurvival(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || !Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1) return Number.NaN
  if (x <= 0) return 1
  if (x === Number.POSITIVE_INFINITY) return 0
  const y = x / 2
  const odd = degreesOfFreedom % 2 === 1
  const base = odd ? erfc(Math.sqrt(y)) : Math.exp(-y)
  const terms = odd ? (degreesOfFreedom - 1) / 2 : degreesOfFreedom / 2 - 1
  const firstShape = odd ? 0.5 : 1
  return base + (y < LOG_SPACE_FROM ? directSum : logSpaceSum)(y, firstShape, terms)
}

/**
 * Σ yᵃe^(−y)/Γ(a + 1) for a = first, first + 1, … (`count` terms), each term obtained from the
 * previous one by the factor y/(a + 1).
 */
function directSum(y: number, first: number, count: number): number {
  let term = first === 1 ? y * Math.exp(-y) : TWO_OVER_SQRT_PI * Math.sqrt(y) * Math.exp(-y)
  let total = 0
  for (let i = 0, shape = first; i < count; i += 1, shape += 1) {
    if (i > 0) term *= y / shape
    total += term
  }
  return total
}

/** The same sum as {@link directSum}, with each term's logarithm accumulated so that e^(−y) never underflows alone. */
function logSpaceSum(y: number, first: number, count: number): number {
  const logY = Math.log(y)
  let logTerm = first === 1 ? logY - y : 0.5 * logY - y + LN_TWO_OVER_SQRT_PI
  let total = 0
  for (let i = 0, shape = first; i < count; i += 1, shape += 1) {
    if (i > 0) logTerm += logY - Math.log(shape)
    total += Math.exp(logTerm)
  }
  return total
}
