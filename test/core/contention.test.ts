import { describe, expect, it } from 'vitest'
import { createExperimentService, type ExperimentRepository } from '../../src/index.js'
import { admin, createExperiment, createMetric, ok, setup } from './fixture.js'

describe('many writers on one experiment', () => {
  it('queue on the row lock after a lost race: every write lands, none is lost', async () => {
    const { service, adapters } = setup()
    const { id } = await createExperiment(service)
    const writers = 40
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        service.update(admin, 'dev', id, { hypothesis: `hypothesis ${i}` }),
      ),
    )
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).toEqual([])
    const final = await ok(service.get(admin, 'dev', id))
    expect(final.version).toBe(1 + writers)
    expect(adapters.auditLog.entries(id).filter((e) => e.action === 'updated')).toHaveLength(writers)
  })

  it('transition storms re-decide under the lock: exactly the valid transitions succeed', async () => {
    const { service, adapters } = setup()
    const { id } = await createExperiment(service)
    const results = await Promise.all(Array.from({ length: 20 }, () => service.start(admin, 'dev', id)))
    expect(results.filter((r) => r.isOk())).toHaveLength(1)
    expect(new Set(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code))).toEqual(
      new Set(['invalid_transition']),
    )
    expect(adapters.auditLog.entries(id).map((e) => e.action)).toEqual(['created', 'started'])
  })

  it('without lockAndWrite the core retries optimistically and reports exhaustion as unavailable', async () => {
    const { adapters } = setup()
    const { repository } = adapters
    const optimisticOnly: ExperimentRepository = {
      find: (...args) => repository.find(...args),
      list: (query) => repository.list(query),
      ingestionTargets: (...args) => repository.ingestionTargets(...args),
      dueScheduled: (query) => repository.dueScheduled(query),
      write: (change) => repository.write(change),
      finalResults: (...args) => repository.finalResults(...args),
      saveFinalResults: (...args) => repository.saveFinalResults(...args),
    }
    const service = createExperimentService({ ...adapters, repository: optimisticOnly })
    const { id } = await createExperiment(service)
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => service.update(admin, 'dev', id, { name: `n${i}` })),
    )
    expect(results.every((r) => r.isOk())).toBe(true)

    const crowd = await Promise.all(
      Array.from({ length: 30 }, (_, i) => service.update(admin, 'dev', id, { name: `crowd ${i}` })),
    )
    const failures = crowd.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)
    expect(new Set(failures)).toEqual(new Set(['unavailable']))
    const final = await ok(service.get(admin, 'dev', id))
    expect(final.version).toBe(1 + 4 + crowd.filter((r) => r.isOk()).length)
    expect(adapters.auditLog.entries(id)).toHaveLength(final.version)
  })

  it("a start racing a change of its metric's aggregation: the change is refused, or stored before the start", async () => {
    const { service, adapters } = setup()
    for (let round = 0; round < 20; round++) {
      const metric = await createMetric(service)
      const { id } = await ok(
        service.create(admin, 'dev', {
          feature: '4',
          name: `Race ${round}`,
          hypothesis: 'Races.',
          metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
        }),
      )
      const start = () => service.start(admin, 'dev', id)
      const change = () => service.updateMetric(admin, 'dev', metric.id, { aggregation: 'count' })
      // Either side asks first; both are in flight before either is decided.
      const [started, changed] =
        round % 2 === 0
          ? await Promise.all([start(), change()])
          : await Promise.all([change(), start()]).then(([c, s]) => [s, c] as const)
      expect(started._unsafeUnwrap().status).toBe('running')
      const order = adapters.auditLog
        .entries()
        .filter((entry) => entry.subject.id === id || entry.subject.id === metric.id)
        .map((entry) => entry.action)
      if (changed.isOk()) {
        expect(order).toEqual(['metric_created', 'created', 'metric_updated', 'started'])
      } else {
        expect(changed._unsafeUnwrapErr()).toMatchObject({ code: 'metric_in_use', experimentIds: [id] })
        expect(order).toEqual(['metric_created', 'created', 'started'])
      }
      expect((await ok(service.getMetric(admin, 'dev', metric.id))).aggregation).toBe(
        changed.isOk() ? 'count' : 'occurrence',
      )
      await ok(service.complete(admin, 'dev', id))
    }
  })
})
