import { z } from 'zod'
import { UUID_REGEX } from './text-rules.js'
import {
  EXPECTED_DIRECTIONS,
  METRIC_ROLES,
  type ExpectedDirection,
  type MetricAggregation,
  type MetricRole,
} from './vocabulary.js'

/** The expected directions each role accepts. */
export const DIRECTIONS_BY_ROLE = {
  primary: ['increase', 'decrease'],
  secondary: ['increase', 'decrease'],
  guardrail: ['not_increase', 'not_decrease'],
} as const satisfies Record<MetricRole, readonly ExpectedDirection[]>

/** How many metrics one experiment may list. */
export const MAX_EXPERIMENT_METRICS = 10

/** A metric as an experiment lists it: which one, in what role, expected to move which way. */
export interface ExperimentMetric {
  readonly metricId: string
  readonly role: MetricRole
  readonly expectedDirection: ExpectedDirection
}

/** An experiment's metric as read, with what the catalogue says of it now. */
export interface AttachedMetric extends ExperimentMetric {
  readonly name: string
  readonly event: string
  readonly aggregation: MetricAggregation
}

/**
 * The metrics a caller attaches to an experiment, in order: at most ten, each metric once, at
 * most one `primary`, and an expected direction that fits the role. Whether the metrics exist
 * in the experiment's environment is checked against the catalogue by the service.
 */
export const ExperimentMetricsInput = z
  .array(
    z.strictObject({
      metric: z
        .string()
        .regex(UUID_REGEX, 'Must be a metric id (a UUID).')
        .transform((id) => id.toLowerCase()),
      role: z.enum(METRIC_ROLES, `Must be one of ${METRIC_ROLES.join(', ')}.`),
      expectedDirection: z.enum(EXPECTED_DIRECTIONS, `Must be one of ${EXPECTED_DIRECTIONS.join(', ')}.`),
    }),
  )
  .max(MAX_EXPERIMENT_METRICS, `An experiment lists at most ${MAX_EXPERIMENT_METRICS} metrics.`)
  .superRefine((metrics, context) => {
    const seen = new Set<string>()
    let primaries = 0
    metrics.forEach((item, index) => {
      if (seen.has(item.metric)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'metric'],
          message: 'Each metric may be listed once.',
        })
      }
      seen.add(item.metric)
      if (item.role === 'primary' && ++primaries > 1) {
        context.addIssue({ code: 'custom', path: [index, 'role'], message: 'At most one metric is primary.' })
      }
      const allowed: readonly ExpectedDirection[] = DIRECTIONS_BY_ROLE[item.role]
      if (!allowed.includes(item.expectedDirection)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'expectedDirection'],
          message: `A ${item.role} metric expects ${allowed.join(' or ')}.`,
        })
      }
    })
  })
  .transform((metrics): ExperimentMetric[] =>
    metrics.map(({ metric, role, expectedDirection }) => ({ metricId: metric, role, expectedDirection })),
  )
/** The metrics a caller attaches to an experiment. */
export type ExperimentMetricsInput = z.input<typeof ExperimentMetricsInput>

/** The primary metric of a list, if any. */
export function primaryMetric(metrics: readonly ExperimentMetric[]): ExperimentMetric | undefined {
  return metrics.find((metric) => metric.role === 'primary')
}

/** Whether two lists attach the same metrics in the same order, roles and directions. */
export function sameMetrics(a: readonly ExperimentMetric[], b: readonly ExperimentMetric[]): boolean {
  return a.length === b.length && a.every((metric, index) => sameMetric(metric, b[index]))
}

/** Whether two attachments are the same metric in the same role and direction. */
export function sameMetric(a: ExperimentMetric | undefined, b: ExperimentMetric | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.metricId === b.metricId && a.role === b.role && a.expectedDirection === b.expectedDirection
}
