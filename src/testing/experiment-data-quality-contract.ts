import {
  exposure,
  freshEnvironmentId,
  minute,
  queryOf,
  shift,
  trackedEvent,
  summaryMetric,
  withExperiment,
  type ExperimentDataFixture,
} from './experiment-data-fixture.js'
import type { TestApi } from './test-api.js'

const metric = summaryMetric

/**
 * The part of {@link testExperimentData} about data the figures leave out: the `dataQuality`
 * counts, and values too large to sum, which must give figures that are not finite rather than
 * a failed summary.
 */
export function describeExperimentDataQuality(test: TestApi, current: () => ExperimentDataFixture): void {
  const { expect, it } = test
  const setUp = () => withExperiment(current())

  it('counts exposures before and after the window, one per stored exposure, left out of the figures', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const [from, to] = [minute(0), minute(60)]
    await data.recordExposures([
      exposure(experimentId, 'early', 'control', shift(from, -1)),
      exposure(experimentId, 'early', 'treatment', minute(-30)),
      exposure(experimentId, 'late', 'control', shift(to, 1)),
      exposure(experimentId, 'both-ends', 'control', minute(-1)),
      exposure(experimentId, 'both-ends', 'treatment', minute(20)),
      exposure(experimentId, 'both-ends', 'other', minute(61)),
      exposure(experimentId, 'in', 'control', from),
    ])
    const summary = await data.summarize(queryOf(environmentId, experimentId, [], { from, to }))
    expect(summary.dataQuality).toEqual({
      exposuresBeforeWindow: 3,
      exposuresAfterWindow: 2,
      eventsBeforeExposure: 0,
    })
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 1 },
      { variant: 'treatment', exposures: 1 },
    ])
    expect(summary.multipleExposures).toBe(0)
  })

  it("counts events of the metrics' names stamped in the window before a counted identity's first exposure", async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'u1', 'control', minute(30)),
      exposure(experimentId, 'twice', 'control', minute(30)),
      exposure(experimentId, 'twice', 'treatment', minute(40)),
      exposure(experimentId, 'outside', 'control', minute(90)),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('u1', 'purchase', { at: minute(0) }),
      trackedEvent('u1', 'purchase', { at: shift(minute(30), -1) }),
      trackedEvent('u1', 'signup', { at: minute(5) }),
      trackedEvent('u1', 'purchase', { at: minute(30) }),
      trackedEvent('u1', 'purchase', { at: minute(-5) }),
      trackedEvent('u1', 'unmeasured', { at: minute(5) }),
      trackedEvent('twice', 'purchase', { at: minute(5) }),
      trackedEvent('outside', 'purchase', { at: minute(5) }),
    ])
    await data.recordEvents(freshEnvironmentId(), [trackedEvent('u1', 'purchase', { at: minute(5) })])
    const metrics = [metric('count'), metric('sum'), metric('occurrence', 'signup')]
    const summary = await data.summarize(queryOf(environmentId, experimentId, metrics))
    expect(summary.dataQuality).toEqual({
      exposuresBeforeWindow: 0,
      exposuresAfterWindow: 1,
      eventsBeforeExposure: 3,
    })
    expect(summary.metrics.map((m) => m.variants)).toEqual([
      [{ variant: 'control', n: 1, sum: 1, sumSquares: 1 }],
      [{ variant: 'control', n: 1, sum: 0, sumSquares: 0 }],
      [{ variant: 'control', n: 1, sum: 0, sumSquares: 0 }],
    ])
    const unqueried = await data.summarize(queryOf(environmentId, experimentId, []))
    expect(unqueried.dataQuality.eventsBeforeExposure).toBe(0)
  })

  it('reports the sums of a value too large to add up as not finite, and never fails the summary', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'huge', 'control'),
      exposure(experimentId, 'twice-max', 'control'),
      exposure(experimentId, 'negative', 'treatment'),
      exposure(experimentId, 'plain', 'treatment'),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('huge', 'purchase', { value: 1e200 }),
      trackedEvent('twice-max', 'purchase', { value: 1e308 }),
      trackedEvent('twice-max', 'purchase', { value: 1e308 }),
      trackedEvent('negative', 'purchase', { value: -1e200 }),
      trackedEvent('plain', 'purchase', { value: 2 }),
      trackedEvent('plain', 'refund', { value: 1e15 }),
      trackedEvent('plain', 'refund', { value: -1e15 }),
      trackedEvent('plain', 'refund', { value: 1e15 }),
    ])
    const metrics = [metric('sum'), metric('count'), metric('sum', 'refund')]
    const summary = await data.summarize(queryOf(environmentId, experimentId, metrics))
    const [sum, count, refund] = summary.metrics
    for (const sums of sum?.variants ?? []) {
      expect(Number.isFinite(sums.sum) || Number.isFinite(sums.sumSquares)).toBe(false)
    }
    expect(sum?.variants).toHaveLength(2)
    expect(count?.variants).toEqual([
      { variant: 'control', n: 2, sum: 3, sumSquares: 1 + 4 },
      { variant: 'treatment', n: 2, sum: 2, sumSquares: 1 + 1 },
    ])
    expect(refund?.variants).toEqual([
      { variant: 'control', n: 2, sum: 0, sumSquares: 0 },
      { variant: 'treatment', n: 2, sum: 1e15, sumSquares: 1e30 },
    ])
  })
}
