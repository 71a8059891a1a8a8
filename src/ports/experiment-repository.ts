import type { AuditEntry } from '../core/domain/audit-entry.js'
import type { ListPosition } from '../core/domain/cursor.js'
import type { Experiment, StatusChange, StoredExperiment } from '../core/domain/experiment.js'
import type { ExperimentResults } from '../core/domain/results.js'
import type { ExperimentStatus } from '../core/domain/vocabulary.js'

/** One page of experiments, newest first, as the core asks a {@link ExperimentRepository} for it. */
export interface ListQuery {
  readonly environmentId: string
  /** Keep only these statuses; `null` keeps all. Does not narrow `statusCounts`. */
  readonly statuses: readonly ExperimentStatus[] | null
  /** Keep only this feature's experiments; `null` keeps all. Narrows `statusCounts` too. */
  readonly featureId: string | null
  /** Keep only names containing this text, ignoring case; `null` keeps all. Narrows `statusCounts` too. */
  readonly nameContains: string | null
  /** Start strictly after this position in the order (`createdAt` desc, then `id` desc). */
  readonly after: ListPosition | null
  /** How many items to return at most. */
  readonly limit: number
  /**
   * `true`: deleted experiments only (the trash), in the same order, with `statusCounts` over the
   * deleted ones; absent or `false`: only those not deleted.
   */
  readonly deleted?: boolean
}

/** Where a page of due experiments ends: its last one's due time and id. */
export interface DuePosition {
  readonly dueAt: Date
  readonly id: string
}

/**
 * A page of the experiments whose scheduled transition is due, as the scheduler asks for it.
 * An experiment is due when it is not deleted and is `created` with `scheduledStartAt ≤ now`
 * (due at its start), or `running` or `paused` with `scheduledEndAt ≤ now` (due at its end).
 */
export interface DueQuery {
  readonly now: Date
  /** Start strictly after this position in the order (due time, then `id`, both ascending). */
  readonly after: DuePosition | null
  /** How many items to return at most. */
  readonly limit: number
}

/** What {@link ExperimentRepository.list} returns. */
export interface ExperimentPage {
  /** Not deleted (deleted ones only for the trash), in list order, at most `limit`, each with its history. */
  readonly items: readonly StoredExperiment[]
  /** The environment's experiments per status (deleted ones for the trash), narrowed by feature and name only. */
  readonly statusCounts: Readonly<Record<ExperimentStatus, number>>
}

/**
 * A change together with its effects, to be persisted atomically: the experiment row, its
 * audit entry and, for a status change, its history row — all or nothing.
 */
export type ExperimentWrite =
  | { readonly kind: 'insert'; readonly experiment: Experiment; readonly audit: AuditEntry }
  | {
      readonly kind: 'update'
      /** The whole new state; its `version` is `storedVersion + 1`. */
      readonly experiment: Experiment
      /** Compare-and-set: write only if the stored row still has this version (the one the change was decided on). */
      readonly storedVersion: number
      readonly audit: AuditEntry
      readonly statusChange: StatusChange | null
    }

/**
 * How a write ended. `version_conflict`: the stored version was not the expected one (or the
 * row is gone); `active_slot_taken`: another active experiment holds the (feature, environment)
 * slot; `metric_unavailable`: a metric the experiment lists is missing or deleted (a concurrent
 * delete won). In every case but `written` nothing was written.
 */
export type WriteOutcome = 'written' | 'version_conflict' | 'active_slot_taken' | 'metric_unavailable'

/**
 * What checking a batch of exposures needs of one experiment, and nothing more: its id, whether it
 * has started (a completed one has) and the variant keys of its rollout, in order.
 */
export interface IngestionTarget {
  readonly id: string
  readonly started: boolean
  readonly variants: readonly string[]
}

/** How {@link ExperimentRepository.lockAndWrite} ended: a write outcome, or `decide` chose not to write. */
export type LockedWriteOutcome = WriteOutcome | 'nothing_to_write'

/**
 * Where experiments live: exactly the reads and atomic writes the core needs.
 *
 * Implementations must keep two rules on their own, whatever the callers do: refuse a write that would
 * leave two active experiments in one slot, and persist the audit entry (through the host's
 * {@link AuditLog}) and history row in the same unit of work as the change.
 */
export interface ExperimentRepository {
  /** One experiment of an environment with its history; deleted ones only when asked. */
  find(
    environmentId: string,
    experimentId: string,
    options?: { readonly includeDeleted?: boolean },
  ): Promise<StoredExperiment | null>
  /**
   * The {@link IngestionTarget} of each of `experimentIds` that is an experiment of the
   * environment and not deleted, in any order, read in one query whatever the number of ids.
   * Ids that name no such experiment, including ones that are not UUIDs, are left out.
   */
  ingestionTargets(
    environmentId: string,
    experimentIds: readonly string[],
  ): Promise<readonly IngestionTarget[]>
  /** A page of experiments with the environment's status counts. */
  list(query: ListQuery): Promise<ExperimentPage>
  /**
   * The due experiments of every environment, each with its history, the longest due first
   * (due time, then `id`), at most `limit` of them after `after`.
   */
  dueScheduled(query: DueQuery): Promise<readonly StoredExperiment[]>
  /** Persists a change with its effects atomically, or nothing at all. */
  write(write: ExperimentWrite): Promise<WriteOutcome>
  /**
   * Optional, for contended rows: in one unit of work, reads the experiment (as {@link find}
   * does) under a row lock, hands it to `decide`, and persists the write `decide` returns, if
   * any, before the lock is released. The core calls it only after losing a compare-and-set
   * race, so many writers on one experiment queue on its row instead of racing. Without it,
   * the core retries optimistically (and gives up as `unavailable` after 10 lost races).
   */
  lockAndWrite?(
    environmentId: string,
    experimentId: string,
    options: { readonly includeDeleted: boolean },
    decide: (current: StoredExperiment | null) => ExperimentWrite | null,
  ): Promise<LockedWriteOutcome>
  /**
   * The frozen results of a completed experiment of the environment, as
   * {@link ExperimentRepository.saveFinalResults} stored them (dates as `Date`s); `null` when none
   * are stored (or the experiment is of another environment).
   */
  finalResults(environmentId: string, experimentId: string): Promise<ExperimentResults | null>
  /**
   * Stores an experiment's final results unless some are stored already, and resolves to the
   * stored ones: the first writer wins, and a writer racing it gets the first writer's body. Not a
   * change to the experiment: no version bump, no audit entry. Rejects when the experiment is not
   * one of the environment's.
   */
  saveFinalResults(
    environmentId: string,
    experimentId: string,
    results: ExperimentResults,
  ): Promise<ExperimentResults>
}
