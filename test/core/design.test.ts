import { describe, expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import { admin, createExperiment, createMetric, fail, ok, setup } from './fixture.js'

const hypothesis = 'Blue converts better'
const THREE_WAY = [
  { variant: 'control', weight: 50 },
  { variant: 'blue', weight: 25 },
  { variant: 'green', weight: 25 },
]

describe('experiment design at create', () => {
  it('defaults to no metrics and all traffic split equally, the remainder to the control', async () => {
    const { service } = setup()
    const three = await createExperiment(service)
    expect(three.metrics).toEqual([])
    expect(three.rollout).toEqual({
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 33.34 },
        { variant: 'blue', weight: 33.33 },
        { variant: 'green', weight: 33.33 },
      ],
    })
    const noVariants = await createExperiment(service, { feature: '5' })
    expect(noVariants.rollout.allocations.map(({ variant, weight }) => `${variant}:${weight}`)).toEqual([
      'control:50',
      'treatment:50',
    ])
  })

  it('takes metrics (joined with the catalogue, in order) and a rollout, audited with the rest', async () => {
    const { service, adapters } = setup()
    const rate = await createMetric(service, { name: 'Checkout rate' })
    const latency = await createMetric(service, { name: 'Latency', event: 'page_load', aggregation: 'sum' })
    const created = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        metrics: [
          { metric: latency.id.toUpperCase(), role: 'guardrail', expectedDirection: 'not_increase' },
          { metric: rate.id, role: 'primary', expectedDirection: 'increase' },
        ],
        rollout: { trafficPercentage: 10.5, allocations: THREE_WAY },
      }),
    )
    expect(created.metrics).toEqual([
      {
        metricId: latency.id,
        role: 'guardrail',
        expectedDirection: 'not_increase',
        name: 'Latency',
        event: 'page_load',
        aggregation: 'sum',
      },
      {
        metricId: rate.id,
        role: 'primary',
        expectedDirection: 'increase',
        name: 'Checkout rate',
        event: 'checkout',
        aggregation: 'occurrence',
      },
    ])
    expect(created.rollout).toEqual({ trafficPercentage: 10.5, allocations: THREE_WAY })
    expect(await ok(service.get(admin, 'dev', created.id))).toEqual(created)
    const [entry] = adapters.auditLog.entries(created.id)
    expect(entry?.changes).toMatchObject({
      metrics: { from: null, to: [{ metricId: latency.id }, { metricId: rate.id }] },
      trafficPercentage: { from: null, to: 10.5 },
      allocations: { from: null, to: THREE_WAY },
    })
  })

  it.each([
    [
      'a variant the feature does not have',
      [
        { variant: 'control', weight: 50 },
        { variant: 'red', weight: 50 },
      ],
      ['rollout.allocations.1.variant', 'rollout.allocations'],
    ],
    [
      'a variant twice',
      [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 25 },
        { variant: 'blue', weight: 25 },
      ],
      ['rollout.allocations.2.variant', 'rollout.allocations'],
    ],
    [
      'weights that do not sum to 100',
      [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 25 },
        { variant: 'green', weight: 24.99 },
      ],
      ['rollout.allocations'],
    ],
    [
      'a weight with three decimals',
      [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 25.005 },
        { variant: 'green', weight: 24.995 },
      ],
      ['rollout.allocations.1.weight', 'rollout.allocations.2.weight', 'rollout.allocations'],
    ],
    [
      'only one variant with a weight',
      [
        { variant: 'control', weight: 100 },
        { variant: 'blue', weight: 0 },
        { variant: 'green', weight: 0 },
      ],
      ['rollout.allocations'],
    ],
  ])('refuses a rollout with %s (validation_failed, with paths)', async (_, allocations, paths) => {
    const { service } = setup()
    const error = await fail(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        rollout: { trafficPercentage: 100, allocations },
      }),
    )
    expect(error.code).toBe('validation_failed')
    if (error.code === 'validation_failed')
      expect([...new Set(error.issues.map((issue) => issue.path))]).toEqual(paths)
  })

  it.each([
    [
      'two primaries',
      [
        ['primary', 'increase'],
        ['primary', 'decrease'],
      ],
      'metrics.1.role',
    ],
    ['a guardrail expected to increase', [['guardrail', 'increase']], 'metrics.0.expectedDirection'],
    ['a primary expected not to increase', [['primary', 'not_increase']], 'metrics.0.expectedDirection'],
  ] as const)('refuses metrics with %s (validation_failed)', async (_, attachments, path) => {
    const { service } = setup()
    const metrics = []
    for (const [role, expectedDirection] of attachments) {
      const metric = await createMetric(service)
      metrics.push({ metric: metric.id, role, expectedDirection })
    }
    const error = await fail(service.create(admin, 'dev', { feature: '1', name: 'x', hypothesis, metrics }))
    expect(error).toMatchObject({ code: 'validation_failed', issues: [{ path }] })
  })

  it('refuses an unknown, deleted or foreign metric (metric_not_found naming the first), creating nothing', async () => {
    const { service, adapters } = setup()
    const live = await createMetric(service)
    const deleted = await createMetric(service)
    await ok(service.deleteMetric(admin, 'dev', deleted.id))
    const foreign = await createMetric(service, { environment: 'prod' })
    const unknown = crypto.randomUUID()
    for (const missing of [unknown, deleted.id, foreign.id]) {
      const error = await fail(
        service.create(admin, 'dev', {
          feature: '1',
          name: 'x',
          hypothesis,
          metrics: [
            { metric: live.id, role: 'primary', expectedDirection: 'increase' },
            { metric: missing, role: 'secondary', expectedDirection: 'increase' },
          ],
        }),
      )
      expect(error).toMatchObject({ code: 'metric_not_found', metricId: missing })
    }
    expect(adapters.repository.getInstance().experiments.size).toBe(0)
  })
})

