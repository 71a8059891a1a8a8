import { describe, expect, it } from 'vitest'
import {
  decideAnalysisChange,
  decideMetricsChange,
  decideRolloutChange,
} from '../../../src/core/domain/design-decisions.js'
import {
  DEFAULT_EXPERIMENT_ANALYSIS,
  type ExperimentAnalysis,
} from '../../../src/core/domain/experiment-analysis.js'
import type { AttachedMetric } from '../../../src/core/domain/experiment-metrics.js'
import type { ExperimentState } from '../../../src/core/domain/experiment.js'
import type { Rollout } from '../../../src/core/domain/rollout.js'
import { buildAuditEntry } from '../../../src/core/domain/audit-entry.js'
import type { ExperimentStatus } from '../../../src/core/domain/vocabulary.js'

const T0 = new Date('2026-01-01T00:00:00.000Z')
const NOW = new Date('2026-01-02T00:00:00.000Z')

const metric = (
  id: string,
  role: AttachedMetric['role'],
  expectedDirection: AttachedMetric['expectedDirection'],
) =>
  ({ metricId: id, role, expectedDirection, name: `Metric ${id}`, event: id, aggregation: 'count' }) as const

const rate = metric('m-rate', 'primary', 'increase')
const revenue = metric('m-revenue', 'secondary', 'increase')
const latency = metric('m-latency', 'guardrail', 'not_increase')
const EVEN: Rollout = {
  trafficPercentage: 100,
  allocations: [
    { variant: 'control', weight: 50 },
    { variant: 'treatment', weight: 50 },
  ],
}

function experimentIn(status: ExperimentStatus, overrides: Partial<ExperimentState> = {}): ExperimentState {
  const started = status === 'created' ? null : T0
  return {
    id: 'e1',
    environmentId: 'env',
    featureId: 'f1',
    name: 'Checkout',
    hypothesis: 'h',
    status,
    createdAt: T0,
    updatedAt: T0,
    startedAt: started,
    endedAt: status === 'completed' ? T0 : null,
    version: 3,
    deletedAt: null,
    metrics: [rate, revenue],
    rollout: EVEN,
    analysis: DEFAULT_EXPERIMENT_ANALYSIS,
    scheduledStartAt: null,
    scheduledEndAt: null,
    environmentKey: null,
    ...overrides,
  }
}

describe('decideMetricsChange', () => {
  it.each([
    // status, new metrics, outcome
    ['created', [rate, revenue], 'unchanged'],
    ['completed', [rate, revenue], 'unchanged'],
    ['created', [revenue], 'edit'],
    ['created', [{ ...rate, expectedDirection: 'decrease' }, revenue], 'edit'],
    ['created', [metric('m-other', 'primary', 'increase')], 'edit'],
    ['running', [rate, revenue, latency], 'edit'],
    ['paused', [rate], 'edit'],
    ['running', [rate, { ...revenue, role: 'guardrail', expectedDirection: 'not_decrease' }], 'edit'],
    ['running', [revenue], 'primary_metric_locked'],
    ['paused', [{ ...rate, expectedDirection: 'decrease' }, revenue], 'primary_metric_locked'],
    ['running', [metric('m-other', 'primary', 'increase'), revenue], 'primary_metric_locked'],
    ['completed', [rate], 'experiment_completed'],
    ['completed', [rate, revenue, latency], 'experiment_completed'],
  ] as const)('%s, %j → %s', (status, metrics, want) => {
    const decision = decideMetricsChange(experimentIn(status), metrics, NOW)
    const got = decision.match(
      (verdict) => verdict.kind,
      (error) => error.code,
    )
    expect(got).toBe(want)
  })

  it('once started, a primary cannot be added either; moving it within the list keeps it', () => {
    const noPrimary = experimentIn('running', { metrics: [revenue] })
    expect(decideMetricsChange(noPrimary, [revenue, rate], NOW)._unsafeUnwrapErr().code).toBe(
      'primary_metric_locked',
    )
    const moved = decideMetricsChange(experimentIn('running'), [revenue, rate], NOW)._unsafeUnwrap()
    expect(moved.kind).toBe('edit')
  })

  it('an edit bumps the version, moves updatedAt, keeps the rest, and is audited as metrics_changed', () => {
    const current = experimentIn('created')
    const verdict = decideMetricsChange(current, [latency], NOW)._unsafeUnwrap()
    if (verdict.kind !== 'edit') throw new Error('expected an edit')
    expect(verdict).toMatchObject({ action: 'metrics_changed', statusChange: null })
    expect(verdict.next).toEqual({ ...current, metrics: [latency], version: 4, updatedAt: NOW })
    const environment = { id: 'env', key: 'dev', name: 'Development', projectId: 'p1' }
    const actor = { type: 'user', id: 'u1' } as const
    const entry = buildAuditEntry({
      subject: 'experiment',
      id: 'a1',
      action: verdict.action,
      actor,
      environment,
      before: current,
      after: verdict.next,
    })
    expect(entry.message).toBe("Experiment 'Checkout' metrics changed for environment Development")
    expect(entry.subject).toEqual({ type: 'experiment', id: 'e1' })
    expect(entry.changes).toEqual({
      metrics: {
        from: [
          { metricId: 'm-rate', role: 'primary', expectedDirection: 'increase' },
          { metricId: 'm-revenue', role: 'secondary', expectedDirection: 'increase' },
        ],
        to: [{ metricId: 'm-latency', role: 'guardrail', expectedDirection: 'not_increase' }],
      },
    })
  })
})

