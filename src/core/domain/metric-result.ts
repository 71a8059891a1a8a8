import type { CupedStatus } from './statistics/cuped-status.js'
import type { Verdict } from './statistics/metric-roles.js'
import type { ExpectedDirection, MetricAggregation, MetricRole } from './vocabulary.js'

/** The control arm of one metric: its identities and their mean value (`null` without any). */
export interface ControlArm {
  readonly variant: string
  readonly n: number
  readonly mean: number | null
}

/**
 * One variant against the control on one metric. Every inferential field is `null` (and the
 * verdict `insufficient_data`) when either arm has fewer than two identities or the control's
 * mean is not positive. The interval and p-value are the ones the verdict reads: sequential or
 * fixed as the analysis says, corrected for multiple comparisons (primary and secondary metrics).
 * Below the minimum sample the figures are shown but the verdict is `insufficient_data`.
 */
export interface VariantComparison {
  readonly variant: string
  readonly n: number
  readonly mean: number | null
  readonly absoluteLift: number | null
  readonly relativeLift: number | null
  /** Also `null` when the correction leaves the interval unbounded (an adjusted p-value of about 1). */
  readonly ciLow: number | null
  readonly ciHigh: number | null
  /** P(variant > control), whatever the metric's expected direction. */
  readonly chanceToWin: number | null
  /** Corrected for multiple comparisons (guardrails are not). */
  readonly pValue: number | null
  readonly verdict: Verdict
  /** The p-value before the correction. */
  readonly pValueUnadjusted?: number | null
  /** "How much longer?": `null` when the comparison has no variance to project from. */
  readonly guidance?: ComparisonGuidance | null
}

/** How far a comparison is from detecting its minimum effect, at the exposure rate so far. */
export interface ComparisonGuidance {
  /** The relative lift (±) the figures are about. */
  readonly minimumEffect: number
  /** Today's chance of an interval excluding 0 if the lift were ±minimumEffect. */
  readonly power: number
  /** Identities of both arms still needed for the target power (0: enough); `null` if out of reach. */
  readonly additionalIdentities: number | null
  /** Days those take at the exposure rate so far; `null` if out of reach or no time has passed. */
  readonly days: number | null
}

/** One metric of the experiment: what it is and how every variant compares with the control. */
export interface MetricResult {
  readonly metric: string
  readonly name: string
  readonly role: MetricRole
  readonly expectedDirection: ExpectedDirection
  readonly aggregation: MetricAggregation
  readonly control: ControlArm
  /** The rollout's other variants, in its order. */
  readonly variants: readonly VariantComparison[]
  /**
   * Whether pre-exposure data reduced the comparisons' variance (CUPED); absent from results
   * frozen before it was recorded.
   */
  readonly cuped?: CupedStatus
}
