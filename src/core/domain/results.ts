import type { DataQuality, ExperimentSummary } from './experiment-summary.js'
import type { ExperimentState } from './experiment.js'
import type { MetricResult } from './metric-result.js'
import { metricResults } from './metric-results.js'
import {
  resultsSettings,
  type AnalysisSettings,
  type GuidanceSettings,
  type MinimumSample,
  type ResultsSettingsInput,
} from './statistics/analysis-settings.js'
import type { Correction } from './statistics/multiple-comparisons.js'
import { srmPValue } from './statistics/srm-p-value.js'

export type { ComparisonGuidance, ControlArm, MetricResult, VariantComparison } from './metric-result.js'

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

/** How the figures of {@link ExperimentResults} were computed. */
export interface ResultsAnalysis extends AnalysisSettings {
  readonly correction: Correction
  readonly minimumSample: MinimumSample
  readonly guidance: GuidanceSettings
  /** Metrics whose variance the pre-exposure data reduced (CUPED); the others are unadjusted. */
  readonly cupedMetrics: readonly string[]
  /**
   * Days before each identity's first exposure the summary read for CUPED (0: none); absent
   * from results frozen before it was recorded.
   */
  readonly preExposureDays?: number
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
  /** The settings behind the figures; absent from results frozen before they were recorded. */
  readonly analysis?: ResultsAnalysis
  /**
   * Data stored but not counted in the window (exposures outside it, events before the
   * identity's exposure), so that a broken SDK shows; `null` before the start, and in final
   * results frozen by a release that did not count them.
   */
  readonly dataQuality: DataQuality | null
}

/**
 * What {@link buildResults} is asked: when, whether final, the statistics' settings (defaults
 * otherwise) and the pre-exposure days the summary was read with (0, none, when left out).
 */
export type ResultsOptions = ResultsSettingsInput & {
  readonly asOf: Date
  readonly isFinal: boolean
  readonly preExposureDays?: number
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
  options: ResultsOptions,
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
  const settings = resultsSettings(options)
  const { metrics, cupedMetrics } = metricResults(
    experiment.metrics,
    variants,
    summary.metrics,
    window,
    settings,
  )
  return {
    asOf,
    isFinal,
    window,
    variants,
    multipleExposures: summary.multipleExposures,
    srm: sampleRatioCheck(variants),
    metrics,
    analysis: {
      ...settings.analysis,
      correction: settings.correction,
      minimumSample: settings.minimumSample,
      guidance: settings.guidance,
      cupedMetrics,
      preExposureDays: options.preExposureDays ?? 0,
    },
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
