import type { AuditLog } from '../../ports/audit-log.js'
import type {
  DuePosition,
  DueQuery,
  ExperimentPage,
  ExperimentRepository,
  ExperimentWrite,
  ListQuery,
  WriteOutcome,
} from '../../ports/experiment-repository.js'
import type { AttachedMetric } from '../../core/domain/experiment-metrics.js'
import {
  isActive,
  type Experiment,
  type StatusChange,
  type StoredExperiment,
} from '../../core/domain/experiment.js'
import { dueTransition } from '../../core/domain/schedule.js'
import { compareListOrder, createMemoryStore, lowerEach, type MemoryStore } from './memory-store.js'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../core/domain/vocabulary.js'

const copyDate = (date: Date | null) => date && new Date(date)

/** The row to keep for an experiment: dates copied, metrics by id, role and direction only. */
function copyExperiment(e: Experiment): Experiment {
  return {
    ...e,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    startedAt: copyDate(e.startedAt),
    endedAt: copyDate(e.endedAt),
    deletedAt: copyDate(e.deletedAt),
    scheduledStartAt: copyDate(e.scheduledStartAt),
    scheduledEndAt: copyDate(e.scheduledEndAt),
    metrics: e.metrics.map(({ metricId, role, expectedDirection }) => ({
      metricId,
      role,
      expectedDirection,
    })),
    rollout: {
      trafficPercentage: e.rollout.trafficPercentage,
      allocations: e.rollout.allocations.map(({ variant, weight }) => ({ variant, weight })),
    },
    analysis: { ...e.analysis },
  }
}

function copyChange(c: StatusChange): StatusChange {
  return { ...c, at: new Date(c.at), actor: { ...c.actor } }
}

