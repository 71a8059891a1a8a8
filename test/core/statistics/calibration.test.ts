// Statistical correctness, not just arithmetic: seeded simulations of many experiments check that
// the verdicts mean what they say. Each check compares a simulated rate with the rate theory
// predicts, within a band taken from the binomial distribution of the number of simulated
// experiments: with R experiments and a true rate r, the observed rate has standard deviation
// √(r(1 − r)/R), and a band of ±3.5 of those misses a correct engine with probability < 5e-4.
// Seeds are fixed, so every run draws the same experiments.
import { describe, expect, it } from 'vitest'
import { compareVariants } from '../../../src/core/domain/statistics/compare-variants.js'
import { normalCdf } from '../../../src/core/domain/statistics/normal-cdf.js'
import { srmPValue } from '../../../src/core/domain/statistics/srm-p-value.js'
import type { MetricSums } from '../../../src/core/domain/statistics/summary-statistics.js'
import { verdict } from '../../../src/core/domain/statistics/verdict.js'
import type { Verdict } from '../../../src/core/domain/statistics/metric-roles.js'
import {
  binomialPmf,
  binomialSampler,
  seededRandom,
  standardNormal,
  type Random,
} from '../../support/random.js'
import { predictedPower } from '../../support/power.js'

const SDS = 3.5
const SRM_ALPHA = 0.001

function expectWithinBinomialBand(observed: number, rate: number, runs: number, label: string): void {
  const sd = Math.sqrt((rate * (1 - rate)) / runs)
  expect(
    Math.abs(observed - rate),
    `${label}: observed ${observed}, expected ${rate} ± ${SDS}·${sd}`,
  ).toBeLessThanOrEqual(SDS * sd)
}

const conversions = (n: number, converted: number): MetricSums => ({
  n,
  sum: converted,
  sumSquares: converted,
})
const primaryVerdict = (control: MetricSums, variant: MetricSums): Verdict =>
  verdict('primary', 'increase', compareVariants(control, variant))

/** Runs `runs` two-arm conversion experiments and returns the share of each primary verdict. */
function simulateConversions(seed: number, runs: number, n: number, pControl: number, pVariant: number) {
  const random = seededRandom(seed)
  const control = binomialSampler(n, pControl)
  const variant = binomialSampler(n, pVariant)
  const counts = { winning: 0, losing: 0 }
  for (let i = 0; i < runs; i += 1) {
    const outcome = primaryVerdict(conversions(n, control(random)), conversions(n, variant(random)))
    if (outcome === 'winning' || outcome === 'losing') counts[outcome] += 1
  }
  return { winning: counts.winning / runs, losing: counts.losing / runs }
}

/** Indices holding all but a negligible (< 1e-12) part of a distribution's mass. */
function mainSupport(pmf: Float64Array): number[] {
  const peak = Math.max(...pmf)
  return [...pmf.keys()].filter((k) => (pmf[k] as number) > peak * 1e-16)
}

/**
 * The exact probability of each primary verdict for two binomial arms: the engine applied to every
 * pair of conversion counts, weighted by its probability. This is what the simulation estimates.
 */
function exactVerdictRates(n: number, pControl: number, pVariant: number) {
  const control = binomialPmf(n, pControl)
  const variant = binomialPmf(n, pVariant)
  const rates = { winning: 0, losing: 0 }
  for (const c of mainSupport(control))
    for (const v of mainSupport(variant)) {
      const outcome = primaryVerdict(conversions(n, c), conversions(n, v))
      if (outcome === 'winning' || outcome === 'losing')
        rates[outcome] += (control[c] as number) * (variant[v] as number)
    }
  return rates
}

describe('A/A: verdicts are calibrated', () => {
  const runs = 10_000
  const n = 2000
  const rate = 0.1

  it(`${runs} A/A experiments, 10% conversion, ${n} identities per arm: winning + losing ≈ 5% (one fixed look)`, () => {
    const simulated = simulateConversions(11, runs, n, rate, rate)
    // A verdict needs the 95% interval to exclude 0: 2.5% in each tail, 5% in all.
    expectWithinBinomialBand(simulated.winning + simulated.losing, 0.05, runs, 'winning + losing')
    // The delta method on a relative lift is slightly asymmetric: a high variant mean also raises
    // the standard error it is divided by, so `winning` is rarer than `losing`. The exact rates of
    // this design say how much; the simulation must agree with them.
    const exact = exactVerdictRates(n, rate, rate)
    expect(exact.winning).toBeLessThan(exact.losing)
    expect(exact.winning).toBeGreaterThan(0.01)
    expect(exact.losing).toBeLessThan(0.04)
    expect(Math.abs(exact.winning + exact.losing - 0.05)).toBeLessThan(0.002)
    expectWithinBinomialBand(simulated.winning, exact.winning, runs, 'winning')
    expectWithinBinomialBand(simulated.losing, exact.losing, runs, 'losing')
  })

  it('2000 A/A experiments on a continuous metric (normal values): winning + losing ≈ 5%', () => {
    const random = seededRandom(12)
    const identities = 500
    const arm = (): MetricSums => {
      let sum = 0
      let sumSquares = 0
      for (let i = 0; i < identities; i += 1) {
        const value = 20 + 5 * standardNormal(random)
        sum += value
        sumSquares += value * value
      }
      return { n: identities, sum, sumSquares }
    }
    let called = 0
    for (let i = 0; i < 2000; i += 1) if (primaryVerdict(arm(), arm()) !== 'inconclusive') called += 1
    expectWithinBinomialBand(called / 2000, 0.05, 2000, 'winning + losing')
  })
})

