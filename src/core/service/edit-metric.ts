import { err, ok, safeTry, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import type { ExperimentError } from '../domain/errors.js'
import {
  decideMetricDelete,
  decideMetricRestore,
  decideMetricUpdate,
  newMetric,
} from '../domain/metric-decisions.js'
import { CreateMetricInput, toMetricView, UpdateMetricInput, type MetricView } from '../domain/metric.js'
import { parseInput, type WriteOptions } from '../domain/schemas.js'
import { checkAccess } from './access-check.js'
import type { Caller, ServiceContext } from './service-context.js'
import { writeMetric } from './write-metric.js'
import { refusalOf } from './write-refusal.js'

type Answer = ResultAsync<MetricView, ExperimentError>

/** The metric a catalogue write acts on, and who asks. */
export interface MetricTarget {
  readonly caller: Caller
  readonly metricId: unknown
  readonly options: WriteOptions | undefined
}

const noInput = () => ok(undefined)

/** Adds a metric to the environment's catalogue; its name must be free there (ignoring case). */
export function createMetric(context: ServiceContext, caller: Caller, input: unknown): Answer {
  return safeTry(async function* () {
    const access = yield* checkAccess(context, caller, 'manage_metrics')
    const fields = yield* parseInput(CreateMetricInput, input)
    const metric = newMetric(context.generateId(), access.environment, fields, context.clock.now())
    const audit = buildAuditEntry({
      subject: 'metric',
      id: context.generateId(),
      action: 'metric_created',
      actor: access.actor,
      environment: access.environment,
      before: null,
      after: metric,
    })
    const write = { kind: 'insert', metric, audit } as const
    const outcome = await context.metrics.write(write)
    if (outcome !== 'written') return err(await refusalOf(context, access.environment.id, write, outcome))
    return ok(toMetricView({ ...metric, usedBy: [] }))
  })
}

/** Changes a metric: name, description and direction any time; event and aggregation unless in use. */
export function updateMetric(context: ServiceContext, target: MetricTarget, input: unknown): Answer {
  return writeMetric(context, {
    ...target,
    includeDeleted: false,
    parse: () => parseInput(UpdateMetricInput, input),
    decide: decideMetricUpdate,
  })
}

/** Soft-deletes a metric that no experiment still open lists. */
export function deleteMetric(context: ServiceContext, target: MetricTarget): Answer {
  return writeMetric(context, {
    ...target,
    includeDeleted: false,
    parse: noInput,
    decide: (current, _input, now) => decideMetricDelete(current, now),
  })
}

/** Brings a soft-deleted metric back, unless another metric took its name meanwhile. */
export function restoreMetric(context: ServiceContext, target: MetricTarget): Answer {
  return writeMetric(context, {
    ...target,
    includeDeleted: true,
    parse: noInput,
    decide: (current, _input, now) => decideMetricRestore(current, now),
  })
}