/** Due order: the longest due first, then by id (as Postgres orders uuids: their text in lower case). */
function compareDue(a: DuePosition, b: DuePosition): number {
  const byTime = a.dueAt.getTime() - b.dueAt.getTime()
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const slotOf = (e: Pick<Experiment, 'environmentId' | 'featureId'>) =>
  `${e.environmentId}\u0000${e.featureId}`

/** What a {@link MemoryRepository} holds, as copies: for tests that check what was really stored. */
export interface MemoryRepositoryContents {
  /** Every stored experiment by id, deleted ones and those of every environment included. */
  readonly experiments: ReadonlyMap<string, StoredExperiment>
}

/** An {@link ExperimentRepository} in memory, with a back door for tests. */
export interface MemoryRepository extends ExperimentRepository {
  /** A copy of everything stored, bypassing the repository's reads and their filters. */
  getInstance(): MemoryRepositoryContents
}

/**
 * An {@link ExperimentRepository} in a `Map`. Writes run one at a time; each checks its
 * compare-and-set, the metrics it attaches and the active slot, hands the audit entry to the
 * audit log, and only then applies the change, so a failing audit log leaves nothing behind.
 * Pass the `store` a {@link createMemoryMetricRepository} shares, so that experiments read the
 * catalogue and writes on both take turns on one queue.
 */
export function createMemoryRepository(
  auditLog: AuditLog<void>,
  store: MemoryStore = createMemoryStore(),
): MemoryRepository {
  const { experiments: rows, histories, activeBySlot, metrics, finalResults, writes } = store

  /** The attachments joined with what the catalogue says of each metric now (deleted ones included). */
  const attached = (row: Experiment): AttachedMetric[] =>
    row.metrics.flatMap((attachment) => {
      const metric = metrics.get(attachment.metricId)
      if (metric === undefined) return []
      const { name, event, aggregation } = metric
      return [{ ...attachment, name, event, aggregation }]
    })

  const stored = (row: Experiment): StoredExperiment => ({
    ...copyExperiment(row),
    metrics: attached(row),
    history: (histories.get(row.id) ?? []).map(copyChange),
  })

  /**
   * Whether every metric the write attaches anew exists in the environment and is not deleted.
   * A restore of an experiment that is not completed attaches its metrics anew: while it was
   * deleted they could be deleted too.
   */
  function attachable(change: ExperimentWrite, existing: Experiment | undefined): boolean {
    const { experiment } = change
    const reopened =
      existing !== undefined &&
      existing.deletedAt !== null &&
      experiment.deletedAt === null &&
      isActive(experiment)
    const listed = new Set(reopened ? [] : existing?.metrics.map((metric) => metric.metricId))
    return experiment.metrics.every(({ metricId }) => {
      if (listed.has(metricId)) return true
      const metric = metrics.get(metricId)
      return metric?.environmentId === change.experiment.environmentId && metric.deletedAt === null
    })
  }

  function check(change: ExperimentWrite): WriteOutcome {
    const { experiment } = change
    const existing = rows.get(experiment.id)
    if (change.kind === 'insert' ? existing !== undefined : existing?.version !== change.storedVersion) {
      return 'version_conflict'
    }
    if (!attachable(change, existing)) return 'metric_unavailable'
    const holder = activeBySlot.get(slotOf(experiment))
    return isActive(experiment) && holder !== undefined && holder !== experiment.id
      ? 'active_slot_taken'
      : 'written'
  }

  function apply(change: ExperimentWrite): void {
    const row = copyExperiment(change.experiment)
    const slot = slotOf(row)
    if (isActive(row)) activeBySlot.set(slot, row.id)
    else if (activeBySlot.get(slot) === row.id) activeBySlot.delete(slot)
    rows.set(row.id, row)
    const history = histories.get(row.id) ?? []
    if (change.kind === 'update' && change.statusChange !== null)
      history.push(copyChange(change.statusChange))
    histories.set(row.id, history)
  }

  async function write(change: ExperimentWrite): Promise<WriteOutcome> {
    const outcome = check(change)
    if (outcome !== 'written') return outcome
    await auditLog.append(change.audit)
    apply(change)
    return outcome
  }

  function find(
    environmentId: string,
    experimentId: string,
    includeDeleted: boolean,
  ): StoredExperiment | null {
    const row = rows.get(experimentId)
    const isVisible =
      row !== undefined && row.environmentId === environmentId && (includeDeleted || row.deletedAt === null)
    return isVisible ? stored(row) : null
  }

  return {
    getInstance: () => ({ experiments: new Map([...rows.values()].map((row) => [row.id, stored(row)])) }),

    find: (environmentId, experimentId, options) =>
      Promise.resolve(find(environmentId, experimentId, options?.includeDeleted === true)),

    ingestionTargets: (environmentId, experimentIds) =>
      Promise.resolve(
        [...new Set(experimentIds)].flatMap((id) => {
          const row = rows.get(id)
          if (row === undefined || row.environmentId !== environmentId || row.deletedAt !== null) return []
          const variants = row.rollout.allocations.map((allocation) => allocation.variant)
          return [{ id, started: row.startedAt !== null, variants }]
        }),
      ),

    list: (query: ListQuery): Promise<ExperimentPage> => {
      const needle = query.nameContains === null ? null : lowerEach(query.nameContains)
      const statusCounts = Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, 0])) as Record<
        ExperimentStatus,
        number
      >
      const matching: Experiment[] = []
      const trash = query.deleted === true
      for (const row of rows.values()) {
        if (row.environmentId !== query.environmentId || (row.deletedAt !== null) !== trash) continue
        if (query.featureId !== null && row.featureId !== query.featureId) continue
        if (needle !== null && !lowerEach(row.name).includes(needle)) continue
        statusCounts[row.status]++
        if (query.statuses !== null && !query.statuses.includes(row.status)) continue
        if (query.after !== null && compareListOrder(row, { ...row, ...query.after }) <= 0) continue
        matching.push(row)
      }
      const items = matching.sort(compareListOrder).slice(0, query.limit).map(stored)
      return Promise.resolve({ items, statusCounts })
    },

    dueScheduled: (query: DueQuery) => {
      const due: { row: Experiment; position: DuePosition }[] = []
      for (const row of rows.values()) {
        const transition = dueTransition(row, query.now)
        if (transition === null) continue
        const position = { dueAt: transition.at, id: row.id }
        if (query.after === null || compareDue(position, query.after) > 0) due.push({ row, position })
      }
      due.sort((a, b) => compareDue(a.position, b.position))
      return Promise.resolve(due.slice(0, query.limit).map(({ row }) => stored(row)))
    },

    write: (change) => writes.run(() => write(change)),

    finalResults: (environmentId, experimentId) => {
      const found = finalResults.get(experimentId)
      const visible = found !== undefined && rows.get(experimentId)?.environmentId === environmentId
      return Promise.resolve(visible ? structuredClone(found) : null)
    },

    saveFinalResults: (environmentId, experimentId, results) =>
      writes.run(() => {
        if (rows.get(experimentId)?.environmentId !== environmentId) {
          return Promise.reject(
            new Error(`flag-experiments: no experiment ${experimentId} to keep results of`),
          )
        }
        const kept = finalResults.get(experimentId) ?? structuredClone(results)
        finalResults.set(experimentId, kept)
        return Promise.resolve(structuredClone(kept))
      }),

    lockAndWrite: (environmentId, experimentId, options, decide) =>
      writes.run(async () => {
        const change = decide(find(environmentId, experimentId, options.includeDeleted))
        return change === null ? 'nothing_to_write' : await write(change)
      }),
  }
}
