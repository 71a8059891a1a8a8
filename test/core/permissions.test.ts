import { describe, expect, it } from 'vitest'
import type { ResultAsync } from 'neverthrow'
import type { Actor, ExperimentAction, ExperimentError, ExperimentService } from '../../src/index.js'
import { admin, createExperiment, ok, setup } from './fixture.js'

const outsider: Actor = { type: 'user', id: 'u-outsider' }

type Call = (service: ExperimentService, actor: Actor, id: string) => ResultAsync<unknown, ExperimentError>

/** Every operation with its permission action; ids and inputs are deliberately junk for some. */
const operations: [string, ExperimentAction, Call][] = [
  ['list', 'view', (s, a) => s.list(a, 'dev', { limit: 9999 })],
  ['get', 'view', (s, a, id) => s.get(a, 'dev', id)],
  ['history', 'view', (s, a, id) => s.history(a, 'dev', id)],
  ['create', 'create', (s, a) => s.create(a, 'dev', { feature: '1', name: 'x', hypothesis: 'y' })],
  ['create (invalid input)', 'create', (s, a) => s.create(a, 'dev', { bogus: true } as never)],
  ['update', 'update', (s, a, id) => s.update(a, 'dev', id, { name: 'hijacked' })],
  [
    'update (unknown id)',
    'update',
    (s, a) => s.update(a, 'dev', '00000000-0000-4000-8000-000000000000', { name: 7 } as never),
  ],
  ['delete', 'delete', (s, a, id) => s.delete(a, 'dev', id)],
  ['restore', 'restore', (s, a, id) => s.restore(a, 'dev', id)],
  ['start', 'start', (s, a, id) => s.start(a, 'dev', id)],
  ['pause', 'pause', (s, a, id) => s.pause(a, 'dev', id)],
  ['complete', 'complete', (s, a, id) => s.complete(a, 'dev', id, { expectedVersion: 42 })],
]

async function snapshot(service: ExperimentService, adapters: ReturnType<typeof setup>['adapters']) {
  return { list: await ok(service.list(admin, 'dev')), audit: adapters.auditLog.entries() }
}

describe('permissions are checked first, for every operation', () => {
  it.each(operations)(
    '%s: a forbidden actor learns nothing and changes nothing',
    async (_name, action, call) => {
      const asked: [string, ExperimentAction][] = []
      const { service, adapters } = setup({
        can: (actor, requested) => {
          asked.push([actor.id, requested])
          return actor.id === admin.id
        },
      })
      const { id } = await createExperiment(service)
      await ok(service.start(admin, 'dev', id))
      await ok(service.pause(admin, 'dev', id))
      const before = await snapshot(service, adapters)
      asked.length = 0

      const result = await call(service, outsider, id)

      expect(result.isErr()).toBe(true)
      expect(result._unsafeUnwrapErr()).toEqual({
        code: 'forbidden',
        message: `You do not have permission to ${action} experiments in this environment.`,
        action,
      })
      expect(asked).toEqual([[outsider.id, action]])
      expect(await snapshot(service, adapters)).toEqual(before)
    },
  )

  it.each(operations)(
    '%s: experimentation disabled for the environment wins over everything',
    async (_name, _action, call) => {
      let enabled = true
      const { service, adapters } = setup({ isEnabled: () => enabled })
      const { id } = await createExperiment(service)
      const before = await snapshot(service, adapters)
      enabled = false

      const result = await call(service, admin, id)

      expect(result._unsafeUnwrapErr()).toEqual({
        code: 'experimentation_disabled',
        message: 'Experimentation is not enabled for this environment.',
      })
      enabled = true
      expect(await snapshot(service, adapters)).toEqual(before)
    },
  )

  it('the policy sees the resolved environment and the actor, including API keys', async () => {
    const seen: unknown[] = []
    const { service } = setup({
      can: (actor, action, environment) => (seen.push({ actor, action, environment }), true),
    })
    await ok(service.list({ type: 'api_key', id: 'k1' }, 'prod'))
    expect(seen).toEqual([
      {
        actor: { type: 'api_key', id: 'k1' },
        action: 'view',
        environment: { id: 'env-prod', key: 'prod', name: 'Production', projectId: 'p1' },
      },
    ])
  })

  it('a malformed actor is forbidden, not a crash', async () => {
    const { service } = setup()
    for (const actor of [null, undefined, {}, { type: 'root', id: '1' }, { type: 'user', id: '' }]) {
      const result = await service.list(actor as never, 'dev')
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'forbidden' })
    }
  })
})
