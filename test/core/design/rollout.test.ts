import { describe, expect, it } from 'vitest'
import {
  checkRolloutVariants,
  defaultRollout,
  RolloutInput,
  sameAllocations,
  sameRollout,
  toHundredths,
} from '../../../src/core/domain/rollout.js'

describe('toHundredths', () => {
  it.each([
    [0, 0],
    [100, 10_000],
    [33.33, 3333],
    [0.1 + 0.2, 30],
    [12.345, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%s → %s', (value, want) => {
    expect(toHundredths(value)).toBe(want)
  })
})

describe('defaultRollout', () => {
  it.each([
    [
      ['control', 'treatment'],
      [50, 50],
    ],
    [
      ['control', 'blue', 'green'],
      [33.34, 33.33, 33.33],
    ],
    [
      ['control', 'a', 'b', 'c', 'd', 'e', 'f'],
      [14.32, 14.28, 14.28, 14.28, 14.28, 14.28, 14.28],
    ],
  ])('splits %j equally, the remainder to the control', (variants, weights) => {
    const rollout = defaultRollout(variants)
    expect(rollout.trafficPercentage).toBe(100)
    expect(rollout.allocations.map((a) => a.variant)).toEqual(variants)
    expect(rollout.allocations.map((a) => toHundredths(a.weight))).toEqual(weights.map(toHundredths))
    expect(rollout.allocations.reduce((sum, a) => sum + toHundredths(a.weight)!, 0)).toBe(10_000)
    expect(RolloutInput.safeParse(rollout).success).toBe(true)
  })
})

describe('RolloutInput', () => {
  const valid = {
    trafficPercentage: 50,
    allocations: [
      { variant: 'control', weight: 33.34 },
      { variant: 'b', weight: 33.33 },
      { variant: 'c', weight: 33.33 },
    ],
  }
  const issuesOf = (input: unknown) => {
    const parsed = RolloutInput.safeParse(input)
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  }

  it('accepts weights summing to exactly 100 on hundredths', () => {
    expect(issuesOf(valid)).toEqual([])
    expect(
      issuesOf({
        trafficPercentage: 0.1 + 0.2,
        allocations: [
          { variant: 'a', weight: 0.1 + 0.2 },
          { variant: 'b', weight: 99.7 },
        ],
      }),
    ).toEqual([])
  })

  it('stores weights and traffic as exact hundredths', () => {
    const parsed = RolloutInput.parse({
      trafficPercentage: 0.1 + 0.2,
      allocations: [
        { variant: 'a', weight: 0.1 + 0.2 },
        { variant: 'b', weight: 99.7 },
      ],
    })
    expect(parsed.trafficPercentage).toBe(0.3)
    expect(parsed.allocations[0]!.weight).toBe(0.3)
  })

  it.each([
    [{ ...valid, trafficPercentage: 100.01 }, 'trafficPercentage: Must be a percentage from 0 to 100.'],
    [{ ...valid, trafficPercentage: -1 }, 'trafficPercentage: Must be a percentage from 0 to 100.'],
    [{ ...valid, trafficPercentage: 12.345 }, 'trafficPercentage: Must have at most two decimals.'],
    [
      {
        ...valid,
        allocations: [
          { variant: 'a', weight: 50.001 },
          { variant: 'b', weight: 49.999 },
        ],
      },
      'allocations.0.weight: Must have at most two decimals.',
    ],
    [
      {
        ...valid,
        allocations: [
          { variant: 'a', weight: 50 },
          { variant: 'b', weight: 49.99 },
        ],
      },
      'allocations: Weights must sum to exactly 100 (they sum to 99.99).',
    ],
    [
      {
        ...valid,
        allocations: [
          { variant: 'a', weight: 100 },
          { variant: 'b', weight: 0 },
        ],
      },
      'allocations: At least two variants must have a weight above 0.',
    ],
    [
      { ...valid, allocations: [{ variant: 'a', weight: 100 }] },
      'allocations: Must list every variant of the feature (at least two).',
    ],
    [{ ...valid, extra: 1 }, ': Unrecognized key: "extra"'],
  ])('refuses %j', (input, issue) => {
    expect(issuesOf(input)).toContain(issue)
  })
})

describe('checkRolloutVariants', () => {
  const rollout = (variants: string[]) => ({
    trafficPercentage: 100,
    allocations: variants.map((variant) => ({ variant, weight: 100 / variants.length })),
  })

  it('accepts exactly the feature variants, in any order', () => {
    expect(checkRolloutVariants(rollout(['treatment', 'control']), ['control', 'treatment'])).toEqual([])
  })

  it('names unknown, repeated and missing variants with their paths', () => {
    expect(
      checkRolloutVariants(rollout(['control', 'control', 'purple']), ['control', 'blue', 'green']),
    ).toEqual([
      { path: 'rollout.allocations.1.variant', message: 'control is listed twice; list every variant once.' },
      {
        path: 'rollout.allocations.2.variant',
        message: 'purple is not a variant of this feature (control, blue, green).',
      },
      {
        path: 'rollout.allocations',
        message: 'Every variant of the feature needs a weight; missing: blue, green.',
      },
    ])
  })
})

describe('sameRollout / sameAllocations', () => {
  it('compares on hundredths and order, traffic apart from the split', () => {
    const a = defaultRollout(['control', 'treatment'])
    expect(sameRollout(a, { ...a, allocations: a.allocations.map((x) => ({ ...x })) })).toBe(true)
    expect(sameAllocations(a, { ...a, trafficPercentage: 10 })).toBe(true)
    expect(sameRollout(a, { ...a, trafficPercentage: 10 })).toBe(false)
    // Order matters: bucket ranges follow it, so a reversed 50/50 split assigns differently.
    expect(sameAllocations(a, { ...a, allocations: [...a.allocations].reverse() })).toBe(false)
    expect(sameAllocations(a, defaultRollout(['control', 'b']))).toBe(false)
  })
})
