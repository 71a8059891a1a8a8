import type { AssignmentRollout } from './assignment-rollout.js'
import { fnv1a32 } from './fnv1a32.js'
import { identityBucketAfterSeed } from './identity-bucket.js'
import { isAssignmentRollout } from './is-assignment-rollout.js'
import { variantIndex } from './variant-index.js'

/** Assigns one identity to a variant key, or `null` when it is not in the experiment. */
export type Assigner = (identity: string) => string | null

/**
 * Reads a rollout once (a copy of its allocations, its seed already hashed) and returns a
 * function giving the same answers as {@link assignVariant} for it, for loops over many
 * identities. Later changes to the rollout object are not seen.
 *
 * @example
 * ```ts
 * const assign = createAssigner({
 *   seed: experiment.id,
 *   trafficPercentage: 50,
 *   allocations: [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }],
 * })
 * assign('user-42') // 'control', 'treatment' or null (outside the 50 % of traffic)
 * ```
 */
export function createAssigner(rollout: AssignmentRollout): Assigner {
  if (!isAssignmentRollout(rollout) || rollout.allocations.length < 2) return () => null
  const seedState = fnv1a32(rollout.seed)
  const trafficPercentage = rollout.trafficPercentage
  const allocations = rollout.allocations.map(({ variant, weight }) => ({ variant, weight }))
  return (identity) => {
    if (typeof identity !== 'string' || identity === '') return null
    const index = variantIndex(identityBucketAfterSeed(seedState, identity), trafficPercentage, allocations)
    return index < 0 ? null : allocations[index]!.variant
  }
}
