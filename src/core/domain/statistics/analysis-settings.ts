import type { Correction } from './multiple-comparisons.js'

/**
 * How intervals are built: `sequential` (the default) gives confidence sequences that stay valid
 * however often results are read; `fixed` gives the classic interval, valid for one look at a
 * sample size chosen in advance.
 *
 * @example
 * ```ts
 * ANALYSIS_METHODS[0] // 'sequential'
 * ```
 */
export const ANALYSIS_METHODS = ['sequential', 'fixed'] as const
/** One of {@link ANALYSIS_METHODS}. */
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number]

/** An experiment's inference: the method, its tuning and the error rate of every interval. */
export type AnalysisSettings = {
  readonly method: AnalysisMethod
  /** N*: the total sample (both arms) at which a sequential interval is tightest. */
  readonly sequentialTuning: number
  /** Two-sided error rate: 0.05 gives 95% intervals. */
  readonly alpha: number
}

/** The least data a comparison needs before it gets a verdict. */
export type MinimumSample = {
  /** Identities in each arm. */
  readonly identities: number
  /** For occurrence metrics, identities that converted in each arm. */
  readonly conversions: number
}

/** The "how much longer?" question: the effect worth detecting and how surely. */
export type GuidanceSettings = {
  /** The smallest relative lift worth detecting (0.05 = ±5%). */
  readonly minimumEffect: number
  /** The chance of detecting it, when real, that counts as enough. */
  readonly targetPower: number
}

/** Every setting of the statistics behind results, each with a default. */
export type ResultsSettings = {
  readonly analysis: AnalysisSettings
  readonly correction: Correction
  readonly minimumSample: MinimumSample
  readonly guidance: GuidanceSettings
}

/** The settings a caller may pass: any part may be left out and takes its default. */
export type ResultsSettingsInput = {
  readonly analysis?: Partial<AnalysisSettings>
  readonly correction?: Correction
  readonly minimumSample?: Partial<MinimumSample>
  readonly guidance?: Partial<GuidanceSettings>
}

/**
 * The defaults: sequential with N* = 5000 and α = 0.05, Holm–Bonferroni, at least 50 identities
 * per arm (and 5 conversions for occurrence metrics), guidance for a ±5% lift at 80% power.
 *
 * @example
 * ```ts
 * DEFAULT_RESULTS_SETTINGS.analysis.method // 'sequential'
 * ```
 */
export const DEFAULT_RESULTS_SETTINGS: ResultsSettings = {
  analysis: { method: 'sequential', sequentialTuning: 5000, alpha: 0.05 },
  correction: 'holm',
  minimumSample: { identities: 50, conversions: 5 },
  guidance: { minimumEffect: 0.05, targetPower: 0.8 },
}

/**
 * The settings with every part left out taken from {@link DEFAULT_RESULTS_SETTINGS}.
 *
 * @example
 * ```ts
 * resultsSettings({ analysis: { method: 'fixed' } }).analysis // { method: 'fixed', sequentialTuning: 5000, alpha: 0.05 }
 * ```
 */
export function resultsSettings(input: ResultsSettingsInput = {}): ResultsSettings {
  const defaults = DEFAULT_RESULTS_SETTINGS
  return {
    analysis: { ...defaults.analysis, ...input.analysis },
    correction: input.correction ?? defaults.correction,
    minimumSample: { ...defaults.minimumSample, ...input.minimumSample },
    guidance: { ...defaults.guidance, ...input.guidance },
  }
}
