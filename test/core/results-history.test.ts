import { describe, expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import { admin, createExperiment, fail, ok, setup } from './fixture.js'

type Service = ReturnType<typeof setup>['service']

/** Exposes `count` identities to each of control and blue at `at`. */
function expose(service: Service, experiment: string, prefix: string, count: number, at: string) {
  const exposures = Array.from({ length: count }, (_, i) => [
    { experiment, identity: `${prefix}-c${i}`, variant: 'control', at },
    { experiment, identity: `${prefix}-b${i}`, variant: 'blue', at },
  ]).flat()
  return ok(service.recordExposures(admin, 'dev', { exposures }))
}

describe('results history (the lift over time)', () => {
  it('keeps one daily snapshot per day from runScheduled and ends with the final results', async () => {
    const { service, clock } = setup()
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    expect(await ok(service.resultsHistory(admin, 'dev', id))).toEqual([])
    await expose(service, id, 'day1', 3, '2026-03-01T12:30:00.000Z')
    clock.set(new Date('2026-03-01T20:00:00.000Z'))
    expect((await ok(service.runScheduled())).snapshots).toEqual([
      { experimentId: id, environmentId: 'env-dev' },
    ])
    // The day has its snapshot: a later run the same day takes none.
    clock.set(new Date('2026-03-01T23:00:00.000Z'))
    expect((await ok(service.runScheduled())).snapshots).toEqual([])
    clock.set(new Date('2026-03-02T08:00:00.000Z'))
    await expose(service, id, 'day2', 2, '2026-03-02T07:00:00.000Z')
    await ok(service.runScheduled())
    const running = await ok(service.resultsHistory(admin, 'dev', id))
    expect(running.map((r) => [r.asOf.toISOString(), r.variants.map((v) => v.exposures), r.isFinal])).toEqual(
      [
        ['2026-03-01T20:00:00.000Z', [3, 3, 0], false],
        ['2026-03-02T08:00:00.000Z', [5, 5, 0], false],
      ],
    )
    clock.set(new Date('2026-03-02T09:00:00.000Z'))
    await ok(service.complete(admin, 'dev', id))
    const completed = await ok(service.resultsHistory(admin, 'dev', id))
    // The final results take the place of the end day's daily snapshot.
    expect(completed).toHaveLength(2)
    expect(completed[1]).toEqual(await ok(service.results(admin, 'dev', id)))
    expect(completed[1]).toMatchObject({
      isFinal: true,
      window: { to: new Date('2026-03-02T09:00:00.000Z') },
    })
  })

  it('leaves paused, completed and unstarted experiments out of the daily snapshots', async () => {
    const { service } = setup()
    const created = await createExperiment(service)
    const paused = await createExperiment(service, { feature: '4' })
    await ok(service.start(admin, 'dev', paused.id))
    await ok(service.pause(admin, 'dev', paused.id))
    expect((await ok(service.runScheduled())).snapshots).toEqual([])
    expect(await ok(service.resultsHistory(admin, 'dev', created.id))).toEqual([])
  })

  it('needs view and hides other environments and unknown ids as experiment_not_found', async () => {
    const { service } = setup({ can: (actor, action) => actor.id === admin.id || action !== 'view' })
    const { id } = await createExperiment(service)
    expect((await fail(service.resultsHistory({ type: 'user', id: 'nobody' }, 'dev', id))).code).toBe(
      'forbidden',
    )
    expect((await fail(service.resultsHistory(admin, 'prod', id))).code).toBe('experiment_not_found')
    expect((await fail(service.resultsHistory(admin, 'dev', 'not-a-uuid'))).code).toBe('experiment_not_found')
  })

  it('without a history port takes no snapshot, and a completed experiment still ends with its final results', async () => {
    const { adapters } = setup()
    const { resultsHistory: _left, ...ports } = adapters
    const service = createExperimentService(ports)
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    expect((await ok(service.runScheduled())).snapshots).toEqual([])
    await ok(service.complete(admin, 'dev', id))
    const history = await ok(service.resultsHistory(admin, 'dev', id))
    expect(history).toEqual([await ok(service.results(admin, 'dev', id))])
  })

  it('reports a snapshot the store cannot take in failed, and takes it on a later run', async () => {
    const { adapters } = setup()
    let broken = true
    const history = adapters.resultsHistory
    const service = createExperimentService({
      ...adapters,
      resultsHistory: {
        ...history,
        saveSnapshot: (snapshot) =>
          broken ? Promise.reject(new Error('disk full')) : history.saveSnapshot(snapshot),
      },
    })
    const { id } = await createExperiment(service)
    await ok(service.start(admin, 'dev', id))
    expect((await ok(service.runScheduled())).failed).toEqual([
      {
        experimentId: id,
        environmentId: 'env-dev',
        action: 'snapshot',
        error: { code: 'unavailable', message: expect.any(String) as string },
      },
    ])
    broken = false
    expect((await ok(service.runScheduled())).snapshots).toEqual([
      { experimentId: id, environmentId: 'env-dev' },
    ])
  })
})
