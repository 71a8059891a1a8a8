import { describe, expect, it } from 'vitest'
import { chiSquaredSurvival } from '../../../src/core/domain/statistics/chi-squared-survival.js'
import { srmPValue } from '../../../src/core/domain/statistics/srm-p-value.js'

describe('srmPValue', () => {
  it('is 1 for a split exactly as promised', () => {
    expect(srmPValue([500, 300, 200], [0.5, 0.3, 0.2])).toBe(1)
  })

  it('is Pearson’s chi-squared with k − 1 degrees of freedom', () => {
    // 2 arms: (5200 − 5000)²/5000 · 2 = 16 on 1 df.
    expect(srmPValue([5200, 4800], [0.5, 0.5])).toBe(chiSquaredSurvival(16, 1))
    // 3 arms, 3000 exposures against 1/3 each: (100² + 50² + 50²)/1000 = 15 on 2 df.
    expect(srmPValue([1100, 950, 950], [1, 1, 1])).toBeCloseTo(chiSquaredSurvival(15, 2), 15)
  })

  it('normalises shares, so weights in percent or any unit give the same answer', () => {
    const fractions = srmPValue([480, 330, 190], [0.5, 0.3, 0.2]) as number
    expect(srmPValue([480, 330, 190], [50, 30, 20])).toBeCloseTo(fractions, 15)
    expect(srmPValue([480, 330, 190], [5e307, 3e307, 2e307])).toBeCloseTo(fractions, 15)
  })

  it('leaves zero-share variants out of the test, counts included', () => {
    const withoutIdle = srmPValue([520, 480], [0.5, 0.5])
    expect(srmPValue([520, 0, 480], [0.5, 0, 0.5])).toBe(withoutIdle)
    expect(srmPValue([520, 35, 480], [0.5, 0, 0.5])).toBe(withoutIdle)
  })

  it.each([
    ['no exposures', [0, 0], [0.5, 0.5]],
    ['a single variant', [100], [1]],
    ['a single variant with a positive share', [60, 40], [1, 0]],
    ['exposures only in a zero-share variant', [0, 9, 0], [0.5, 0, 0.5]],
    ['no variant at all', [], []],
    ['lengths that differ', [10, 20], [0.5, 0.3, 0.2]],
    ['a negative count', [-1, 20], [0.5, 0.5]],
    ['a fractional count', [1.5, 20], [0.5, 0.5]],
    ['a NaN share', [10, 20], [Number.NaN, 0.5]],
    ['a negative share', [10, 20], [-0.5, 1.5]],
    ['an infinite share', [10, 20], [Number.POSITIVE_INFINITY, 1]],
  ])('is null with %s', (_label, observed, shares) => {
    expect(srmPValue(observed, shares)).toBeNull()
  })

  it('flags a 52/48 split of a promised 50/50 at scale, and not a fair one', () => {
    expect(srmPValue([26_000, 24_000], [0.5, 0.5])).toBeLessThan(1e-15)
    expect(srmPValue([25_050, 24_950], [0.5, 0.5])).toBeGreaterThan(0.5)
  })
})
