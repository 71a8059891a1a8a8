import type { Environment } from '../core/domain/experiment.js'
import type { Metric } from '../core/domain/metric.js'
import type { MetricListQuery } from '../ports/metric-repository.js'
import { freshEnvironment } from './experiment-writes.js'
import { metricUpdateOf } from './metric-writes.js'
import type { RepositoryFixture } from './repository-fixture.js'
import { seedMetric } from './seed-metric.js'
import type { TestApi } from './test-api.js'

const T0 = Date.parse('2026-01-01T00:00:00.000Z')

/** The list half of {@link testMetricRepository}: order, paging, search, and the trash. */
export function describeMetricLists(test: TestApi, current: () => RepositoryFixture): void {
  const { it, expect } = test
  const use = () => {
    const fixture = current()
    const environment = freshEnvironment()
    const addMetric = (overrides: Partial<Metric> = {}, at: Environment = environment) =>
      seedMetric(test, fixture.metrics, at, overrides)
    const query: MetricListQuery = {
      environmentId: environment.id,
      nameContains: null,
      after: null,
      limit: 50,
    }
    return { ...fixture, environment, addMetric, query }
  }
  const ids = (metrics: readonly Metric[]) => metrics.map((metric) => metric.id)

  it('list: not deleted, newest first, paged after a position, filtered by name ignoring case', async () => {
    const { metrics, environment, addMetric, query } = use()
    const made: Metric[] = []
    for (let i = 0; i < 5; i++) {
      made.push(
        await addMetric({
          name: `Metric ${i} ${i % 2 ? 'Revenue' : 'Rate'}`,
          createdAt: new Date(T0 + i * 1000),
        }),
      )
    }
    const sameTime = await addMetric({ name: 'Tie', createdAt: new Date(T0 + 4000) })
    await metrics.write(metricUpdateOf(environment, made[1]!, { kind: 'delete' }))
    await addMetric({}, freshEnvironment())
    const all = await metrics.list(query)
    const newestFirst = [made[4]!, sameTime, made[3]!, made[2]!, made[0]!].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    )
    expect(all.map((metric) => metric.id)).toEqual(newestFirst.map((metric) => metric.id))
    const first = await metrics.list({ ...query, limit: 2 })
    const last = first.at(-1)!
    const next = await metrics.list({
      ...query,
      after: { createdAt: last.createdAt, id: last.id },
      limit: 50,
    })
    expect([...first, ...next].map((metric) => metric.id)).toEqual(all.map((metric) => metric.id))
    const revenue = await metrics.list({ ...query, nameContains: 'rEVENUE' })
    expect(revenue.map((metric) => metric.id)).toEqual([made[3]!.id])
  })

  it('list with deleted: the trash, deleted metrics only, in the same order, paged and searched alike', async () => {
    const { metrics, environment, addMetric, query } = use()
    const made: Metric[] = []
    for (let i = 0; i < 4; i++)
      made.push(await addMetric({ name: `Gone ${i}`, createdAt: new Date(T0 + i * 1000) }))
    const kept = await addMetric({ name: 'Kept', createdAt: new Date(T0 + 9000) })
    const deleted = []
    for (const metric of [made[0]!, made[2]!, made[3]!]) {
      const write = metricUpdateOf(environment, metric, { kind: 'delete' })
      await expect(metrics.write(write)).resolves.toBe('written')
      deleted.push(write.metric)
    }
    const other = freshEnvironment()
    await metrics.write(metricUpdateOf(other, await addMetric({}, other), { kind: 'delete' }))

    const trash = await metrics.list({ ...query, deleted: true })
    expect(ids(trash)).toEqual([made[3]!.id, made[2]!.id, made[0]!.id])
    expect(trash[0]).toEqual(deleted[2])
    expect(trash.every((metric) => metric.deletedAt !== null)).toBe(true)
    expect(ids(await metrics.list({ ...query, deleted: false }))).toEqual([kept.id, made[1]!.id])
    const first = await metrics.list({ ...query, deleted: true, limit: 2 })
    const last = first.at(-1)!
    const after = { createdAt: last.createdAt, id: last.id }
    expect(ids(await metrics.list({ ...query, deleted: true, after }))).toEqual([made[0]!.id])
    expect(ids(await metrics.list({ ...query, deleted: true, nameContains: 'gONE 2' }))).toEqual([
      made[2]!.id,
    ])
  })
}
