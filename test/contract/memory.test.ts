import * as vitest from 'vitest'
import type { AuditEntry, Environment, Feature } from '../../src/index.js'
import {
  createMemoryAdapters,
  createMemoryAuditLog,
  createMemoryMetricRepository,
  createMemoryRepository,
  createMemoryResultsHistory,
  createMemoryStore,
} from '../../src/memory.js'
import {
  memoryStoredState,
  testExperimentRepository,
  testFeatureLookup,
  testMetricRepository,
  testPermissionPolicy,
  testResultsHistory,
} from '../../src/testing.js'

/** Fresh memory repositories over one store, with an audit sink a test can break. */
function memoryFixture() {
  const log = createMemoryAuditLog()
  const sink = { broken: false }
  const auditLog = {
    append: (entry: AuditEntry) =>
      sink.broken ? Promise.reject(new Error('audit sink down')) : log.append(entry),
  }
  const store = createMemoryStore()
  const repository = createMemoryRepository(auditLog, store)
  const metrics = createMemoryMetricRepository(auditLog, store)
  const resultsHistory = createMemoryResultsHistory(store)
  const breakAudit = () => Promise.resolve(void (sink.broken = true))
  return {
    repository,
    metrics,
    resultsHistory,
    stored: memoryStoredState(repository, metrics, log),
    breakAudit,
  }
}

testExperimentRepository(vitest, memoryFixture, 'memory repository')
testMetricRepository(vitest, memoryFixture, 'memory metric repository')
testResultsHistory(vitest, memoryFixture, 'memory results history')

const environments: Environment[] = [
  { id: 'e1', key: 'dev', name: 'Development', projectId: 'p1' },
  { id: 'e2', key: 'off', name: 'Disabled', projectId: 'p3' },
]
const features: Feature[] = [
  {
    id: '1',
    name: 'checkout',
    projectId: 'p1',
    type: 'multivariate',
    variants: [{ key: 'control' }, { key: 'blue', name: 'Blue' }],
  },
  { id: '2', name: 'banner', projectId: 'p1', type: 'standard' },
]
const [dev, off] = environments as [Environment, Environment]
const admin = { type: 'user', id: 'admin' } as const
const viewer = { type: 'user', id: 'viewer' } as const

const memoryAdapters = () =>
  createMemoryAdapters({
    environments,
    features,
    permissions: {
      isEnabled: (environment) => environment.projectId !== 'p3',
      can: (actor, action) => actor.id === 'admin' || action === 'view',
    },
  })

testFeatureLookup(
  vitest,
  () => ({ lookup: memoryAdapters().features, environments, features }),
  'memory feature lookup',
)

testPermissionPolicy(
  vitest,
  () => ({
    policy: memoryAdapters().permissions,
    expectations: [
      { environment: dev, enabled: true },
      { environment: off, enabled: false },
      { environment: dev, actor: admin, action: 'start', allowed: true },
      { environment: dev, actor: viewer, action: 'view', allowed: true },
      { environment: dev, actor: viewer, action: 'delete', allowed: false },
    ],
  }),
  'memory permission policy',
)
