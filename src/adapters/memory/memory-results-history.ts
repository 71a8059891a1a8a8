import type { ExperimentResults } from '../../core/domain/results.js'
import type { ResultsHistory } from '../../ports/results-history.js'
import type { MemoryStore } from './memory-store.js'

/**
 * The results snapshots in memory, over the store the repository keeps experiments in: one per
 * experiment and day, the days kept in order.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * const history = createMemoryResultsHistory(store)
 * ```
 */
export function createMemoryResultsHistory(store: MemoryStore): ResultsHistory {
  const { experiments, snapshots, writes } = store
  const ownedBy = (environmentId: string, experimentId: string) =>
    experiments.get(experimentId)?.environmentId === environmentId
  return {
    snapshotsDue: ({ day, after, limit }) => {
      const due = [...experiments.values()]
        .filter((e) => e.status === 'running' && e.deletedAt === null)
        .filter((e) => (after === null || e.id > after) && !snapshots.get(e.id)?.has(day))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      return Promise.resolve(
        due.slice(0, limit).map((e) => ({ environmentId: e.environmentId, experimentId: e.id })),
      )
    },
    saveSnapshot: ({ environmentId, experimentId, day, results, replace }) =>
      writes.run(() => {
        if (!ownedBy(environmentId, experimentId)) return Promise.resolve()
        const days = snapshots.get(experimentId) ?? new Map<string, ExperimentResults>()
        if (replace || !days.has(day)) days.set(day, structuredClone(results))
        snapshots.set(experimentId, new Map([...days].sort(([a], [b]) => (a < b ? -1 : 1))))
        return Promise.resolve()
      }),
    snapshots: (environmentId, experimentId) => {
      const days = ownedBy(environmentId, experimentId) ? snapshots.get(experimentId) : undefined
      return Promise.resolve([...(days?.values() ?? [])].map((results) => structuredClone(results)))
    },
  }
}
