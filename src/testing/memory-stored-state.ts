import type { MemoryAuditLog } from '../adapters/memory/memory-audit-log.js'
import type { MemoryMetricRepository } from '../adapters/memory/memory-metric-repository.js'
import type { MemoryRepository } from '../adapters/memory/memory-repository.js'
import type { StoredState } from './repository-fixture.js'

/**
 * The {@link StoredState} of the memory adapters, read through their back doors
 * (`getInstance()` of each repository, the audit log's `entries`) instead of through the ports
 * under test: what a host needs to run {@link testExperimentRepository} and
 * {@link testMetricRepository} on the memory adapters, or on its own wrapper around them.
 *
 * @example
 * ```ts
 * const auditLog = createMemoryAuditLog()
 * const store = createMemoryStore()
 * const repository = createMemoryRepository(auditLog, store)
 * const metrics = createMemoryMetricRepository(auditLog, store)
 * const stored = memoryStoredState(repository, metrics, auditLog)
 * await stored.experiment(id) // the row as stored, deleted or not
 * ```
 */
export function memoryStoredState(
  repository: MemoryRepository,
  metrics: MemoryMetricRepository,
  auditLog: MemoryAuditLog,
): StoredState {
  const find = (id: string) => repository.getInstance().experiments.get(id) ?? null
  return {
    metric: (id) => {
      const found = metrics.getInstance().metrics.get(id)
      if (found === undefined) return Promise.resolve(null)
      const { usedBy: _usedBy, ...metric } = found
      return Promise.resolve(metric)
    },
    experiment: (id) => {
      const found = find(id)
      if (found === null) return Promise.resolve(null)
      const { history: _history, ...experiment } = found
      return Promise.resolve(experiment)
    },
    history: (id) => Promise.resolve(find(id)?.history ?? []),
    auditEntries: (id) => Promise.resolve(auditLog.entries(id)),
  }
}
