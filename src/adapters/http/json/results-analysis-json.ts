import { z } from 'zod'
import type { ComparisonGuidance, ResultsAnalysis } from '../../../core/domain/results.js'
import { ANALYSIS_METHODS } from '../../../core/domain/statistics/analysis-settings.js'
import { CORRECTIONS } from '../../../core/domain/statistics/multiple-comparisons.js'

/** "How much longer?" for one comparison, at the exposure rate so far. */
export const GuidanceJson = z
  .strictObject({
    minimum_effect: z.number().positive().describe('The relative lift (±) the figures are about.'),
    power: z.number().min(0).max(1).describe("Today's chance of an interval excluding 0 at that lift."),
    identities_needed: z
      .int()
      .nonnegative()
      .nullable()
      .describe(
        'Identities of both arms still needed for the target power, rounded up (0: enough); null if out of reach.',
      ),
    days_needed: z
      .number()
      .nonnegative()
      .nullable()
      .describe('Days those take at the exposure rate so far; null if out of reach or no time has passed.'),
  })
  .meta({ title: 'ComparisonGuidance' })
/** A comparison's sample guidance, as the HTTP API returns it. */
export type GuidanceJson = z.output<typeof GuidanceJson>

/** How the figures were computed: the interval method, its error rate, the correction and the thresholds. */
export const ResultsAnalysisJson = z
  .strictObject({
    method: z
      .enum(ANALYSIS_METHODS)
      .describe('sequential: valid however often read; fixed: valid for one look.'),
    sequential_tuning: z
      .number()
      .positive()
      .describe('N*: the total sample at which a sequential interval is tightest.'),
    alpha: z.number().gt(0).lt(1).describe('Two-sided error rate: 0.05 gives 95% intervals.'),
    correction: z
      .enum(CORRECTIONS)
      .describe('Multiple-comparison correction of primary and secondary metrics.'),
    minimum_sample: z
      .strictObject({
        identities: z.number().nonnegative().describe('Identities per arm before a verdict.'),
        conversions: z.number().nonnegative().describe('Converted identities per arm (occurrence metrics).'),
      })
      .describe('Below this a comparison shows figures but its verdict is insufficient_data.'),
    guidance: z
      .strictObject({
        minimum_effect: z.number().positive().describe('The smallest relative lift worth detecting.'),
        target_power: z.number().gt(0).lt(1).describe('The chance of detecting it that counts as enough.'),
      })
      .describe("The settings behind every comparison's guidance."),
    cuped_metrics: z.array(z.guid()).describe('Metrics whose variance pre-exposure data reduced (CUPED).'),
    pre_exposure_days: z
      .int()
      .nonnegative()
      .optional()
      .describe(
        "Days of each identity's events before its first exposure read for CUPED (0: none); absent from results frozen before it was recorded.",
      ),
  })
  .meta({ title: 'ResultsAnalysis' })
/** The analysis settings of results, as the HTTP API returns them. */
export type ResultsAnalysisJson = z.output<typeof ResultsAnalysisJson>

/** Serializes how results were computed to its snake_case JSON form. */
export function toResultsAnalysisJson(analysis: ResultsAnalysis): ResultsAnalysisJson {
  return {
    method: analysis.method,
    sequential_tuning: analysis.sequentialTuning,
    alpha: analysis.alpha,
    correction: analysis.correction,
    minimum_sample: {
      identities: analysis.minimumSample.identities,
      conversions: analysis.minimumSample.conversions,
    },
    guidance: {
      minimum_effect: analysis.guidance.minimumEffect,
      target_power: analysis.guidance.targetPower,
    },
    cuped_metrics: [...analysis.cupedMetrics],
    ...(analysis.preExposureDays !== undefined && { pre_exposure_days: analysis.preExposureDays }),
  }
}

/** Serializes a comparison's guidance, rounding the identities still needed up to whole ones. */
export function toGuidanceJson(guidance: ComparisonGuidance): GuidanceJson {
  const { minimumEffect, power, additionalIdentities, days } = guidance
  return {
    minimum_effect: minimumEffect,
    power,
    identities_needed: additionalIdentities === null ? null : Math.ceil(additionalIdentities),
    days_needed: days,
  }
}
