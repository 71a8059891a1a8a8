import type { Environment, ExperimentState } from '../core/domain/experiment.js'
import type { DueQuery } from '../ports/experiment-repository.js'
import { freshEnvironment, type Step } from './experiment-writes.js'
import { seedExperiment } from './seed-experiment.js'
import type { RepositoryFixture } from './repository-fixture.js'
import type { TestApi } from './test-api.js'

const T0 = Date.parse('2026-01-01T00:00:00.000Z')
const at = (minutes: number) => new Date(T0 + minutes * 60_000)

/** The schedule half of {@link testExperimentRepository}: schedules persisted, the due query. */
export function describeRepositorySchedule(test: TestApi, current: () => RepositoryFixture): void {
  const { it, expect } = test
  const use = () => {
    const fixture = current()
    const seed = (environment: Environment, overrides?: Partial<ExperimentState>, steps?: readonly Step[]) =>
      seedExperiment(test, fixture.repository, environment, overrides, steps)
    const due = async (query: Partial<DueQuery> = {}) =>
      (await fixture.repository.dueScheduled({ now: at(60), after: null, limit: 100, ...query })).map(
        (experiment) => experiment.id,
      )
    return { ...fixture, seed, due }
  }
  const start = { kind: 'transition', action: 'start' } as const
  const pause = { kind: 'transition', action: 'pause' } as const
  const complete = { kind: 'transition', action: 'complete' } as const

  it('stores the schedule and the environment key, and reads them back', async () => {
    const { repository, stored, seed } = use()
    const environment = freshEnvironment()
    const experiment = await seed(environment, { scheduledStartAt: at(10), scheduledEndAt: at(20) })
    expect(await repository.find(environment.id, experiment.id)).toMatchObject({
      scheduledStartAt: at(10),
      scheduledEndAt: at(20),
      environmentKey: environment.key,
    })
    const changed = await seed(environment, { scheduledStartAt: at(10) }, [
      { kind: 'schedule', scheduledStartAt: null, scheduledEndAt: at(30) },
    ])
    expect(await stored.experiment(changed.id)).toMatchObject({
      scheduledStartAt: null,
      scheduledEndAt: at(30),
      version: 2,
    })
  })

  it('finds a due start on a created experiment and a due end on a running or paused one', async () => {
    const { seed, due } = use()
    const environment = freshEnvironment()
    const toStart = await seed(environment, { scheduledStartAt: at(5) })
    const toEnd = await seed(environment, { scheduledEndAt: at(6) }, [start])
    const pausedToEnd = await seed(environment, { scheduledEndAt: at(7) }, [start, pause])
    expect(await due()).toEqual([toStart.id, toEnd.id, pausedToEnd.id])
  })

  it('leaves out what is not due: later times, an end before the start, completed, deleted, unscheduled', async () => {
    const { seed, due } = use()
    const environment = freshEnvironment()
    await seed(environment, { scheduledStartAt: at(61) })
    await seed(environment, { scheduledEndAt: at(61) }, [start])
    await seed(environment, { scheduledEndAt: at(1) })
    await seed(environment, { scheduledEndAt: at(1) }, [start, complete])
    await seed(environment, { scheduledStartAt: at(1) }, [{ kind: 'delete' }])
    await seed(environment, { scheduledEndAt: at(1) }, [start, pause, { kind: 'delete' }])
    await seed(environment, {}, [start])
    expect(await due()).toEqual([])
  })

  it('clears the scheduled start a start fulfils and the scheduled end a completion fulfils', async () => {
    const { stored, seed, due } = use()
    const environment = freshEnvironment()
    const started = await seed(environment, { scheduledStartAt: at(1), scheduledEndAt: at(90) }, [start])
    expect(await stored.experiment(started.id)).toMatchObject({
      scheduledStartAt: null,
      scheduledEndAt: at(90),
    })
    const completed = await seed(environment, { scheduledEndAt: at(1) }, [start, complete])
    expect(await stored.experiment(completed.id)).toMatchObject({ scheduledEndAt: null, status: 'completed' })
    expect(await due()).toEqual([])
    expect(await due({ now: at(90) })).toEqual([started.id])
  })

  it('includes every environment, the longest due first, then by id', async () => {
    const { seed, due } = use()
    const first = freshEnvironment()
    const second = freshEnvironment()
    const ids = ['00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000a']
    const late = await seed(first, { scheduledStartAt: at(30) })
    const tieB = await seed(second, { id: ids[0], scheduledEndAt: at(20) }, [start])
    const tieA = await seed(first, { id: ids[1], scheduledStartAt: at(20) })
    const early = await seed(second, { scheduledStartAt: at(10) })
    expect(await due()).toEqual([early.id, tieA.id, tieB.id, late.id])
  })

  it('pages strictly after a position, at most limit at a time', async () => {
    const { seed, due } = use()
    const environment = freshEnvironment()
    const seeded: ExperimentState[] = []
    for (const minute of [3, 1, 4, 1, 5])
      seeded.push(await seed(environment, { scheduledStartAt: at(minute) }))
    const order = (await due()).slice()
    expect(order).toHaveLength(5)
    const byId = new Map(seeded.map((experiment) => [experiment.id, experiment]))
    const firstPage = await due({ limit: 2 })
    expect(firstPage).toEqual(order.slice(0, 2))
    const last = byId.get(firstPage[1] ?? '')
    const after = { dueAt: last?.scheduledStartAt ?? at(0), id: last?.id ?? '' }
    expect(await due({ after, limit: 2 })).toEqual(order.slice(2, 4))
    expect(await due({ after: { dueAt: at(5), id: order[4] ?? '' } })).toEqual([])
  })
}
