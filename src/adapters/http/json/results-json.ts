import { z } from 'zod'
import { EXPECTED_DIRECTIONS, METRIC_AGGREGATIONS, METRIC_ROLES } from '../../../core/domain/vocabulary.js'
import type { DataQuality } from '../../../core/domain/experiment-summary.js'
import type { ExperimentResults } from '../../../core/domain/results.js'
import { CUPED_STATUSES } from '../../../core/domain/statistics/cuped-status.js'
import { VERDICTS } from '../../../core/domain/statistics/metric-roles.js'
import { iso, Percentage, Timestamp } from './json-fields.js'
import {
  GuidanceJson,
  ResultsAnalysisJson,
  toGuidanceJson,
  toResultsAnalysisJson,
} from './results-analysis-json.js'
import type { Representation } from './representation.js'

/** A statistic that is `null` when an arm has fewer than two identities or the control's mean is not positive. */
const Inferential = z.number().nullable()

/** One non-control variant of a metric, compared against the control. */
export const VariantComparisonJson = z
  .strictObject({
    variant: z.string(),
    n: z.int().nonnegative().describe('Identities counted in the variant.'),
    mean: z.number().nullable().describe('The per-identity mean; null with no identities.'),
    absolute_lift: Inferential.describe('mean − control mean.'),
    relative_lift: Inferential.describe('(mean − control mean) / control mean.'),
    ci_low: Inferential.describe('Lower end of the 95% interval of the relative lift.'),
    ci_high: Inferential.describe('Upper end of the 95% interval of the relative lift.'),
    chance_to_win: Inferential.describe('P(variant > control), whatever the expected direction.'),
    p_value: Inferential.describe(
      'Two-sided p-value of the relative lift, corrected for multiple comparisons.',
    ),
    p_value_unadjusted: Inferential.describe('The p-value before the correction.'),
    verdict: z.enum(VERDICTS),
    guidance: GuidanceJson.nullable().describe(
      'How much longer; null when the comparison has no variance yet.',
    ),
  })
  .meta({ title: 'VariantComparison' })
/** One variant compared against the control, as the HTTP API returns it. */
export type VariantComparisonJson = z.output<typeof VariantComparisonJson>

/** One metric of the results: the control arm and every other variant against it. */
export const MetricResultJson = z
  .strictObject({
    metric: z.guid().describe('The metric id.'),
    name: z.string(),
    role: z.enum(METRIC_ROLES),
    expected_direction: z.enum(EXPECTED_DIRECTIONS),
    aggregation: z.enum(METRIC_AGGREGATIONS),
    control: z.strictObject({
      variant: z.string().describe("The rollout's first variant."),
      n: z.int().nonnegative(),
      mean: z.number().nullable(),
    }),
    variants: z.array(VariantComparisonJson).describe("Every other variant, in the rollout's order."),
    cuped: z
      .enum(CUPED_STATUSES)
      .nullable()
      .describe(
        'adjusted: pre-exposure data reduced the variance (CUPED); unadjusted: it was there but could not; no_pre_exposure_data: the data source gave none. Null in results frozen before it was recorded.',
      ),
  })
  .meta({ title: 'MetricResult' })
/** One metric of the results, as the HTTP API returns it. */
export type MetricResultJson = z.output<typeof MetricResultJson>

/** What is stored but not counted in the window, as the HTTP API returns it. */
const DataQualityJson = z
  .strictObject({
    exposures_before_window: z
      .int()
      .nonnegative()
      .describe("Stored exposures of the experiment stamped before the window's start."),
    exposures_after_window: z
      .int()
      .nonnegative()
      .describe("Stored exposures stamped after the window's end (for example after completion)."),
    events_before_exposure: z
      .int()
      .nonnegative()
      .describe(
        "Events of the metrics' event names, by identities counted, stamped in the window before the identity's first exposure.",
      ),
  })
  .nullable()
  .describe(
    'Data stored but never counted, so a broken SDK shows; null before the start and in final results frozen before these counts existed.',
  )