describe('setMetrics', () => {
  async function running() {
    const context = setup()
    const { service } = context
    const rate = await createMetric(service)
    const revenue = await createMetric(service)
    const latency = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        metrics: [{ metric: rate.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    return { ...context, rate, revenue, latency, experiment }
  }

  it('replaces the list: one version, one metrics_changed entry; an equal list changes nothing', async () => {
    const { service, adapters, rate, revenue, experiment } = await running()
    const metrics = [
      { metric: revenue.id, role: 'secondary', expectedDirection: 'decrease' },
      { metric: rate.id, role: 'primary', expectedDirection: 'increase' },
    ] as const
    const changed = await ok(service.setMetrics(admin, 'dev', experiment.id, { metrics: [...metrics] }))
    expect(changed.version).toBe(2)
    expect(changed.metrics.map((m) => [m.metricId, m.role, m.name])).toEqual([
      [revenue.id, 'secondary', revenue.name],
      [rate.id, 'primary', rate.name],
    ])
    const again = await ok(service.setMetrics(admin, 'dev', experiment.id, { metrics: [...metrics] }))
    expect(again).toEqual(changed)
    const entries = adapters.auditLog.entries(experiment.id)
    expect(entries.map((entry) => entry.action)).toEqual(['created', 'metrics_changed'])
    expect(entries[1]?.message).toBe("Experiment 'Buttons' metrics changed for environment Development")
  })

  it('honours expectedVersion (version_mismatch) and refuses an unknown metric', async () => {
    const { service, revenue, experiment } = await running()
    const metrics = [{ metric: revenue.id, role: 'secondary', expectedDirection: 'increase' }] as const
    const stale = await fail(
      service.setMetrics(admin, 'dev', experiment.id, { metrics: [...metrics] }, { expectedVersion: 7 }),
    )
    expect(stale).toMatchObject({ code: 'version_mismatch', expectedVersion: 7, currentVersion: 1 })
    const unknown = crypto.randomUUID()
    const missing = await fail(
      service.setMetrics(admin, 'dev', experiment.id, {
        metrics: [{ metric: unknown, role: 'secondary', expectedDirection: 'increase' }],
      }),
    )
    expect(missing).toMatchObject({ code: 'metric_not_found', metricId: unknown })
    const invalid = await fail(service.setMetrics(admin, 'dev', experiment.id, { metrics: 'all' } as never))
    expect(invalid.code).toBe('validation_failed')
    await ok(
      service.setMetrics(admin, 'dev', experiment.id, { metrics: [...metrics] }, { expectedVersion: 1 }),
    )
  })

  it('primary_metric_locked once started: the primary cannot change, go or come; the rest can', async () => {
    const { service, rate, revenue, latency, experiment } = await running()
    await ok(service.start(admin, 'dev', experiment.id))
    const primary = { metric: rate.id, role: 'primary', expectedDirection: 'increase' } as const
    for (const metrics of [
      [{ ...primary, expectedDirection: 'decrease' as const }],
      [{ metric: revenue.id, role: 'primary' as const, expectedDirection: 'increase' as const }],
      [{ metric: rate.id, role: 'secondary' as const, expectedDirection: 'increase' as const }],
      [],
    ]) {
      const error = await fail(service.setMetrics(admin, 'dev', experiment.id, { metrics }))
      expect(error.code).toBe('primary_metric_locked')
    }
    await ok(service.pause(admin, 'dev', experiment.id))
    const more = await ok(
      service.setMetrics(admin, 'dev', experiment.id, {
        metrics: [
          { metric: latency.id, role: 'guardrail', expectedDirection: 'not_increase' },
          primary,
          { metric: revenue.id, role: 'secondary', expectedDirection: 'increase' },
        ],
      }),
    )
    expect(more.metrics).toHaveLength(3)
  })

  it('experiment_completed once completed, for metrics and rollout alike', async () => {
    const { service, revenue, experiment } = await running()
    await ok(service.start(admin, 'dev', experiment.id))
    const completed = await ok(service.complete(admin, 'dev', experiment.id))
    const metrics = await fail(
      service.setMetrics(admin, 'dev', experiment.id, {
        metrics: [{ metric: revenue.id, role: 'secondary', expectedDirection: 'increase' }],
      }),
    )
    expect(metrics.code).toBe('experiment_completed')
    const rollout = await fail(
      service.setRollout(admin, 'dev', experiment.id, { ...completed.rollout, trafficPercentage: 50 }),
    )
    expect(rollout.code).toBe('experiment_completed')
  })

  it('a metric deleted between the lookup and the write is never attached (metric_not_found)', async () => {
    const { service, adapters, revenue, experiment, clock } = await running()
    // The catalogue answers before the delete lands; the repository's write then refuses it.
    const stale = await ok(service.getMetric(admin, 'dev', revenue.id))
    await ok(service.deleteMetric(admin, 'dev', revenue.id))
    const racing = createExperimentService({
      ...adapters,
      clock,
      metrics: {
        ...adapters.metrics,
        findMany: () => Promise.resolve([{ ...stale, environmentId: 'env-dev', deletedAt: null }]),
      },
    })
    const error = await fail(
      racing.setMetrics(admin, 'dev', experiment.id, {
        metrics: [{ metric: revenue.id, role: 'secondary', expectedDirection: 'increase' }],
      }),
    )
    expect(error).toMatchObject({ code: 'metric_not_found', metricId: revenue.id })
    expect((await ok(service.get(admin, 'dev', experiment.id))).version).toBe(1)
  })
})

describe('setRollout', () => {
  const skewed = {
    trafficPercentage: 100,
    allocations: [
      { variant: 'control', weight: 40 },
      { variant: 'blue', weight: 30 },
      { variant: 'green', weight: 30 },
    ],
  }

  it('changes the split before the start, with one audit entry; an equal rollout changes nothing', async () => {
    const { service, adapters } = setup()
    const experiment = await createExperiment(service)
    const changed = await ok(service.setRollout(admin, 'dev', experiment.id, skewed, { expectedVersion: 1 }))
    expect(changed).toMatchObject({ version: 2, rollout: skewed })
    expect(await ok(service.setRollout(admin, 'dev', experiment.id, skewed))).toEqual(changed)
    const entries = adapters.auditLog.entries(experiment.id)
    expect(entries.map((entry) => entry.action)).toEqual(['created', 'rollout_changed'])
    expect(Object.keys(entries[1]!.changes)).toEqual(['allocations'])
    const stale = await fail(service.setRollout(admin, 'dev', experiment.id, skewed, { expectedVersion: 1 }))
    expect(stale.code).toBe('version_mismatch')
  })

  it('allocation_locked once started, while traffic may ramp until completion (each ramp audited)', async () => {
    const { service, adapters } = setup()
    const experiment = await createExperiment(service)
    await ok(service.start(admin, 'dev', experiment.id))
    const locked = await fail(service.setRollout(admin, 'dev', experiment.id, skewed))
    expect(locked.code).toBe('allocation_locked')
    const ramp = { ...experiment.rollout, trafficPercentage: 20 }
    expect((await ok(service.setRollout(admin, 'dev', experiment.id, ramp))).rollout).toEqual(ramp)
    await ok(service.pause(admin, 'dev', experiment.id))
    expect(
      await fail(service.setRollout(admin, 'dev', experiment.id, { ...skewed, trafficPercentage: 20 })),
    ).toMatchObject({
      code: 'allocation_locked',
    })
    await ok(service.setRollout(admin, 'dev', experiment.id, { ...ramp, trafficPercentage: 60 }))
    const ramps = adapters.auditLog
      .entries(experiment.id)
      .filter((entry) => entry.action === 'rollout_changed')
    expect(ramps.map((entry) => entry.changes)).toEqual([
      { trafficPercentage: { from: 100, to: 20 } },
      { trafficPercentage: { from: 20, to: 60 } },
    ])
  })

  it('must list exactly the feature’s variants (paths without a prefix) and pass the shape rules', async () => {
    const { service } = setup()
    const experiment = await createExperiment(service, { feature: '4' })
    const wrong = await fail(
      service.setRollout(admin, 'dev', experiment.id, {
        trafficPercentage: 100,
        allocations: [
          { variant: 'control', weight: 50 },
          { variant: 'blue', weight: 50 },
        ],
      }),
    )
    expect(wrong).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'allocations.1.variant' }, { path: 'allocations' }],
    })
    const shape = await fail(
      service.setRollout(admin, 'dev', experiment.id, { trafficPercentage: 101, allocations: [] }),
    )
    expect(shape.code).toBe('validation_failed')
    const unknown = await fail(service.setRollout(admin, 'dev', crypto.randomUUID(), skewed))
    expect(unknown.code).toBe('experiment_not_found')
  })

  it('a start racing a split change: the experiment keeps the split it started with', async () => {
    for (let round = 0; round < 10; round++) {
      const { service } = setup()
      const experiment = await createExperiment(service)
      const [started, changed] = await Promise.all([
        service.start(admin, 'dev', experiment.id),
        service.setRollout(admin, 'dev', experiment.id, skewed),
      ])
      expect(started.isOk()).toBe(true)
      const final = await ok(service.get(admin, 'dev', experiment.id))
      if (changed.isOk()) expect(final.rollout).toEqual(skewed)
      else {
        expect(changed.error.code).toBe('allocation_locked')
        expect(final.rollout).toEqual(experiment.rollout)
      }
      expect(final.version).toBe(changed.isOk() ? 3 : 2)
    }
  })
})

