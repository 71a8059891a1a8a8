/**
 * The days before each identity's first exposure whose events give CUPED its covariate, unless an
 * experiment's analysis names others (`DEFAULT_EXPERIMENT_ANALYSIS.preExposureDays`): two weeks,
 * so weekly habits count whole.
 *
 * @example
 * ```ts
 * await data.summarize({ environmentId, experimentId, window, metrics, preExposureDays: DEFAULT_PRE_EXPOSURE_DAYS })
 * ```
 */
export const DEFAULT_PRE_EXPOSURE_DAYS = 14
