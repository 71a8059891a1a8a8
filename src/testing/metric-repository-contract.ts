import type { Environment, ExperimentState } from '../core/domain/experiment.js'
import type { Metric } from '../core/domain/metric.js'
import { freshEnvironment, insertOf, newExperiment, updateOf, type Step } from './experiment-writes.js'
import { attachmentOf, metricInsertOf, metricUpdateOf, newMetricOf } from './metric-writes.js'
import { describeMetricLists } from './metric-list-contract.js'
import type { RepositoryFactory, RepositoryFixture } from './repository-fixture.js'
import { seedMetric } from './seed-metric.js'
import type { TestApi } from './test-api.js'

/**
 * The contract every {@link MetricRepository} must pass, registered with the test runner's functions ({@link TestApi}: vitest's or jest's), next to the
 * experiment repository it shares a store with: atomic writes with their audit entry,
 * compare-and-set, names unique per environment ignoring case (restores included), no delete
 * while an experiment that is not completed lists the metric and no change of event or
 * aggregation while a started one does, `usedBy` on find, and list order, paging, search and the
 * trash (deleted metrics only).
 * The factory runs before each test and must hand out fresh state.
 *
 * @example
 * ```ts
 * import { testMetricRepository } from 'flag-experiments/testing'
 *
 * testMetricRepository(vitest, async () => ({ repository, metrics, stored, breakAudit }))
 * ```
 */
