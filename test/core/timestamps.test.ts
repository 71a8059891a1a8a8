import { describe, expect, it } from 'vitest'
import { runningSeconds, type StatusChange } from '../../src/index.js'
import { admin, createExperiment, ok, setup } from './fixture.js'

describe('timestamp rules', () => {
  it('create sets createdAt = updatedAt = now, version 1, no startedAt/endedAt', async () => {
    const { service, clock } = setup()
    const experiment = await createExperiment(service)
    expect(experiment).toMatchObject({
      status: 'created',
      createdAt: clock.now(),
      updatedAt: clock.now(),
      startedAt: null,
      endedAt: null,
      version: 1,
      runningSeconds: 0,
    })
  })

  it('the first start sets startedAt; a resume keeps it; complete sets endedAt', async () => {
    const { service, clock } = setup()
    const { id } = await createExperiment(service)
    clock.advance({ minutes: 1 })
    const startedAt = clock.now()
    const started = await ok(service.start(admin, 'dev', id))
    expect(started).toMatchObject({ startedAt, updatedAt: startedAt, endedAt: null, version: 2 })

    clock.advance({ minutes: 1 })
    await ok(service.pause(admin, 'dev', id))
    clock.advance({ minutes: 1 })
    const resumedAt = clock.now()
    const resumed = await ok(service.start(admin, 'dev', id))
    expect(resumed).toMatchObject({ status: 'running', startedAt, updatedAt: resumedAt, version: 4 })

    clock.advance({ minutes: 1 })
    const endedAt = clock.now()
    const completed = await ok(service.complete(admin, 'dev', id))
    expect(completed).toMatchObject({
      status: 'completed',
      startedAt,
      endedAt,
      updatedAt: endedAt,
      version: 5,
    })
  })

  it('runningSeconds excludes pauses and stops at endedAt', async () => {
    const { service, clock } = setup()
    const { id } = await createExperiment(service)
    clock.advance({ seconds: 30 }) // created, not running
    await ok(service.start(admin, 'dev', id))
    clock.advance({ seconds: 100 }) // running 100
    expect((await ok(service.get(admin, 'dev', id))).runningSeconds).toBe(100)
    await ok(service.pause(admin, 'dev', id))
    clock.advance({ hours: 1 }) // paused: not counted
    expect((await ok(service.get(admin, 'dev', id))).runningSeconds).toBe(100)
    await ok(service.start(admin, 'dev', id))
    clock.advance({ seconds: 20.9 }) // running 20.9
    const completed = await ok(service.complete(admin, 'dev', id))
    expect(completed.runningSeconds).toBe(120)
    clock.advance({ days: 3 })
    expect((await ok(service.get(admin, 'dev', id))).runningSeconds).toBe(120)
    const page = await ok(service.list(admin, 'dev'))
    expect(page.results[0]?.runningSeconds).toBe(120)
  })

  it('runningSeconds counts a completion straight from paused only up to the pause', async () => {
    const { service, clock } = setup()
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    clock.advance({ seconds: 10 })
    await ok(service.pause(admin, 'dev', id))
    clock.advance({ seconds: 50 })
    expect((await ok(service.complete(admin, 'dev', id))).runningSeconds).toBe(10)
  })

  it('runningSeconds (pure) sums whole seconds over running intervals and never goes negative', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))
    const actor = admin
    const history: StatusChange[] = [
      { from: 'created', to: 'running', at: at(0), actor },
      { from: 'running', to: 'paused', at: at(5), actor },
      { from: 'paused', to: 'running', at: at(10), actor },
    ]
    expect(runningSeconds({ endedAt: null }, history, at(12))).toBe(7)
    expect(runningSeconds({ endedAt: null }, [], at(12))).toBe(0)
    expect(runningSeconds({ endedAt: null }, history, at(8))).toBe(5) // a clock behind the last change
  })

  it('updatedAt and version move on real changes only', async () => {
    const { service, clock, adapters } = setup()
    const created = await createExperiment(service)
    clock.advance({ minutes: 5 })
    const same = await ok(service.update(admin, 'dev', created.id, { name: '  Checkout test  ' }))
    expect(same).toMatchObject({ updatedAt: created.updatedAt, version: 1 })
    expect(adapters.auditLog.entries()).toHaveLength(1)

    const renamed = await ok(service.update(admin, 'dev', created.id, { name: 'Renamed' }))
    expect(renamed).toMatchObject({
      name: 'Renamed',
      updatedAt: clock.now(),
      version: 2,
      createdAt: created.createdAt,
    })
    expect(adapters.auditLog.entries()).toHaveLength(2)
  })

  it('timestamps never go backwards when a clock lags behind the last change', async () => {
    const { service, clock } = setup()
    const { id, updatedAt } = await createExperiment(service)
    clock.advance({ minutes: -10 })
    const started = await ok(service.start(admin, 'dev', id))
    expect(started.startedAt).toEqual(updatedAt)
    expect(started.updatedAt).toEqual(updatedAt)
  })
})