describe('restore with a deleted metric', () => {
  it('refuses to bring back an open experiment whose metric was deleted meanwhile (metric_not_found)', async () => {
    const { service, adapters } = setup()
    const rate = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        metrics: [{ metric: rate.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    await ok(service.delete(admin, 'dev', experiment.id))
    // Only experiments that are not deleted hold a metric: the delete goes through.
    await ok(service.deleteMetric(admin, 'dev', rate.id))
    const refused = await fail(service.restore(admin, 'dev', experiment.id))
    expect(refused).toMatchObject({ code: 'metric_not_found', metricId: rate.id })
    expect((await fail(service.get(admin, 'dev', experiment.id))).code).toBe('experiment_not_found')
    expect(adapters.auditLog.entries(experiment.id).map((entry) => entry.action)).toEqual([
      'created',
      'deleted',
    ])
    // Once the metric is back, so may the experiment be; it can then start.
    await ok(service.restoreMetric(admin, 'dev', rate.id))
    await ok(service.restore(admin, 'dev', experiment.id))
    expect((await ok(service.start(admin, 'dev', experiment.id))).metrics.map((m) => m.metricId)).toEqual([
      rate.id,
    ])
  })

  it('a completed experiment comes back with its deleted metric still listed', async () => {
    const { service } = setup()
    const rate = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        metrics: [{ metric: rate.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    await ok(service.start(admin, 'dev', experiment.id))
    await ok(service.complete(admin, 'dev', experiment.id))
    await ok(service.delete(admin, 'dev', experiment.id))
    await ok(service.deleteMetric(admin, 'dev', rate.id))
    const restored = await ok(service.restore(admin, 'dev', experiment.id))
    expect(restored).toMatchObject({ status: 'completed', metrics: [{ metricId: rate.id }] })
  })

  it('a metric deleted between the service’s check and the write keeps the experiment deleted', async () => {
    const { service, adapters, clock } = setup()
    const rate = await createMetric(service)
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'Buttons',
        hypothesis,
        metrics: [{ metric: rate.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    await ok(service.delete(admin, 'dev', experiment.id))
    const live = await ok(service.getMetric(admin, 'dev', rate.id))
    await ok(service.deleteMetric(admin, 'dev', rate.id))
    // The catalogue answers as it was before the delete; the repository's write refuses.
    const racing = createExperimentService({
      ...adapters,
      clock,
      metrics: {
        ...adapters.metrics,
        findMany: () => Promise.resolve([{ ...live, environmentId: 'env-dev', deletedAt: null }]),
      },
    })
    const refused = await fail(racing.restore(admin, 'dev', experiment.id))
    expect(refused).toMatchObject({ code: 'metric_not_found', metricId: rate.id })
    expect(adapters.auditLog.entries(experiment.id)).toHaveLength(2)
  })
})

describe('activeExperiment', () => {
  it('is the feature’s experiment until it completes or is deleted, then null', async () => {
    const { service } = setup()
    expect(await ok(service.activeExperiment(admin, 'dev', '1'))).toBeNull()
    const first = await createExperiment(service)
    expect((await ok(service.activeExperiment(admin, 'dev', 1)))?.id).toBe(first.id)
    expect(await ok(service.activeExperiment(admin, 'dev', '4'))).toBeNull()
    expect(await ok(service.activeExperiment(admin, 'prod', '1'))).toBeNull()
    await ok(service.start(admin, 'dev', first.id))
    expect(await ok(service.activeExperiment(admin, 'dev', '1'))).toMatchObject({
      id: first.id,
      status: 'running',
    })
    await ok(service.complete(admin, 'dev', first.id))
    expect(await ok(service.activeExperiment(admin, 'dev', '1'))).toBeNull()
    const second = await createExperiment(service)
    expect((await ok(service.activeExperiment(admin, 'dev', '1')))?.id).toBe(second.id)
    await ok(service.delete(admin, 'dev', second.id))
    expect(await ok(service.activeExperiment(admin, 'dev', '1'))).toBeNull()
    const invalid = await fail(service.activeExperiment(admin, 'dev', { id: 1 } as never))
    expect(invalid).toMatchObject({ code: 'validation_failed', issues: [{ path: 'feature' }] })
  })
})
