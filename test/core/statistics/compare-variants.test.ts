import { describe, expect, it } from 'vitest'
import { compareVariants, Z_95 } from '../../../src/core/domain/statistics/compare-variants.js'
import { summaryStatistics } from '../../../src/core/domain/statistics/summary-statistics.js'

/** Sums of a list of per-identity values, as a warehouse would report them. */
const arm = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSquares: values.reduce((a, b) => a + b * b, 0),
})

describe('summaryStatistics', () => {
  it('gives the mean and the sample variance', () => {
    expect(summaryStatistics(arm([1, 2, 3, 4]))).toEqual({ mean: 2.5, variance: 5 / 3 })
  })

  it('has no mean without identities and no variance below two', () => {
    expect(summaryStatistics({ n: 0, sum: 0, sumSquares: 0 })).toEqual({ mean: null, variance: null })
    expect(summaryStatistics(arm([7]))).toEqual({ mean: 7, variance: null })
  })

  it('clamps a variance that rounds below zero for constant values', () => {
    const constant = arm([0.1, 0.1, 0.1])
    expect(constant.sumSquares - constant.sum ** 2 / 3).toBeLessThan(0)
    expect(summaryStatistics(constant).variance).toBe(0)
  })

  it('keeps the variance when sum² alone would overflow', () => {
    // A million identities around 1e150: sum² = 1e312 is beyond double range, sumSquares is not.
    const huge = summaryStatistics({ n: 1e6, sum: 1e156, sumSquares: 1.0001e306 })
    expect(huge.mean).toBe(1e150)
    expect((huge.variance as number) / (1e302 / 999_999) - 1).toBeCloseTo(0, 9)
  })

  it.each([
    ['negative n', { n: -1, sum: 1, sumSquares: 1 }],
    ['fractional n', { n: 2.5, sum: 1, sumSquares: 1 }],
    ['NaN sum', { n: 3, sum: Number.NaN, sumSquares: 1 }],
    ['infinite sum of squares', { n: 3, sum: 1, sumSquares: Number.POSITIVE_INFINITY }],
    ['negative sum of squares', { n: 3, sum: 1, sumSquares: -1 }],
  ])('refuses totals that describe no data (%s)', (_label, sums) => {
    expect(summaryStatistics(sums)).toEqual({ mean: null, variance: null })
  })
})

describe('compareVariants', () => {
  it('follows the delta-method formulas', () => {
    const control = arm([1, 0, 2, 1, 0, 3, 1, 1])
    const variant = arm([2, 1, 2, 3, 0, 2, 1, 2, 2])
    const c = summaryStatistics(control) as { mean: number; variance: number }
    const v = summaryStatistics(variant) as { mean: number; variance: number }
    const lift = (v.mean - c.mean) / c.mean
    const se = Math.sqrt(v.variance / (9 * c.mean ** 2) + (v.mean ** 2 * c.variance) / (8 * c.mean ** 4))
    const got = compareVariants(control, variant)
    expect(got?.relativeLift).toBeCloseTo(lift, 14)
    expect(got?.absoluteLift).toBeCloseTo(v.mean - c.mean, 14)
    expect(got?.ciLow).toBeCloseTo(lift - Z_95 * se, 14)
    expect(got?.ciHigh).toBeCloseTo(lift + Z_95 * se, 14)
  })

  it('with identical arms: no lift, an even chance and a p-value of 1', () => {
    const same = arm([0, 1, 1, 0, 1])
    expect(compareVariants(same, same)).toMatchObject({ relativeLift: 0, chanceToWin: 0.5, pValue: 1 })
  })

  it('se = 0 with a lift: certain, both ways', () => {
    const interval = (lift: number) => ({ relativeLift: lift, ciLow: lift, ciHigh: lift, pValue: 0 })
    expect(compareVariants(arm([2, 2, 2]), arm([3, 3]))).toEqual({
      ...interval(0.5),
      absoluteLift: 1,
      chanceToWin: 1,
    })
    expect(compareVariants(arm([2, 2, 2]), arm([1, 1]))).toEqual({
      ...interval(-0.5),
      absoluteLift: -1,
      chanceToWin: 0,
    })
  })

  it('se = 0 without a lift: an even chance and a p-value of 1', () => {
    expect(compareVariants(arm([2, 2, 2]), arm([2, 2]))).toEqual({
      relativeLift: 0,
      absoluteLift: 0,
      ciLow: 0,
      ciHigh: 0,
      chanceToWin: 0.5,
      pValue: 1,
    })
  })

  it.each([
    ['an empty control', { n: 0, sum: 0, sumSquares: 0 }, arm([1, 0, 1])],
    ['an empty variant', arm([1, 0, 1]), { n: 0, sum: 0, sumSquares: 0 }],
    ['a single control identity', arm([1]), arm([1, 0, 1])],
    ['a single variant identity', arm([1, 0, 1]), arm([1])],
    ['a control mean of 0', arm([0, 0, 0]), arm([1, 0, 1])],
    ['a negative control mean', arm([-1, -2, 0.5]), arm([1, 0, 1])],
    ['a negative n', { n: -3, sum: 3, sumSquares: 5 }, arm([1, 0, 1])],
    ['a NaN sum', arm([1, 2]), { n: 2, sum: Number.NaN, sumSquares: 2 }],
    ['an infinite sum of squares', { n: 2, sum: 1, sumSquares: Number.POSITIVE_INFINITY }, arm([1, 2])],
    ['a control mean so small the lift overflows', { n: 2, sum: 1e-320, sumSquares: 0 }, arm([1e10, 2e10])],
  ])('is null (insufficient data) with %s', (_label, control, variant) => {
    expect(compareVariants(control, variant)).toBeNull()
  })

  it('accepts a negative variant mean (a sum metric can lose value)', () => {
    const got = compareVariants(arm([1, 2, 3]), arm([-1, -2, -3]))
    expect(got?.relativeLift).toBe(-2)
    expect(got?.chanceToWin).toBeLessThan(0.05)
  })

  it('stays accurate for huge and tiny magnitudes (the formula is scale-free)', () => {
    const base = compareVariants(arm([1, 2, 3, 5]), arm([2, 2, 4, 5]))
    for (const scale of [1e-150, 1e-30, 1e30, 1e150]) {
      const scaled = compareVariants(
        arm([1, 2, 3, 5].map((x) => x * scale)),
        arm([2, 2, 4, 5].map((x) => x * scale)),
      )
      expect(scaled?.relativeLift).toBeCloseTo(base?.relativeLift as number, 12)
      expect(scaled?.ciLow).toBeCloseTo(base?.ciLow as number, 9)
      expect(scaled?.chanceToWin).toBeCloseTo(base?.chanceToWin as number, 9)
    }
  })

  it('keeps a p-value far in the tail instead of rounding it to 0', () => {
    const got = compareVariants(
      { n: 100_000, sum: 10_000, sumSquares: 10_000 },
      { n: 100_000, sum: 12_000, sumSquares: 12_000 },
    )
    expect(got?.pValue).toBeGreaterThan(0)
    expect(got?.pValue).toBeLessThan(1e-30)
    expect(got?.chanceToWin).toBe(1)
  })
})
