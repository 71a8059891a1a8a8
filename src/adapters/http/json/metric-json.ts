import { z } from 'zod'
import type { MetricList } from '../../../core/service/experiment-service.js'
import {
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  type DeletedMetricSummary,
  type MetricSummary,
  type MetricView,
} from '../../../core/domain/metric.js'
import { iso, Status, Timestamp } from './json-fields.js'
import type { Representation } from './representation.js'

/** A metric of an environment's catalogue as the HTTP API returns it. */
export const MetricJson = z
  .strictObject({
    id: z.guid(),
    name: z.string().describe("Unique among the environment's metrics, ignoring case."),
    description: z.string(),
    event: z.string().describe('The event name it counts, matched case-sensitively.'),
    aggregation: z.enum(METRIC_AGGREGATIONS),
    direction: z.enum(METRIC_DIRECTIONS),
    created_at: Timestamp,
    updated_at: Timestamp,
    version: z.int().min(1).describe('Grows by one on every change; also sent as the ETag.'),
    deleted_at: Timestamp.optional().describe(
      'Only on the items of the trash (`?deleted=true`): when the metric was deleted.',
    ),
  })
  .meta({ title: 'Metric' })
/** A metric as the HTTP API returns it. */
export type MetricJson = z.output<typeof MetricJson>

/** A metric with every experiment (not deleted) that lists it, whatever its status. */
export const MetricDetailJson = MetricJson.extend({
  used_by: z
    .array(z.strictObject({ id: z.guid(), name: z.string(), status: Status }))
    .describe('Every experiment that lists the metric and is not deleted.'),
}).meta({ title: 'MetricDetail' })
/** A metric with the experiments that list it, as the HTTP API returns it. */
export type MetricDetailJson = z.output<typeof MetricDetailJson>

/** A page of an environment's metrics. */
export const MetricListJson = z
  .strictObject({
    results: z
      .array(MetricJson)
      .describe('Newest first; in the trash (`?deleted=true`) deleted ones only, each with `deleted_at`.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to read the next page; null on the last page.'),
  })
  .meta({ title: 'MetricList' })
/** A page of metrics as the HTTP API returns it. */
export type MetricListJson = z.output<typeof MetricListJson>

/** Serializes a metric of the catalogue (never its environment); a trash item carries `deleted_at`. */
export function toMetricJson(metric: MetricSummary | DeletedMetricSummary): MetricJson {
  return {
    id: metric.id,
    name: metric.name,
    description: metric.description,
    event: metric.event,
    aggregation: metric.aggregation,
    direction: metric.direction,
    created_at: iso(metric.createdAt),
    updated_at: iso(metric.updatedAt),
    version: metric.version,
    ...('deletedAt' in metric && { deleted_at: iso(metric.deletedAt) }),
  }
}

/** Serializes a metric with the experiments that list it. */
export function toMetricDetailJson(metric: MetricView): MetricDetailJson {
  return {
    ...toMetricJson(metric),
    used_by: metric.usedBy.map(({ id, name, status }) => ({ id, name, status })),
  }
}

/** Serializes a page of metrics. */
export function toMetricListJson(list: MetricList<MetricSummary | DeletedMetricSummary>): MetricListJson {
  return { results: list.results.map(toMetricJson), next_cursor: list.nextCursor }
}

/** A metric of the catalogue on the wire, versioned (`ETag`). */
export const METRIC: Representation<MetricSummary> = {
  name: 'Metric',
  schema: MetricJson,
  toJson: toMetricJson,
  resource: (metric) => metric,
}

/** A metric with the experiments that list it, versioned (`ETag`). */
export const METRIC_DETAIL: Representation<MetricView> = {
  name: 'MetricDetail',
  schema: MetricDetailJson,
  toJson: toMetricDetailJson,
  resource: (metric) => metric,
}

/** A page of metrics on the wire. */
export const METRIC_LIST: Representation<MetricList<MetricSummary | DeletedMetricSummary>> = {
  name: 'MetricList',
  schema: MetricListJson,
  toJson: toMetricListJson,
}
