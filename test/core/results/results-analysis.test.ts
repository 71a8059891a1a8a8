import { describe, expect, it } from 'vitest'
import type { ExperimentSummary, VariantSums } from '../../../src/core/domain/experiment-summary.js'
import { buildResults, type ResultsSubject } from '../../../src/core/domain/results.js'
import { analyzeComparison } from '../../../src/core/domain/statistics/analyze-comparison.js'
import { holmAdjust } from '../../../src/core/domain/statistics/multiple-comparisons.js'

const STARTED = new Date('2026-03-01T00:00:00.000Z')
const AS_OF = new Date('2026-03-15T00:00:00.000Z')
const SEQUENTIAL = { method: 'sequential', sequentialTuning: 5000, alpha: 0.05 } as const

function subject(
  metrics: [string, 'primary' | 'secondary' | 'guardrail', 'occurrence' | 'sum'][],
): ResultsSubject {
  return {
    startedAt: STARTED,
    endedAt: null,
    rollout: {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 50 },
      ],
    },
    metrics: metrics.map(([metricId, role, aggregation]) => ({
      metricId,
      role,
      expectedDirection: role === 'guardrail' ? 'not_increase' : 'increase',
      name: metricId,
      event: metricId,
      aggregation,
    })),
  }
}

function summary(
  sums: Record<string, [Omit<VariantSums, 'variant'>, Omit<VariantSums, 'variant'>]>,
): ExperimentSummary {
  const first = Object.values(sums)[0]
  return {
    variants: [
      { variant: 'blue', exposures: first?.[1].n ?? 0 },
      { variant: 'control', exposures: first?.[0].n ?? 0 },
    ],
    multipleExposures: 0,
    dataQuality: { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 },
    metrics: Object.entries(sums).map(([metricId, [control, blue]]) => ({
      metricId,
      variants: [
        { variant: 'control', ...control },
        { variant: 'blue', ...blue },
      ],
    })),
  }
}

const conversions = (n: number, converted: number) => ({ n, sum: converted, sumSquares: converted })
const options = { asOf: AS_OF, isFinal: false }

