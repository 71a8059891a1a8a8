import { z } from 'zod'
import { ANALYSIS_BOUNDS } from './analysis-bounds.js'
import { DEFAULT_PRE_EXPOSURE_DAYS } from './pre-exposure-days.js'
import { ANALYSIS_METHODS, type AnalysisMethod } from './statistics/analysis-settings.js'

/**
 * How an experiment's results are analysed, chosen before it starts and fixed from then on:
 * the interval `method`, the sample `sequentialTuning` at which a sequential interval is
 * tightest (N*, both arms together), and `preExposureDays`, how many days before each identity's
 * first exposure its events are read to reduce variance (CUPED; 0 turns it off).
 */
export interface ExperimentAnalysis {
  readonly method: AnalysisMethod
  readonly sequentialTuning: number
  readonly preExposureDays: number
}

/**
 * The setting every experiment gets unless it names one: sequential intervals tuned for 5000
 * identities, 14 days of pre-exposure data.
 *
 * @example
 * ```ts
 * DEFAULT_EXPERIMENT_ANALYSIS // { method: 'sequential', sequentialTuning: 5000, preExposureDays: 14 }
 * ```
 */
export const DEFAULT_EXPERIMENT_ANALYSIS: ExperimentAnalysis = {
  method: 'sequential',
  sequentialTuning: 5000,
  preExposureDays: DEFAULT_PRE_EXPOSURE_DAYS,
}

/** A whole number within the field's bounds, refused with one message naming the field (the first failed check stops the rest). */
function boundedInteger(field: keyof typeof ANALYSIS_BOUNDS) {
  const { min, max } = ANALYSIS_BOUNDS[field]
  const error = `${field} must be an integer from ${min} to ${max}`
  return z.number({ error }).int({ error, abort: true }).min(min, { error, abort: true }).max(max, { error })
}

const METHOD_ERROR = `method must be one of ${ANALYSIS_METHODS.join(', ')}`

/**
 * An analysis setting as a caller sends it, at create or to replace an experiment's setting:
 * each field may be left out and takes its default from {@link DEFAULT_EXPERIMENT_ANALYSIS}
 * (the setting is replaced whole, never merged with the stored one).
 *
 * @example
 * ```ts
 * ExperimentAnalysisInput.parse({ method: 'fixed' })
 * // { method: 'fixed', sequentialTuning: 5000, preExposureDays: 14 }
 * ```
 */
export const ExperimentAnalysisInput = z.strictObject({
  method: z
    .enum(ANALYSIS_METHODS, { error: METHOD_ERROR })
    .default(DEFAULT_EXPERIMENT_ANALYSIS.method)
    .describe('sequential: intervals valid however often results are read; fixed: valid for one look.'),
  sequentialTuning: boundedInteger('sequentialTuning')
    .default(DEFAULT_EXPERIMENT_ANALYSIS.sequentialTuning)
    .describe('N*: the total sample (both arms) at which a sequential interval is tightest.'),
  preExposureDays: boundedInteger('preExposureDays')
    .default(DEFAULT_EXPERIMENT_ANALYSIS.preExposureDays)
    .describe("Days of each identity's events before its first exposure used for CUPED; 0 turns it off."),
})
/** An analysis setting as a caller sends it. */
export type ExperimentAnalysisInput = z.input<typeof ExperimentAnalysisInput>

/**
 * Whether two settings are the same.
 *
 * @example
 * ```ts
 * sameAnalysis(DEFAULT_EXPERIMENT_ANALYSIS, { ...DEFAULT_EXPERIMENT_ANALYSIS }) // true
 * ```
 */
export function sameAnalysis(a: ExperimentAnalysis, b: ExperimentAnalysis): boolean {
  return (
    a.method === b.method &&
    a.sequentialTuning === b.sequentialTuning &&
    a.preExposureDays === b.preExposureDays
  )
}
