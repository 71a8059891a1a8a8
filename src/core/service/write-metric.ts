import { ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import type { MetricDecision, MetricVerdict } from '../domain/metric-decisions.js'
import { toMetricView, type MetricView, type StoredMetric } from '../domain/metric.js'
import { parseInput, WriteOptions } from '../domain/schemas.js'
import type { MetricWrite } from '../../ports/metric-repository.js'
import { checkAccess, type Access } from './access-check.js'
import type { Caller, ServiceContext } from './service-context.js'
import { settleWrite, type Planned } from './write-engine.js'

/** One write use case on an existing metric: who asks, which metric, and the rule that decides. */
export interface MetricWriteRequest<I> {
  readonly caller: Caller
  readonly metricId: unknown
  readonly options: WriteOptions | undefined
  /** Whether a deleted metric can be the target (a restore). */
  readonly includeDeleted: boolean
  /** Parses the caller's input, after the access check and the options. */
  readonly parse: () => Result<I, ExperimentError>
  readonly decide: (current: StoredMetric, input: I, now: Date) => MetricDecision
}

/**
 * The shared path of every change to an existing metric (action `manage_metrics`): check access,
 * options and input, then the one write engine ({@link settleWrite}): read, decide on fresh
 * state and write compare-and-set with its audit entry, re-deciding a write lost to a concurrent one.
 */
export function writeMetric<I>(
  context: ServiceContext,
  request: MetricWriteRequest<I>,
): ResultAsync<MetricView, ExperimentError> {
  return safeTry(async function* () {
    const access = yield* checkAccess(context, request.caller, 'manage_metrics')
    const { expectedVersion } = yield* parseInput(WriteOptions, request.options ?? {})
    const input = yield* request.parse()
    const metricId = normalizeExperimentId(request.metricId)
    const { includeDeleted } = request
    const read = () => findMetric(context, access.environment.id, metricId, includeDeleted)
    const settled = yield* await settleWrite<StoredMetric, MetricWrite, MetricView>({
      context,
      environmentId: access.environment.id,
      expectedVersion,
      notFound: () => errors.metricNotFound(String(request.metricId)),
      firstRead: read,
      read,
      decide: (current, now) =>
        request.decide(current, input, now).map((verdict) => planOf(context, access, current, verdict)),
      write: (change) => context.metrics.write(change),
    })
    return ok(settled.view)
  })
}

async function findMetric(
  context: ServiceContext,
  environmentId: string,
  metricId: string | null,
  includeDeleted: boolean,
): Promise<StoredMetric | null> {
  if (metricId === null) return null
  const found = await context.metrics.find(environmentId, metricId, { includeDeleted })
  return found !== null && (includeDeleted || found.deletedAt === null) ? found : null
}

/** A verdict as the engine writes it: the view to answer with, or the compare-and-set write with its audit entry. */
function planOf(
  context: ServiceContext,
  access: Access,
  current: StoredMetric,
  verdict: MetricVerdict,
): Planned<MetricWrite, MetricView> {
  if (verdict.kind === 'unchanged') return { kind: 'unchanged', view: toMetricView(current) }
  const audit = buildAuditEntry({
    subject: 'metric',
    id: context.generateId(),
    action: verdict.action,
    actor: access.actor,
    environment: access.environment,
    before: current,
    after: verdict.next,
  })
  return {
    kind: 'write',
    write: { kind: 'update', metric: verdict.next, storedVersion: current.version, audit },
    after: toMetricView({ ...verdict.next, usedBy: current.usedBy }),
  }
}
