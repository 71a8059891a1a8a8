/**
 * The days before each identity's first exposure whose events give CUPED its covariate, as
 * results ask the data source for them: two weeks, so weekly habits count whole.
 *
 * @example
 * ```ts
 * await data.summarize({ environmentId, experimentId, window, metrics, preExposureDays: DEFAULT_PRE_EXPOSURE_DAYS })
 * ```
 */
export const DEFAULT_PRE_EXPOSURE_DAYS = 14
