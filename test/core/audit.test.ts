import { describe, expect, it } from 'vitest'
import type { AuditEntry, AuditLog } from '../../src/index.js'
import { createManualClock, createMemoryAdapters } from '../../src/memory.js'
import { createExperimentService } from '../../src/index.js'
import { admin, apiKey, createExperiment, environments, features, fail, ok, setup } from './fixture.js'

describe('audit trail', () => {
  it('writes exactly one entry per change, with action, actor, message and diff', async () => {
    const { service, adapters, clock } = setup()
    const t0 = clock.now().toISOString()
    const { id } = await createExperiment(service)
    clock.advance(1000)
    await ok(service.update(apiKey, 'dev', id, { name: 'Checkout v2' }))
    await ok(service.start(admin, 'dev', id))
    const t2 = clock.now().toISOString()
    clock.advance(1000)
    await ok(service.pause(admin, 'dev', id))
    await ok(service.start(admin, 'dev', id))
    await ok(service.pause(admin, 'dev', id))
    await ok(service.delete(admin, 'dev', id))
    const t3 = clock.now().toISOString()
    await ok(service.restore(admin, 'dev', id))
    await ok(service.complete(admin, 'dev', id))
    // refused and no-op operations write nothing
    await fail(service.start(admin, 'dev', id))
    await ok(service.update(admin, 'dev', id, { name: 'Checkout v2' }))

    const entries = adapters.auditLog.entries(id)
    expect(entries.map((e) => e.action)).toEqual([
      'created',
      'updated',
      'started',
      'paused',
      'resumed',
      'paused',
      'deleted',
      'restored',
      'completed',
    ])
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length)
    const [created, updated, started, , resumed, , deleted, restored, completed] = entries as AuditEntry[] & {
      length: 9
    }
    expect(created).toMatchObject({
      actor: admin,
      at: new Date(t0),
      experimentId: id,
      environmentId: 'env-dev',
      projectId: 'p1',
      message: "Experiment 'Checkout test' created for environment Development",
      changes: {
        featureId: { from: null, to: '1' },
        name: { from: null, to: 'Checkout test' },
        hypothesis: { from: null, to: 'A shorter checkout converts better' },
        status: { from: null, to: 'created' },
      },
    })
    expect(updated).toMatchObject({
      actor: apiKey,
      message: "Experiment 'Checkout v2' updated for environment Development",
      changes: { name: { from: 'Checkout test', to: 'Checkout v2' } },
    })
    expect(Object.keys(updated!.changes)).toEqual(['name'])
    expect(started!.changes).toEqual({
      status: { from: 'created', to: 'running' },
      startedAt: { from: null, to: t2 },
    })
    expect(started!.message).toBe("Experiment 'Checkout v2' started for environment Development")
    expect(resumed!.changes).toEqual({ status: { from: 'paused', to: 'running' } })
    expect(deleted!.changes).toEqual({ deletedAt: { from: null, to: t3 } })
    expect(restored!.changes).toEqual({ deletedAt: { from: t3, to: null } })
    expect(completed!.changes).toEqual({
      status: { from: 'paused', to: 'completed' },
      endedAt: { from: null, to: t3 },
    })
  })

  it('history has one row per status change, oldest first, with its actor', async () => {
    const { service, clock } = setup()
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    clock.advance(5000)
    await ok(service.pause(apiKey, 'dev', id))
    await ok(service.update(admin, 'dev', id, { name: 'not a status change' }))
    expect(await ok(service.history(admin, 'dev', id))).toEqual([
      { from: 'created', to: 'running', at: new Date('2026-03-01T12:00:00.000Z'), actor: admin },
      { from: 'running', to: 'paused', at: new Date('2026-03-01T12:00:05.000Z'), actor: apiKey },
    ])
  })

  it('a failing audit sink leaves no change behind', async () => {
    let failing = false
    const appended: AuditEntry[] = []
    const hostAuditSink: AuditLog = {
      append: (entry) => {
        if (failing) return Promise.reject(new Error('audit store down'))
        appended.push(entry)
        return Promise.resolve()
      },
    }
    const adapters = createMemoryAdapters({
      environments,
      features,
      clock: createManualClock(),
      auditLog: hostAuditSink,
    })
    const service = createExperimentService(adapters)
    const { id } = await ok(service.create(admin, 'dev', { feature: '1', name: 'n', hypothesis: 'h' }))
    failing = true

    for (const op of [
      service.start(admin, 'dev', id),
      service.update(admin, 'dev', id, { name: 'changed' }),
      service.delete(admin, 'dev', id),
      service.create(admin, 'dev', { feature: '4', name: 'n', hypothesis: 'h' }),
    ]) {
      expect(await fail(op)).toMatchObject({ code: 'unavailable' })
    }
    failing = false
    expect(await ok(service.get(admin, 'dev', id))).toMatchObject({
      status: 'created',
      name: 'n',
      version: 1,
    })
    expect(await ok(service.history(admin, 'dev', id))).toEqual([])
    expect((await ok(service.list(admin, 'dev'))).results).toHaveLength(1)
    expect(appended).toHaveLength(1)
    // the slot of the failed create is still free
    await ok(service.create(admin, 'dev', { feature: '4', name: 'n', hypothesis: 'h' }))
  })
})
