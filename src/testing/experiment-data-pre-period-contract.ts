import type { SummaryQuery } from '../ports/experiment-data.js'
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

/** One day in minutes of the fixture's clock: a pre window of `preExposureDays: 1`. */
const DAY = 1440

const withDays = (query: SummaryQuery, preExposureDays: number): SummaryQuery => ({
  ...query,
  preExposureDays,
})

const noPre = { sum: 0, sumSquares: 0, sumProducts: 0 }

const notFinite = (values: readonly (number | undefined)[]) =>
  values.every((value) => typeof value === 'number' && !Number.isFinite(value))

/**
 * The part of {@link testExperimentData} about `preExposureDays`: each counted identity's value of
 * every metric in the days before its first exposure in the window, summed per variant with its
 * square and its product with the value after (what CUPED needs).
 */
export function describeExperimentDataPrePeriod(test: TestApi, current: () => ExperimentDataFixture): void {
  const { expect, it } = test
  const setUp = () => withExperiment(current())

  it('gives no pre sums when preExposureDays is absent or 0', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([exposure(experimentId, 'u1', 'control', minute(5))])
    await data.recordEvents(environmentId, [
      trackedEvent('u1', 'purchase', { at: minute(1), value: 2 }),
      trackedEvent('u1', 'purchase', { at: minute(10), value: 3 }),
    ])
    const query = queryOf(environmentId, experimentId, [metric('count'), metric('sum')])
    for (const summary of [await data.summarize(query), await data.summarize(withDays(query, 0))]) {
      const variants = summary.metrics.flatMap((m) => m.variants)
      expect(variants.map((sums) => Object.keys(sums).sort())).toEqual([
        ['n', 'sum', 'sumSquares', 'variant'],
        ['n', 'sum', 'sumSquares', 'variant'],
      ])
    }
  })

  it('aggregates occurrence, count and sum over the days before each first exposure, reaching before the window, a null value adding 0', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'a1', 'control', minute(0)),
      exposure(experimentId, 'a2', 'control', minute(30)),
      exposure(experimentId, 'a3', 'control', minute(10)),
      exposure(experimentId, 'b1', 'treatment', minute(5)),
      exposure(experimentId, 'b2', 'treatment', minute(0)),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('a1', 'purchase', { at: minute(-300), value: 2 }),
      trackedEvent('a1', 'purchase', { at: minute(-10), value: null }),
      trackedEvent('a1', 'purchase', { at: minute(15), value: 5 }),
      trackedEvent('a1', 'purchase', { at: minute(20), value: 1 }),
      trackedEvent('a2', 'purchase', { at: minute(20), value: 3 }),
      trackedEvent('a2', 'purchase', { at: minute(-1000), value: 4 }),
      trackedEvent('b1', 'purchase', { at: minute(-5), value: 1.5 }),
      trackedEvent('b1', 'signup', { at: minute(-5) }),
      trackedEvent('b1', 'purchase', { at: minute(40), value: 2 }),
      trackedEvent('b1', 'purchase', { at: minute(50), value: -1 }),
      trackedEvent('b2', 'purchase', { at: minute(20), value: 4 }),
    ])
    await data.recordEvents(freshEnvironmentId(), [trackedEvent('b2', 'purchase', { at: minute(-5) })])
    const metrics = [metric('occurrence'), metric('count'), metric('sum'), metric('count', 'never')]
    const summary = await data.summarize(withDays(queryOf(environmentId, experimentId, metrics), 1))
    expect(summary.metrics.map((m) => m.variants)).toEqual([
      [
        { variant: 'control', n: 3, sum: 1, sumSquares: 1, pre: { sum: 2, sumSquares: 2, sumProducts: 1 } },
        { variant: 'treatment', n: 2, sum: 2, sumSquares: 2, pre: { sum: 1, sumSquares: 1, sumProducts: 1 } },
      ],
      [
        { variant: 'control', n: 3, sum: 2, sumSquares: 4, pre: { sum: 4, sumSquares: 8, sumProducts: 4 } },
        { variant: 'treatment', n: 2, sum: 3, sumSquares: 5, pre: { sum: 1, sumSquares: 1, sumProducts: 2 } },
      ],
      [
        {
          variant: 'control',
          n: 3,
          sum: 6,
          sumSquares: 36,
          pre: { sum: 9, sumSquares: 53, sumProducts: 12 },
        },
        {
          variant: 'treatment',
          n: 2,
          sum: 5,
          sumSquares: 17,
          pre: { sum: 1.5, sumSquares: 2.25, sumProducts: 1.5 },
        },
      ],
      [
        { variant: 'control', n: 3, sum: 0, sumSquares: 0, pre: noPre },
        { variant: 'treatment', n: 2, sum: 0, sumSquares: 0, pre: noPre },
      ],
    ])
    expect(summary.dataQuality.eventsBeforeExposure).toBe(1)
  })

  it('counts an event exactly `days` before the first exposure, not a millisecond earlier, and one at the first exposure after it', async () => {
    const { data, environmentId, experimentId } = await setUp()
    const first = minute(30)
    await data.recordExposures([exposure(experimentId, 'u1', 'control', first)])
    await data.recordEvents(environmentId, [
      trackedEvent('u1', 'purchase', { at: minute(30 - 2 * DAY) }),
      trackedEvent('u1', 'purchase', { at: shift(minute(30 - 2 * DAY), -1) }),
      trackedEvent('u1', 'purchase', { at: shift(first, -1) }),
      trackedEvent('u1', 'purchase', { at: first }),
      trackedEvent('u1', 'purchase', { at: minute(60) }),
      trackedEvent('u1', 'purchase', { at: shift(minute(60), 1) }),
    ])
    const query = withDays(queryOf(environmentId, experimentId, [metric('count')]), 2)
    const summary = await data.summarize(query)
    expect(summary.metrics[0]?.variants).toEqual([
      { variant: 'control', n: 1, sum: 2, sumSquares: 4, pre: { sum: 2, sumSquares: 4, sumProducts: 4 } },
    ])
    const shorter = await data.summarize(withDays(query, 1))
    expect(shorter.metrics[0]?.variants[0]?.pre).toEqual({ sum: 1, sumSquares: 1, sumProducts: 2 })
  })

  it("leaves multiple-exposure identities' events out, and reads from the first exposure in the window", async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'both', 'control', minute(1)),
      exposure(experimentId, 'both', 'treatment', minute(2)),
      exposure(experimentId, 'outside', 'control', minute(90)),
      exposure(experimentId, 'moved', 'control', minute(-30)),
      exposure(experimentId, 'moved', 'treatment', minute(20)),
      exposure(experimentId, 'clean', 'treatment', minute(0)),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('both', 'purchase', { at: minute(-5) }),
      trackedEvent('outside', 'purchase', { at: minute(80) }),
      trackedEvent('moved', 'purchase', { at: minute(-40) }),
      trackedEvent('moved', 'purchase', { at: minute(10) }),
      trackedEvent('moved', 'purchase', { at: minute(25) }),
    ])
    const query = withDays(queryOf(environmentId, experimentId, [metric('count')]), 1)
    const summary = await data.summarize(query)
    expect(summary.multipleExposures).toBe(1)
    expect(summary.metrics[0]?.variants).toEqual([
      { variant: 'treatment', n: 2, sum: 1, sumSquares: 1, pre: { sum: 2, sumSquares: 4, sumProducts: 2 } },
    ])
  })

  it('reports pre sums of a value too large to add up as not finite, and a product with one after it too', async () => {
    const { data, environmentId, experimentId } = await setUp()
    await data.recordExposures([
      exposure(experimentId, 'huge-before', 'control'),
      exposure(experimentId, 'plain', 'control'),
      exposure(experimentId, 'huge-after', 'treatment'),
      exposure(experimentId, 'other', 'treatment'),
    ])
    await data.recordEvents(environmentId, [
      trackedEvent('huge-before', 'purchase', { at: minute(-5), value: 1e200 }),
      trackedEvent('huge-before', 'purchase', { at: minute(5), value: 1 }),
      trackedEvent('plain', 'purchase', { at: minute(-5), value: 2 }),
      trackedEvent('huge-after', 'purchase', { at: minute(5), value: -1e200 }),
      trackedEvent('other', 'purchase', { at: minute(-5), value: 3 }),
    ])
    const metrics = [metric('sum'), metric('count')]
    const summary = await data.summarize(withDays(queryOf(environmentId, experimentId, metrics), 1))
    const [sum, count] = summary.metrics
    const [control, treatment] = sum?.variants ?? []
    expect([control?.sum, control?.sumSquares]).toEqual([1, 1])
    expect(notFinite([control?.pre?.sum, control?.pre?.sumSquares, control?.pre?.sumProducts])).toBe(true)
    expect(notFinite([treatment?.sum, treatment?.sumSquares, treatment?.pre?.sumProducts])).toBe(true)
    expect([treatment?.pre?.sum, treatment?.pre?.sumSquares]).toEqual([3, 9])
    expect(count?.variants).toEqual([
      { variant: 'control', n: 2, sum: 1, sumSquares: 1, pre: { sum: 2, sumSquares: 2, sumProducts: 1 } },
      { variant: 'treatment', n: 2, sum: 1, sumSquares: 1, pre: { sum: 1, sumSquares: 1, sumProducts: 0 } },
    ])
  })
}
