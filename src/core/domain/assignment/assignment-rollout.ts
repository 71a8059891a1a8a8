/** One variant's share of the identities that enter an experiment, in percent. */
export type AssignmentAllocation = { readonly variant: string; readonly weight: number }

/**
 * What assignment needs to know about an experiment: a `seed` that makes its buckets independent of
 * every other experiment's (the experiment's id), the percentage of identities that enter it
 * (0..100) and each variant's weight in percent, in the rollout's order.
 */
export type AssignmentRollout = {
  readonly seed: string
  readonly trafficPercentage: number
  readonly allocations: readonly AssignmentAllocation[]
}
