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

const NOTHING_LEFT_OUT = { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 }

/** The read half of {@link testExperimentData}: what `summarize` counts, and what it leaves out. */
export function describeExperimentDataSummary(test: TestApi, current: () => ExperimentDataFixture): void {
  const { expect, it } = test
  const setUp = () => withExperiment(current())

  it('summarizes an experiment without exposures as empty lists', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordEvents(environmentId, [trackedEvent('u1', 'purchase')])
    await expect(
      data.summarize(queryOf(environmentId, experimentId, [metric('count'), metric('sum')])),
    ).resolves.toEqual({
      variants: [],
      multipleExposures: 0,
      metrics: [
        { metricId: 'count-purchase', variants: [] },
        { metricId: 'sum-purchase', variants: [] },
      ],
      dataQuality: NOTHING_LEFT_OUT,
    })
    await expect(data.summarize(queryOf(environmentId, experimentId, []))).resolves.toEqual({
      variants: [],
      multipleExposures: 0,
      metrics: [],
      dataQuality: NOTHING_LEFT_OUT,
    })
  })

  it('aggregates occurrence, count and sum per identity, a null value adding 0, several metrics at once', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'a1', 'control'),
      exposure(experimentId, 'a2', 'control'),
      exposure(experimentId, 'a3', 'control'),
      exposure(experimentId, 'b1', 'treatment'),
      exposure(experimentId, 'b2', 'treatment'),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('a1', 'purchase', { value: 2 }),
      trackedEvent('a1', 'purchase', { value: null }),
      trackedEvent('a1', 'purchase', { value: 3.5 }),
      trackedEvent('a2', 'purchase', { value: -1 }),
      trackedEvent('b1', 'purchase', { value: null }),
      trackedEvent('b1', 'signup'),
      trackedEvent('b2', 'signup'),
      trackedEvent('b2', 'signup'),
    ])
    const metrics = [metric('sum'), metric('occurrence'), metric('count', 'signup'), metric('count')]
    const summary = await data.summarize(queryOf(environmentId, experimentId, metrics))
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 3 },
      { variant: 'treatment', exposures: 2 },
    ])
    expect(summary.multipleExposures).toBe(0)
    expect(summary.metrics).toEqual([
      {
        metricId: 'sum-purchase',
        variants: [
          { variant: 'control', n: 3, sum: 4.5, sumSquares: 5.5 * 5.5 + 1 },
          { variant: 'treatment', n: 2, sum: 0, sumSquares: 0 },
        ],
      },
      {
        metricId: 'occurrence-purchase',
        variants: [
          { variant: 'control', n: 3, sum: 2, sumSquares: 2 },
          { variant: 'treatment', n: 2, sum: 1, sumSquares: 1 },
        ],
      },
      {
        metricId: 'count-signup',
        variants: [
          { variant: 'control', n: 3, sum: 0, sumSquares: 0 },
          { variant: 'treatment', n: 2, sum: 3, sumSquares: 1 + 4 },
        ],
      },
      {
        metricId: 'count-purchase',
        variants: [
          { variant: 'control', n: 3, sum: 4, sumSquares: 9 + 1 },
          { variant: 'treatment', n: 2, sum: 1, sumSquares: 1 },
        ],
      },
    ])
  })

  it('counts exposures and events at both window edges, and nothing a millisecond outside', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const from = minute(0)
    const to = minute(60)
    await data.recordExposures([
      exposure(experimentId, 'at-from', 'control', from),
      exposure(experimentId, 'at-to', 'control', to),
      exposure(experimentId, 'before', 'control', shift(from, -1)),
      exposure(experimentId, 'after', 'control', shift(to, 1)),
      exposure(experimentId, 'late', 'treatment', minute(30)),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('at-from', 'purchase', { at: from }),
      trackedEvent('at-from', 'purchase', { at: to }),
      trackedEvent('at-from', 'purchase', { at: shift(to, 1) }),
      trackedEvent('at-to', 'purchase', { at: to }),
      trackedEvent('before', 'purchase', { at: minute(10) }),
      trackedEvent('after', 'purchase', { at: shift(to, 1) }),
      trackedEvent('late', 'purchase', { at: minute(30) }),
      trackedEvent('late', 'purchase', { at: shift(minute(30), -1) }),
      trackedEvent('late', 'purchase', { at: minute(5) }),
    ])
    const summary = await data.summarize(
      queryOf(environmentId, experimentId, [metric('count')], { from, to }),
    )
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 2 },
      { variant: 'treatment', exposures: 1 },
    ])
    expect(summary.metrics[0]?.variants).toEqual([
      { variant: 'control', n: 2, sum: 3, sumSquares: 4 + 1 },
      { variant: 'treatment', n: 1, sum: 1, sumSquares: 1 },
    ])
  })

  it('leaves identities seen in two variants in the window out of every figure and counts them', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'both', 'control', minute(1)),
      exposure(experimentId, 'both', 'treatment', minute(2)),
      exposure(experimentId, 'three', 'control'),
      exposure(experimentId, 'three', 'treatment'),
      exposure(experimentId, 'three', 'other'),
      exposure(experimentId, 'once-in-window', 'control', minute(3)),
      exposure(experimentId, 'once-in-window', 'treatment', minute(90)),
      exposure(experimentId, 'clean', 'treatment'),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('both', 'purchase'),
      trackedEvent('three', 'purchase'),
      trackedEvent('once-in-window', 'purchase'),
      trackedEvent('clean', 'purchase'),
    ])
    const summary = await data.summarize(queryOf(environmentId, experimentId, [metric('occurrence')]))
    expect(summary.multipleExposures).toBe(2)
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 1 },
      { variant: 'treatment', exposures: 1 },
    ])
    expect(summary.metrics[0]?.variants).toEqual([
      { variant: 'control', n: 1, sum: 1, sumSquares: 1 },
      { variant: 'treatment', n: 1, sum: 1, sumSquares: 1 },
    ])
  })

  it("matches event names case-sensitively and ignores other identities', environments' and experiments' data", async () => {
    const { data, environmentId, experimentId, createExperiment } = await setUp()
    const elsewhere = freshEnvironmentId()
    const other = await createExperiment(environmentId)
    await data.recordExposures([exposure(experimentId, 'u1', 'control'), exposure(other, 'u2', 'control')])
    await data.recordEvents(environmentId, [
      trackedEvent('u1', 'Purchase'),
      trackedEvent('u1', 'purchase '),
      trackedEvent('u2', 'purchase'),
      trackedEvent('U1', 'purchase'),
    ])
    await data.recordEvents(elsewhere, [trackedEvent('u1', 'purchase'), trackedEvent('u1', 'purchase')])
    const summary = await data.summarize(
      queryOf(environmentId, experimentId, [metric('count'), metric('count', 'Purchase')]),
    )
    expect(summary.variants).toEqual([{ variant: 'control', exposures: 1 }])
    expect(summary.metrics.map((m) => m.variants[0]?.sum)).toEqual([0, 1])
  })

  it('lists variants in code-unit order and returns plain finite numbers', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const variants = ['b', 'B', 'a', '_', 'Ä', 'a-2']
    await data.recordExposures(variants.map((variant, i) => exposure(experimentId, `u${i}`, variant)))
    await data.recordEvents(environmentId, [trackedEvent('u0', 'purchase', { value: 0.1 })])
    const summary = await data.summarize(queryOf(environmentId, experimentId, [metric('sum')]))
    expect(summary.variants.map((v) => v.variant)).toEqual(['B', '_', 'a', 'a-2', 'b', 'Ä'])
    const b = summary.metrics[0]?.variants.find((v) => v.variant === 'b')
    expect(b?.sum).toBeCloseTo(0.1, 15)
    expect(b?.sumSquares).toBeCloseTo(0.01, 15)
    for (const sums of summary.metrics[0]?.variants ?? []) {
      expect(typeof sums.n).toBe('number')
      expect(Number.isFinite(sums.sum) && Number.isFinite(sums.sumSquares)).toBe(true)
    }
  })
}