export function testMetricRepository(
  test: TestApi,
  factory: RepositoryFactory,
  name = 'MetricRepository contract',
): void {
  const { afterEach, beforeEach, describe, expect, it } = test
  describe(name, () => {
    let fixture: RepositoryFixture | undefined
    beforeEach(async () => {
      fixture = await factory()
    })
    afterEach(async () => {
      await fixture?.close?.()
      fixture = undefined
    })
    const use = () => {
      if (fixture === undefined) throw new Error('contract suite: no fixture (did the factory fail?)')
      const current = fixture
      const environment = freshEnvironment()
      const addMetric = (overrides: Partial<Metric> = {}, at: Environment = environment) =>
        seedMetric(test, current.metrics, at, overrides)
      /** An experiment listing `metric`, taken through `steps`. */
      const addExperiment = async (metric: Metric, steps: readonly Step[] = []) => {
        const insert = insertOf(
          environment,
          newExperiment(environment, {
            featureId: crypto.randomUUID(),
            metrics: [attachmentOf(metric, 'primary')],
          }),
        )
        await expect(current.repository.write(insert)).resolves.toBe('written')
        let state: ExperimentState = insert.experiment
        for (const step of steps) {
          const write = updateOf(environment, state, step)
          await expect(current.repository.write(write)).resolves.toBe('written')
          state = write.experiment
        }
        return state
      }
      return { ...current, environment, addMetric, addExperiment }
    }
    const start = { kind: 'transition', action: 'start' } as const
    const pause = { kind: 'transition', action: 'pause' } as const
    const complete = { kind: 'transition', action: 'complete' } as const

    it('inserts the metric with its audit entry; an insert of a taken id writes nothing', async () => {
      const { metrics, stored, environment } = use()
      const insert = metricInsertOf(
        environment,
        newMetricOf(environment, { description: 'Orders per visit' }),
      )
      await expect(metrics.write(insert)).resolves.toBe('written')
      expect(await stored.metric(insert.metric.id)).toEqual(insert.metric)
      expect(await stored.auditEntries(insert.metric.id)).toEqual([insert.audit])
      const again = metricInsertOf(environment, { ...insert.metric, name: 'Other name' })
      await expect(metrics.write(again)).resolves.toBe('version_conflict')
      expect(await stored.metric(insert.metric.id)).toEqual(insert.metric)
    })

    it('compare-and-set: a stale version writes nothing; one of many concurrent updates wins', async () => {
      const { metrics, stored, environment, addMetric } = use()
      const metric = await addMetric()
      const writes = Array.from({ length: 6 }, (_, i) =>
        metricUpdateOf(environment, metric, { kind: 'update', description: `Take ${i}` }),
      )
      const outcomes = await Promise.all(writes.map((write) => metrics.write(write)))
      expect(outcomes.filter((o) => o === 'written')).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'version_conflict')).toHaveLength(5)
      const winner = writes[outcomes.indexOf('written')]
      expect(await stored.metric(metric.id)).toEqual(winner?.metric)
      expect(await stored.auditEntries(metric.id)).toHaveLength(2)
    })

    it('names are unique among the environment’s metrics that are not deleted, ignoring case', async () => {
      const { metrics, stored, environment, addMetric } = use()
      const metric = await addMetric({ name: 'Checkout Rate' })
      const clash = metricInsertOf(environment, newMetricOf(environment, { name: 'checkout rate' }))
      await expect(metrics.write(clash)).resolves.toBe('name_taken')
      expect(await stored.metric(clash.metric.id)).toBeNull()
      expect(await stored.auditEntries(clash.metric.id)).toEqual([])
      await addMetric({ name: 'CHECKOUT RATE' }, freshEnvironment())
      const other = await addMetric({ name: 'Revenue' })
      const rename = metricUpdateOf(environment, other, { kind: 'update', name: 'CHECKOUT rate' })
      await expect(metrics.write(rename)).resolves.toBe('name_taken')
      expect(await stored.metric(other.id)).toEqual(other)
      const deleted = metricUpdateOf(environment, metric, { kind: 'delete' })
      await expect(metrics.write(deleted)).resolves.toBe('written')
      const reused = await addMetric({ name: 'checkout RATE' })
      const restore = metricUpdateOf(environment, deleted.metric, { kind: 'restore' })
      await expect(metrics.write(restore)).resolves.toBe('name_taken')
      expect(await stored.metric(metric.id)).toEqual(deleted.metric)
      await expect(
        metrics.write(metricUpdateOf(environment, reused, { kind: 'update', name: 'Something else' })),
      ).resolves.toBe('written')
      await expect(metrics.write(restore)).resolves.toBe('written')
    })

    it('concurrent inserts of one name: exactly one is written', async () => {
      const { metrics, environment } = use()
      const writes = Array.from({ length: 6 }, (_, i) =>
        metricInsertOf(environment, newMetricOf(environment, { name: i % 2 ? 'Signups' : 'SIGNUPS' })),
      )
      const outcomes = await Promise.all(writes.map((write) => metrics.write(write)))
      expect(outcomes.filter((o) => o === 'written')).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'name_taken')).toHaveLength(5)
    })

    it('refuses a delete while an experiment that is not completed lists the metric (in_use)', async () => {
      const { metrics, stored, environment, addMetric, addExperiment } = use()
      for (const steps of [[], [start], [start, pause]] as const) {
        const metric = await addMetric()
        await addExperiment(metric, steps)
        await expect(metrics.write(metricUpdateOf(environment, metric, { kind: 'delete' }))).resolves.toBe(
          'in_use',
        )
        expect(await stored.metric(metric.id)).toEqual(metric)
        expect(await stored.auditEntries(metric.id)).toHaveLength(1)
      }
      const done = await addMetric()
      await addExperiment(done, [start, complete])
      await addExperiment(done, [{ kind: 'delete' }])
      await expect(metrics.write(metricUpdateOf(environment, done, { kind: 'delete' }))).resolves.toBe(
        'written',
      )
    })

    it('refuses a change of event or aggregation while a started, not completed experiment lists it', async () => {
      const { metrics, stored, environment, addMetric, addExperiment } = use()
      for (const steps of [[start], [start, pause]] as const) {
        const metric = await addMetric()
        await addExperiment(metric, steps)
        for (const change of [{ event: 'purchase' }, { aggregation: 'count' }] as const) {
          const write = metricUpdateOf(environment, metric, { kind: 'update', ...change })
          await expect(metrics.write(write)).resolves.toBe('in_use')
        }
        expect(await stored.metric(metric.id)).toEqual(metric)
        const renamed = metricUpdateOf(environment, metric, {
          kind: 'update',
          name: `Renamed ${metric.id}`,
          direction: 'down',
        })
        await expect(metrics.write(renamed)).resolves.toBe('written')
      }
      for (const steps of [[], [start, complete]] as const) {
        const metric = await addMetric()
        await addExperiment(metric, steps)
        const write = metricUpdateOf(environment, metric, {
          kind: 'update',
          event: 'purchase',
          aggregation: 'sum',
        })
        await expect(metrics.write(write)).resolves.toBe('written')
      }
    })

    it('find: only in its environment, deleted ones when asked, with every experiment (not deleted) that lists it', async () => {
      const { metrics, environment, addMetric, addExperiment } = use()
      const metric = await addMetric()
      const running = await addExperiment(metric, [start])
      const completed = await addExperiment(metric, [start, complete])
      await addExperiment(metric, [{ kind: 'delete' }])
      const found = await metrics.find(environment.id, metric.id)
      expect(found).toMatchObject(metric)
      expect([...(found?.usedBy ?? [])].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { id: completed.id, name: completed.name, status: 'completed' },
        { id: running.id, name: running.name, status: 'running' },
      ])
      expect(await metrics.find(freshEnvironment().id, metric.id)).toBeNull()
      expect(await metrics.find(environment.id, crypto.randomUUID())).toBeNull()
      const unused = await addMetric()
      expect((await metrics.find(environment.id, unused.id))?.usedBy).toEqual([])
      const deleted = metricUpdateOf(environment, unused, { kind: 'delete' })
      await metrics.write(deleted)
      expect(await metrics.find(environment.id, unused.id)).toBeNull()
      expect(await metrics.find(environment.id, unused.id, { includeDeleted: true })).toMatchObject(
        deleted.metric,
      )
    })

    it('findMany: the named metrics of the environment that are not deleted', async () => {
      const { metrics, environment, addMetric } = use()
      const [a, b, gone] = [await addMetric(), await addMetric(), await addMetric()]
      await metrics.write(metricUpdateOf(environment, gone, { kind: 'delete' }))
      const foreign = await addMetric({}, freshEnvironment())
      const found = await metrics.findMany(environment.id, [
        a.id,
        b.id,
        gone.id,
        foreign.id,
        crypto.randomUUID(),
      ])
      expect([...found].map((metric) => metric.id).sort()).toEqual([a.id, b.id].sort())
      expect(found.find((metric) => metric.id === a.id)).toEqual(a)
    })

    it('a failing audit write leaves no metric behind and the stored one unchanged', async () => {
      const { metrics, stored, breakAudit, environment, addMetric } = use()
      const metric = await addMetric()
      await breakAudit()
      const insert = metricInsertOf(environment, newMetricOf(environment))
      await expect(metrics.write(insert)).rejects.toBeDefined()
      expect(await stored.metric(insert.metric.id)).toBeNull()
      await expect(
        metrics.write(metricUpdateOf(environment, metric, { kind: 'update', name: 'Renamed' })),
      ).rejects.toBeDefined()
      expect(await stored.metric(metric.id)).toEqual(metric)
      expect(await stored.auditEntries(metric.id)).toHaveLength(1)
    })

    describeMetricLists(test, () => {
      if (fixture === undefined) throw new Error('contract suite: no fixture (did the factory fail?)')
      return fixture
    })
  })
}