describe('buildResults: the analysis behind the figures', () => {
  it('uses CUPED for a metric whose arms carry pre-period sums, and says which metrics it adjusted', () => {
    // Pre and post strongly related: the same values shifted, with some noise in the sums.
    const control = {
      n: 1000,
      sum: 10_000,
      sumSquares: 109_000,
      pre: { sum: 9_900, sumSquares: 107_000, sumProducts: 107_500 },
    }
    const blue = {
      n: 1000,
      sum: 10_600,
      sumSquares: 121_400,
      pre: { sum: 9_950, sumSquares: 107_800, sumProducts: 113_600 },
    }
    const plain = { n: 1000, sum: 10_600, sumSquares: 121_400 }
    const experiment = subject([
      ['adjusted', 'primary', 'sum'],
      ['unadjusted', 'secondary', 'sum'],
    ])
    const results = buildResults(
      experiment,
      summary({ adjusted: [control, blue], unadjusted: [{ ...control, pre: undefined }, plain] }),
      {
        ...options,
        correction: 'none',
      },
    )
    expect(results.analysis?.cupedMetrics).toEqual(['adjusted'])
    const [adjusted, unadjusted] = results.metrics.map((m) => m.variants[0])
    const width = (v: typeof adjusted) => (v?.ciHigh ?? 0) - (v?.ciLow ?? 0)
    expect(width(adjusted)).toBeLessThan(width(unadjusted) / 2)
    expect(adjusted?.ciLow).toBe(analyzeComparison(control, blue, SEQUENTIAL)?.ciLow)
  })

  it('corrects primary and secondary p-values together with Holm, widens their intervals and leaves guardrails alone', () => {
    const arms: [ReturnType<typeof conversions>, ReturnType<typeof conversions>] = [
      conversions(20_000, 2000),
      conversions(20_000, 2150),
    ]
    const experiment = subject([
      ['a', 'primary', 'occurrence'],
      ['b', 'secondary', 'occurrence'],
      ['c', 'secondary', 'occurrence'],
      ['g', 'guardrail', 'occurrence'],
    ])
    const results = buildResults(experiment, summary({ a: arms, b: arms, c: arms, g: arms }), {
      ...options,
      analysis: { method: 'fixed' },
    })
    const raw = analyzeComparison(...arms, { ...SEQUENTIAL, method: 'fixed' })
    if (raw === null) throw new Error('no comparison')
    const [a, b, c, g] = results.metrics.map((m) => m.variants[0])
    const holm = holmAdjust([raw.pValue, raw.pValue, raw.pValue])
    expect([a?.pValue, b?.pValue, c?.pValue]).toEqual(holm)
    expect(a?.pValueUnadjusted).toBe(raw.pValue)
    // Fixed 95% interval clears 0 alone, but not after tripling its p-value (≈ 0.018 → 0.055).
    expect(raw.ciLow).toBeGreaterThan(0)
    expect(a?.ciLow).toBeLessThan(0)
    expect(a?.verdict).toBe('inconclusive')
    expect(g).toMatchObject({ pValue: raw.pValue, ciLow: raw.ciLow, ciHigh: raw.ciHigh, verdict: 'violated' })
  })

  it('gives no verdict until each arm has 50 identities and an occurrence metric 5 conversions; both configurable', () => {
    const experiment = subject([['m', 'primary', 'occurrence']])
    const strong: [ReturnType<typeof conversions>, ReturnType<typeof conversions>] = [
      conversions(49, 10),
      conversions(49, 40),
    ]
    const few = buildResults(experiment, summary({ m: strong }), {
      ...options,
      analysis: { method: 'fixed' },
    })
    expect(few.metrics[0]?.variants[0]?.ciLow).toBeGreaterThan(0)
    expect(few.metrics[0]?.variants[0]?.verdict).toBe('insufficient_data')
    const lowered = buildResults(experiment, summary({ m: strong }), {
      ...options,
      analysis: { method: 'fixed' },
      minimumSample: { identities: 40, conversions: 1 },
    })
    expect(lowered.metrics[0]?.variants[0]?.verdict).toBe('winning')
    const fourConversions = buildResults(
      experiment,
      summary({ m: [conversions(500, 4), conversions(500, 60)] }),
      {
        ...options,
        analysis: { method: 'fixed' },
      },
    )
    expect(fourConversions.metrics[0]?.variants[0]?.verdict).toBe('insufficient_data')
  })

  it('answers "how much longer?": power now, identities still needed and the days they take at the rate so far', () => {
    const experiment = subject([['m', 'primary', 'occurrence']])
    const results = buildResults(
      experiment,
      summary({ m: [conversions(2000, 200), conversions(2000, 210)] }),
      {
        ...options,
        guidance: { minimumEffect: 0.1, targetPower: 0.8 },
      },
    )
    const guidance = results.metrics[0]?.variants[0]?.guidance
    expect(guidance?.minimumEffect).toBe(0.1)
    expect(guidance?.power).toBeLessThan(0.8)
    const needed = guidance?.additionalIdentities ?? 0
    expect(needed).toBeGreaterThan(0)
    // 14 days gathered 4000 identities: the rest come at the same rate.
    expect(guidance?.days).toBeCloseTo((needed / 4000) * 14, 9)
  })

  it('shows an interval left unbounded by the correction as null ends, read as no movement', () => {
    const experiment = subject([
      ['a', 'primary', 'occurrence'],
      ['b', 'secondary', 'occurrence'],
    ])
    const results = buildResults(
      experiment,
      summary({
        a: [conversions(5000, 500), conversions(5000, 500)],
        b: [conversions(5000, 500), conversions(5000, 501)],
      }),
      { ...options, analysis: { method: 'fixed' } },
    )
    const b = results.metrics[1]?.variants[0]
    expect(b?.pValue).toBe(1)
    expect(b).toMatchObject({ ciLow: null, ciHigh: null, verdict: 'inconclusive' })
  })
})
