import { describe, expect, it } from 'vitest'
import { createAssigner } from '../../../src/core/domain/assignment/create-assigner.js'
import { chiSquared, chiSquaredSurvival } from './chi-squared.js'

const IDENTITIES = 100_000
/** Below this p-value the split is declared not uniform (one false alarm in 1000 fair runs). */
const P_THRESHOLD = 0.001

describe('chi-squared survival helper', () => {
  // Textbook 5 % and 0.1 % critical values of the chi-squared distribution.
  it.each([
    [3.841, 1, 0.05],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [10.828, 1, 0.001],
    [16.266, 3, 0.001],
    [18.467, 4, 0.001],
  ])('P(X ≥ %f | df %i) ≈ %f', (x, df, p) => {
    expect(chiSquaredSurvival(x, df)).toBeCloseTo(p, 4)
  })
})

describe('assignment is uniform: a chi-squared test over 100 000 identities per split', () => {
  const splits: [seed: string, trafficPercentage: number, weights: number[]][] = [
    ['0b9c1a4e-5f3d-4c2a-9e61-7d8f2b3c4a51', 100, [50, 50]],
    ['6f2d8e1b-3a4c-4b9d-8e72-1c5a9f0d2e63', 100, [33.34, 33.33, 33.33]],
    ['9a7e3c5d-1b2f-4e8a-b6c4-3d9e7f1a5b72', 100, [10, 90]],
    ['c4e8a2f6-7d1b-4a3c-9f5e-2b8d6a4c1e84', 100, [25, 25, 25, 25]],
    ['e1d3f5a7-9b2c-4d6e-8a1f-5c7e9b3d2f95', 50, [50, 50]],
  ]

  it.each(splits)('seed %s, traffic %f, weights %j', (seed, trafficPercentage, weights) => {
    const assign = createAssigner({
      seed,
      trafficPercentage,
      allocations: weights.map((weight, i) => ({ variant: `v${i}`, weight })),
    })
    const coverage = trafficPercentage / 100
    // One category per variant, plus "not in the experiment" when traffic is below 100 %.
    const probabilities = weights.map((weight) => (coverage * weight) / 100)
    if (coverage < 1) probabilities.push(1 - coverage)
    const observed = probabilities.map(() => 0)
    for (let i = 0; i < IDENTITIES; i++) {
      const variant = assign(`user-${i}`)
      observed[variant === null ? weights.length : Number(variant.slice(1))]! += 1
    }
    const pValue = chiSquaredSurvival(chiSquared(observed, probabilities), probabilities.length - 1)
    expect(observed.reduce((sum, count) => sum + count, 0)).toBe(IDENTITIES)
    expect(pValue).toBeGreaterThan(P_THRESHOLD)
    // The same counts tested against a split off by 1.5 points are rejected: the test has power.
    const skewed = probabilities.map((p, i) => (i === 0 ? p + 0.015 : i === 1 ? p - 0.015 : p))
    expect(chiSquaredSurvival(chiSquared(observed, skewed), skewed.length - 1)).toBeLessThan(P_THRESHOLD)
  })
})
