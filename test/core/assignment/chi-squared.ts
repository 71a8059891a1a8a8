/**
 * Pearson's chi-squared statistic of observed counts against expected probabilities.
 */
export function chiSquared(observed: readonly number[], probabilities: readonly number[]): number {
  const total = observed.reduce((sum, count) => sum + count, 0)
  return observed.reduce((sum, count, i) => {
    const expected = total * probabilities[i]!
    return sum + (count - expected) ** 2 / expected
  }, 0)
}

/**
 * P(X ≥ x) for X chi-squared with `df` degrees of freedom (1..20): one minus the regularized
 * lower incomplete gamma P(df/2, x/2), summed from its power series
 * P(a, z) = zᵃ e⁻ᶻ Σ zⁿ / Γ(a + n + 1), which converges for every z.
 */
export function chiSquaredSurvival(x: number, df: number): number {
  if (x <= 0) return 1
  const a = df / 2
  const z = x / 2
  let term = Math.exp(a * Math.log(z) - z) / gammaOfHalfInteger(a + 1)
  let sum = term
  for (let n = 1; n < 1000 && term > sum * 1e-16; n++) {
    term *= z / (a + n)
    sum += term
  }
  return Math.max(0, 1 - sum)
}

/** Γ(v) for v a positive multiple of ½: Γ(1) = 1, Γ(½) = √π, Γ(v + 1) = v Γ(v). */
function gammaOfHalfInteger(v: number): number {
  let t = Number.isInteger(v) ? 1 : 0.5
  let gamma = Number.isInteger(v) ? 1 : Math.sqrt(Math.PI)
  for (; t < v; t++) gamma *= t
  return gamma
}