/** The data-quality counts in snake_case. */
function dataQualityJson(counts: DataQuality): NonNullable<z.output<typeof DataQualityJson>> {
  return {
    exposures_before_window: counts.exposuresBeforeWindow,
    exposures_after_window: counts.exposuresAfterWindow,
    events_before_exposure: counts.eventsBeforeExposure,
  }
}

/** An experiment's results: exposures per variant, the SRM check and every metric's comparison. */
export const ExperimentResultsJson = z
  .strictObject({
    as_of: Timestamp.describe('When the figures were computed.'),
    is_final: z
      .boolean()
      .describe('True once the experiment is completed: the figures are frozen, every read is the same.'),
    window: z
      .strictObject({ from: Timestamp, to: Timestamp })
      .nullable()
      .describe('The data counted, both ends inclusive; null before the experiment starts.'),
    variants: z
      .array(
        z.strictObject({
          variant: z.string(),
          weight: Percentage,
          exposures: z.int().nonnegative().describe('Identities exposed, multiple exposures excluded.'),
        }),
      )
      .describe("The rollout's variants in its order, weight-0 ones included; empty before the start."),
    multiple_exposures: z
      .int()
      .nonnegative()
      .describe('Identities seen in two or more variants: left out of every figure.'),
    srm: z
      .strictObject({
        p_value: z.number().describe('Chi-squared test of the exposures against the weights.'),
        mismatch: z.boolean().describe('p_value < 0.001: the split is suspect.'),
      })
      .nullable()
      .describe('Sample ratio mismatch; null with no exposures or fewer than two weighted variants.'),
    data_quality: DataQualityJson,
    metrics: z.array(MetricResultJson).describe("The experiment's metrics in their order."),
    analysis: ResultsAnalysisJson.nullable().describe(
      'How the figures were computed; null for results frozen before it was recorded.',
    ),
  })
  .meta({ title: 'ExperimentResults' })
/** An experiment's results, as the HTTP API returns them. */
export type ExperimentResultsJson = z.output<typeof ExperimentResultsJson>
/** Serializes an experiment's results to their snake_case JSON form, keeping every list's order. */
export function toResultsJson(results: ExperimentResults): ExperimentResultsJson {
  return {
    as_of: iso(results.asOf),
    is_final: results.isFinal,
    window: results.window === null ? null : { from: iso(results.window.from), to: iso(results.window.to) },
    variants: results.variants.map(({ variant, weight, exposures }) => ({ variant, weight, exposures })),
    multiple_exposures: results.multipleExposures,
    srm: results.srm === null ? null : { p_value: results.srm.pValue, mismatch: results.srm.mismatch },
    data_quality: results.dataQuality === null ? null : dataQualityJson(results.dataQuality),
    metrics: results.metrics.map((metric) => ({
      metric: metric.metric,
      name: metric.name,
      role: metric.role,
      expected_direction: metric.expectedDirection,
      aggregation: metric.aggregation,
      control: { variant: metric.control.variant, n: metric.control.n, mean: metric.control.mean },
      variants: metric.variants.map((v) => ({
        variant: v.variant,
        n: v.n,
        mean: v.mean,
        absolute_lift: v.absoluteLift,
        relative_lift: v.relativeLift,
        ci_low: v.ciLow,
        ci_high: v.ciHigh,
        chance_to_win: v.chanceToWin,
        p_value: v.pValue,
        p_value_unadjusted: v.pValueUnadjusted ?? null,
        verdict: v.verdict,
        guidance: v.guidance == null ? null : toGuidanceJson(v.guidance),
      })),
      cuped: metric.cuped ?? null,
    })),
    analysis: results.analysis === undefined ? null : toResultsAnalysisJson(results.analysis),
  }
}

/** An experiment's results on the wire. */
export const RESULTS: Representation<ExperimentResults> = {
  name: 'ExperimentResults',
  schema: ExperimentResultsJson,
  parts: {
    VariantComparison: VariantComparisonJson,
    MetricResult: MetricResultJson,
    ComparisonGuidance: GuidanceJson,
    ResultsAnalysis: ResultsAnalysisJson,
  },
  toJson: toResultsJson,
}
