import type { IngestionTarget } from '../ports/experiment-repository.js'
import { freshEnvironment } from './experiment-writes.js'
import type { RepositoryFixture } from './repository-fixture.js'
import { seedExperiment } from './seed-experiment.js'
import type { TestApi } from './test-api.js'

const start = { kind: 'transition', action: 'start' } as const
const pause = { kind: 'transition', action: 'pause' } as const
const complete = { kind: 'transition', action: 'complete' } as const

/** Targets sorted by id, so that the adapter's order does not matter. */
const byId = (targets: readonly IngestionTarget[]) => [...targets].sort((a, b) => a.id.localeCompare(b.id))

/**
 * The exposures half of {@link testExperimentRepository}: `ingestionTargets` answers, in one call
 * for any number of ids, whether each live experiment of the environment has started and its
 * variants, and leaves out unknown, deleted, foreign and malformed ids.
 */
export function describeRepositoryIngestionTargets(test: TestApi, current: () => RepositoryFixture): void {
  const { it, expect } = test

  it('reads each named live experiment of the environment: started or not, with its variants in order', async () => {
    const { repository } = current()
    const environment = freshEnvironment()
    const seed = (steps: Parameters<typeof seedExperiment>[4]) =>
      seedExperiment(test, repository, environment, {}, steps)
    const created = await seed([])
    const running = await seed([start])
    const paused = await seed([start, pause])
    const completed = await seed([start, complete])
    const ids = [created.id, running.id, paused.id, completed.id]
    const targets = await repository.ingestionTargets(environment.id, [...ids, running.id])
    const variants = ['control', 'treatment']
    expect(byId(targets)).toEqual(
      byId([
        { id: created.id, started: false, variants },
        { id: running.id, started: true, variants },
        { id: paused.id, started: true, variants },
        { id: completed.id, started: true, variants },
      ]),
    )
  })

  it('leaves out deleted, unknown, foreign and malformed ids, and answers nothing for none', async () => {
    const { repository } = current()
    const environment = freshEnvironment()
    const deleted = await seedExperiment(test, repository, environment, {}, [
      start,
      pause,
      { kind: 'delete' },
    ])
    const foreign = await seedExperiment(test, repository, freshEnvironment(), {}, [start])
    const kept = await seedExperiment(test, repository, environment, {}, [start])
    const named = [deleted.id, foreign.id, crypto.randomUUID(), 'not-a-uuid', "x'; drop table", '', kept.id]
    expect(await repository.ingestionTargets(environment.id, named)).toEqual([
      { id: kept.id, started: true, variants: ['control', 'treatment'] },
    ])
    expect(await repository.ingestionTargets(environment.id, [])).toEqual([])
  })
}
