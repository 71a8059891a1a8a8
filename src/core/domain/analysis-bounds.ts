/**
 * The accepted range of each number of an experiment's analysis setting, both ends inclusive and
 * whole numbers only. The database re-states them (migration 0013), and the console's form uses
 * them as its inputs' limits.
 *
 * @example
 * ```ts
 * ANALYSIS_BOUNDS.preExposureDays // { min: 0, max: 90 }
 * ```
 */
export const ANALYSIS_BOUNDS = {
  sequentialTuning: { min: 100, max: 10_000_000 },
  preExposureDays: { min: 0, max: 90 },
} as const
