import { describe, expect, it } from 'vitest'
import { compareVariants } from '../../../src/index.js'
import { buildResults, resultsWindow, type ResultsSubject } from '../../../src/core/domain/results.js'
import type { ExperimentSummary } from '../../../src/core/domain/experiment-summary.js'

const STARTED = new Date('2026-03-01T00:00:00.000Z')
const ENDED = new Date('2026-03-08T00:00:00.000Z')
const AS_OF = new Date('2026-03-09T00:00:00.000Z')

const metric = (
  metricId: string,
  role: 'primary' | 'secondary' | 'guardrail',
  expectedDirection: 'increase' | 'decrease' | 'not_increase' | 'not_decrease',
) => ({
  metricId,
  role,
  expectedDirection,
  name: `Metric ${metricId}`,
  event: 'e',
  aggregation: 'count' as const,
})

function subject(overrides: Partial<ResultsSubject> = {}): ResultsSubject {
  return {
    startedAt: STARTED,
    endedAt: null,
    rollout: {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 50 },
        { variant: 'dark', weight: 0 },
      ],
    },
    metrics: [],
    ...overrides,
  }
}

/** Both arms with the given per-arm sums for every metric. */
function summary(
  exposures: Record<string, number>,
  sums: Record<string, Record<string, { n: number; sum: number; sumSquares: number }>> = {},
): ExperimentSummary {
  const variants = Object.entries(exposures).map(([variant, count]) => ({ variant, exposures: count }))
  return {
    variants,
    multipleExposures: 2,
    metrics: Object.entries(sums).map(([metricId, arms]) => ({
      metricId,
      variants: Object.entries(arms).map(([variant, arm]) => ({ variant, ...arm })),
    })),
    dataQuality: { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 },
  }
}

describe('resultsWindow', () => {
  it('is null before the start, ends at the end once completed, else at asOf', () => {
    expect(resultsWindow({ startedAt: null, endedAt: null }, AS_OF)).toBeNull()
    expect(resultsWindow({ startedAt: STARTED, endedAt: ENDED }, AS_OF)).toEqual({ from: STARTED, to: ENDED })
    expect(resultsWindow({ startedAt: STARTED, endedAt: null }, AS_OF)).toEqual({ from: STARTED, to: AS_OF })
  })
})

