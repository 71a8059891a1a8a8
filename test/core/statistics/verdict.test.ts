import { describe, expect, it } from 'vitest'
import {
  EXPECTED_DIRECTIONS,
  METRIC_ROLES,
  VERDICTS,
  type ExpectedDirection,
  type MetricRole,
  type Verdict,
} from '../../../src/core/domain/statistics/metric-roles.js'
import { verdict } from '../../../src/core/domain/statistics/verdict.js'

// Intervals of the relative lift: wholly below 0, touching 0 from below, crossing 0, touching 0
// from above, wholly above 0.
const intervals = [
  { ciLow: -0.3, ciHigh: -0.01 },
  { ciLow: -0.3, ciHigh: 0 },
  { ciLow: -0.813, ciHigh: 0.06 },
  { ciLow: 0, ciHigh: 0.3 },
  { ciLow: 1e-12, ciHigh: 0.3 },
]

// The expected verdict for each interval, per (role, direction).
const table: [MetricRole, ExpectedDirection, Verdict[]][] = [
  ['primary', 'increase', ['losing', 'inconclusive', 'inconclusive', 'inconclusive', 'winning']],
  ['secondary', 'increase', ['losing', 'inconclusive', 'inconclusive', 'inconclusive', 'winning']],
  ['primary', 'decrease', ['winning', 'inconclusive', 'inconclusive', 'inconclusive', 'losing']],
  ['secondary', 'decrease', ['winning', 'inconclusive', 'inconclusive', 'inconclusive', 'losing']],
  ['guardrail', 'not_increase', ['ok', 'ok', 'ok', 'ok', 'violated']],
  ['guardrail', 'not_decrease', ['violated', 'ok', 'ok', 'ok', 'ok']],
]

describe('verdict', () => {
  it.each(table)(
    '%s metric expected to %s: called exactly when the interval excludes 0',
    (role, direction, expected) => {
      expect(intervals.map((interval) => verdict(role, direction, interval))).toEqual(expected)
    },
  )

  it('never calls a winner or loser on an interval that crosses 0 (the old 90% rule did)', () => {
    // The case a new user met: p 0.091, chance to win ≈ 0.045, and the old rule said "losing".
    expect(verdict('primary', 'increase', { ciLow: -0.813, ciHigh: 0.06 })).toBe('inconclusive')
  })

  it('is insufficient_data without a comparison, for every role and direction', () => {
    for (const role of METRIC_ROLES)
      for (const direction of EXPECTED_DIRECTIONS)
        expect(verdict(role, direction, null)).toBe('insufficient_data')
  })

  it('reads unusual pairings the natural way', () => {
    const up = { ciLow: 0.01, ciHigh: 0.2 }
    const down = { ciLow: -0.2, ciHigh: -0.01 }
    expect(verdict('guardrail', 'decrease', up)).toBe('violated')
    expect(verdict('guardrail', 'increase', down)).toBe('violated')
    expect(verdict('primary', 'not_decrease', up)).toBe('winning')
    expect(verdict('primary', 'not_increase', up)).toBe('losing')
  })

  it('reads an unbounded interval (a correction that leaves nothing known) as no movement', () => {
    const unbounded = { ciLow: Number.NEGATIVE_INFINITY, ciHigh: Number.POSITIVE_INFINITY }
    expect(verdict('primary', 'increase', unbounded)).toBe('inconclusive')
    expect(verdict('guardrail', 'not_increase', unbounded)).toBe('ok')
  })

  it('only ever answers one of VERDICTS', () => {
    for (const role of METRIC_ROLES)
      for (const direction of EXPECTED_DIRECTIONS)
        for (const interval of intervals) expect(VERDICTS).toContain(verdict(role, direction, interval))
  })
})
