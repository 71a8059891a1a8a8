import type { Environment } from '../core/domain/experiment.js'
import type { ExperimentResults } from '../core/domain/results.js'
import type { ResultsHistory } from '../ports/results-history.js'
import { freshEnvironment, type Step } from './experiment-writes.js'
import { finalBody } from './repository-final-results-contract.js'
import type { ExperimentRepository } from '../ports/experiment-repository.js'
import { seedExperiment } from './seed-experiment.js'
import type { TestApi } from './test-api.js'

const start: Step = { kind: 'transition', action: 'start' }
const pause: Step = { kind: 'transition', action: 'pause' }
const complete: Step = { kind: 'transition', action: 'complete' }

/** A daily (not final) body labelled through its metric's name. */
const daily = (label: string): ExperimentResults => ({ ...finalBody(label), isFinal: false })

/** What a host's factory hands {@link testResultsHistory} for one test: fresh, empty state. */
export interface ResultsHistoryFixture {
  /** The experiments the snapshots belong to, in the same store. */
  readonly repository: ExperimentRepository
  readonly resultsHistory: ResultsHistory
  /** Releases what the fixture holds (a schema, a pool); called after each test. */
  readonly close?: () => Promise<void>
}

/**
 * The contract every {@link ResultsHistory} must pass, registered with the test runner's
 * functions ({@link TestApi}): bodies read back exactly, oldest day first; a daily snapshot never
 * replaces the day's, the final one does; snapshots are scoped to the experiment's environment;
 * the due query finds running experiments of every environment without the day's snapshot, by
 * id, in pages. The factory runs before each test and must hand out fresh state.
 *
 * @example
 * ```ts
 * testResultsHistory(vitest, async () => {
 *   const db = await openMyTestDatabase()
 *   return { repository: createMyRepository(db), resultsHistory: createMyHistory(db), close: () => db.close() }
 * })
 * ```
 */
export function testResultsHistory(
  test: TestApi,
  factory: () => ResultsHistoryFixture | Promise<ResultsHistoryFixture>,
  name = 'ResultsHistory contract',
): void {
  const { describe, beforeEach, afterEach } = test
  describe(name, () => {
    let fixture: ResultsHistoryFixture | undefined
    beforeEach(async () => {
      fixture = await factory()
    })
    afterEach(async () => {
      await fixture?.close?.()
      fixture = undefined
    })
    describeResultsHistory(test, () => {
      if (fixture === undefined) throw new Error('contract suite: no fixture (did the factory fail?)')
      return fixture
    })
  })
}

function describeResultsHistory(test: TestApi, current: () => ResultsHistoryFixture): void {
  const { expect, it } = test
  const use = () => {
    const fixture = current()
    const history = fixture.resultsHistory
    const seed = (environment: Environment, steps: readonly Step[] = [start]) =>
      seedExperiment(test, fixture.repository, environment, {}, steps)
    const save = (environment: Environment, experimentId: string, day: string, body: ExperimentResults) =>
      history.saveSnapshot({
        environmentId: environment.id,
        experimentId,
        day,
        results: body,
        replace: false,
      })
    return { history, seed, save }
  }

  it('reads the snapshots back exactly, oldest day first, and none of another environment', async () => {
    const { history, seed, save } = use()
    const environment = freshEnvironment()
    const experiment = await seed(environment)
    expect(await history.snapshots(environment.id, experiment.id)).toEqual([])
    const [first, second] = [daily('first'), daily('second')]
    await save(environment, experiment.id, '2026-03-02', second)
    await save(environment, experiment.id, '2026-03-01', first)
    expect(await history.snapshots(environment.id, experiment.id)).toEqual([first, second])
    expect(await history.snapshots(freshEnvironment().id, experiment.id)).toEqual([])
  })

  it("keeps the day's first daily snapshot, and lets the final results replace it", async () => {
    const { history, seed, save } = use()
    const environment = freshEnvironment()
    const experiment = await seed(environment)
    const first = daily('first')
    await save(environment, experiment.id, '2026-03-01', first)
    await save(environment, experiment.id, '2026-03-01', daily('racing'))
    expect(await history.snapshots(environment.id, experiment.id)).toEqual([first])
    const final = finalBody('final')
    await history.saveSnapshot({
      environmentId: environment.id,
      experimentId: experiment.id,
      day: '2026-03-01',
      results: final,
      replace: true,
    })
    expect(await history.snapshots(environment.id, experiment.id)).toEqual([final])
  })

  it('stores nothing for an experiment of another environment', async () => {
    const { history, seed, save } = use()
    const environment = freshEnvironment()
    const experiment = await seed(environment)
    await save(freshEnvironment(), experiment.id, '2026-03-01', daily('foreign'))
    expect(await history.snapshots(environment.id, experiment.id)).toEqual([])
  })

  it('finds running experiments of every environment without the day’s snapshot, by id, in pages', async () => {
    const { history, seed, save } = use()
    const [one, two] = [freshEnvironment(), freshEnvironment()]
    const running = [await seed(one), await seed(two), await seed(one)]
    await seed(one, [])
    await seed(one, [start, pause])
    await seed(two, [start, complete])
    const snapshotted = await seed(two)
    await save(two, snapshotted.id, '2026-03-01', daily('taken'))
    const ours = new Set([...running, snapshotted].map((e) => e.id))
    const due = async (after: string | null, limit = 100) =>
      (await history.snapshotsDue({ day: '2026-03-01', after, limit }))
        .filter(({ experimentId }) => ours.has(experimentId))
        .map(({ experimentId }) => experimentId)
    const ids = running.map((e) => e.id).sort()
    expect(await due(null)).toEqual(ids)
    const [first, second] = ids
    expect(await due(first ?? null)).toEqual(ids.slice(1))
    expect(await due(second ?? null)).toEqual(ids.slice(2))
    const nextDay = await history.snapshotsDue({ day: '2026-03-02', after: null, limit: 100 })
    expect(nextDay.map((due) => `${due.environmentId} ${due.experimentId}`)).toContain(
      `${two.id} ${snapshotted.id}`,
    )
    expect(await history.snapshotsDue({ day: '2026-03-01', after: null, limit: 1 })).toHaveLength(1)
  })
}