describe('decideRolloutChange', () => {
  const ramp: Rollout = { ...EVEN, trafficPercentage: 20 }
  const skewed: Rollout = {
    trafficPercentage: 100,
    allocations: [
      { variant: 'control', weight: 70 },
      { variant: 'treatment', weight: 30 },
    ],
  }
  const reordered: Rollout = { trafficPercentage: 100, allocations: [...EVEN.allocations].reverse() }
  it.each([
    ['created', EVEN, 'unchanged'],
    ['completed', EVEN, 'unchanged'],
    ['created', { ...EVEN, trafficPercentage: 100.000000001 }, 'unchanged'],
    ['created', ramp, 'edit'],
    ['created', skewed, 'edit'],
    ['running', ramp, 'edit'],
    ['paused', ramp, 'edit'],
    ['running', skewed, 'allocation_locked'],
    ['paused', { ...skewed, trafficPercentage: 10 }, 'allocation_locked'],
    ['running', reordered, 'allocation_locked'],
    ['completed', ramp, 'experiment_completed'],
    ['completed', skewed, 'experiment_completed'],
  ] as const)('%s, %j → %s', (status, rollout, want) => {
    const got = decideRolloutChange(experimentIn(status), rollout, NOW).match(
      (verdict) => verdict.kind,
      (error) => error.code,
    )
    expect(got).toBe(want)
  })

  it('audits the traffic and the split with their from and to, each only when it moved', () => {
    const current = experimentIn('created')
    const environment = { id: 'env', key: 'dev', name: 'Development', projectId: 'p1' }
    const actor = { type: 'user', id: 'u1' } as const
    const changesOf = (rollout: Rollout) => {
      const verdict = decideRolloutChange(current, rollout, NOW)._unsafeUnwrap()
      if (verdict.kind !== 'edit') throw new Error('expected an edit')
      expect(verdict.action).toBe('rollout_changed')
      return buildAuditEntry({
        subject: 'experiment',
        id: 'a',
        action: verdict.action,
        actor,
        environment,
        before: current,
        after: verdict.next,
      }).changes
    }
    expect(changesOf(ramp)).toEqual({ trafficPercentage: { from: 100, to: 20 } })
    expect(changesOf(skewed)).toEqual({
      allocations: {
        from: [
          { variant: 'control', weight: 50 },
          { variant: 'treatment', weight: 50 },
        ],
        to: [
          { variant: 'control', weight: 70 },
          { variant: 'treatment', weight: 30 },
        ],
      },
    })
  })
})

describe('decideAnalysisChange', () => {
  const fixed: ExperimentAnalysis = { ...DEFAULT_EXPERIMENT_ANALYSIS, method: 'fixed' }
  const noCuped: ExperimentAnalysis = { ...DEFAULT_EXPERIMENT_ANALYSIS, preExposureDays: 0 }
  it.each([
    ['created', DEFAULT_EXPERIMENT_ANALYSIS, 'unchanged'],
    ['running', DEFAULT_EXPERIMENT_ANALYSIS, 'unchanged'],
    ['completed', DEFAULT_EXPERIMENT_ANALYSIS, 'unchanged'],
    ['created', fixed, 'edit'],
    ['created', noCuped, 'edit'],
    ['running', fixed, 'analysis_locked'],
    ['paused', noCuped, 'analysis_locked'],
    ['running', { ...DEFAULT_EXPERIMENT_ANALYSIS, sequentialTuning: 20_000 }, 'analysis_locked'],
    ['completed', fixed, 'experiment_completed'],
  ] as const)('%s, %j → %s', (status, analysis, want) => {
    const got = decideAnalysisChange(experimentIn(status), analysis, NOW).match(
      (verdict) => verdict.kind,
      (error) => error.code,
    )
    expect(got).toBe(want)
  })

  it('a paused experiment that was started is locked even without a status of running', () => {
    const paused = experimentIn('paused')
    expect(paused.startedAt).not.toBeNull()
    expect(decideAnalysisChange(paused, fixed, NOW)._unsafeUnwrapErr().code).toBe('analysis_locked')
  })

  it('an edit bumps the version and is audited as analysis_changed with the whole setting before and after', () => {
    const current = experimentIn('created')
    const verdict = decideAnalysisChange(current, fixed, NOW)._unsafeUnwrap()
    if (verdict.kind !== 'edit') throw new Error('expected an edit')
    expect(verdict).toMatchObject({ action: 'analysis_changed', statusChange: null })
    expect(verdict.next).toEqual({ ...current, analysis: fixed, version: 4, updatedAt: NOW })
    const entry = buildAuditEntry({
      subject: 'experiment',
      id: 'a1',
      action: verdict.action,
      actor: { type: 'user', id: 'u1' },
      environment: { id: 'env', key: 'dev', name: 'Development', projectId: 'p1' },
      before: current,
      after: verdict.next,
    })
    expect(entry.message).toBe("Experiment 'Checkout' analysis changed for environment Development")
    expect(entry.changes).toEqual({
      analysis: {
        from: { method: 'sequential', sequentialTuning: 5000, preExposureDays: 14 },
        to: { method: 'fixed', sequentialTuning: 5000, preExposureDays: 14 },
      },
    })
  })
})
