import { chiSquaredSurvival } from './chi-squared-survival.js'

/**
 * Sample-ratio-mismatch test: the p-value of Pearson's chi-squared goodness of fit of the exposure
 * counts per variant against the shares the allocation promised, with k − 1 degrees of freedom for
 * k variants. A tiny p-value (conventionally < 0.001) means the split is broken — assignment or
 * exposure logging loses or duplicates identities in some variant — and no lift can be trusted.
 *
 * Only variants with a share > 0 take part: the shares of those are normalised to sum to 1 and
 * their counts form the total. Counts in zero-share variants are left out of the test (they say
 * nothing about whether the promised split among the others held); a caller that wants to flag
 * them does so separately.
 *
 * Returns `null` when fewer than two variants have a positive share, when those variants have no
 * exposure at all, or when the input cannot describe an allocation (lengths differ, a count that is
 * not a non-negative integer, a share that is negative or not finite).
 *
 * @example
 * ```ts
 * srmPValue([5000, 5000], [0.5, 0.5]) // 1
 * srmPValue([5200, 4800], [0.5, 0.5]) // 6.334248366623977e-5
 * srmPValue([0, 0], [0.5, 0.5]) // null
 * ```
 */
export function srmPValue(observed: readonly number[], expectedShares: readonly number[]): number | null {
  if (!isValidInput(observed, expectedShares)) return null
  // Scaling by the largest share first keeps the normalising sum finite whatever the shares' units.
  const largestShare = expectedShares.reduce((largest, share) => Math.max(largest, share), 0)
  const arms = observed
    .map((count, index) => ({ count, share: (expectedShares[index] ?? 0) / largestShare }))
    .filter((arm) => arm.share > 0)
  const total = arms.reduce((sum, arm) => sum + arm.count, 0)
  const shareTotal = arms.reduce((sum, arm) => sum + arm.share, 0)
  if (arms.length < 2 || total === 0) return null
  const statistic = arms.reduce((sum, { count, share }) => {
    const expected = (total * share) / shareTotal
    return sum + (count - expected) ** 2 / expected
  }, 0)
  return chiSquaredSurvival(statistic, arms.length - 1)
}

/** Same length, counts non-negative integers, shares finite and non-negative. */
function isValidInput(observed: readonly number[], expectedShares: readonly number[]): boolean {
  return (
    observed.length === expectedShares.length &&
    observed.every((count) => Number.isSafeInteger(count) && count >= 0) &&
    expectedShares.every((share) => Number.isFinite(share) && share >= 0)
  )
}
