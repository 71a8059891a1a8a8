import type { ExperimentState } from '../core/domain/experiment.js'
import type { ListQuery } from '../ports/experiment-repository.js'
import { freshEnvironment, type Step } from './experiment-writes.js'
import { seedExperiment } from './seed-experiment.js'
import type { RepositoryFixture } from './repository-fixture.js'
import type { TestApi } from './test-api.js'

const T0 = Date.parse('2026-01-01T00:00:00.000Z')

/** The read half of {@link testExperimentRepository}: scoping, history, list order, cursor, filters, counts. */
export function describeRepositoryReads(test: TestApi, current: () => RepositoryFixture): void {
  const { it, expect } = test
  const use = () => {
    const fixture = current()
    const environment = freshEnvironment()
    const seed = (overrides?: Partial<ExperimentState>, steps?: readonly Step[]) =>
      seedExperiment(test, fixture.repository, environment, overrides, steps)
    const list = (query: Partial<ListQuery> = {}) =>
      fixture.repository.list({
        environmentId: environment.id,
        statuses: null,
        featureId: null,
        nameContains: null,
        after: null,
        limit: 50,
        ...query,
      })
    return { ...fixture, environment, seed, list }
  }
  const start = { kind: 'transition', action: 'start' } as const
  const pause = { kind: 'transition', action: 'pause' } as const
  const complete = { kind: 'transition', action: 'complete' } as const

  it('finds an experiment only in its own environment, with its history oldest first', async () => {
    const { repository, environment, seed } = use()
    const experiment = await seed({}, [start, pause, start, complete])
    const found = await repository.find(environment.id, experiment.id)
    expect(found).toMatchObject(experiment)
    expect(found?.history.map(({ from, to }) => `${from}>${to}`)).toEqual([
      'created>running',
      'running>paused',
      'paused>running',
      'running>completed',
    ])
    expect(await repository.find(freshEnvironment().id, experiment.id)).toBeNull()
    expect(await repository.find(environment.id, crypto.randomUUID())).toBeNull()
  })

  it('hides a deleted experiment unless asked to include it', async () => {
    const { repository, environment, seed, list } = use()
    const deleted = await seed({}, [{ kind: 'delete' }])
    expect(await repository.find(environment.id, deleted.id)).toBeNull()
    expect(await repository.find(environment.id, deleted.id, { includeDeleted: true })).toMatchObject(deleted)
    const page = await list()
    expect(page.items).toEqual([])
    expect(page.statusCounts).toEqual({ created: 0, running: 0, paused: 0, completed: 0 })
  })

  it('lists newest first, by createdAt then id, and pages strictly after a position', async () => {
    const { seed, list } = use()
    const seeded: ExperimentState[] = []
    for (const [i, offset] of [0, 5, 5, 5, 9, 1].entries()) {
      seeded.push(
        await seed({
          createdAt: new Date(T0 + offset * 1000),
          updatedAt: new Date(T0 + offset * 1000),
          name: `E${i}`,
        }),
      )
    }
    const expected = [...seeded]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((e) => e.id)
    expect((await list()).items.map((e) => e.id)).toEqual(expected)
    const paged: string[] = []
    let after: ListQuery['after'] = null
    for (let pages = 0; pages <= seeded.length; pages++) {
      const page = await list({ limit: 2, after })
      paged.push(...page.items.map((e) => e.id))
      const last = page.items.at(-1)
      if (page.items.length < 2 || last === undefined) break
      after = { createdAt: last.createdAt, id: last.id }
    }
    expect(paged).toEqual(expected)
  })

  it('lists items with their history', async () => {
    const { seed, list } = use()
    const running = await seed({}, [start])
    const [item] = (await list()).items
    expect(item).toMatchObject({
      ...running,
      history: [expect.objectContaining({ from: 'created', to: 'running' })],
    })
  })

  it('counts per status, narrowed by feature and name but not by status', async () => {
    const { seed, list } = use()
    await seed({ featureId: 'f1', name: 'Old checkout' }, [start, complete])
    await seed({ featureId: 'f1', name: 'Checkout BUTTON' })
    await seed({ featureId: 'f2', name: 'checkout copy' }, [start])
    await seed({ featureId: 'f3', name: 'Pricing' }, [start, pause])
    await seed({ featureId: 'f4', name: 'Gone checkout' }, [{ kind: 'delete' }])
    await use().seed({ featureId: 'f1', name: 'checkout elsewhere' })
    const all = await list({ statuses: ['running'] })
    expect(all.items.map((e) => e.name)).toEqual(['checkout copy'])
    expect(all.statusCounts).toEqual({ created: 1, running: 1, paused: 1, completed: 1 })
    const named = await list({ nameContains: 'CHECKOUT', statuses: ['created', 'completed'] })
    expect(named.items.map((e) => e.name).sort()).toEqual(['Checkout BUTTON', 'Old checkout'])
    expect(named.statusCounts).toEqual({ created: 1, running: 1, paused: 0, completed: 1 })
    const byFeature = await list({ featureId: 'f1' })
    expect(byFeature.items.map((e) => e.name).sort()).toEqual(['Checkout BUTTON', 'Old checkout'])
    expect(byFeature.statusCounts).toEqual({ created: 1, running: 0, paused: 0, completed: 1 })
  })

  it('lists the trash (deleted: true): deleted experiments only, in list order, paged, filtered, counted', async () => {
    const { seed, list } = use()
    const at = (seconds: number) => ({
      createdAt: new Date(T0 + seconds * 1000),
      updatedAt: new Date(T0 + seconds * 1000),
    })
    const remove = { kind: 'delete' } as const
    const old = await seed({ ...at(1), featureId: 'f1', name: 'Old checkout' }, [start, complete, remove])
    const paused = await seed({ ...at(2), featureId: 'f1', name: 'Paused checkout' }, [start, pause, remove])
    const fresh = await seed({ ...at(3), featureId: 'f2', name: 'Fresh pricing' }, [remove])
    await seed({ ...at(4), featureId: 'f2', name: 'Live checkout' })
    await use().seed({ name: 'Elsewhere' }, [remove])
    const trash = await list({ deleted: true })
    expect(trash.items.map((e) => e.id)).toEqual([fresh.id, paused.id, old.id])
    expect(trash.items.map((e) => e.deletedAt)).toEqual([fresh.deletedAt, paused.deletedAt, old.deletedAt])
    expect(trash.statusCounts).toEqual({ created: 1, running: 0, paused: 1, completed: 1 })
    const first = await list({ deleted: true, limit: 2 })
    const last = first.items.at(-1)
    expect(first.items.map((e) => e.id)).toEqual([fresh.id, paused.id])
    const second = await list({
      deleted: true,
      limit: 2,
      after: last && { createdAt: last.createdAt, id: last.id },
    })
    expect(second.items.map((e) => e.id)).toEqual([old.id])
    const filtered = await list({
      deleted: true,
      featureId: 'f1',
      nameContains: 'CHECKOUT',
      statuses: ['paused'],
    })
    expect(filtered.items.map((e) => e.id)).toEqual([paused.id])
    expect(filtered.statusCounts).toEqual({ created: 0, running: 0, paused: 1, completed: 1 })
    expect((await list({ deleted: false })).items.map((e) => e.name)).toEqual(['Live checkout'])
  })

  it('treats the name filter as plain text, not a pattern', async () => {
    const { seed, list } = use()
    await seed({ name: '100% off_sale' })
    await seed({ name: '100 percent offsale' })
    expect((await list({ nameContains: '% off_' })).items.map((e) => e.name)).toEqual(['100% off_sale'])
  })

  it('returns an empty page with zero counts for an empty environment', async () => {
    const { list } = use()
    expect(await list()).toEqual({
      items: [],
      statusCounts: { created: 0, running: 0, paused: 0, completed: 0 },
    })
  })
}
