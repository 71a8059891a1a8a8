import { describe, expect, it } from 'vitest'
import { ExperimentMetricsInput, sameMetrics } from '../../../src/core/domain/experiment-metrics.js'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const issuesOf = (input: unknown) => {
  const parsed = ExperimentMetricsInput.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('ExperimentMetricsInput', () => {
  it('keeps the order and lower-cases ids', () => {
    const parsed = ExperimentMetricsInput.parse([
      { metric: id(2).toUpperCase(), role: 'secondary', expectedDirection: 'decrease' },
      { metric: id(1), role: 'primary', expectedDirection: 'increase' },
      { metric: id(3), role: 'guardrail', expectedDirection: 'not_increase' },
    ])
    expect(parsed).toEqual([
      { metricId: id(2), role: 'secondary', expectedDirection: 'decrease' },
      { metricId: id(1), role: 'primary', expectedDirection: 'increase' },
      { metricId: id(3), role: 'guardrail', expectedDirection: 'not_increase' },
    ])
  })

  it.each([
    [
      [
        { metric: id(1), role: 'primary', expectedDirection: 'increase' },
        { metric: id(2), role: 'primary', expectedDirection: 'increase' },
      ],
      '1.role: At most one metric is primary.',
    ],
    [
      [
        { metric: id(1), role: 'primary', expectedDirection: 'increase' },
        { metric: id(1), role: 'secondary', expectedDirection: 'increase' },
      ],
      '1.metric: Each metric may be listed once.',
    ],
    [
      [{ metric: id(1), role: 'guardrail', expectedDirection: 'increase' }],
      '0.expectedDirection: A guardrail metric expects not_increase or not_decrease.',
    ],
    [
      [{ metric: id(1), role: 'secondary', expectedDirection: 'not_decrease' }],
      '0.expectedDirection: A secondary metric expects increase or decrease.',
    ],
    [
      [{ metric: 'nope', role: 'primary', expectedDirection: 'increase' }],
      '0.metric: Must be a metric id (a UUID).',
    ],
    [
      [{ metric: id(1), role: 'boss', expectedDirection: 'increase' }],
      '0.role: Must be one of primary, secondary, guardrail.',
    ],
    [
      [{ metric: id(1), role: 'primary', expectedDirection: 'increase', extra: true }],
      '0: Unrecognized key: "extra"',
    ],
    [
      Array.from({ length: 11 }, (_, n) => ({
        metric: id(n),
        role: 'secondary',
        expectedDirection: 'increase',
      })),
      ': An experiment lists at most 10 metrics.',
    ],
  ])('refuses %#', (input, issue) => {
    expect(issuesOf(input)).toContain(issue)
  })

  it('accepts an empty list', () => {
    expect(ExperimentMetricsInput.parse([])).toEqual([])
  })
})

describe('sameMetrics', () => {
  const a = { metricId: id(1), role: 'primary', expectedDirection: 'increase' } as const
  const b = { metricId: id(2), role: 'guardrail', expectedDirection: 'not_decrease' } as const
  it('compares order, role and direction', () => {
    expect(sameMetrics([a, b], [{ ...a }, { ...b }])).toBe(true)
    expect(sameMetrics([a, b], [b, a])).toBe(false)
    expect(sameMetrics([a], [{ ...a, expectedDirection: 'decrease' }])).toBe(false)
    expect(sameMetrics([a], [a, b])).toBe(false)
  })
})
