import type { AuditEntry } from '../core/domain/audit-entry.js'
import type { ListPosition } from '../core/domain/cursor.js'
import type { Metric, StoredMetric } from '../core/domain/metric.js'

/** One page of an environment's metrics, newest first (`createdAt` desc, then `id` desc). */
export interface MetricListQuery {
  readonly environmentId: string
  /** Keep only names containing this text, ignoring case; `null` keeps all. */
  readonly nameContains: string | null
  /** Start strictly after this position in the order. */
  readonly after: ListPosition | null
  /** How many items to return at most. */
  readonly limit: number
  /**
   * `true`: deleted metrics only (the trash), in the same order; absent or `false`: only those
   * not deleted.
   */
  readonly deleted?: boolean
}

/** A change to the catalogue with its audit entry, persisted atomically or not at all. */
export type MetricWrite =
  | { readonly kind: 'insert'; readonly metric: Metric; readonly audit: AuditEntry }
  | {
      readonly kind: 'update'
      /** The whole new state; its `version` is `storedVersion + 1`. */
      readonly metric: Metric
      /** Compare-and-set: write only if the stored row still has this version. */
      readonly storedVersion: number
      readonly audit: AuditEntry
    }

/**
 * How a metric write ended. `version_conflict`: the stored version was not the expected one;
 * `name_taken`: another metric of the environment that is not deleted has the name (ignoring
 * case); `in_use`: a delete, or a change of event or aggregation, raced an experiment that now
 * uses the metric. In every case but `written` nothing was written.
 */
export type MetricWriteOutcome = 'written' | 'version_conflict' | 'name_taken' | 'in_use'

/**
 * Where an environment's metric catalogue lives. Implementations keep two rules on their own,
 * whatever the callers do: names are unique among an environment's metrics that are not deleted
 * (ignoring case), and a metric is never deleted — nor its event or aggregation changed — while an
 * experiment the rules protect lists it (see the design rules in docs/rules.md).
 */
export interface MetricRepository {
  /** One metric of an environment with the experiments (not deleted) that list it; deleted ones only when asked. */
  find(
    environmentId: string,
    metricId: string,
    options?: { readonly includeDeleted?: boolean },
  ): Promise<StoredMetric | null>
  /** The metrics among `metricIds` that exist in the environment and are not deleted. */
  findMany(environmentId: string, metricIds: readonly string[]): Promise<readonly Metric[]>
  /** A page of the environment's metrics that are not deleted (deleted ones only for the trash). */
  list(query: MetricListQuery): Promise<readonly Metric[]>
  /** Persists a change with its audit entry atomically, or nothing at all. */
  write(write: MetricWrite): Promise<MetricWriteOutcome>
}
