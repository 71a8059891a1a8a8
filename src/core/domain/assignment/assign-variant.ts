import type { AssignmentRollout } from './assignment-rollout.js'
import { identityBucket } from './identity-bucket.js'
import { isAssignmentRollout } from './is-assignment-rollout.js'
import { variantIndex } from './variant-index.js'

/**
 * The variant an identity sees in an experiment, or `null` when it is not in the experiment.
 *
 * The answer is the one GrowthBook's SDK gives for an experiment with `key` = `seed`, hash
 * version 2, `coverage` = `trafficPercentage / 100`, `weights` = each allocation's weight / 100
 * in the rollout's order and the variant keys as `variations`, so a host already bucketing with
 * GrowthBook agrees with it:
 * - the identity's bucket is a hash of `seed + identity` ({@link identityBucket});
 * - of each variant's slice of [0, 1), only the first `trafficPercentage` % enters
 *   ({@link variantIndex}): traffic 0 lets nobody in, raising traffic only adds identities;
 * - weights that do not add up to 100 (±1) fall back to an equal split, as in GrowthBook;
 * - an empty identity is not in the experiment (GrowthBook skips identities whose hash
 *   attribute is empty), nor is anyone when there are fewer than two variants; an empty seed
 *   hashes the identity alone; values not of the declared types give `null`, never a throw.
 *
 * It allocates nothing, so it can be called per request; {@link createAssigner} also hashes the
 * seed only once, for loops over many identities.
 *
 * @example
 * ```ts
 * assignVariant(
 *   {
 *     seed: '2eb5293f-9c84-49b6-a9cb-8ca56b2cd4bc',
 *     trafficPercentage: 100,
 *     allocations: [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }],
 *   },
 *   'user-880065',
 * ) // 'treatment'
 * ```
 */
export function assignVariant(rollout: AssignmentRollout, identity: string): string | null {
  if (!isAssignmentRollout(rollout) || rollout.allocations.length < 2) return null
  if (typeof identity !== 'string' || identity === '') return null
  const index = variantIndex(
    identityBucket(rollout.seed, identity),
    rollout.trafficPercentage,
    rollout.allocations,
  )
  return index < 0 ? null : rollout.allocations[index]!.variant
}
