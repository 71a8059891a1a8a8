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

const chances = [0, 0.01, 0.05, 0.0500001, 0.5, 0.9499999, 0.95, 0.99, 1]

// The expected verdict for each chance that the metric went up, per (role, direction).
const table: [MetricRole, ExpectedDirection, Verdict[]][] = [
  [
    'primary',
    'increase',
    [
      'losing',
      'losing',
      'losing',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'winning',
      'winning',
      'winning',
    ],
  ],
  [
    'secondary',
    'increase',
    [
      'losing',
      'losing',
      'losing',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'winning',
      'winning',
      'winning',
    ],
  ],
  [
    'primary',
    'decrease',
    [
      'winning',
      'winning',
      'winning',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'losing',
      'losing',
      'losing',
    ],
  ],
  [
    'secondary',
    'decrease',
    [
      'winning',
      'winning',
      'winning',
      'inconclusive',
      'inconclusive',
      'inconclusive',
      'losing',
      'losing',
      'losing',
    ],
  ],
  ['guardrail', 'not_increase', ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'violated', 'violated', 'violated']],
  ['guardrail', 'not_decrease', ['violated', 'violated', 'violated', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']],
]

describe('verdict', () => {
  it.each(table)('%s metric expected to %s', (role, direction, expected) => {
    expect(chances.map((chanceToWin) => verdict(role, direction, { chanceToWin }))).toEqual(expected)
  })

  it('is insufficient_data without a comparison, for every role and direction', () => {
    for (const role of METRIC_ROLES)
      for (const direction of EXPECTED_DIRECTIONS)
        expect(verdict(role, direction, null)).toBe('insufficient_data')
  })

  it('reads unusual pairings the natural way', () => {
    expect(verdict('guardrail', 'decrease', { chanceToWin: 0.97 })).toBe('violated')
    expect(verdict('guardrail', 'increase', { chanceToWin: 0.03 })).toBe('violated')
    expect(verdict('primary', 'not_decrease', { chanceToWin: 0.97 })).toBe('winning')
    expect(verdict('primary', 'not_increase', { chanceToWin: 0.97 })).toBe('losing')
  })

  it('only ever answers one of VERDICTS', () => {
    for (const role of METRIC_ROLES)
      for (const direction of EXPECTED_DIRECTIONS)
        for (const chanceToWin of chances)
          expect(VERDICTS).toContain(verdict(role, direction, { chanceToWin }))
  })
})
