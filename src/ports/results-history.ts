import type { ExperimentResults } from '../core/domain/results.js'

/** A running experiment without a snapshot for the day asked about. */
export interface SnapshotDue {
  readonly environmentId: string
  readonly experimentId: string
}

/** A page of {@link ResultsHistory.snapshotsDue}. */
export interface SnapshotsDueQuery {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string
  /** Start strictly after this experiment id (ids ascending); `null` from the first. */
  readonly after: string | null
  readonly limit: number
}

/** One snapshot to store: the results body of an experiment for the UTC day its window ends. */
export interface ResultsSnapshot {
  readonly environmentId: string
  readonly experimentId: string
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string
  readonly results: ExperimentResults
  /**
   * `false` (a daily snapshot): kept only if the day has none yet, so instances racing on one
   * day store one body. `true` (final results): replaces the day's snapshot.
   */
  readonly replace: boolean
}

/**
 * Where results snapshots live, at most one per experiment and day, for the lift over time:
 * the scheduler takes a running experiment's daily one, and the final results are the last.
 *
 * @example
 * ```ts
 * const due = await history.snapshotsDue({ day: '2026-03-01', after: null, limit: 100 })
 * const snapshots = await history.snapshots(environmentId, experimentId)
 * ```
 */
export interface ResultsHistory {
  /** Running, non-deleted experiments of every environment with no snapshot for `day`, by id. */
  snapshotsDue(query: SnapshotsDueQuery): Promise<readonly SnapshotDue[]>
  /** Stores a snapshot (see {@link ResultsSnapshot.replace}); nothing when the experiment is not the environment's. */
  saveSnapshot(snapshot: ResultsSnapshot): Promise<void>
  /** The experiment's snapshots, oldest day first, dates as `Date`s; empty for another environment's. */
  snapshots(environmentId: string, experimentId: string): Promise<readonly ExperimentResults[]>
}
