// Seeded simulations of the engine behind live results: peeking at a sequential analysis every
// day keeps false winners rare, it costs some power at the end, CUPED removes the variance the
// pre-exposure value explains without breaking calibration, and Holm keeps the family-wise error
// of many metrics at α. Counts are bounded so `npm test` stays quick; STATISTICS_DEPTH=10 runs ten
// times as many experiments, and SIMULATION_REPORT=1 prints every measured figure.
import { describe, expect, it } from 'vitest'
import type { ExperimentSummary } from '../../../src/core/domain/experiment-summary.js'
import { buildResults, type ResultsSubject } from '../../../src/core/domain/results.js'
import type { AnalysisSettings } from '../../../src/core/domain/statistics/analysis-settings.js'
import { analyzeComparison, type ArmSums } from '../../../src/core/domain/statistics/analyze-comparison.js'
import { sequentialHalfWidth } from '../../../src/core/domain/statistics/sequential-interval.js'
import { verdict } from '../../../src/core/domain/statistics/verdict.js'
import { binomialBand, predictedPower } from '../../support/power.js'
import { binomialSampler, seededRandom, standardNormal, type Random } from '../../support/random.js'

const DEPTH = Math.max(1, Number(process.env.STATISTICS_DEPTH ?? 1))
const SEQUENTIAL: AnalysisSettings = { method: 'sequential', sequentialTuning: 5000, alpha: 0.05 }
const FIXED: AnalysisSettings = { method: 'fixed', sequentialTuning: 5000, alpha: 0.05 }

function report(label: string, value: number): void {
  if (process.env.SIMULATION_REPORT === '1') console.info(`${label}: ${value}`)
}

const called = (control: ArmSums, variant: ArmSums, settings: AnalysisSettings): boolean => {
  const v = verdict('primary', 'increase', analyzeComparison(control, variant, settings))
  return v === 'winning' || v === 'losing'
}

/**
 * Share of conversion experiments that get `winning` or `losing` at ANY of `looks` looks, each
 * look adding `perLook` identities to each arm.
 */
function anyLookRate(
  seed: number,
  runs: number,
  looks: number,
  perLook: number,
  p: number,
  settings: AnalysisSettings,
) {
  const random = seededRandom(seed)
  const draw = binomialSampler(perLook, p)
  let hits = 0
  for (let run = 0; run < runs; run += 1) {
    let control = { n: 0, sum: 0, sumSquares: 0 }
    let variant = { n: 0, sum: 0, sumSquares: 0 }
    for (let look = 0; look < looks; look += 1) {
      const c = draw(random)
      const v = draw(random)
      control = { n: control.n + perLook, sum: control.sum + c, sumSquares: control.sumSquares + c }
      variant = { n: variant.n + perLook, sum: variant.sum + v, sumSquares: variant.sumSquares + v }
      if (called(control, variant, settings)) {
        hits += 1
        break
      }
    }
  }
  return hits / runs
}