describe('buildResults', () => {
  it('ignores any summary before the start', () => {
    const results = buildResults(subject({ startedAt: null }), summary({ control: 3 }), {
      asOf: AS_OF,
      isFinal: false,
    })
    expect(results).toEqual({
      asOf: AS_OF,
      isFinal: false,
      window: null,
      variants: [],
      multipleExposures: 0,
      srm: null,
      metrics: [],
      dataQuality: null,
    })
  })

  it('lists the rollout in its order with 0 for variants the summary lacks; SRM over weights above 0', () => {
    const results = buildResults(subject(), summary({ blue: 900, control: 1100, dark: 7 }), {
      asOf: AS_OF,
      isFinal: true,
    })
    expect(results.variants).toEqual([
      { variant: 'control', weight: 50, exposures: 1100 },
      { variant: 'blue', weight: 50, exposures: 900 },
      { variant: 'dark', weight: 0, exposures: 7 },
    ])
    expect(results.multipleExposures).toBe(2)
    // (1100 − 1000)²/1000 · 2 = 20 on 1 degree of freedom: p ≈ 7.7e-6.
    expect(results.srm?.pValue).toBeCloseTo(7.7442e-6, 9)
    expect(results.srm?.mismatch).toBe(true)
    expect(buildResults(subject(), summary({}), { asOf: AS_OF, isFinal: false }).srm).toBeNull()
  })

  it("compares every other variant with the first, and reads the verdict by role and direction (fixed, uncorrected: today's figures)", () => {
    const control = { n: 100, sum: 100, sumSquares: 200 }
    const higher = { n: 100, sum: 150, sumSquares: 350 }
    const arms = { control, blue: higher }
    const experiment = subject({
      metrics: [
        metric('up', 'primary', 'increase'),
        metric('down', 'secondary', 'decrease'),
        metric('guard', 'guardrail', 'not_increase'),
        metric('guard-ok', 'guardrail', 'not_decrease'),
      ],
    })
    const sums = { up: arms, down: arms, guard: arms, 'guard-ok': arms }
    const results = buildResults(experiment, summary({ control: 100, blue: 100 }, sums), {
      asOf: AS_OF,
      isFinal: false,
      analysis: { method: 'fixed' },
      correction: 'none',
    })
    const comparison = compareVariants(control, higher)
    expect(comparison?.ciLow).toBeGreaterThan(0)
    expect(results.metrics.map((m) => [m.metric, m.variants[0]?.verdict])).toEqual([
      ['up', 'winning'],
      ['down', 'losing'],
      ['guard', 'violated'],
      ['guard-ok', 'ok'],
    ])
    expect(results.metrics[0]).toMatchObject({
      name: 'Metric up',
      aggregation: 'count',
      control: { variant: 'control', n: 100, mean: 1 },
      variants: [
        { variant: 'blue', n: 100, mean: 1.5, ...comparison },
        { variant: 'dark', n: 0, mean: null },
      ],
    })
  })

  it('by default reads the same data sequentially: wider intervals, no verdict yet at 200 identities', () => {
    const arms = {
      control: { n: 100, sum: 100, sumSquares: 200 },
      blue: { n: 100, sum: 150, sumSquares: 350 },
    }
    const experiment = subject({
      metrics: [metric('up', 'primary', 'increase'), metric('down', 'secondary', 'decrease')],
    })
    const results = buildResults(experiment, summary({ control: 100, blue: 100 }, { up: arms, down: arms }), {
      asOf: AS_OF,
      isFinal: false,
    })
    const fixed = compareVariants(arms.control, arms.blue)
    const got = results.metrics[0]?.variants[0]
    expect(got?.relativeLift).toBe(fixed?.relativeLift)
    expect(got?.chanceToWin).toBe(fixed?.chanceToWin)
    expect(got?.ciLow).toBeLessThan(0)
    expect(got?.ciHigh).toBeGreaterThan(fixed?.ciHigh ?? Infinity)
    expect(got?.verdict).toBe('inconclusive')
    // Two comparisons in the family: Holm doubles the smaller p-value, which stays 1 here.
    expect(got?.pValue).toBeGreaterThanOrEqual(got?.pValueUnadjusted ?? 1)
    expect(results.analysis).toMatchObject({
      method: 'sequential',
      sequentialTuning: 5000,
      alpha: 0.05,
      correction: 'holm',
    })
    expect(results.analysis?.cupedMetrics).toEqual([])
  })

  it('has no inferential figures when an arm is too small or the control mean is not positive', () => {
    const experiment = subject({ metrics: [metric('m', 'primary', 'increase')] })
    const cases = [
      { control: { n: 1, sum: 1, sumSquares: 1 }, blue: { n: 50, sum: 50, sumSquares: 60 } },
      { control: { n: 50, sum: 0, sumSquares: 0 }, blue: { n: 50, sum: 50, sumSquares: 60 } },
      { control: { n: 50, sum: -5, sumSquares: 10 }, blue: { n: 50, sum: 50, sumSquares: 60 } },
    ]
    for (const arms of cases) {
      const results = buildResults(experiment, summary({ control: 50, blue: 50 }, { m: arms }), {
        asOf: AS_OF,
        isFinal: false,
      })
      expect(results.metrics[0]?.variants[0]).toEqual({
        variant: 'blue',
        n: arms.blue.n,
        mean: arms.blue.sum / arms.blue.n,
        absoluteLift: null,
        relativeLift: null,
        ciLow: null,
        ciHigh: null,
        chanceToWin: null,
        pValue: null,
        pValueUnadjusted: null,
        verdict: 'insufficient_data',
        guidance: null,
      })
    }
  })
})
