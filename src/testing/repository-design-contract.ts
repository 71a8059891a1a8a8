import type { Environment } from '../core/domain/experiment.js'
import type { Metric } from '../core/domain/metric.js'
import type { Rollout } from '../core/domain/rollout.js'
import { freshEnvironment, insertOf, newExperiment, updateOf } from './experiment-writes.js'
import { attachmentOf, metricUpdateOf, newMetricOf } from './metric-writes.js'
import type { RepositoryFixture } from './repository-fixture.js'
import { seedMetric } from './seed-metric.js'
import type { TestApi } from './test-api.js'

const SKEWED: Rollout = {
  trafficPercentage: 12.5,
  allocations: [
    { variant: 'control', weight: 33.34 },
    { variant: 'blue', weight: 33.33 },
    { variant: 'green', weight: 33.33 },
  ],
}

/**
 * The design half of {@link testExperimentRepository}: an experiment's metrics, rollout and
 * analysis setting are persisted with it and read back, the metrics joined with the catalogue, and a metric that is
 * missing, deleted or of another environment is never attached.
 */
export function describeRepositoryDesign(test: TestApi, current: () => RepositoryFixture): void {
  const { expect, it } = test
  const use = () => {
    const fixture = current()
    const environment = freshEnvironment()
    const addMetric = (overrides: Partial<Metric> = {}, at: Environment = environment) =>
      seedMetric(test, fixture.metrics, at, overrides)
    return { ...fixture, environment, addMetric }
  }

  it('persists metrics in order with their roles, and the rollout, and reads them back joined', async () => {
    const { repository, stored, environment, addMetric } = use()
    const [rate, revenue, latency] = [
      await addMetric(),
      await addMetric({ aggregation: 'sum' }),
      await addMetric(),
    ]
    const metrics = [
      attachmentOf(revenue, 'secondary', 'decrease'),
      attachmentOf(rate, 'primary', 'increase'),
      attachmentOf(latency, 'guardrail', 'not_increase'),
    ]
    const insert = insertOf(environment, newExperiment(environment, { metrics, rollout: SKEWED }))
    await expect(repository.write(insert)).resolves.toBe('written')
    expect(await stored.experiment(insert.experiment.id)).toEqual(insert.experiment)
    const found = await repository.find(environment.id, insert.experiment.id)
    expect(found?.metrics).toEqual(metrics)
    expect(found?.rollout).toEqual(SKEWED)
    const page = await repository.list({
      environmentId: environment.id,
      statuses: null,
      featureId: null,
      nameContains: null,
      after: null,
      limit: 10,
    })
    expect(page.items[0]).toMatchObject({ metrics, rollout: SKEWED })
  })

  it('writes a change of metrics or rollout with its audit entry', async () => {
    const { repository, stored, environment, addMetric } = use()
    const [rate, revenue] = [await addMetric(), await addMetric()]
    const insert = insertOf(
      environment,
      newExperiment(environment, { metrics: [attachmentOf(rate, 'primary')] }),
    )
    await repository.write(insert)
    const metrics = updateOf(environment, insert.experiment, {
      kind: 'metrics',
      metrics: [attachmentOf(revenue), attachmentOf(rate, 'primary')],
    })
    await expect(repository.write(metrics)).resolves.toBe('written')
    const rollout = updateOf(environment, metrics.experiment, {
      kind: 'rollout',
      rollout: { ...metrics.experiment.rollout, trafficPercentage: 5 },
    })
    await expect(repository.write(rollout)).resolves.toBe('written')
    expect(await stored.experiment(insert.experiment.id)).toEqual(rollout.experiment)
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([
      insert.audit,
      metrics.audit,
      rollout.audit,
    ])
    const detached = updateOf(environment, rollout.experiment, { kind: 'metrics', metrics: [] })
    await expect(repository.write(detached)).resolves.toBe('written')
    expect((await repository.find(environment.id, insert.experiment.id))?.metrics).toEqual([])
  })

  it('persists the analysis setting, reads it back, and writes its change with the audit entry', async () => {
    const { repository, stored, environment } = use()
    const analysis = { method: 'fixed', sequentialTuning: 10_000_000, preExposureDays: 0 } as const
    const insert = insertOf(environment, newExperiment(environment, { analysis }))
    await expect(repository.write(insert)).resolves.toBe('written')
    expect((await repository.find(environment.id, insert.experiment.id))?.analysis).toEqual(analysis)
    const changed = updateOf(environment, insert.experiment, {
      kind: 'analysis',
      analysis: { method: 'sequential', sequentialTuning: 100, preExposureDays: 90 },
    })
    await expect(repository.write(changed)).resolves.toBe('written')
    expect(await stored.experiment(insert.experiment.id)).toEqual(changed.experiment)
    expect((await repository.find(environment.id, insert.experiment.id))?.analysis).toEqual({
      method: 'sequential',
      sequentialTuning: 100,
      preExposureDays: 90,
    })
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit, changed.audit])
    expect(changed.audit.action).toBe('analysis_changed')
  })

  it('reads show what the catalogue says of each metric now (a renamed metric, its new name)', async () => {
    const { repository, metrics, environment, addMetric } = use()
    const rate = await addMetric()
    const insert = insertOf(
      environment,
      newExperiment(environment, { metrics: [attachmentOf(rate, 'primary')] }),
    )
    await repository.write(insert)
    const renamed = metricUpdateOf(environment, rate, {
      kind: 'update',
      name: 'Conversion',
      event: 'purchase',
    })
    await expect(metrics.write(renamed)).resolves.toBe('written')
    const found = await repository.find(environment.id, insert.experiment.id)
    expect(found?.metrics).toEqual([
      { ...attachmentOf(rate, 'primary'), name: 'Conversion', event: 'purchase' },
    ])
  })

  it('refuses to attach a deleted, unknown or foreign metric (metric_unavailable), writing nothing', async () => {
    const { repository, metrics, stored, environment, addMetric } = use()
    const gone = await addMetric()
    await expect(metrics.write(metricUpdateOf(environment, gone, { kind: 'delete' }))).resolves.toBe(
      'written',
    )
    const foreign = await addMetric({}, freshEnvironment())
    const unknown = newMetricOf(environment)
    for (const metric of [gone, foreign, unknown]) {
      const insert = insertOf(environment, newExperiment(environment, { metrics: [attachmentOf(metric)] }))
      await expect(repository.write(insert)).resolves.toBe('metric_unavailable')
      expect(await stored.experiment(insert.experiment.id)).toBeNull()
      expect(await stored.auditEntries(insert.experiment.id)).toEqual([])
    }
    const insert = insertOf(environment, newExperiment(environment))
    await repository.write(insert)
    const attach = updateOf(environment, insert.experiment, {
      kind: 'metrics',
      metrics: [attachmentOf(gone)],
    })
    await expect(repository.write(attach)).resolves.toBe('metric_unavailable')
    expect(await stored.experiment(insert.experiment.id)).toEqual(insert.experiment)
    expect(await stored.auditEntries(insert.experiment.id)).toEqual([insert.audit])
  })

  it('refuses to restore an open experiment that lists a deleted metric (metric_unavailable); a completed one may come back', async () => {
    const { repository, metrics, stored, environment, addMetric } = use()
    const rate = await addMetric()
    const deletedWith = async (status: 'created' | 'completed') => {
      const insert = insertOf(
        environment,
        newExperiment(environment, {
          featureId: `feature-${status}`,
          metrics: [attachmentOf(rate, 'primary')],
        }),
      )
      await expect(repository.write(insert)).resolves.toBe('written')
      let experiment = insert.experiment
      const steps = status === 'completed' ? (['start', 'complete'] as const) : []
      for (const action of steps) {
        const write = updateOf(environment, experiment, { kind: 'transition', action })
        await expect(repository.write(write)).resolves.toBe('written')
        experiment = write.experiment
      }
      const deletion = updateOf(environment, experiment, { kind: 'delete' })
      await expect(repository.write(deletion)).resolves.toBe('written')
      return deletion.experiment
    }
    const open = await deletedWith('created')
    const completed = await deletedWith('completed')
    await expect(metrics.write(metricUpdateOf(environment, rate, { kind: 'delete' }))).resolves.toBe(
      'written',
    )
    const restoreOpen = updateOf(environment, open, { kind: 'restore' })
    await expect(repository.write(restoreOpen)).resolves.toBe('metric_unavailable')
    expect(await stored.experiment(open.id)).toEqual(open)
    expect((await stored.auditEntries(open.id)).map((entry) => entry.action)).toEqual(['created', 'deleted'])
    const restoreCompleted = updateOf(environment, completed, { kind: 'restore' })
    await expect(repository.write(restoreCompleted)).resolves.toBe('written')
    expect((await repository.find(environment.id, completed.id))?.metrics).toEqual([
      attachmentOf(rate, 'primary'),
    ])
  })

  it('a completed experiment keeps listing a deleted metric, and can still change', async () => {
    const { repository, metrics, environment, addMetric } = use()
    const rate = await addMetric()
    const insert = insertOf(
      environment,
      newExperiment(environment, { metrics: [attachmentOf(rate, 'primary')] }),
    )
    await repository.write(insert)
    let experiment = insert.experiment
    for (const action of ['start', 'complete'] as const) {
      const write = updateOf(environment, experiment, { kind: 'transition', action })
      await expect(repository.write(write)).resolves.toBe('written')
      experiment = write.experiment
    }
    await expect(metrics.write(metricUpdateOf(environment, rate, { kind: 'delete' }))).resolves.toBe(
      'written',
    )
    const found = await repository.find(environment.id, experiment.id)
    expect(found?.metrics).toEqual([attachmentOf(rate, 'primary')])
    const renamed = updateOf(environment, experiment, { kind: 'update', name: 'Finished test' })
    await expect(repository.write(renamed)).resolves.toBe('written')
  })
}
