import type { AssignmentAllocation } from './assignment-rollout.js'

/**
 * The index of the allocation whose bucket range holds `bucket`, or -1 when none does (the
 * identity is outside the experiment). The ranges are GrowthBook's, computed in floating point
 * the same way so identities on the edge of two variants land where GrowthBook puts them, and
 * walked without building them:
 *
 * - coverage is `trafficPercentage / 100`, clamped to [0, 1] (NaN lets nobody in);
 * - weight `i` is `allocations[i].weight / 100`; when the weights do not add up to 1 within
 *   ±0.01 every variant gets `1 / n` instead (GrowthBook does not rescale them);
 * - variant `i` starts at the running sum of the weights before it and spans
 *   `coverage × weight`, half-open, so the identities left out by coverage sit at the end of
 *   every variant's slice and raising traffic only ever adds identities.
 *
 * @example
 * ```ts
 * const split = [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }]
 * variantIndex(0.2, 50, split) // 0 (range [0, 0.25))
 * variantIndex(0.3, 50, split) // -1 (outside the traffic)
 * variantIndex(0.5, 50, split) // 1 (range [0.5, 0.75))
 * ```
 */
export function variantIndex(
  bucket: number,
  trafficPercentage: number,
  allocations: readonly AssignmentAllocation[],
): number {
  const coverage = clampCoverage(trafficPercentage / 100)
  const equal = !addsUpToOne(allocations)
  const count = allocations.length
  let cumulative = 0
  for (let i = 0; i < count; i++) {
    const weight = equal ? 1 / count : allocations[i]!.weight / 100
    const start = cumulative
    cumulative += weight
    if (bucket >= start && bucket < start + coverage * weight) return i
  }
  return -1
}

function clampCoverage(coverage: number): number {
  return coverage < 0 ? 0 : coverage > 1 ? 1 : coverage
}

/** Whether the weights (percent / 100) add up to 1 within ±0.01; NaN counts as adding up, as in GrowthBook. */
function addsUpToOne(allocations: readonly AssignmentAllocation[]): boolean {
  let total = 0
  for (let i = 0; i < allocations.length; i++) total = allocations[i]!.weight / 100 + total
  return !(total < 0.99 || total > 1.01)
}
