/**
 * What CUPED did for a metric's comparisons: `adjusted` when the pre-exposure covariate reduced
 * their variance, `unadjusted` when the data source gave pre-exposure sums that could not adjust
 * anything (no variance before or after exposure, too few identities), `no_pre_exposure_data`
 * when it gave none (an adapter that cannot, or a pre-exposure window of 0 days).
 *
 * @example
 * ```ts
 * CUPED_STATUSES[0] // 'adjusted'
 * ```
 */
export const CUPED_STATUSES = ['adjusted', 'unadjusted', 'no_pre_exposure_data'] as const
/** One of {@link CUPED_STATUSES}. */
export type CupedStatus = (typeof CUPED_STATUSES)[number]

/**
 * A metric's CUPED status from its comparisons and its arms' sums: `adjusted` when any comparison
 * was adjusted, else `unadjusted` when any arm carries pre-exposure sums, else
 * `no_pre_exposure_data`.
 *
 * @example
 * ```ts
 * cupedStatus([false], [{ n: 10, sum: 4, sumSquares: 4 }]) // 'no_pre_exposure_data'
 * ```
 */
export function cupedStatus(
  adjusted: readonly boolean[],
  arms: readonly { readonly pre?: object | undefined }[],
): CupedStatus {
  if (adjusted.includes(true)) return 'adjusted'
  return arms.some((arm) => arm.pre !== undefined) ? 'unadjusted' : 'no_pre_exposure_data'
}