describe('A/B: a true lift is detected with the predicted power', () => {
  const runs = 2000
  const n = 10_000

  it.each([
    [0.1, 0.108],
    [0.1, 0.112],
  ])('control %d, variant %d, 10 000 identities per arm', (pControl, pVariant) => {
    const predicted = predictedPower(n, n, pControl, pVariant)
    const exact = exactVerdictRates(n, pControl, pVariant)
    // The normal approximation is what a sample-size calculator would say; it is first-order,
    // so it is held to the exact power within one point.
    expect(Math.abs(predicted - exact.winning)).toBeLessThan(0.01)
    const simulated = simulateConversions(Math.round(pVariant * 1000), runs, n, pControl, pVariant)
    expectWithinBinomialBand(simulated.winning, predicted, runs, 'power (normal approximation)')
    expectWithinBinomialBand(simulated.winning, exact.winning, runs, 'power (exact)')
    expect(simulated.losing).toBeLessThan(0.005)
  })
})

/** Exposures of two arms: `first` of `total` in the first one. */
const twoArms = (total: number, first: number) => [first, total - first]

describe('SRM: flags a broken split, stays quiet on a fair one', () => {
  it('a fair 50/50 split of 4000 exposures is flagged (p < 0.001) in ≈ 0.1% of 200 000 runs', () => {
    const runs = 200_000
    const total = 4000
    const random = seededRandom(21)
    const draw = binomialSampler(total, 0.5)
    let flagged = 0
    for (let i = 0; i < runs; i += 1)
      if ((srmPValue(twoArms(total, draw(random)), [0.5, 0.5]) ?? 1) < SRM_ALPHA) flagged += 1
    // Exposure counts are discrete, so the exact rate of this design is a little under 0.1%.
    const exact = binomialPmf(total, 0.5).reduce(
      (rate, p, k) => ((srmPValue(twoArms(total, k), [0.5, 0.5]) ?? 1) < SRM_ALPHA ? rate + p : rate),
      0,
    )
    expect(Math.abs(exact - SRM_ALPHA)).toBeLessThan(0.0001)
    expectWithinBinomialBand(flagged / runs, SRM_ALPHA, runs, 'false alarms')
    expectWithinBinomialBand(flagged / runs, exact, runs, 'false alarms (exact)')
  })

  it('a fair 50/30/20 split of 3000 exposures (2 degrees of freedom) is flagged in ≈ 0.1% of 50 000 runs', () => {
    const runs = 50_000
    const total = 3000
    const random = seededRandom(22)
    const first = binomialSampler(total, 0.5)
    const seconds = new Map<number, (random: Random) => number>()
    let flagged = 0
    for (let i = 0; i < runs; i += 1) {
      const a = first(random)
      const rest = total - a
      if (!seconds.has(rest)) seconds.set(rest, binomialSampler(rest, 0.3 / 0.5))
      const b = (seconds.get(rest) as (random: Random) => number)(random)
      if ((srmPValue([a, b, rest - b], [50, 30, 20]) ?? 1) < SRM_ALPHA) flagged += 1
    }
    expectWithinBinomialBand(flagged / runs, SRM_ALPHA, runs, 'false alarms')
  })

  it.each([
    [20_000, 2000],
    [5000, 2000],
  ])('a 52/48 split promised as 50/50 (%i exposures) is flagged as often as predicted', (total, runs) => {
    const random = seededRandom(total)
    const draw = binomialSampler(total, 0.52)
    let flagged = 0
    for (let i = 0; i < runs; i += 1)
      if ((srmPValue(twoArms(total, draw(random)), [0.5, 0.5]) ?? 1) < SRM_ALPHA) flagged += 1
    // Normal approximation: flagged when the first arm is more than c away from half, where
    // c²/(total/4) is the chi-squared(1) critical value 10.828 of p = 0.001.
    const threshold = Math.sqrt((10.828 * total) / 4)
    const sd = Math.sqrt(total * 0.52 * 0.48)
    const predicted = normalCdf((0.02 * total - threshold) / sd) + normalCdf((-0.02 * total - threshold) / sd)
    expectWithinBinomialBand(flagged / runs, predicted, runs, 'detections')
    if (total >= 20_000) expect(flagged / runs).toBeGreaterThan(0.95)
  })
})
