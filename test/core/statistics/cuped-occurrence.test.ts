// CUPED on occurrence (0/1) metrics: results adjust them with the same mean formulas as every
// other metric (GrowthBook applies regression adjustment to proportions as means). For 0/1 values
// sumSquares = sum, so the mean formulas give the sample variance p(1 − p)·n/(n − 1), the variance
// the unadjusted comparison of a conversion uses too. These tests pin that against the binomial
// formulas and show, over seeded experiments, that the standard error results report is the real
// spread of the adjusted lift. SIMULATION_REPORT=1 prints the figures; STATISTICS_DEPTH=10 runs
// ten times as many experiments.
import { describe, expect, it } from 'vitest'
import type { AnalysisSettings } from '../../../src/core/domain/statistics/analysis-settings.js'
import { analyzeComparison, type ArmSums } from '../../../src/core/domain/statistics/analyze-comparison.js'
import { cupedEstimate, cupedTheta, type CupedArm } from '../../../src/core/domain/statistics/cuped.js'
import { binomialBand } from '../../support/power.js'
import { seededRandom, type Random } from '../../support/random.js'

const DEPTH = Math.max(1, Number(process.env.STATISTICS_DEPTH ?? 1))
const FIXED: AnalysisSettings = { method: 'fixed', sequentialTuning: 5000, alpha: 0.05 }

function report(label: string, value: number): void {
  if (process.env.SIMULATION_REPORT === '1') console.info(`${label}: ${value}`)
}

/** Who converted before exposure and who after, one identity per index. */
interface Conversions {
  readonly pre: readonly (0 | 1)[]
  readonly post: readonly (0 | 1)[]
}

/**
 * `n` identities, 30% of whom converted before exposure; after it those convert with
 * probability 0.8·`scale` and the others 0.1·`scale` (a pre/post correlation of about 0.69, and
 * a conversion rate of 0.31·`scale`).
 */
function conversions(random: Random, n: number, scale: number): Conversions {
  const pre: (0 | 1)[] = []
  const post: (0 | 1)[] = []
  for (let i = 0; i < n; i += 1) {
    const before = random() < 0.3 ? 1 : 0
    pre.push(before)
    post.push(random() < (before === 1 ? 0.8 : 0.1) * scale ? 1 : 0)
  }
  return { pre, post }
}

/** The sums a data source reports for 0/1 values: each square is the value itself. */
function armOf({ pre, post }: Conversions): CupedArm {
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
  const both = total(post.map((value, i) => value * (pre[i] as number)))
  return {
    n: post.length,
    sum: total(post),
    sumSquares: total(post),
    pre: { sum: total(pre), sumSquares: total(pre), sumProducts: both },
  }
}

/** Sample covariance of two equally long lists (n − 1 in the denominator). */
function sampleCovariance(xs: readonly number[], ys: readonly number[]): number {
  const mean = (vs: readonly number[]) => vs.reduce((a, b) => a + b, 0) / vs.length
  const [mx, my] = [mean(xs), mean(ys)]
  return xs.reduce((total, x, i) => total + (x - mx) * ((ys[i] as number) - my), 0) / (xs.length - 1)
}

describe('CUPED on an occurrence metric uses the sample variance of its 0/1 values', () => {
  it('θ is the least-squares slope of the raw values, as the binomial formulas give it', () => {
    const random = seededRandom(31)
    const control = conversions(random, 1500, 1)
    const variant = conversions(random, 1500, 1.1)
    const pre = [...control.pre, ...variant.pre]
    const post = [...control.post, ...variant.post]
    const slope = sampleCovariance(post, pre) / sampleCovariance(pre, pre)
    const [c, v] = [armOf(control), armOf(variant)]
    expect(cupedTheta(c, v)).toBeCloseTo(slope, 12)
    expect(cupedTheta(c, v, 'proportion')).toBeCloseTo(slope, 12)
  })

  it('its standard error is the binomial one times √(n/(n − 1)), exactly as the unadjusted comparison', () => {
    const random = seededRandom(32)
    const n = 800
    const c = armOf(conversions(random, n, 1))
    const v = armOf(conversions(random, n, 1.1))
    const asMeans = cupedEstimate(c, v)
    const asProportions = cupedEstimate(c, v, 'proportion')
    if (asMeans === null || asProportions === null) throw new Error('no CUPED estimate')
    expect(asMeans.theta).toBeCloseTo(asProportions.theta, 12)
    expect(asMeans.lift).toBeCloseTo(asProportions.lift, 12)
    expect(asMeans.standardError / asProportions.standardError).toBeCloseTo(Math.sqrt(n / (n - 1)), 12)
    // What results compute: the same estimate, adjusted.
    const analyzed = analyzeComparison(c, v, FIXED)
    expect(analyzed?.cuped).toBe(true)
    expect(analyzed?.standardError).toBe(asMeans.standardError)
  })

  const runs = 400 * DEPTH
  it(`over ${runs} seeded experiments of 2000 identities per arm and a true +10%, the reported standard error is the lift's real spread`, () => {
    const random = seededRandom(33)
    const lifts: number[] = []
    let meanSe = 0
    let seRatio = 0
    let covered = 0
    for (let run = 0; run < runs; run += 1) {
      const control = armOf(conversions(random, 2000, 1))
      const variant = armOf(conversions(random, 2000, 1.1))
      const cuped = analyzeComparison(control, variant, FIXED)
      const plainArm = ({ pre: _pre, ...sums }: CupedArm): ArmSums => sums
      const plain = analyzeComparison(plainArm(control), plainArm(variant), FIXED)
      if (cuped === null || plain === null) throw new Error('no comparison')
      expect(cuped.cuped).toBe(true)
      lifts.push(cuped.relativeLift)
      meanSe += cuped.standardError / runs
      seRatio += (cuped.standardError / plain.standardError) ** 2 / runs
      if (cuped.ciLow <= 0.1 && 0.1 <= cuped.ciHigh) covered += 1
    }
    const spread = Math.sqrt(sampleCovariance(lifts, lifts))
    report('CUPED on 0/1 values: spread of the lift / mean reported se', spread / meanSe)
    report('CUPED on 0/1 values: mean se² ratio (adjusted/plain)', seRatio)
    report('CUPED on 0/1 values: 95% fixed interval coverage of +10%', covered / runs)
    // A sample standard deviation of `runs` draws is within ±3.5·1/√(2·runs) of the truth.
    expect(Math.abs(spread / meanSe - 1)).toBeLessThan(3.5 / Math.sqrt(2 * runs))
    // Pre/post correlations of 0.69 (control) and 0.74 (treatment): 1 − ρ² = 0.52 and 0.45 of
    // each arm's variance remain.
    expect(seRatio).toBeGreaterThan(0.45)
    expect(seRatio).toBeLessThan(0.6)
    expect(Math.abs(covered / runs - 0.95)).toBeLessThanOrEqual(binomialBand(0.95, runs))
  })
})
