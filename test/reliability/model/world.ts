import {
  createExperimentService,
  type AuditEntry,
  type Environment,
  type ExperimentRepository,
  type ExperimentService,
  type Metric,
  type StoredExperiment,
} from '../../../src/index.js'
import {
  createManualClock,
  createMemoryAdapters,
  createMemoryAuditLog,
  type ManualClock,
  type MemoryAuditLog,
} from '../../../src/memory.js'
import { createKyselyAdapters } from '../../../src/kysely.js'
import { openTestDatabase } from '../../support/database.js'
import { readStoredRows, storedState } from '../../support/stored-state.js'
import { environmentsOf, FEATURES, universePermissions } from './universe.js'

/** What was really persisted for one run, read through a back door. */
export interface Snapshot {
  /** Every experiment of the run, deleted ones included, each with its history. */
  readonly experiments: readonly StoredExperiment[]
  /** Every audit entry of the run's environments, in write order. */
  readonly audit: readonly AuditEntry[]
}

/** One isolated run: a service over some adapters, its clock and a back door to its storage. */
export interface World {
  readonly service: ExperimentService
  /** Independent service instances on the same storage (a second pool on Postgres); races spread over them. */
  readonly instances: readonly ExperimentService[]
  readonly clock: ManualClock
  readonly environments: readonly Environment[]
  /** Reads what is stored; `knownIds` are the experiments the model expects (to find deleted ones). */
  snapshot(knownIds: readonly string[]): Promise<Snapshot>
  /** Reads the stored catalogue rows of the given metrics, deleted ones included. */
  metricSnapshot(ids: readonly string[]): Promise<readonly Metric[]>
  close(): Promise<void>
}

/** Opens fresh worlds of one kind of storage. */
export interface WorldFactory {
  readonly name: string
  open(runTag: string): Promise<World>
  /** Releases what the factory shares between worlds (a database). */
  dispose(): Promise<void>
}

export const CLOCK_START = '2026-01-01T00:00:00.000Z'

/** Deliberate defects, to prove the checks catch a broken adapter. */
export interface Sabotage {
  readonly name: string
  readonly auditLog?: (log: MemoryAuditLog) => MemoryAuditLog
  readonly repository?: (repository: ExperimentRepository) => ExperimentRepository
}

/** Worlds on the in-memory adapters; the back door is the repository and the readable audit log. */
export const memoryWorlds: WorldFactory = memoryWorldsWith()

/** Worlds on the in-memory adapters, optionally sabotaged. */
export function memoryWorldsWith(sabotage?: Sabotage): WorldFactory {
  return {
    name: sabotage ? `memory/${sabotage.name}` : 'memory',
    open: (runTag) => {
      const clock = createManualClock(CLOCK_START)
      const environments = environmentsOf(runTag)
      const log = createMemoryAuditLog()
      const adapters = createMemoryAdapters({
        environments,
        features: FEATURES,
        permissions: universePermissions,
        clock,
        auditLog: sabotage?.auditLog?.(log) ?? log,
      })
      const repository = adapters.repository
      const service = createExperimentService({
        ...adapters,
        repository: sabotage?.repository?.(adapters.repository) ?? adapters.repository,
      })
      const auditLog = log
      const second = createExperimentService({
        ...adapters,
        repository: sabotage?.repository?.(repository) ?? repository,
      })
      return Promise.resolve({
        service,
        instances: [service, second],
        clock,
        environments,
        snapshot: async (knownIds) => {
          const audit = auditLog.entries()
          const byId = new Map<string, StoredExperiment>()
          for (const environment of environments) {
            const page = await repository.list({
              environmentId: environment.id,
              statuses: null,
              featureId: null,
              nameContains: null,
              after: null,
              limit: 1_000_000,
            })
            for (const item of page.items) byId.set(item.id, item)
          }
          const ids = new Set([...knownIds, ...audit.map((entry) => entry.subject.id)])
          for (const id of ids) {
            for (const environment of environments) {
              const found = await repository.find(environment.id, id, { includeDeleted: true })
              if (found) byId.set(found.id, found)
            }
          }
          return { experiments: [...byId.values()], audit }
        },
        metricSnapshot: (ids) => {
          const rows = adapters.metrics.getInstance().metrics
          return Promise.resolve(
            ids.flatMap((id) => {
              const found = rows.get(id)
              if (found === undefined) return []
              const { usedBy: _usedBy, ...metric } = found
              return [metric]
            }),
          )
        },
        close: () => Promise.resolve(),
      })
    },
    dispose: () => Promise.resolve(),
  }
}

/**
 * Worlds on the Kysely adapters over the test database (PGlite, or Postgres with
 * `DATABASE_URL`): one fresh schema per suite, one environment tag per run; the back door is
 * raw SQL on the library's tables. A second service instance runs on a second pool (the same
 * connection on PGlite). With `hostAuditSink`, writes go through a host audit sink, so each is a
 * transaction (row, audit append, commit) instead of one statement.
 */
export async function kyselyWorlds(
  options: { readonly hostAuditSink?: boolean } = {},
): Promise<WorldFactory> {
  const database = await openTestDatabase()
  const { schema } = database
  const adaptersOn = (db: typeof database.db) => {
    const library = createKyselyAdapters(db, { schema })
    const { repository, metrics, experimentData } =
      options.hostAuditSink === true
        ? createKyselyAdapters(db, { schema, auditLog: library.auditLog })
        : library
    return { repository, metrics, experimentData }
  }
  const pools = [adaptersOn(database.db), adaptersOn(database.openSecondPool())]
  return {
    name: `${database.kind}${options.hostAuditSink === true ? '+host-audit-sink' : ''}`,
    open: (runTag) => {
      const clock = createManualClock(CLOCK_START)
      const environments = environmentsOf(runTag)
      const features = {
        environmentByKey: (key: string) => Promise.resolve(environments.find((e) => e.key === key) ?? null),
        environmentById: (id: string) => Promise.resolve(environments.find((e) => e.id === id) ?? null),
        featureById: (id: string) => Promise.resolve(FEATURES.find((f) => f.id === id) ?? null),
      }
      const instances = pools.map(({ repository, metrics, experimentData }) =>
        createExperimentService({
          repository,
          metrics,
          experimentData,
          features,
          permissions: universePermissions,
          clock,
        }),
      )
      return Promise.resolve({
        service: instances[0]!,
        instances,
        clock,
        environments,
        snapshot: () =>
          readStoredRows(
            database,
            environments.map((e) => e.id),
          ),
        metricSnapshot: async (ids) => {
          const state = storedState(database, 'library')
          const rows = await Promise.all(ids.map((id) => state.metric(id)))
          return rows.filter((row) => row !== null)
        },
        close: () => Promise.resolve(),
      })
    },
    dispose: () => database.close(),
  }
}
