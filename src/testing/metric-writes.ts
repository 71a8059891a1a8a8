import { buildAuditEntry } from '../core/domain/audit-entry.js'
import type { AttachedMetric, ExperimentMetric } from '../core/domain/experiment-metrics.js'
import type { Environment } from '../core/domain/experiment.js'
import {
  decideMetricDelete,
  decideMetricRestore,
  decideMetricUpdate,
  type MetricDecision,
} from '../core/domain/metric-decisions.js'
import type { Metric, UpdateMetricInput } from '../core/domain/metric.js'
import type { MetricWrite } from '../ports/metric-repository.js'
import { TEST_ACTOR } from './experiment-writes.js'

/** A new metric of the environment at `at` (default 2026-01-01), with a random id and name unless given. */
export function newMetricOf(environment: Environment, overrides: Partial<Metric> = {}): Metric {
  const at = overrides.createdAt ?? new Date('2026-01-01T00:00:00.000Z')
  return {
    id: crypto.randomUUID(),
    environmentId: environment.id,
    name: `Checkout rate ${crypto.randomUUID().slice(0, 8)}`,
    description: '',
    event: 'checkout',
    aggregation: 'occurrence',
    direction: 'up',
    createdAt: at,
    updatedAt: at,
    version: 1,
    deletedAt: null,
    ...overrides,
  }
}

/** The insert of `metric` with its `metric_created` audit entry. */
export function metricInsertOf(
  environment: Environment,
  metric: Metric,
): Extract<MetricWrite, { kind: 'insert' }> {
  const audit = buildAuditEntry({
    subject: 'metric',
    id: crypto.randomUUID(),
    action: 'metric_created',
    actor: TEST_ACTOR,
    environment,
    before: null,
    after: metric,
  })
  return { kind: 'insert', metric, audit }
}

/** What a step makes of a metric, as the core decides it (with no experiment holding it). */
export type MetricStep =
  | ({ readonly kind: 'update' } & UpdateMetricInput)
  | { readonly kind: 'delete' }
  | { readonly kind: 'restore' }

function decide(current: Metric, step: MetricStep, now: Date): MetricDecision {
  const stored = { ...current, usedBy: [] }
  switch (step.kind) {
    case 'update': {
      const { kind: _kind, ...input } = step
      return decideMetricUpdate(stored, input, now)
    }
    case 'delete':
      return decideMetricDelete(stored, now)
    case 'restore':
      return decideMetricRestore(stored, now)
  }
}

/**
 * The compare-and-set update the core would write for `step` on `current`, `seconds` after its
 * last change, decided as if no experiment held the metric (the repository must still refuse
 * what an experiment forbids). Throws if the step changes nothing.
 */
export function metricUpdateOf(
  environment: Environment,
  current: Metric,
  step: MetricStep,
  seconds = 1,
): Extract<MetricWrite, { kind: 'update' }> {
  const now = new Date(current.updatedAt.getTime() + seconds * 1000)
  const decision = decide(current, step, now)
  if (decision.isErr()) throw new Error(`contract suite: metric ${step.kind} refused: ${decision.error.code}`)
  const verdict = decision.value
  if (verdict.kind === 'unchanged') throw new Error(`contract suite: metric ${step.kind} changes nothing`)
  const audit = buildAuditEntry({
    subject: 'metric',
    id: crypto.randomUUID(),
    action: verdict.action,
    actor: TEST_ACTOR,
    environment,
    before: current,
    after: verdict.next,
  })
  return { kind: 'update', metric: verdict.next, storedVersion: current.version, audit }
}

/** The metric attached in a role, with the details a read joins from the catalogue. */
export function attachmentOf(
  metric: Metric,
  role: ExperimentMetric['role'] = 'secondary',
  expectedDirection: ExperimentMetric['expectedDirection'] = role === 'guardrail'
    ? 'not_increase'
    : 'increase',
): AttachedMetric {
  return {
    metricId: metric.id,
    role,
    expectedDirection,
    name: metric.name,
    event: metric.event,
    aggregation: metric.aggregation,
  }
}
