import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildMetricAuditEntry } from '../domain/audit-entry.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import type { MetricDecision, MetricVerdict } from '../domain/metric-decisions.js'
import { toMetricView, type Metric, type MetricView, type StoredMetric } from '../domain/metric.js'
import { parseInput, WriteOptions } from '../domain/schemas.js'
import type { MetricWrite, MetricWriteOutcome } from '../../ports/metric-repository.js'
import { checkAccess, type Access } from './access-check.js'
import type { Caller, ServiceContext } from './service-context.js'

/** How often a metric write lost to a concurrent one is re-decided on fresh state before giving up. */
const MAX_ATTEMPTS = 10

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

/** A metric write once access, options and input are checked. */
interface MetricTarget {
  readonly context: ServiceContext
  readonly access: Access
  readonly requestedId: string
  readonly metricId: string | null
  readonly expectedVersion: number | undefined
  readonly includeDeleted: boolean
  readonly decide: (current: StoredMetric, now: Date) => MetricDecision
}

/** One attempt's end: settled with an answer, or lost to a concurrent write. */
type MetricSettlement =
  | { readonly kind: 'settled'; readonly result: Result<MetricView, ExperimentError> }
  | { readonly kind: 'retry' }

/**
 * The shared path of every change to an existing metric (action `manage_metrics`): check access,
 * options and input, then read, decide on fresh state and write compare-and-set with its audit
 * entry, re-deciding a write lost to a concurrent one.
 */
export function writeMetric<I>(
  context: ServiceContext,
  request: MetricWriteRequest<I>,
): ResultAsync<MetricView, ExperimentError> {
  return safeTry(async function* () {
    const access = yield* checkAccess(context, request.caller, 'manage_metrics')
    const { expectedVersion } = yield* parseInput(WriteOptions, request.options ?? {})
    const input = yield* request.parse()
    const target: MetricTarget = {
      context,
      access,
      requestedId: String(request.metricId),
      metricId: normalizeExperimentId(request.metricId),
      expectedVersion,
      includeDeleted: request.includeDeleted,
      decide: (current, now) => request.decide(current, input, now),
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const settlement = await attemptMetricWrite(target)
      if (settlement.kind === 'settled') return settlement.result
    }
    return err(errors.unavailable(new Error(`gave up after ${MAX_ATTEMPTS} concurrent modifications`)))
  })
}

/** Reads the metric, decides, and writes compare-and-set. */
async function attemptMetricWrite(target: MetricTarget): Promise<MetricSettlement> {
  const current = await findMetric(target)
  if (current === null) return settled(err(errors.metricNotFound(target.requestedId)))
  const { expectedVersion } = target
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return settled(err(errors.versionMismatch(expectedVersion, current.version)))
  }
  const decision = target.decide(current, target.context.clock.now())
  if (decision.isErr()) return settled(err(decision.error))
  if (decision.value.kind === 'unchanged') return settled(ok(toMetricView(current)))
  return await writeEdit(target, current, decision.value)
}

async function findMetric({ context, access, metricId, includeDeleted }: MetricTarget) {
  if (metricId === null) return null
  const found = await context.metrics.find(access.environment.id, metricId, { includeDeleted })
  return found !== null && (includeDeleted || found.deletedAt === null) ? found : null
}

async function writeEdit(
  target: MetricTarget,
  current: StoredMetric,
  edit: Extract<MetricVerdict, { kind: 'edit' }>,
): Promise<MetricSettlement> {
  const { context, access } = target
  const audit = buildMetricAuditEntry({
    id: context.generateId(),
    action: edit.action,
    actor: access.actor,
    environment: access.environment,
    before: current,
    after: edit.next,
  })
  const write: MetricWrite = { kind: 'update', metric: edit.next, storedVersion: current.version, audit }
  const outcome = await context.metrics.write(write)
  if (outcome === 'version_conflict') return { kind: 'retry' }
  if (outcome === 'in_use') return settled(err(await inUse(target, edit.next)))
  return settled(answerOf(outcome, { ...edit.next, usedBy: current.usedBy }))
}

/** The answer for an outcome other than a lost race. */
export function answerOf(
  outcome: Exclude<MetricWriteOutcome, 'version_conflict' | 'in_use'>,
  after: StoredMetric,
): Result<MetricView, ExperimentError> {
  return outcome === 'written' ? ok(toMetricView(after)) : err(errors.metricNameTaken(after.name))
}

/**
 * `metric_in_use` after the repository refused a write an experiment raced: the experiments that
 * hold the metric now, read again (those not completed for a delete, those started otherwise).
 */
async function inUse(target: MetricTarget, next: Metric): Promise<ExperimentError> {
  const fresh = await findMetric({ ...target, includeDeleted: true })
  const users = fresh?.usedBy ?? []
  const holds =
    next.deletedAt !== null
      ? (status: string) => status !== 'completed'
      : (status: string) => status === 'running' || status === 'paused'
  return errors.metricInUse(
    next.id,
    users.filter((user) => holds(user.status)).map((user) => user.id),
  )
}

function settled(result: Result<MetricView, ExperimentError>): MetricSettlement {
  return { kind: 'settled', result }
}
