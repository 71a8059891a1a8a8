import { describe, expect, it } from 'vitest'
import { createExperimentService, type ExperimentServicePorts } from '../../src/index.js'
import { createManualClock, createMemoryAdapters } from '../../src/memory.js'
import { admin, environments, features, ok } from './fixture.js'

type Sabotage = (ports: ExperimentServicePorts) => ExperimentServicePorts
type Operation =
  'list' | 'get' | 'history' | 'create' | 'update' | 'start' | 'pause' | 'complete' | 'delete' | 'restore'

const boom = () => {
  throw new Error('connection refused: secret-host:5432')
}
const reject = () => Promise.reject(new Error('timeout'))
const ALL: Operation[] = [
  'list',
  'get',
  'history',
  'create',
  'update',
  'start',
  'pause',
  'complete',
  'delete',
  'restore',
]

/** Each sabotage with the operations that reach the broken port (on a paused experiment). */
const sabotages: [string, Sabotage, Operation[]][] = [
  ['environment lookup throws', (p) => ({ ...p, features: { ...p.features, environmentByKey: boom } }), ALL],
  [
    'environment lookup rejects',
    (p) => ({ ...p, features: { ...p.features, environmentByKey: reject } }),
    ALL,
  ],
  [
    'environment lookup returns garbage',
    (p) => ({
      ...p,
      features: { ...p.features, environmentByKey: () => Promise.resolve({ id: 1 } as never) },
    }),
    ALL,
  ],
  ['feature lookup rejects', (p) => ({ ...p, features: { ...p.features, featureById: reject } }), ['create']],
  ['isEnabled rejects', (p) => ({ ...p, permissions: { ...p.permissions, isEnabled: reject } }), ALL],
  ['can throws', (p) => ({ ...p, permissions: { ...p.permissions, can: boom } }), ALL],
  [
    'repository.find rejects',
    (p) => ({ ...p, repository: { ...p.repository, find: reject } }),
    ALL.filter((o) => o !== 'list' && o !== 'create'),
  ],
  ['repository.list throws', (p) => ({ ...p, repository: { ...p.repository, list: boom } }), ['list']],
  [
    'repository.write rejects',
    (p) => ({ ...p, repository: { ...p.repository, write: reject } }),
    ['create', 'update', 'start', 'complete', 'delete'],
  ],
  ['clock throws', (p) => ({ ...p, clock: { now: boom } }), ALL.filter((o) => o !== 'history')],
]

describe('a failing port becomes `unavailable`, never an exception', () => {
  it.each(sabotages)('%s', async (_name, sabotage, reached) => {
    for (const operation of ALL) {
      const adapters = createMemoryAdapters({ environments, features, clock: createManualClock() })
      const healthy = createExperimentService(adapters)
      const { id } = await ok(healthy.create(admin, 'dev', { feature: '1', name: 'n', hypothesis: 'h' }))
      await ok(healthy.start(admin, 'dev', id))
      await ok(healthy.pause(admin, 'dev', id))
      const broken = createExperimentService(sabotage(adapters))
      const calls = {
        list: () => broken.list(admin, 'dev'),
        get: () => broken.get(admin, 'dev', id),
        history: () => broken.history(admin, 'dev', id),
        create: () => broken.create(admin, 'dev', { feature: '4', name: 'n', hypothesis: 'h' }),
        update: () => broken.update(admin, 'dev', id, { name: 'x' }),
        start: () => broken.start(admin, 'dev', id),
        pause: () => broken.pause(admin, 'dev', id),
        complete: () => broken.complete(admin, 'dev', id),
        delete: () => broken.delete(admin, 'dev', id),
        restore: () => broken.restore(admin, 'dev', id),
      } satisfies Record<Operation, () => unknown>

      const result = await calls[operation]()

      if (reached.includes(operation)) {
        expect(result.isErr() && result.error, operation).toMatchObject({
          code: 'unavailable',
          message: 'A backing service is unavailable. Try again later.',
        })
        expect(await ok(healthy.get(admin, 'dev', id)), operation).toMatchObject({
          version: 3,
          status: 'paused',
        })
        expect(adapters.auditLog.entries(), operation).toHaveLength(3)
      } else {
        expect(result.isErr() ? result.error.code : 'ok', operation).not.toBe('unavailable')
      }
    }
  })
})
