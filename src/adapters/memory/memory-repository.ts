import type { AuditLog } from '../../ports/audit-log.js'
import { createSerialQueue } from '../shared/serial-queue.js'
import type {
  ExperimentPage,
  ExperimentRepository,
  ExperimentWrite,
  ListQuery,
  WriteOutcome,
} from '../../ports/experiment-repository.js'
import {
  EXPERIMENT_STATUSES,
  isActive,
  type Experiment,
  type ExperimentStatus,
  type StatusChange,
  type StoredExperiment,
} from '../../core/domain/experiment.js'

function copyExperiment(e: Experiment): Experiment {
  return {
    ...e,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    startedAt: e.startedAt && new Date(e.startedAt),
    endedAt: e.endedAt && new Date(e.endedAt),
    deletedAt: e.deletedAt && new Date(e.deletedAt),
  }
}

function copyChange(c: StatusChange): StatusChange {
  return { ...c, at: new Date(c.at), actor: { ...c.actor } }
}

/**
 * Lower case one code point at a time, as Postgres' `lower()` does: a whole-string
 * `toLowerCase` applies context rules (Greek final sigma) that would make a name miss a
 * search for its own prefix.
 */
function lowerEach(text: string): string {
  let lowered = ''
  for (const char of text) lowered += char.toLowerCase()
  return lowered
}

const slotOf = (e: Pick<Experiment, 'environmentId' | 'featureId'>) =>
  `${e.environmentId}\u0000${e.featureId}`

/** Newest first: `createdAt` descending, then `id` descending. */
function compareListOrder(a: Experiment, b: Experiment): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime()
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

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
 * compare-and-set and the active slot, hands the audit entry to the audit log, and only then
 * applies the change, so a failing audit log leaves nothing behind.
 */
export function createMemoryRepository(auditLog: AuditLog<void>): MemoryRepository {
  const rows = new Map<string, Experiment>()
  const histories = new Map<string, StatusChange[]>()
  const activeBySlot = new Map<string, string>()
  const writes = createSerialQueue()

  const stored = (row: Experiment): StoredExperiment => ({
    ...copyExperiment(row),
    history: (histories.get(row.id) ?? []).map(copyChange),
  })

  function check(change: ExperimentWrite): WriteOutcome {
    const { experiment } = change
    const existing = rows.get(experiment.id)
    if (change.kind === 'insert' ? existing !== undefined : existing?.version !== change.storedVersion) {
      return 'version_conflict'
    }
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

    list: (query: ListQuery): Promise<ExperimentPage> => {
      const needle = query.nameContains === null ? null : lowerEach(query.nameContains)
      const statusCounts = Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, 0])) as Record<
        ExperimentStatus,
        number
      >
      const matching: Experiment[] = []
      for (const row of rows.values()) {
        if (row.environmentId !== query.environmentId || row.deletedAt !== null) continue
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

    write: (change) => writes.run(() => write(change)),

    lockAndWrite: (environmentId, experimentId, options, decide) =>
      writes.run(async () => {
        const change = decide(find(environmentId, experimentId, options.includeDeleted))
        return change === null ? 'nothing_to_write' : await write(change)
      }),
  }
}
