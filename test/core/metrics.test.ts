import { describe, expect, it } from 'vitest'
import type { ExperimentAction } from '../../src/index.js'
import { admin, apiKey, createExperiment, createMetric, environments, fail, ok, setup } from './fixture.js'

describe('metric catalogue', () => {
  it('creates a metric at version 1 with its audit entry about the metric', async () => {
    const { service, adapters, clock } = setup()
    const metric = await ok(
      service.createMetric(apiKey, 'dev', {
        name: '  Checkout rate ',
        event: 'checkout',
        aggregation: 'occurrence',
        direction: 'up',
      }),
    )
    expect(metric).toEqual({
      id: expect.any(String) as string,
      environmentId: 'env-dev',
      name: 'Checkout rate',
      description: '',
      event: 'checkout',
      aggregation: 'occurrence',
      direction: 'up',
      createdAt: clock.now(),
      updatedAt: clock.now(),
      version: 1,
      usedBy: [],
    })
    expect(adapters.auditLog.entries(metric.id)).toEqual([
      expect.objectContaining({
        action: 'metric_created',
        actor: apiKey,
        subject: { type: 'metric', id: metric.id },
        experimentId: null,
        environmentId: 'env-dev',
        message: "Metric 'Checkout rate' created for environment Development",
      }),
    ])
    const invalid = await fail(
      service.createMetric(admin, 'dev', {
        name: 'x',
        event: 'e',
        aggregation: 'median',
        direction: 'up',
      } as never),
    )
    expect(invalid).toMatchObject({ code: 'validation_failed', issues: [{ path: 'aggregation' }] })
  })

  it('metric_name_taken: names are unique per environment ignoring case, for create, rename and restore', async () => {
    const { service } = setup()
    const rate = await createMetric(service, { name: 'Checkout Rate' })
    const taken = await fail(
      service.createMetric(admin, 'dev', {
        name: 'CHECKOUT rate',
        event: 'x',
        aggregation: 'count',
        direction: 'up',
      }),
    )
    expect(taken).toMatchObject({ code: 'metric_name_taken', name: 'CHECKOUT rate' })
    await createMetric(service, { name: 'checkout rate', environment: 'prod' })
    const other = await createMetric(service, { name: 'Revenue' })
    expect((await fail(service.updateMetric(admin, 'dev', other.id, { name: 'checkout RATE' }))).code).toBe(
      'metric_name_taken',
    )
    await ok(service.deleteMetric(admin, 'dev', rate.id))
    await createMetric(service, { name: 'Checkout rate' })
    expect((await fail(service.restoreMetric(admin, 'dev', rate.id))).code).toBe('metric_name_taken')
  })

  it('metric_not_found for an unknown, deleted, foreign or malformed id', async () => {
    const { service } = setup()
    const deleted = await createMetric(service)
    await ok(service.deleteMetric(admin, 'dev', deleted.id))
    const foreign = await createMetric(service, { environment: 'prod' })
    for (const id of [crypto.randomUUID(), deleted.id, foreign.id, 'not-a-uuid']) {
      expect(await fail(service.getMetric(admin, 'dev', id))).toMatchObject({
        code: 'metric_not_found',
        metricId: id,
      })
      expect((await fail(service.updateMetric(admin, 'dev', id, { name: 'x' }))).code).toBe(
        'metric_not_found',
      )
      expect((await fail(service.deleteMetric(admin, 'dev', id))).code).toBe('metric_not_found')
    }
    expect((await fail(service.restoreMetric(admin, 'dev', foreign.id))).code).toBe('metric_not_found')
    const restored = await ok(service.restoreMetric(admin, 'dev', deleted.id))
    expect(restored.version).toBe(3)
  })

  it('getMetric lists every experiment (not deleted) that uses it, whatever its status', async () => {
    const { service } = setup()
    const metric = await createMetric(service)
    const attach = {
      metrics: [{ metric: metric.id, role: 'primary' as const, expectedDirection: 'increase' as const }],
    }
    const done = await createExperiment(service)
    await ok(service.setMetrics(admin, 'dev', done.id, attach))
    await ok(service.start(admin, 'dev', done.id))
    await ok(service.complete(admin, 'dev', done.id))
    const open = await createExperiment(service, { name: 'Open' })
    await ok(service.setMetrics(admin, 'dev', open.id, attach))
    const gone = await createExperiment(service, { feature: '4' })
    await ok(service.setMetrics(admin, 'dev', gone.id, attach))
    await ok(service.delete(admin, 'dev', gone.id))
    const found = await ok(service.getMetric(admin, 'dev', metric.id))
    expect([...found.usedBy].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { id: done.id, name: 'Checkout test', status: 'completed' },
      { id: open.id, name: 'Open', status: 'created' },
    ])
  })

  it('metric_in_use: no delete while an experiment that is not completed lists it', async () => {
    const { service } = setup()
    const metric = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis: 'h',
        metrics: [{ metric: metric.id, role: 'secondary', expectedDirection: 'increase' }],
      }),
    )
    const refused = await fail(service.deleteMetric(admin, 'dev', metric.id))
    expect(refused).toMatchObject({
      code: 'metric_in_use',
      metricId: metric.id,
      experimentIds: [experiment.id],
    })
    await ok(service.start(admin, 'dev', experiment.id))
    expect((await fail(service.deleteMetric(admin, 'dev', metric.id))).code).toBe('metric_in_use')
    await ok(service.complete(admin, 'dev', experiment.id))
    const deleted = await ok(service.deleteMetric(admin, 'dev', metric.id))
    expect(deleted.version).toBe(2)
    const kept = await ok(service.get(admin, 'dev', experiment.id))
    expect(kept.metrics.map((m) => m.metricId)).toEqual([metric.id])
  })

  it('metric_in_use: event and aggregation frozen while a started, not completed experiment uses it', async () => {
    const { service, adapters } = setup()
    const metric = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis: 'h',
        metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    const before = await ok(service.updateMetric(admin, 'dev', metric.id, { event: 'purchase' }))
    expect(before).toMatchObject({ event: 'purchase', version: 2 })
    await ok(service.start(admin, 'dev', experiment.id))
    for (const change of [{ event: 'visit' }, { aggregation: 'sum' as const }]) {
      const refused = await fail(service.updateMetric(admin, 'dev', metric.id, change))
      expect(refused).toMatchObject({ code: 'metric_in_use', experimentIds: [experiment.id] })
    }
    const renamed = await ok(
      service.updateMetric(admin, 'dev', metric.id, {
        name: 'Purchases',
        description: 'd',
        direction: 'down',
      }),
    )
    expect(renamed.version).toBe(3)
    expect((await ok(service.get(admin, 'dev', experiment.id))).metrics[0]?.name).toBe('Purchases')
    await ok(service.pause(admin, 'dev', experiment.id))
    expect((await fail(service.updateMetric(admin, 'dev', metric.id, { aggregation: 'count' }))).code).toBe(
      'metric_in_use',
    )
    await ok(service.complete(admin, 'dev', experiment.id))
    await ok(service.updateMetric(admin, 'dev', metric.id, { aggregation: 'count' }))
    expect(adapters.auditLog.entries(metric.id).map((entry) => entry.action)).toEqual([
      'metric_created',
      'metric_updated',
      'metric_updated',
      'metric_updated',
    ])
  })

  it('an equal update changes nothing; expectedVersion is honoured (version_mismatch)', async () => {
    const { service, adapters } = setup()
    const metric = await createMetric(service, { name: 'Same' })
    expect(
      await ok(service.updateMetric(admin, 'dev', metric.id, { name: 'Same', direction: 'up' })),
    ).toEqual(metric)
    const stale = await fail(
      service.updateMetric(admin, 'dev', metric.id, { name: 'New' }, { expectedVersion: 2 }),
    )
    expect(stale).toMatchObject({ code: 'version_mismatch', currentVersion: 1 })
    await ok(service.updateMetric(admin, 'dev', metric.id, { name: 'New' }, { expectedVersion: 1 }))
    expect((await fail(service.deleteMetric(admin, 'dev', metric.id, { expectedVersion: 1 }))).code).toBe(
      'version_mismatch',
    )
    expect(adapters.auditLog.entries(metric.id)).toHaveLength(2)
  })

  it('concurrent renames of two metrics to one name: one wins, the other metric_name_taken', async () => {
    const { service } = setup()
    const [a, b] = [await createMetric(service), await createMetric(service)]
    const results = await Promise.all([
      service.updateMetric(admin, 'dev', a.id, { name: 'Winner' }),
      service.updateMetric(admin, 'dev', b.id, { name: 'WINNER' }),
    ])
    expect(results.filter((result) => result.isOk())).toHaveLength(1)
    expect(results.flatMap((result) => (result.isErr() ? [result.error.code] : []))).toEqual([
      'metric_name_taken',
    ])
  })

  it('lists newest first with a cursor, filtered by name ignoring case, without deleted ones', async () => {
    const { service, clock } = setup()
    const made = []
    for (const name of ['Alpha rate', 'Beta', 'Gamma RATE', 'Delta']) {
      made.push(await createMetric(service, { name }))
      clock.advance(1000)
    }
    await ok(service.deleteMetric(admin, 'dev', made[1]!.id))
    const first = await ok(service.listMetrics(admin, 'dev', { limit: 2 }))
    expect(first.results.map((m) => m.name)).toEqual(['Delta', 'Gamma RATE'])
    expect(first.results[0]).not.toHaveProperty('deletedAt')
    const next = await ok(service.listMetrics(admin, 'dev', { limit: 2, cursor: first.nextCursor ?? '' }))
    expect(next).toEqual({ results: [expect.objectContaining({ name: 'Alpha rate' })], nextCursor: null })
    const rates = await ok(service.listMetrics(admin, 'dev', { q: 'rAtE' }))
    expect(rates.results.map((m) => m.name)).toEqual(['Gamma RATE', 'Alpha rate'])
    expect((await ok(service.listMetrics(admin, 'prod'))).results).toEqual([])
    const bad = await fail(service.listMetrics(admin, 'dev', { cursor: '!!' }))
    expect(bad).toMatchObject({ code: 'validation_failed', issues: [{ path: 'cursor' }] })
  })

  it('manage_metrics guards catalogue writes; view guards its reads', async () => {
    const asked: ExperimentAction[] = []
    const { service } = setup({
      can: (actor, action) => {
        asked.push(action)
        return actor.id === 'u-admin' || action === 'view'
      },
    })
    const viewer = { type: 'user', id: 'viewer' } as const
    const metric = await createMetric(service)
    expect(asked).toEqual(['manage_metrics'])
    const input = { name: 'x', event: 'x', aggregation: 'count', direction: 'up' } as const
    for (const refused of [
      service.createMetric(viewer, 'dev', input),
      service.updateMetric(viewer, 'dev', metric.id, { name: 'y' }),
      service.deleteMetric(viewer, 'dev', metric.id),
      service.restoreMetric(viewer, 'dev', metric.id),
    ]) {
      expect(await fail(refused)).toMatchObject({ code: 'forbidden', action: 'manage_metrics' })
    }
    await ok(service.getMetric(viewer, 'dev', metric.id))
    await ok(service.listMetrics(viewer, 'dev'))
    const disabled = setup({ isEnabled: (environment) => environment.id !== environments[0]!.id })
    expect((await fail(disabled.service.listMetrics(admin, 'dev'))).code).toBe('experimentation_disabled')
  })
})
