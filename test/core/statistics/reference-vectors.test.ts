import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compareVariants } from '../../../src/core/domain/statistics/compare-variants.js'
import { srmPValue } from '../../../src/core/domain/statistics/srm-p-value.js'
import { summaryStatistics } from '../../../src/core/domain/statistics/summary-statistics.js'

type Arm = { n: number; sum: number; sum_squares: number }
type InferenceVector = {
  kind: string
  control: Arm
  variant: Arm
  expected: {
    relative_lift: number
    ci_low: number
    ci_high: number
    chance_to_win: number
    p_value: number
    absolute_lift: number
    mean_control: number
    mean_variant: number
  } | null
}
type SrmVector = { observed: number[]; expected_shares: number[]; p_value: number | null }

const vectors = JSON.parse(
  readFileSync(new URL('../../data/results-vectors.json', import.meta.url), 'utf8'),
) as { inference: InferenceVector[]; srm: SrmVector[] }

/** |got − want| ≤ 1e-9 · max(1, |want|). */
function expectClose(got: number | null | undefined, want: number, label: string): void {
  expect(got, label).toBeTypeOf('number')
  const error = Math.abs((got as number) - want)
  expect(error, `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)))
}

const sums = (arm: Arm) => ({ n: arm.n, sum: arm.sum, sumSquares: arm.sum_squares })

describe('reference vectors: compareVariants', () => {
  it('holds enough cases of each kind to mean something', () => {
    expect(vectors.inference.length).toBeGreaterThanOrEqual(50)
    expect(vectors.inference.some((v) => v.expected === null)).toBe(true)
  })

  it.each(vectors.inference.map((v, i) => [i, v.kind, v] as const))('case %i (%s)', (_i, _kind, vector) => {
    const got = compareVariants(sums(vector.control), sums(vector.variant))
    const want = vector.expected
    if (want === null) {
      expect(got).toBeNull()
      return
    }
    expect(got).not.toBeNull()
    expectClose(got?.relativeLift, want.relative_lift, 'relative_lift')
    expectClose(got?.absoluteLift, want.absolute_lift, 'absolute_lift')
    expectClose(got?.ciLow, want.ci_low, 'ci_low')
    expectClose(got?.ciHigh, want.ci_high, 'ci_high')
    expectClose(got?.chanceToWin, want.chance_to_win, 'chance_to_win')
    expectClose(got?.pValue, want.p_value, 'p_value')
    expectClose(summaryStatistics(sums(vector.control)).mean, want.mean_control, 'mean_control')
    expectClose(summaryStatistics(sums(vector.variant)).mean, want.mean_variant, 'mean_variant')
  })
})

describe('reference vectors: srmPValue', () => {
  it('holds enough cases to mean something', () => {
    expect(vectors.srm.length).toBeGreaterThanOrEqual(20)
  })

  it.each(vectors.srm.map((v, i) => [i, v] as const))('case %i', (_i, vector) => {
    const got = srmPValue(vector.observed, vector.expected_shares)
    if (vector.p_value === null) expect(got).toBeNull()
    else expectClose(got, vector.p_value, 'p_value')
  })
})
