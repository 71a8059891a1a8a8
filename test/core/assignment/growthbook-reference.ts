import { GrowthBook, type Experiment } from '@growthbook/growthbook'
import type { AssignmentRollout } from '../../../src/core/domain/assignment/assignment-rollout.js'

/**
 * The answer of GrowthBook's own SDK, the reference the library must match: `run()` on an
 * experiment whose key is the rollout's `seed`, hash version 2, coverage = traffic / 100, weights = allocation
 * weights / 100 in order, the variant keys as variations; `null` when not in the experiment.
 */
export function growthbookAssign(rollout: AssignmentRollout, identity: string): string | null {
  const growthbook = new GrowthBook({ attributes: { id: identity } })
  const result = growthbook.run(growthbookExperiment(rollout))
  return result.inExperiment ? result.value : null
}

/** The GrowthBook experiment equivalent to a rollout. */
export function growthbookExperiment(rollout: AssignmentRollout): Experiment<string> {
  return {
    key: rollout.seed,
    hashVersion: 2,
    coverage: rollout.trafficPercentage / 100,
    weights: rollout.allocations.map((allocation) => allocation.weight / 100),
    // GrowthBook's type demands two variations; fewer is an input it answers (nobody is in).
    variations: rollout.allocations.map((allocation) => allocation.variant) as [string, string, ...string[]],
  }
}