describe('sequential: peeking is safe', () => {
  const runs = 400 * DEPTH

  it(`A/A, 60 looks of 500 identities per arm: winning or losing at any look stays ≤ 5% (${runs} experiments)`, () => {
    const sequential = anyLookRate(61, runs, 60, 500, 0.1, SEQUENTIAL)
    const fixed = anyLookRate(61, runs, 60, 500, 0.1, FIXED)
    report('A/A 60 looks, sequential, any-look rate', sequential)
    report('A/A 60 looks, fixed, any-look rate', fixed)
    expect(sequential).toBeLessThanOrEqual(0.05)
    // The same experiments read with fixed intervals are called far more often: the problem solved.
    expect(fixed).toBeGreaterThan(0.2)
  })

  it('A/B power at the final look: the sequential interval costs power against a fixed one, as predicted', () => {
    const n = 30_000
    const finalRuns = 1000 * DEPTH
    const random = seededRandom(62)
    const control = binomialSampler(n, 0.1)
    const variant = binomialSampler(n, 0.107)
    let sequentialWins = 0
    let fixedWins = 0
    for (let run = 0; run < finalRuns; run += 1) {
      const c = control(random)
      const v = variant(random)
      const arms = [
        { n, sum: c, sumSquares: c },
        { n, sum: v, sumSquares: v },
      ] as const
      if (verdict('primary', 'increase', analyzeComparison(...arms, SEQUENTIAL)) === 'winning')
        sequentialWins += 1
      if (verdict('primary', 'increase', analyzeComparison(...arms, FIXED)) === 'winning') fixedWins += 1
    }
    const critical = sequentialHalfWidth(1, 2 * n, { alpha: 0.05, tuning: 5000 })
    const predictedSequential = predictedPower(n, n, 0.1, 0.107, critical)
    const predictedFixed = predictedPower(n, n, 0.1, 0.107)
    report('A/B 10% → 10.7% at 30 000 per arm, fixed power', fixedWins / finalRuns)
    report('A/B 10% → 10.7% at 30 000 per arm, sequential power', sequentialWins / finalRuns)
    report('sequential half-width in standard errors at 60 000 identities', critical)
    expect(Math.abs(fixedWins / finalRuns - predictedFixed)).toBeLessThanOrEqual(
      binomialBand(predictedFixed, finalRuns),
    )
    expect(Math.abs(sequentialWins / finalRuns - predictedSequential)).toBeLessThanOrEqual(
      binomialBand(predictedSequential, finalRuns),
    )
    expect(sequentialWins).toBeLessThan(fixedWins)
  })
})

/** One arm of `n` identities whose post value is 10 + 3·(ρ·pre + √(1 − ρ²)·noise), pre = 10 + 3·z. */
function correlatedArm(random: Random, n: number, rho: number, shift: number): Required<ArmSums> {
  let sum = 0
  let sumSquares = 0
  let preSum = 0
  let preSquares = 0
  let products = 0
  for (let i = 0; i < n; i += 1) {
    const z = standardNormal(random)
    const pre = 10 + 3 * z
    const post = 10 + shift + 3 * (rho * z + Math.sqrt(1 - rho * rho) * standardNormal(random))
    sum += post
    sumSquares += post * post
    preSum += pre
    preSquares += pre * pre
    products += pre * post
  }
  return { n, sum, sumSquares, pre: { sum: preSum, sumSquares: preSquares, sumProducts: products } }
}

describe('CUPED: the pre-exposure value removes ≈ ρ² of the variance', () => {
  const runs = 300 * DEPTH

  it(`pre/post correlation 0.7, 1000 identities per arm (${runs} A/A experiments)`, () => {
    const random = seededRandom(70)
    const lifts = { plain: [] as number[], cuped: [] as number[] }
    let seRatio = 0
    let calledFixed = 0
    for (let run = 0; run < runs; run += 1) {
      const control = correlatedArm(random, 1000, 0.7, 0)
      const variant = correlatedArm(random, 1000, 0.7, 0)
      const plain = analyzeComparison({ ...control, pre: undefined }, { ...variant, pre: undefined }, FIXED)
      const cuped = analyzeComparison(control, variant, FIXED)
      if (plain === null || cuped === null) throw new Error('no comparison')
      expect(cuped.cuped).toBe(true)
      lifts.plain.push(plain.relativeLift)
      lifts.cuped.push(cuped.relativeLift)
      seRatio += (cuped.standardError / plain.standardError) ** 2 / runs
      if (verdict('primary', 'increase', cuped) !== 'inconclusive') calledFixed += 1
    }
    const variance = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length
      return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)
    }
    const observedRatio = variance(lifts.cuped) / variance(lifts.plain)
    report('CUPED ρ = 0.7: mean se² ratio (adjusted/plain)', seRatio)
    report('CUPED ρ = 0.7: variance ratio of the lift across experiments', observedRatio)
    report('CUPED ρ = 0.7: A/A fixed single-look rate', calledFixed / runs)
    // The reported standard error shrinks by 1 − ρ² = 0.51 up to sampling noise of θ.
    expect(Math.abs(seRatio - 0.51)).toBeLessThan(0.02)
    // The lift really varies that much less: a variance ratio of two sample variances of `runs`
    // paired draws, within four of its standard errors (≈ 0.51·√(2(1 − 0.7²)/runs)... bounded loosely).
    expect(Math.abs(observedRatio - 0.51)).toBeLessThan(4 * 0.51 * Math.sqrt((2 * 0.49) / runs) + 0.02)
    expect(Math.abs(calledFixed / runs - 0.05)).toBeLessThanOrEqual(binomialBand(0.05, runs))
  })

  it('A/A with CUPED read sequentially at 20 looks stays ≤ 5%', () => {
    const random = seededRandom(71)
    let hits = 0
    for (let run = 0; run < runs; run += 1) {
      let control: ArmSums = { n: 0, sum: 0, sumSquares: 0, pre: { sum: 0, sumSquares: 0, sumProducts: 0 } }
      let variant = control
      for (let look = 0; look < 20; look += 1) {
        control = merge(control, correlatedArm(random, 100, 0.7, 0))
        variant = merge(variant, correlatedArm(random, 100, 0.7, 0))
        if (called(control, variant, SEQUENTIAL)) {
          hits += 1
          break
        }
      }
    }
    report('CUPED ρ = 0.7: A/A sequential any-of-20-looks rate', hits / runs)
    expect(hits / runs).toBeLessThanOrEqual(0.05)
  })
})

