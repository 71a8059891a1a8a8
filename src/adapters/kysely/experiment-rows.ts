import { type AuditEntry, type FieldChange } from '../../core/domain/audit-entry.js'
import { type ExperimentAnalysis } from '../../core/domain/experiment-analysis.js'
import { type AttachedMetric } from '../../core/domain/experiment-metrics.js'
import { ANALYSIS_METHODS, type AnalysisMethod } from '../../core/domain/statistics/analysis-settings.js'
import { type StatusChange, type StoredExperiment } from '../../core/domain/experiment.js'
import type { Allocation } from '../../core/domain/rollout.js'
import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditSubjectType,
  EXPECTED_DIRECTIONS,
  METRIC_ROLES,
  type ExpectedDirection,
  type MetricRole,
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  METRIC_AGGREGATIONS,
  type MetricAggregation,
} from '../../core/domain/vocabulary.js'
import type { IngestionTarget } from '../../ports/experiment-repository.js'
import {
  actor,
  invalid,
  json,
  jsonArray,
  numberColumn,
  oneOf,
  optionalTextColumn,
  optionalTimestamp,
  textColumn,
  timestamp,
  versionColumn,
  type Row,
} from './row-values.js'

const STATUSES = new Set<unknown>(EXPERIMENT_STATUSES)
const ACTIONS = new Set<unknown>(AUDIT_ACTIONS)
const SUBJECTS = new Set<unknown>(AUDIT_SUBJECT_TYPES)
const ROLES = new Set<unknown>(METRIC_ROLES)
const DIRECTIONS = new Set<unknown>(EXPECTED_DIRECTIONS)
const AGGREGATIONS = new Set<unknown>(METRIC_AGGREGATIONS)
const METHODS = new Set<unknown>(ANALYSIS_METHODS)

function historyItem(row: Row): StatusChange {
  return {
    from: oneOf<ExperimentStatus>(STATUSES, row, 'from'),
    to: oneOf<ExperimentStatus>(STATUSES, row, 'to'),
    at: timestamp(row, 'at'),
    actor: actor(row, 'actorType', 'actorId'),
  }
}

function attachedMetric(row: Row): AttachedMetric {
  return {
    metricId: textColumn(row, 'metricId'),
    role: oneOf<MetricRole>(ROLES, row, 'role'),
    expectedDirection: oneOf<ExpectedDirection>(DIRECTIONS, row, 'expectedDirection'),
    name: textColumn(row, 'name'),
    event: textColumn(row, 'event'),
    aggregation: oneOf<MetricAggregation>(AGGREGATIONS, row, 'aggregation'),
  }
}

function analysis(row: Row): ExperimentAnalysis {
  return {
    method: oneOf<AnalysisMethod>(METHODS, row, 'analysis_method'),
    sequentialTuning: numberColumn(row, 'sequential_tuning'),
    preExposureDays: numberColumn(row, 'pre_exposure_days'),
  }
}

function allocation(row: Row): Allocation {
  return { variant: textColumn(row, 'variant'), weight: numberColumn(row, 'weight') }
}

/**
 * Parses a row of the read queries (a `flag_experiments` row with its history and attached
 * metrics aggregated as JSON) into a {@link StoredExperiment}; throws on a row that is not one.
 */
export function parseExperimentRow(row: Row): StoredExperiment {
  return {
    id: textColumn(row, 'id'),
    environmentId: textColumn(row, 'environment_id'),
    featureId: textColumn(row, 'feature_id'),
    name: textColumn(row, 'name'),
    hypothesis: textColumn(row, 'hypothesis'),
    status: oneOf<ExperimentStatus>(STATUSES, row, 'status'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    startedAt: optionalTimestamp(row, 'started_at'),
    endedAt: optionalTimestamp(row, 'ended_at'),
    version: versionColumn(row),
    deletedAt: optionalTimestamp(row, 'deleted_at'),
    scheduledStartAt: optionalTimestamp(row, 'scheduled_start_at'),
    scheduledEndAt: optionalTimestamp(row, 'scheduled_end_at'),
    environmentKey: optionalTextColumn(row, 'environment_key'),
    metrics: jsonArray(row, 'metrics', attachedMetric),
    rollout: {
      trafficPercentage: numberColumn(row, 'traffic_percentage'),
      allocations: jsonArray(row, 'allocations', allocation),
    },
    analysis: analysis(row),
    history: jsonArray(row, 'history', historyItem),
  }
}

/** Parses a row of `selectIngestionTargets` into an {@link IngestionTarget}; throws on a row that is not one. */
export function parseIngestionTarget(row: Row): IngestionTarget {
  const started = row.started
  return {
    id: textColumn(row, 'id'),
    started: typeof started === 'boolean' ? started : invalid('started', started),
    variants: jsonArray(row, 'allocations', allocation).map(({ variant }) => variant),
  }
}

/** Audit diffs hold JSON values; each change must say what it was and what it became. */
function fieldChanges(value: unknown): Record<string, FieldChange> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('changes', value)
  for (const change of Object.values(value as Row)) {
    if (typeof change !== 'object' || change === null || !('from' in change) || !('to' in change))
      invalid('changes', value)
  }
  return value as Record<string, FieldChange>
}

/** Parses a `flag_experiments_audit` row into an {@link AuditEntry}; throws on a row that is not one. */
export function parseAuditRow(row: Row): AuditEntry {
  return {
    id: textColumn(row, 'id'),
    at: timestamp(row, 'at'),
    action: oneOf<AuditAction>(ACTIONS, row, 'action'),
    actor: actor(row, 'actor_type', 'actor_id'),
    subject: {
      type: oneOf<AuditSubjectType>(SUBJECTS, row, 'subject_type'),
      id: textColumn(row, 'subject_id'),
    },
    experimentId: optionalTextColumn(row, 'experiment_id'),
    environmentId: textColumn(row, 'environment_id'),
    projectId: textColumn(row, 'project_id'),
    message: textColumn(row, 'message'),
    changes: fieldChanges(json(row, 'changes')),
  }
}
