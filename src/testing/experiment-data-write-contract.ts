import {
  exposure,
  freshEnvironmentId,
  minute,
  queryOf,
  trackedEvent,
  withExperiment,
  type ExperimentDataFixture,
} from './experiment-data-fixture.js'
import type { TestApi } from './test-api.js'

/** The write half of {@link testExperimentData}: idempotent, atomic batches. */
export function describeExperimentDataWrites(test: TestApi, current: () => ExperimentDataFixture): void {
  const { expect, it } = test
  const setUp = () => withExperiment(current())
  const counting = { metricId: 'm-count', event: 'purchase', aggregation: 'count' } as const

  it('accepts every new item and nothing of an empty batch', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await expect(data.recordExposures([])).resolves.toEqual({ accepted: 0, duplicates: 0 })
    await expect(data.recordEvents(environmentId, [])).resolves.toEqual({ accepted: 0, duplicates: 0 })
    const exposures = [exposure(experimentId, 'u1', 'control'), exposure(experimentId, 'u2', 'treatment')]
    await expect(data.recordExposures(exposures)).resolves.toEqual({
      accepted: 2,
      duplicates: 0,
    })
    const events = [trackedEvent('u1', 'purchase'), trackedEvent('u2', 'purchase', { value: 3 })]
    await expect(data.recordEvents(environmentId, events)).resolves.toEqual({ accepted: 2, duplicates: 0 })
  })

  it('stores a retried batch once and reports it as duplicates', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const exposures = [exposure(experimentId, 'u1', 'control'), exposure(experimentId, 'u2', 'treatment')]
    const events = [trackedEvent('u1', 'purchase'), trackedEvent('u2', 'purchase')]
    await data.recordExposures(exposures)
    await data.recordEvents(environmentId, events)
    await expect(data.recordExposures(exposures)).resolves.toEqual({
      accepted: 0,
      duplicates: 2,
    })
    await expect(data.recordEvents(environmentId, [...events].reverse())).resolves.toEqual({
      accepted: 0,
      duplicates: 2,
    })
    const summary = await data.summarize(queryOf(environmentId, experimentId, [counting]))
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 1 },
      { variant: 'treatment', exposures: 1 },
    ])
    expect(summary.metrics[0]?.variants.map((v) => v.sum)).toEqual([1, 1])
  })

  it('counts repeats inside one batch as duplicates, the first exposure keeping its time', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const repeated = trackedEvent('u1', 'purchase')
    await expect(
      data.recordEvents(environmentId, [repeated, trackedEvent('u1', 'purchase'), { ...repeated }]),
    ).resolves.toEqual({ accepted: 2, duplicates: 1 })
    const first = exposure(experimentId, 'u1', 'control', minute(5))
    await expect(
      data.recordExposures([first, { ...first, at: minute(1) }, exposure(experimentId, 'u2', 'b')]),
    ).resolves.toEqual({ accepted: 2, duplicates: 1 })
    await expect(data.recordExposures([{ ...first, at: minute(0) }])).resolves.toEqual({
      accepted: 0,
      duplicates: 1,
    })
    const early = queryOf(environmentId, experimentId, [], { from: minute(0), to: minute(4) })
    expect((await data.summarize(early)).variants).toEqual([{ variant: 'b', exposures: 1 }])
    const late = queryOf(environmentId, experimentId, [counting], { from: minute(5), to: minute(60) })
    expect((await data.summarize(late)).metrics[0]?.variants).toEqual([
      { variant: 'control', n: 1, sum: 2, sumSquares: 4 },
    ])
  })

  it('stores the same identity in another variant, keyed apart per experiment', async () => {
    const { data, environmentId, experimentId, createExperiment } = await setUp()
    const other = await createExperiment(environmentId)
    await data.recordExposures([exposure(experimentId, 'u1', 'control')])
    await expect(
      data.recordExposures([exposure(experimentId, 'u1', 'treatment'), exposure(other, 'u1', 'control')]),
    ).resolves.toEqual({ accepted: 2, duplicates: 0 })
    expect((await data.summarize(queryOf(environmentId, experimentId, []))).multipleExposures).toBe(1)
    expect((await data.summarize(queryOf(environmentId, other, []))).variants).toEqual([
      { variant: 'control', exposures: 1 },
    ])
  })

  it('keys event ids per environment', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const shared = trackedEvent('u1', 'purchase')
    await data.recordExposures([exposure(experimentId, 'u1', 'control')])
    await data.recordEvents(freshEnvironmentId(), [shared])
    await expect(data.recordEvents(environmentId, [shared])).resolves.toEqual({ accepted: 1, duplicates: 0 })
    const summary = await data.summarize(queryOf(environmentId, experimentId, [counting]))
    expect(summary.metrics[0]?.variants[0]?.sum).toBe(1)
  })

  it('stores nothing of a batch it rejects', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const good = [trackedEvent('u1', 'purchase'), trackedEvent('u1', 'purchase', { value: 2 })]
    const badEvents = [
      [...good, trackedEvent('x'.repeat(256), 'purchase')],
      [...good, trackedEvent('u1', '')],
      [...good, trackedEvent('u1', 'purchase', { value: Number.POSITIVE_INFINITY })],
      [...good, trackedEvent('u1', 'purchase', { id: 'not-a-uuid' })],
      [...good, trackedEvent('u1', 'purchase', { at: new Date(Number.NaN) })],
    ]
    for (const batch of badEvents) await expect(data.recordEvents(environmentId, batch)).rejects.toThrow()
    const goodExposure = exposure(experimentId, 'u1', 'control')
    await expect(
      data.recordExposures([goodExposure, exposure(experimentId, 'u2', 'x'.repeat(256))]),
    ).rejects.toThrow()
    await expect(
      data.recordExposures([goodExposure, exposure(experimentId, '', 'control')]),
    ).rejects.toThrow()
    await expect(data.recordExposures([goodExposure])).resolves.toEqual({
      accepted: 1,
      duplicates: 0,
    })
    await expect(data.recordEvents(environmentId, good)).resolves.toEqual({ accepted: 2, duplicates: 0 })
  })

  it('counts 1..255 in characters (code points), not UTF-16 units', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const clover = '\u{1F340}'.repeat(255)
    await expect(data.recordExposures([exposure(experimentId, clover, 'control')])).resolves.toEqual({
      accepted: 1,
      duplicates: 0,
    })
    await expect(data.recordEvents(environmentId, [trackedEvent(clover, clover)])).resolves.toEqual({
      accepted: 1,
      duplicates: 0,
    })
    const summary = await data.summarize(
      queryOf(environmentId, experimentId, [{ metricId: 'm', event: clover, aggregation: 'count' }]),
    )
    expect(summary.metrics[0]?.variants).toEqual([{ variant: 'control', n: 1, sum: 1, sumSquares: 1 }])
  })

  it('stores a batch retried concurrently once, the accepted counts adding up to its size', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const exposures = Array.from({ length: 50 }, (_, i) => exposure(experimentId, `u${i}`, `v${i % 2}`))
    const events = exposures.map((e) => trackedEvent(e.identity, 'purchase'))
    const outcomes = await Promise.all([
      ...[1, 2, 3].map(() => data.recordExposures(exposures)),
      ...[1, 2, 3].map(() => data.recordEvents(environmentId, events)),
    ])
    const accepted = (from: number) =>
      outcomes.slice(from, from + 3).reduce((sum, outcome) => sum + outcome.accepted, 0)
    expect([accepted(0), accepted(3)]).toEqual([50, 50])
    for (const outcome of outcomes) expect(outcome.accepted + outcome.duplicates).toBe(50)
    const summary = await data.summarize(queryOf(environmentId, experimentId, [counting]))
    expect(summary.variants.map((v) => v.exposures)).toEqual([25, 25])
    expect(summary.metrics[0]?.variants.map((v) => v.sum)).toEqual([25, 25])
  })
}
