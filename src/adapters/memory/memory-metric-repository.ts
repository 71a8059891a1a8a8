import type { Metric, MetricUser, StoredMetric } from '../../core/domain/metric.js'
import type { AuditLog } from '../../ports/audit-log.js'
import type {
  MetricListQuery,
  MetricRepository,
  MetricWrite,
  MetricWriteOutcome,
} from '../../ports/metric-repository.js'
import { compareListOrder, lowerEach, type MemoryStore } from './memory-store.js'

/** What a {@link MemoryMetricRepository} holds, as copies: for tests that check what was really stored. */
export interface MemoryMetricRepositoryContents {
  /** Every stored metric by id, deleted ones and those of every environment included, with `usedBy`. */
  readonly metrics: ReadonlyMap<string, StoredMetric>
}

/** A {@link MetricRepository} in memory, with a back door for tests. */
export interface MemoryMetricRepository extends MetricRepository {
  /** A copy of everything stored, bypassing the repository's reads and their filters. */
  getInstance(): MemoryMetricRepositoryContents
}

function copyMetric(metric: Metric): Metric {
  return {
    ...metric,
    createdAt: new Date(metric.createdAt),
    updatedAt: new Date(metric.updatedAt),
    deletedAt: metric.deletedAt && new Date(metric.deletedAt),
  }
}

/**
 * A {@link MetricRepository} over the tables of a {@link MemoryStore}, whose queue it shares with
 * the store's experiment repository: a delete checks the experiments listing the metric, and a
 * change of event or aggregation the started ones, in the same turn as it writes. Names are
 * unique among an environment's metrics that are not deleted, comparing them lower-cased one
 * code point at a time (as a database's `lower()` does).
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * const repository = createMemoryRepository(auditLog, store)
 * const metrics = createMemoryMetricRepository(auditLog, store)
 * ```
 */
export function createMemoryMetricRepository(
  auditLog: AuditLog<void>,
  store: MemoryStore,
): MemoryMetricRepository {
  const { metrics: rows, experiments, writes } = store

  /** Every experiment that is not deleted and lists the metric, newest first. */
  const usersOf = (metricId: string): MetricUser[] =>
    [...experiments.values()]
      .filter((e) => e.deletedAt === null && e.metrics.some((metric) => metric.metricId === metricId))
      .sort(compareListOrder)
      .map(({ id, name, status }) => ({ id, name, status }))

  const stored = (metric: Metric): StoredMetric => ({ ...copyMetric(metric), usedBy: usersOf(metric.id) })

  const nameTaken = (metric: Metric) =>
    metric.deletedAt === null &&
    [...rows.values()].some(
      (other) =>
        other.id !== metric.id &&
        other.environmentId === metric.environmentId &&
        other.deletedAt === null &&
        lowerEach(other.name) === lowerEach(metric.name),
    )

  /** Whether the change deletes the metric, or changes what it measures, under an experiment that holds it. */
  function inUse(before: Metric, after: Metric): boolean {
    const users = usersOf(before.id)
    if (after.deletedAt !== null && before.deletedAt === null) {
      return users.some((user) => user.status !== 'completed')
    }
    const measureChanges = before.event !== after.event || before.aggregation !== after.aggregation
    return measureChanges && users.some((user) => user.status === 'running' || user.status === 'paused')
  }

  function check(change: MetricWrite): MetricWriteOutcome {
    const existing = rows.get(change.metric.id)
    if (change.kind === 'insert' ? existing !== undefined : existing?.version !== change.storedVersion) {
      return 'version_conflict'
    }
    if (nameTaken(change.metric)) return 'name_taken'
    return existing !== undefined && inUse(existing, change.metric) ? 'in_use' : 'written'
  }

  async function write(change: MetricWrite): Promise<MetricWriteOutcome> {
    const outcome = check(change)
    if (outcome !== 'written') return outcome
    await auditLog.append(change.audit)
    rows.set(change.metric.id, copyMetric(change.metric))
    return outcome
  }

  const visible = (metric: Metric | undefined, environmentId: string, includeDeleted: boolean) =>
    metric !== undefined &&
    metric.environmentId === environmentId &&
    (includeDeleted || metric.deletedAt === null)

  return {
    getInstance: () => ({
      metrics: new Map([...rows.values()].map((metric) => [metric.id, stored(metric)])),
    }),

    find: (environmentId, metricId, options) => {
      const metric = rows.get(metricId)
      const found = visible(metric, environmentId, options?.includeDeleted === true) ? metric : undefined
      return Promise.resolve(found === undefined ? null : stored(found))
    },

    findMany: (environmentId, metricIds) =>
      Promise.resolve(
        [...new Set(metricIds)]
          .map((id) => rows.get(id))
          .filter((metric): metric is Metric => visible(metric, environmentId, false))
          .map(copyMetric),
      ),

    list: (query: MetricListQuery) => {
      const needle = query.nameContains === null ? null : lowerEach(query.nameContains)
      const matching = [...rows.values()].filter(
        (metric) =>
          visible(metric, query.environmentId, query.deleted === true) &&
          (metric.deletedAt !== null) === (query.deleted === true) &&
          (needle === null || lowerEach(metric.name).includes(needle)) &&
          (query.after === null || compareListOrder(metric, query.after) > 0),
      )
      return Promise.resolve(matching.sort(compareListOrder).slice(0, query.limit).map(copyMetric))
    },

    write: (change) => writes.run(() => write(change)),
  }
}
