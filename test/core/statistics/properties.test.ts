import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareVariants } from '../../../src/core/domain/statistics/compare-variants.js'
import { srmPValue } from '../../../src/core/domain/statistics/srm-p-value.js'
import type { MetricSums } from '../../../src/core/domain/statistics/summary-statistics.js'

/** Sums of a non-empty list of non-negative per-identity values, as a warehouse reports them. */
const armOf = (values: number[]): MetricSums => ({
  n: values.length,
  sum: values.reduce((a, b) => a + b, 0),
  sumSquares: values.reduce((a, b) => a + b * b, 0),
})

const values = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 40 })
const conversions = fc
  .record({ n: fc.integer({ min: 0, max: 1_000_000 }), rate: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ n, rate }) => {
    const converted = Math.round(n * rate)
    return { n, sum: converted, sumSquares: converted }
  })
const arms = fc.oneof(values.map(armOf), conversions)
/** Amounts in cents up to 10 000.00: real-world values, far from underflow and overflow. */
const amounts = fc
  .array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 40 })
  .map((cents) => armOf(cents.map((c) => c / 100)))
const realisticArms = fc.oneof(amounts, conversions)

/** Any input at all, including nonsense: the comparison must answer, never throw. */
const anything = fc.record({
  n: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.double()),
  sum: fc.double(),
  sumSquares: fc.double(),
})

describe('compareVariants properties', () => {
  it('probabilities stay in [0, 1] and the interval brackets the lift', () => {
    fc.assert(
      fc.property(arms, arms, (control, variant) => {
        const got = compareVariants(control, variant)
        if (got === null) return
        expect(got.chanceToWin).toBeGreaterThanOrEqual(0)
        expect(got.chanceToWin).toBeLessThanOrEqual(1)
        expect(got.pValue).toBeGreaterThanOrEqual(0)
        expect(got.pValue).toBeLessThanOrEqual(1)
        expect(got.ciLow).toBeLessThanOrEqual(got.relativeLift)
        expect(got.relativeLift).toBeLessThanOrEqual(got.ciHigh)
      }),
      { numRuns: 2000 },
    )
  })

  it('the two-sided p-value is twice the smaller one-sided chance', () => {
    fc.assert(
      fc.property(arms, arms, (control, variant) => {
        const got = compareVariants(control, variant)
        if (got === null) return
        const twiceSmaller = 2 * Math.min(got.chanceToWin, 1 - got.chanceToWin)
        expect(Math.abs(got.pValue - twiceSmaller)).toBeLessThanOrEqual(1e-15)
      }),
      { numRuns: 2000 },
    )
  })

  it('is null exactly when an arm has fewer than two identities or the control mean is not positive', () => {
    fc.assert(
      fc.property(realisticArms, realisticArms, (control, variant) => {
        const insufficient = control.n < 2 || variant.n < 2 || !(control.sum > 0)
        expect(compareVariants(control, variant) === null).toBe(insufficient)
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws and never returns a non-finite figure, whatever it is given', () => {
    fc.assert(
      fc.property(anything, anything, (control, variant) => {
        const got = compareVariants(control, variant)
        if (got === null) return
        for (const figure of Object.values(got)) expect(Number.isFinite(figure)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('srmPValue properties', () => {
  it('is a probability or null, never a throw, for any counts and shares', () => {
    const counts = fc.array(fc.oneof(fc.nat({ max: 1e7 }), fc.integer({ min: -3, max: 3 }), fc.double()), {
      maxLength: 8,
    })
    const shares = fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.double()), {
      maxLength: 8,
    })
    fc.assert(
      fc.property(counts, shares, (observed, expectedShares) => {
        const got = srmPValue(observed, expectedShares)
        if (got === null) return
        expect(got).toBeGreaterThanOrEqual(0)
        expect(got).toBeLessThanOrEqual(1)
      }),
      { numRuns: 3000 },
    )
  })
})
