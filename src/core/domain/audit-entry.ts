import { sameAnalysis, type ExperimentAnalysis } from './experiment-analysis.js'
import { sameMetrics, type ExperimentMetric } from './experiment-metrics.js'
import type { Actor, Environment, Experiment } from './experiment.js'
import type { Metric } from './metric.js'
import { sameAllocations, toHundredths, type Rollout } from './rollout.js'
import type { AuditAction, AuditSubjectType } from './vocabulary.js'

/** The thing an audit entry describes a change of. */
export interface AuditSubject {
  readonly type: AuditSubjectType
  readonly id: string
}

/** A JSON-safe value as it appears in an audit diff (dates as ISO 8601 strings). */
export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue }

/** One changed field: its value before and after. */
export interface FieldChange {
  readonly from: AuditValue
  readonly to: AuditValue
}

/** One persisted change to an experiment or a metric, written in the same unit of work as the change. */
export interface AuditEntry {
  readonly id: string
  readonly at: Date
  readonly action: AuditAction
  readonly actor: Actor
  /** The experiment or metric changed. */
  readonly subject: AuditSubject
  /** The experiment changed; `null` for a metric's entry. */
  readonly experimentId: string | null
  readonly environmentId: string
  readonly projectId: string
  /**
   * Human-readable, e.g. `Experiment 'Checkout test' started for environment Development` or
   * `Metric 'Checkout rate' created for environment Development`.
   */
  readonly message: string
  /** Each changed field mapped to its old and new value; bookkeeping fields are left out. */
  readonly changes: Readonly<Record<string, FieldChange>>
}

const AUDITED_FIELDS = [
  'featureId',
  'name',
  'hypothesis',
  'status',
  'startedAt',
  'endedAt',
  'deletedAt',
  'scheduledStartAt',
  'scheduledEndAt',
] as const satisfies readonly (keyof Experiment)[]

const AUDITED_METRIC_FIELDS = [
  'name',
  'description',
  'event',
  'aggregation',
  'direction',
  'deletedAt',
] as const satisfies readonly (keyof Metric)[]

function auditValue(value: string | Date | null | undefined): AuditValue {
  if (value === undefined || value === null) return null
  return value instanceof Date ? value.toISOString() : value
}

/** Adds `{ from, to }` for each field whose audited value differs. */
function diffFields<T extends object, K extends keyof T & string>(
  fields: readonly K[],
  before: T | null,
  after: T,
  changes: Record<string, FieldChange>,
): void {
  for (const field of fields) {
    const from = auditValue(before?.[field] as string | Date | null | undefined)
    const to = auditValue(after[field] as string | Date | null | undefined)
    if (from !== to) changes[field] = { from, to }
  }
}

/** An experiment's metrics as an audit diff shows them: which metric, in what role, which way. */
function metricsValue(metrics: readonly ExperimentMetric[]): AuditValue {
  return metrics.map(({ metricId, role, expectedDirection }) => ({ metricId, role, expectedDirection }))
}

function allocationsValue(rollout: Rollout): AuditValue {
  return rollout.allocations.map(({ variant, weight }) => ({ variant, weight }))
}

function analysisValue({ method, sequentialTuning, preExposureDays }: ExperimentAnalysis): AuditValue {
  return { method, sequentialTuning, preExposureDays }
}

/**
 * Adds the design's changes: `metrics`, `trafficPercentage`, `allocations` and `analysis`, each
 * when it differs.
 */
function diffDesign(
  before: Experiment | null,
  after: Experiment,
  changes: Record<string, FieldChange>,
): void {
  if (before === null || !sameMetrics(before.metrics, after.metrics)) {
    changes.metrics = { from: before && metricsValue(before.metrics), to: metricsValue(after.metrics) }
  }
  const traffic = after.rollout.trafficPercentage
  if (before === null || toHundredths(before.rollout.trafficPercentage) !== toHundredths(traffic)) {
    changes.trafficPercentage = { from: before?.rollout.trafficPercentage ?? null, to: traffic }
  }
  if (before === null || !sameAllocations(before.rollout, after.rollout)) {
    changes.allocations = {
      from: before && allocationsValue(before.rollout),
      to: allocationsValue(after.rollout),
    }
  }
  if (before === null || !sameAnalysis(before.analysis, after.analysis)) {
    changes.analysis = { from: before && analysisValue(before.analysis), to: analysisValue(after.analysis) }
  }
}

/** The fields that differ between two states of an experiment (`before` null for a create). */
export function diffExperiments(before: Experiment | null, after: Experiment): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {}
  diffFields(AUDITED_FIELDS, before, after, changes)
  diffDesign(before, after, changes)
  return changes
}

/** The fields that differ between two states of a metric (`before` null for a create). */
export function diffMetrics(before: Metric | null, after: Metric): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {}
  diffFields(AUDITED_METRIC_FIELDS, before, after, changes)
  return changes
}

/** An action as a message says it: `metrics_changed` → `metrics changed`, `metric_created` → `created`. */
function actionWords(action: AuditAction): string {
  return action.replace(/^metric_/, '').replace(/_/g, ' ')
}

/** What an audit entry is built from: the subject's state before (`null` for a create) and after. */
export type AuditedChange =
  | { readonly subject: 'experiment'; readonly before: Experiment | null; readonly after: Experiment }
  | { readonly subject: 'metric'; readonly before: Metric | null; readonly after: Metric }

/**
 * Builds the audit entry for a change to an experiment or a metric of the catalogue; its message
 * reads `Experiment '<name>' <action> for environment <environment name>` (or `Metric '<name>'
 * <created|updated|deleted|restored> …`), its changes are the fields that differ.
 */
export function buildAuditEntry(
  args: {
    readonly id: string
    readonly action: AuditAction
    readonly actor: Actor
    readonly environment: Environment
  } & AuditedChange,
): AuditEntry {
  const { after, environment } = args
  const experiment = args.subject === 'experiment'
  return {
    id: args.id,
    at: after.updatedAt,
    action: args.action,
    actor: args.actor,
    subject: { type: args.subject, id: after.id },
    experimentId: experiment ? after.id : null,
    environmentId: environment.id,
    projectId: environment.projectId,
    message: `${experiment ? 'Experiment' : 'Metric'} '${after.name}' ${actionWords(args.action)} for environment ${environment.name}`,
    changes:
      args.subject === 'experiment'
        ? diffExperiments(args.before, args.after)
        : diffMetrics(args.before, args.after),
  }
}
