// Every figure of the sequential interval, CUPED, the multiple-comparison corrections and the
// sample guidance checked against GrowthBook's own statistics engine (gbstats) at 1e-9 relative:
// test/data/gbstats-vectors.json says where each case comes from.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  cupedEstimate,
  cupedTheta,
  type CupedArm,
  type CupedKind,
} from '../../../src/core/domain/statistics/cuped.js'
import {
  armMoments,
  liftEstimate,
  proportionMoments,
} from '../../../src/core/domain/statistics/lift-estimate.js'
import {
  adjustedInterval,
  benjaminiHochbergAdjust,
  holmAdjust,
} from '../../../src/core/domain/statistics/multiple-comparisons.js'
import { detectionPower, sampleGuidance } from '../../../src/core/domain/statistics/sample-guidance.js'
import { sequentialInterval } from '../../../src/core/domain/statistics/sequential-interval.js'

type Arm = { n: number; sum: number; sum_squares: number }
type PreArm = Arm & { pre: { sum: number; sum_squares: number; sum_products: number } }
type Kind = 'mean' | 'proportion'
type Vectors = {
  about: Record<string, string>
  sequential: {
    source: string
    kind: Kind
    control: Arm
    variant: Arm
    alpha: number
    tuning: number
    expected: { lift: number; standard_error: number; ci_low: number; ci_high: number; p_value: number }
  }[]
  cuped: {
    source: string
    kind: CupedKind
    control: PreArm
    variant: PreArm
    alpha: number
    tuning: number
    expected: Record<
      'theta' | 'lift' | 'standard_error' | 'sequential_ci_low' | 'sequential_ci_high' | 'sequential_p_value',
      number
    >
  }[]
  correction: { source: string; p_values: number[]; holm: number[]; benjamini_hochberg: number[] }[]
  adjusted_intervals: {
    source: string
    adjusted_p_value: number
    lift: number
    alpha: number
    ci: [number, number]
    expected: [number | string, number | string]
  }[]
  power: {
    source: string
    alpha: number
    minimum_effect: number
    target_power: number
    tests: number
    goal_metrics: number
    sequential_tuning: number | null
    variance: number
    n: number
    expected: { power: number; scaling_factor: number | null; additional_identities: number | null }
  }[]
}

const vectors = JSON.parse(
  readFileSync(new URL('../../data/gbstats-vectors.json', import.meta.url), 'utf8'),
) as Vectors

/** |got − want| ≤ 1e-9 · max(1, |want|), or both the same infinity. */
function expectClose(got: number | null | undefined, want: number | string, label: string): void {
  const wanted = typeof want === 'string' ? Number(want) : want
  expect(got, label).toBeTypeOf('number')
  if (!Number.isFinite(wanted)) {
    expect(got, label).toBe(wanted)
    return
  }
  const error = Math.abs((got as number) - wanted)
  expect(error, `${label}: got ${got}, want ${wanted}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(wanted)),
  )
}

const moments = (kind: Kind, arm: Arm) =>
  kind === 'proportion'
    ? proportionMoments(arm)
    : armMoments({ n: arm.n, sum: arm.sum, sumSquares: arm.sum_squares })

const cupedArm = (arm: PreArm): CupedArm => ({
  n: arm.n,
  sum: arm.sum,
  sumSquares: arm.sum_squares,
  pre: { sum: arm.pre.sum, sumSquares: arm.pre.sum_squares, sumProducts: arm.pre.sum_products },
})

describe('gbstats reference vectors', () => {
  it('hold cases of every kind, each with its source', () => {
    expect(vectors.sequential.length).toBeGreaterThanOrEqual(10)
    expect(vectors.cuped.length).toBeGreaterThanOrEqual(5)
    expect(vectors.power.length).toBeGreaterThanOrEqual(5)
    const sources = [...vectors.sequential, ...vectors.cuped, ...vectors.correction, ...vectors.power]
    expect(sources.every((v) => v.source.length > 0)).toBe(true)
  })

  it.each(vectors.sequential.map((v) => [v.source, v] as const))('sequential: %s', (_source, v) => {
    const c = moments(v.kind, v.control)
    const t = moments(v.kind, v.variant)
    const estimate = c === null || t === null ? null : liftEstimate(c, t)
    if (estimate === null) throw new Error('no estimate')
    expectClose(estimate.lift, v.expected.lift, 'lift')
    expectClose(estimate.standardError, v.expected.standard_error, 'standard error')
    const interval = sequentialInterval(estimate, { alpha: v.alpha, tuning: v.tuning })
    expectClose(interval.low, v.expected.ci_low, 'ci low')
    expectClose(interval.high, v.expected.ci_high, 'ci high')
    expectClose(interval.pValue, v.expected.p_value, 'p-value')
  })

  it.each(vectors.cuped.map((v) => [v.source, v] as const))('CUPED: %s', (_source, v) => {
    const control = cupedArm(v.control)
    const variant = cupedArm(v.variant)
    expectClose(cupedTheta(control, variant, v.kind), v.expected.theta, 'theta')
    const estimate = cupedEstimate(control, variant, v.kind)
    if (estimate === null) throw new Error('no estimate')
    expectClose(estimate.lift, v.expected.lift, 'lift')
    expectClose(estimate.standardError, v.expected.standard_error, 'standard error')
    const interval = sequentialInterval(estimate, { alpha: v.alpha, tuning: v.tuning })
    expectClose(interval.low, v.expected.sequential_ci_low, 'sequential ci low')
    expectClose(interval.high, v.expected.sequential_ci_high, 'sequential ci high')
    expectClose(interval.pValue, v.expected.sequential_p_value, 'sequential p-value')
  })

  it.each(vectors.correction.map((v) => [v.source, v] as const))('corrections: %s', (_source, v) => {
    holmAdjust(v.p_values).forEach((p, i) => expectClose(p, v.holm[i] as number, `holm ${i}`))
    benjaminiHochbergAdjust(v.p_values).forEach((p, i) =>
      expectClose(p, v.benjamini_hochberg[i] as number, `benjamini-hochberg ${i}`),
    )
  })

  it.each(vectors.adjusted_intervals.map((v, i) => [`${i}: ${v.source}`, v] as const))(
    'adjusted interval %s',
    (_source, v) => {
      const got = adjustedInterval({ low: v.ci[0], high: v.ci[1] }, v.lift, v.adjusted_p_value, v.alpha)
      expectClose(got.low, v.expected[0], 'low')
      expectClose(got.high, v.expected[1], 'high')
    },
  )

  it.each(vectors.power.map((v) => [v.source, v] as const))('power: %s', (_source, v) => {
    const settings = {
      alpha: v.alpha,
      minimumEffect: v.minimum_effect,
      targetPower: v.target_power,
      tests: v.tests,
      goalMetrics: v.goal_metrics,
      sequentialTuning: v.sequential_tuning,
    }
    expectClose(detectionPower(v.variance, v.n, 0, settings), v.expected.power, 'power')
    const guidance = sampleGuidance(v.variance, v.n, settings)
    expectClose(guidance.power, v.expected.power, 'guidance power')
    if (v.expected.scaling_factor === null) {
      expect(guidance.scalingFactor).toBeNull()
      return
    }
    expectClose(guidance.scalingFactor, v.expected.scaling_factor, 'scaling factor')
    expectClose(
      guidance.additionalIdentities,
      v.expected.additional_identities as number,
      'additional identities',
    )
  })
})
