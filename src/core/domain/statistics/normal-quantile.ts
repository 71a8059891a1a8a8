// The inverse of the standard normal distribution after M. J. Wichura, "Algorithm AS 241: the
// percentage points of the normal distribution", Applied Statistics 37 (1988): three rational
// approximations (the centre, the near tail and the far tail), each accurate to about 1e-16.

const CENTRE_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
]
const CENTRE_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852545925,
]
const NEAR_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
]
const NEAR_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
]
const FAR_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
]
const FAR_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
]

/** c₀ + c₁x + … + c₇x⁷ by Horner's rule. */
function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduceRight((total, c) => total * x + c, 0)
}

/**
 * The standard normal quantile Φ⁻¹(p): the z with P(Z ≤ z) = p, accurate to about 1e-16
 * relative over the whole open interval (0, 1). Gives −∞ at 0, +∞ at 1 and NaN outside [0, 1].
 *
 * @example
 * ```ts
 * normalQuantile(0.975) // 1.959963984540054
 * normalQuantile(0.5) // 0
 * ```
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN
  if (p === 0) return Number.NEGATIVE_INFINITY
  if (p === 1) return Number.POSITIVE_INFINITY
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * polynomial(CENTRE_A, r)) / polynomial(CENTRE_B, r)
  }
  const tail = q < 0 ? p : 1 - p
  const r = Math.sqrt(-Math.log(tail))
  const magnitude =
    r <= 5
      ? polynomial(NEAR_C, r - 1.6) / polynomial(NEAR_D, r - 1.6)
      : polynomial(FAR_E, r - 5) / polynomial(FAR_F, r - 5)
  return q < 0 ? -magnitude : magnitude
}