function merge(a: ArmSums, b: Required<ArmSums>): ArmSums {
  const pre = a.pre ?? { sum: 0, sumSquares: 0, sumProducts: 0 }
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    pre: {
      sum: pre.sum + b.pre.sum,
      sumSquares: pre.sumSquares + b.pre.sumSquares,
      sumProducts: pre.sumProducts + b.pre.sumProducts,
    },
  }
}

describe('Holm: ten metrics, family-wise false positives ≤ 5%', () => {
  const runs = 1000 * DEPTH
  const metricIds = Array.from({ length: 10 }, (_, i) => `m${i}`)
  const subject: ResultsSubject = {
    startedAt: new Date('2026-03-01T00:00:00Z'),
    endedAt: new Date('2026-03-15T00:00:00Z'),
    rollout: {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    },
    metrics: metricIds.map((metricId, i) => ({
      metricId,
      role: i === 0 ? 'primary' : 'secondary',
      expectedDirection: 'increase',
      name: metricId,
      event: metricId,
      aggregation: 'occurrence',
    })),
  }

  function familyRate(seed: number, correction: 'holm' | 'none'): number {
    const random = seededRandom(seed)
    const n = 10_000
    const draw = binomialSampler(n, 0.1)
    let anyCalled = 0
    for (let run = 0; run < runs; run += 1) {
      const summary: ExperimentSummary = {
        variants: [
          { variant: 'control', exposures: n },
          { variant: 'treatment', exposures: n },
        ],
        multipleExposures: 0,
        dataQuality: { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 },
        metrics: metricIds.map((metricId) => ({
          metricId,
          variants: ['control', 'treatment'].map((variant) => {
            const conversions = draw(random)
            return { variant, n, sum: conversions, sumSquares: conversions }
          }),
        })),
      }
      const results = buildResults(subject, summary, {
        asOf: new Date('2026-03-16T00:00:00Z'),
        isFinal: true,
        analysis: { method: 'fixed' },
        correction,
      })
      const verdicts = results.metrics.map((m) => m.variants[0]?.verdict)
      if (verdicts.some((v) => v === 'winning' || v === 'losing')) anyCalled += 1
    }
    return anyCalled / runs
  }

  it(`${runs} A/A experiments, 10 conversion metrics read with fixed intervals`, () => {
    const holm = familyRate(80, 'holm')
    const none = familyRate(80, 'none')
    report('Holm over 10 metrics: family-wise false-positive rate', holm)
    report('no correction over 10 metrics: family-wise false-positive rate', none)
    // Holm is at most α (Bonferroni's 1 − 0.995¹⁰ ≈ 4.9% for independent metrics).
    expect(holm).toBeLessThanOrEqual(0.05 + binomialBand(0.05, runs))
    // Uncorrected, about 1 − 0.95¹⁰ ≈ 40% of A/A experiments would show a false winner or loser.
    expect(Math.abs(none - (1 - 0.95 ** 10))).toBeLessThanOrEqual(binomialBand(0.4, runs) + 0.01)
  })
})
