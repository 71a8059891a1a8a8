import type { ExperimentResults } from './results.js'

/**
 * The UTC day (`YYYY-MM-DD`) a results body stands for in the lift over time: the day its window
 * ends (today while running, the end day once completed); `null` before the start.
 *
 * @example
 * ```ts
 * snapshotDay(results) // '2026-03-01'
 * ```
 */
export function snapshotDay(results: Pick<ExperimentResults, 'window'>): string | null {
  return results.window === null ? null : results.window.to.toISOString().slice(0, 10)
}

/**
 * The lift over time of a completed experiment: its stored snapshots with its final results
 * last, in place of a snapshot of the same day, and added when the snapshot of the final results
 * is missing (an experiment completed before snapshots were kept). `null` leaves them as they are.
 *
 * @example
 * ```ts
 * withFinalResults(snapshots, await repository.finalResults(environmentId, experimentId))
 * ```
 */
export function withFinalResults(
  snapshots: readonly ExperimentResults[],
  final: ExperimentResults | null,
): readonly ExperimentResults[] {
  const day = final && snapshotDay(final)
  if (final === null || day === null) return snapshots
  const earlier = snapshots.filter((snapshot) => {
    const other = snapshotDay(snapshot)
    return other !== null && other < day
  })
  return [...earlier, final]
}
