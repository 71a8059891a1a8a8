import { type Metric, type MetricUser, type StoredMetric } from '../../core/domain/metric.js'
import {
  EXPERIMENT_STATUSES,
  type ExperimentStatus,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  type MetricAggregation,
  type MetricDirection,
} from '../../core/domain/vocabulary.js'
import {
  jsonArray,
  oneOf,
  optionalTimestamp,
  textColumn,
  timestamp,
  versionColumn,
  type Row,
} from './row-values.js'

const AGGREGATIONS = new Set<unknown>(METRIC_AGGREGATIONS)
const DIRECTIONS = new Set<unknown>(METRIC_DIRECTIONS)
const STATUSES = new Set<unknown>(EXPERIMENT_STATUSES)

/** Parses a `flag_experiments_metrics` row into a {@link Metric}; throws on a row that is not one. */
export function parseMetricRow(row: Row): Metric {
  return {
    id: textColumn(row, 'id'),
    environmentId: textColumn(row, 'environment_id'),
    name: textColumn(row, 'name'),
    description: textColumn(row, 'description'),
    event: textColumn(row, 'event'),
    aggregation: oneOf<MetricAggregation>(AGGREGATIONS, row, 'aggregation'),
    direction: oneOf<MetricDirection>(DIRECTIONS, row, 'direction'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    version: versionColumn(row),
    deletedAt: optionalTimestamp(row, 'deleted_at'),
  }
}

function metricUser(row: Row): MetricUser {
  return {
    id: textColumn(row, 'id'),
    name: textColumn(row, 'name'),
    status: oneOf<ExperimentStatus>(STATUSES, row, 'status'),
  }
}

/** Parses a metric row with its users aggregated as JSON (`used_by`) into a {@link StoredMetric}. */
export function parseStoredMetricRow(row: Row): StoredMetric {
  return { ...parseMetricRow(row), usedBy: jsonArray(row, 'used_by', metricUser) }
}
