import type { Actor, Environment, Feature } from '../../core/domain/experiment.js'
import type { AuditFeed } from '../../ports/audit-feed.js'
import { auditFeedOf } from '../shared/audit-feed-of.js'
import type { AuditLog } from '../../ports/audit-log.js'
import type { ExperimentData } from '../../ports/experiment-data.js'
import { systemClock, type Clock } from '../../ports/clock.js'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'
import type { ResultsHistory } from '../../ports/results-history.js'
import { createMemoryAuditLog, type MemoryAuditLog } from './memory-audit-log.js'
import { createMemoryExperimentData } from './memory-experiment-data.js'
import { createMemoryMetricRepository, type MemoryMetricRepository } from './memory-metric-repository.js'
import { createMemoryRepository, type MemoryRepository } from './memory-repository.js'
import { createMemoryResultsHistory } from './memory-results-history.js'
import { createMemoryStore } from './memory-store.js'
import type { ExperimentAction } from '../../core/domain/vocabulary.js'

/** Access rules for the memory adapters, sync or async; whatever is left out allows everything. */
export interface MemoryPermissions {
  isEnabled?(environment: Environment): boolean | Promise<boolean>
  can?(actor: Actor, action: ExperimentAction, environment: Environment): boolean | Promise<boolean>
}

/** Seed data and options for {@link createMemoryAdapters}. */
export interface MemoryAdaptersOptions<A extends AuditLog<void> = MemoryAuditLog> {
  readonly environments: readonly Environment[]
  readonly features: readonly Feature[]
  readonly permissions?: MemoryPermissions
  /** Defaults to the system clock; pass {@link createManualClock} for tests. */
  readonly clock?: Clock
  /** The host's own audit sink; defaults to a readable {@link MemoryAuditLog}. */
  readonly auditLog?: A
}

/** Every port, in memory: pass it whole to {@link createExperimentService}. */
export interface MemoryAdapters<A extends AuditLog<void> = MemoryAuditLog> {
  readonly repository: MemoryRepository
  /** The metric catalogue, over the same store (and write queue) as `repository`. */
  readonly metrics: MemoryMetricRepository
  readonly features: FeatureLookup
  readonly permissions: PermissionPolicy
  readonly clock: Clock
  readonly auditLog: A
  /** The audit entries as a feed (the memory audit log, or the host's if it is a feed too); absent otherwise. */
  readonly auditFeed?: AuditFeed
  readonly experimentData: ExperimentData
  /** The results snapshots (the lift over time), over the same store as `repository`. */
  readonly resultsHistory: ResultsHistory
}

/**
 * Creates in-memory adapters for every port, seeded from plain data: for hosts' unit tests
 * and demos. Units of work are atomic: a failing audit log leaves nothing behind.
 *
 * @example
 * ```ts
 * const adapters = createMemoryAdapters({
 *   environments: [{ id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' }],
 *   features: [
 *     {
 *       id: '1',
 *       name: 'checkout',
 *       projectId: 'p1',
 *       type: 'multivariate',
 *       variants: [{ key: 'control' }, { key: 'blue' }, { key: 'green' }],
 *     },
 *   ],
 *   clock: createManualClock(),
 * })
 * const service = createExperimentService(adapters)
 * ```
 */
export function createMemoryAdapters<A extends AuditLog<void> = MemoryAuditLog>(
  options: MemoryAdaptersOptions<A>,
): MemoryAdapters<A> {
  const environments = new Map(options.environments.map((e) => [e.key, { ...e }]))
  const features = new Map(options.features.map((f) => [f.id, { ...f }]))
  const rules = options.permissions ?? {}
  const auditLog = options.auditLog ?? (createMemoryAuditLog() as AuditLog<void> as A)
  const store = createMemoryStore()
  const auditFeed = auditFeedOf(auditLog)
  return {
    repository: createMemoryRepository(auditLog, store),
    metrics: createMemoryMetricRepository(auditLog, store),
    features: {
      environmentByKey: (key) => Promise.resolve(environments.get(key) ?? null),
      environmentById: (id) =>
        Promise.resolve([...environments.values()].find((environment) => environment.id === id) ?? null),
      featureById: (id) => Promise.resolve(features.get(id) ?? null),
    },
    permissions: {
      isEnabled: async (environment) => (rules.isEnabled ? await rules.isEnabled(environment) : true),
      can: async (actor, action, environment) =>
        rules.can ? await rules.can(actor, action, environment) : true,
    },
    clock: options.clock ?? systemClock,
    auditLog,
    ...(auditFeed && { auditFeed }),
    experimentData: createMemoryExperimentData(),
    resultsHistory: createMemoryResultsHistory(store),
  }
}
