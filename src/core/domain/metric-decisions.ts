import { err, ok, type Result } from 'neverthrow'
import type { z } from 'zod'
import { errors, type ExperimentError } from './errors.js'
import type { Environment } from './experiment.js'
import {
  usedByOpenExperiment,
  usedByStartedExperiment,
  type CreateMetricInput,
  type Metric,
  type MetricUser,
  type StoredMetric,
  type UpdateMetricInput,
} from './metric.js'
import { changeTime } from './state-machine.js'
import type { AuditAction } from './vocabulary.js'

/** What a catalogue rule decides when it accepts a request: nothing to write, or the new state. */
export type MetricVerdict =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'edit'; readonly next: Metric; readonly action: AuditAction }

/** What a catalogue rule decides for a metric's current state: a {@link MetricVerdict}, or a refusal. */
export type MetricDecision = Result<MetricVerdict, ExperimentError>

const UNCHANGED: MetricVerdict = { kind: 'unchanged' }

/** The metric alone, without the experiments that use it. */
function metricOf(stored: StoredMetric): Metric {
  const { usedBy: _usedBy, ...metric } = stored
  return metric
}

function editOf(
  current: StoredMetric,
  now: Date,
  fields: Partial<Metric>,
  action: AuditAction,
): MetricVerdict {
  const next = {
    ...metricOf(current),
    ...fields,
    updatedAt: changeTime(current, now),
    version: current.version + 1,
  }
  return { kind: 'edit', next, action }
}

const ids = (users: readonly MetricUser[]) => users.map((user) => user.id)

/** A new metric of the environment at version 1, from a parsed create request. */
export function newMetric(
  id: string,
  environment: Environment,
  input: z.output<typeof CreateMetricInput>,
  now: Date,
): Metric {
  return {
    id,
    environmentId: environment.id,
    ...input,
    createdAt: now,
    updatedAt: now,
    version: 1,
    deletedAt: null,
  }
}

/**
 * Decides a change of a metric. Name, description and direction may change at any time; the
 * event and the aggregation are frozen while an experiment that has started and is not completed
 * uses the metric (its figures would mix two measures). Nothing different changes nothing.
 */
export function decideMetricUpdate(
  current: StoredMetric,
  input: z.output<typeof UpdateMetricInput>,
  now: Date,
): MetricDecision {
  const fields = {
    name: input.name ?? current.name,
    description: input.description ?? current.description,
    event: input.event ?? current.event,
    aggregation: input.aggregation ?? current.aggregation,
    direction: input.direction ?? current.direction,
  }
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (field) => fields[field] !== current[field],
  )
  if (changed.length === 0) return ok(UNCHANGED)
  const measureChanges = changed.includes('event') || changed.includes('aggregation')
  if (measureChanges && usedByStartedExperiment(current)) {
    const started = current.usedBy.filter((user) => user.status === 'running' || user.status === 'paused')
    return err(errors.metricInUse(current.id, ids(started)))
  }
  return ok(editOf(current, now, fields, 'metric_updated'))
}

/** Decides a soft delete: refused while an experiment that is not completed (created included) lists it. */
export function decideMetricDelete(current: StoredMetric, now: Date): MetricDecision {
  if (usedByOpenExperiment(current)) {
    const open = current.usedBy.filter((user) => user.status !== 'completed')
    return err(errors.metricInUse(current.id, ids(open)))
  }
  return ok(editOf(current, now, { deletedAt: changeTime(current, now) }, 'metric_deleted'))
}

/** Decides a restore: a no-op unless deleted (the repository re-checks that the name is free). */
export function decideMetricRestore(current: StoredMetric, now: Date): MetricDecision {
  if (current.deletedAt === null) return ok(UNCHANGED)
  return ok(editOf(current, now, { deletedAt: null }, 'metric_restored'))
}
