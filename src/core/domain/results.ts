import type { DataQuality, ExperimentSummary, VariantSums } from './experiment-summary.js'
import type { ExpectedDirection, MetricRole } from './experiment-metrics.js'
import type { ExperimentState } from './experiment.js'
import type { MetricAggregation } from './metric.js'
import { compareVariants } from './statistics/compare-variants.js'
import type { Verdict } from './statistics/metric-roles.js'
import { srmPValue } from './statistics/srm-p-value.js'
import { summaryStatistics, type MetricSums } from './statistics/summary-statistics.js'
import { verdict } from './statistics/verdict.js'

/** Below this sample-ratio-mismatch p-value the split is taken as broken. */
export const SRM_THRESHOLD = 0.001

/** The span of time results count, both ends inclusive. */
export interface ResultsWindow {
  readonly from: Date
  readonly to: Date
}

/** One variant of the rollout with its weight and its identities exposed in the window. */
export interface VariantExposures {
  readonly variant: string
  readonly weight: number
  /** Identities exposed to this variant only (multiple-exposure identities left out). */
  readonly exposures: number
}

/** The control arm of one metric: its identities and their mean value (`null` without any). */
export interface ControlArm {
  readonly variant: string
  readonly n: number
  readonly mean: number | null
}

/**
 * One variant against the control on one metric. Every inferential field is `null` (and the
 * verdict `insufficient_data`) when either arm has fewer than two identities or the control's
 * mean is not positive.
 */
export interface VariantComparison {
  readonly variant: string
  readonly n: number
  readonly mean: number | null
  readonly absoluteLift: number | null
  readonly relativeLift: number | null
  readonly ciLow: number | null
  readonly ciHigh: number | null
  /** P(variant > control), whatever the metric's expected direction. */
  readonly chanceToWin: number | null
  readonly pValue: number | null
  readonly verdict: Verdict
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
}

/** Sample-ratio-mismatch check of the exposures against the split. */
export interface SampleRatioCheck {
  readonly pValue: number
  /** `pValue` below {@link SRM_THRESHOLD}. */
  readonly mismatch: boolean
}

/**
 * What an experiment's data says at `asOf`: exposures per variant, the split's health and, per
 * metric, each variant against the control (the rollout's first variant). Once the experiment is
 * completed the results are computed one last time and frozen (`isFinal`).
 */
export interface ExperimentResults {
  readonly asOf: Date
  readonly isFinal: boolean
  /** `null` until the experiment has started. */
  readonly window: ResultsWindow | null
  /** Every variant of the rollout, in its order, weight-0 ones included. */
  readonly variants: readonly VariantExposures[]
  /** Identities exposed to two or more variants: kept out of every other figure. */
  readonly multipleExposures: number
  /** `null` without exposures or with fewer than two variants of weight above 0. */
  readonly srm: SampleRatioCheck | null
  readonly metrics: readonly MetricResult[]
  /**
   * Data stored but not counted in the window (exposures outside it, events before the
   * identity's exposure), so that a broken SDK shows; `null` before the start, and in final
   * results frozen by a release that did not count them.
   */
  readonly dataQuality: DataQuality | null
}

/** What {@link buildResults} needs of an experiment. */
export type ResultsSubject = Pick<ExperimentState, 'startedAt' | 'endedAt' | 'rollout' | 'metrics'>

/**
 * The window results count: from the start to the end (a completed experiment) or to `asOf`;
 * `null` before the start.
 *
 * @example
 * ```ts
 * resultsWindow({ startedAt: null, endedAt: null }, now) // null
 * ```
 */
export function resultsWindow(
  experiment: Pick<ExperimentState, 'startedAt' | 'endedAt'>,
  asOf: Date,
): ResultsWindow | null {
  if (experiment.startedAt === null) return null
  return { from: experiment.startedAt, to: experiment.endedAt ?? asOf }
}

/**
 * Turns an experiment's aggregated data into its results: the rollout's variants in order with
 * their exposures (0 when the summary has none), the SRM check over the variants of weight above
 * 0, per metric each other variant compared with the control and read as a verdict for the
 * metric's role and expected direction (sums that are not finite, from values too large to add
 * up, give `null` figures and `insufficient_data`), and the summary's data-quality counts. An experiment that has not started gets an empty body
 * (and its summary, if any, is not read).
 *
 * @example
 * ```ts
 * const summary = await data.summarize({ environmentId, experimentId, window, metrics })
 * buildResults(experiment, summary, { asOf: now, isFinal: false })
 * ```
 */
export function buildResults(
  experiment: ResultsSubject,
  summary: ExperimentSummary | null,
  options: { readonly asOf: Date; readonly isFinal: boolean },
): ExperimentResults {
  const { asOf, isFinal } = options
  const window = resultsWindow(experiment, asOf)
  if (window === null || summary === null) {
    return {
      asOf,
      isFinal,
      window,
      variants: [],
      multipleExposures: 0,
      srm: null,
      metrics: [],
      dataQuality: null,
    }
  }
  const exposures = new Map(summary.variants.map((v) => [v.variant, v.exposures]))
  const variants = experiment.rollout.allocations.map(({ variant, weight }) => ({
    variant,
    weight,
    exposures: exposures.get(variant) ?? 0,
  }))
  return {
    asOf,
    isFinal,
    window,
    variants,
    multipleExposures: summary.multipleExposures,
    srm: sampleRatioCheck(variants),
    metrics: experiment.metrics.map((metric) => {
      const sums = summary.metrics.find((m) => m.metricId === metric.metricId)?.variants ?? []
      return metricResult(metric, variants, sums)
    }),
    dataQuality: summary.dataQuality,
  }
}

/** The SRM check over the variants of weight above 0 (the statistic leaves the others out). */
function sampleRatioCheck(variants: readonly VariantExposures[]): SampleRatioCheck | null {
  const pValue = srmPValue(
    variants.map((v) => v.exposures),
    variants.map((v) => v.weight),
  )
  return pValue === null ? null : { pValue, mismatch: pValue < SRM_THRESHOLD }
}

const EMPTY_ARM: MetricSums = { n: 0, sum: 0, sumSquares: 0 }

/** One metric: the control arm (the first variant) and every other variant against it. */
function metricResult(
  metric: ResultsSubject['metrics'][number],
  variants: readonly VariantExposures[],
  sums: readonly VariantSums[],
): MetricResult {
  const armOf = (variant: string): MetricSums => sums.find((s) => s.variant === variant) ?? EMPTY_ARM
  const [first, ...others] = variants
  const controlKey = first?.variant ?? ''
  const control = armOf(controlKey)
  return {
    metric: metric.metricId,
    name: metric.name,
    role: metric.role,
    expectedDirection: metric.expectedDirection,
    aggregation: metric.aggregation,
    control: { variant: controlKey, n: control.n, mean: summaryStatistics(control).mean },
    variants: others.map(({ variant }) => {
      const arm = armOf(variant)
      const comparison = compareVariants(control, arm)
      return {
        variant,
        n: arm.n,
        mean: summaryStatistics(arm).mean,
        absoluteLift: comparison?.absoluteLift ?? null,
        relativeLift: comparison?.relativeLift ?? null,
        ciLow: comparison?.ciLow ?? null,
        ciHigh: comparison?.ciHigh ?? null,
        chanceToWin: comparison?.chanceToWin ?? null,
        pValue: comparison?.pValue ?? null,
        verdict: verdict(metric.role, metric.expectedDirection, comparison),
      }
    }),
  }
}
