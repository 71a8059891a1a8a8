import type { AssignmentAllocation, AssignmentRollout } from './assignment-rollout.js'

/**
 * Whether a value has the shape of an {@link AssignmentRollout} (types only, not ranges: any
 * number is a traffic or a weight). Assignment answers `null` for anything else, so a
 * JavaScript caller's mistake cannot make it throw.
 *
 * @example
 * ```ts
 * isAssignmentRollout({ seed: 'id', trafficPercentage: 100, allocations: [] }) // true
 * isAssignmentRollout({ seed: 42 }) // false
 * ```
 */
export function isAssignmentRollout(value: unknown): value is AssignmentRollout {
  if (typeof value !== 'object' || value === null) return false
  const { seed, trafficPercentage, allocations } = value as Record<string, unknown>
  if (typeof seed !== 'string' || typeof trafficPercentage !== 'number') return false
  if (!Array.isArray(allocations)) return false
  for (let i = 0; i < allocations.length; i++) {
    if (!isAllocation(allocations[i])) return false
  }
  return true
}

function isAllocation(value: unknown): value is AssignmentAllocation {
  if (typeof value !== 'object' || value === null) return false
  const { variant, weight } = value as Record<string, unknown>
  return typeof variant === 'string' && typeof weight === 'number'
}
