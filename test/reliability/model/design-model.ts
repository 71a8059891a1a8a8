import fc from 'fast-check'
import type { Result } from 'neverthrow'
import type { Actor, ExperimentError, ExperimentService } from '../../../src/index.js'
import {
  acceptedText,
  authorize,
  changed,
  UNKNOWN_UUID,
  type ExpectedError,
  type Model,
  type ModelAttachment,
  type ModelExperiment,
  type ModelMetric,
  type Prediction,
} from './model-state.js'
import type { EnvironmentChoice, TargetChoice, VersionChoice } from './operations.js'
import { acceptedAnalysis, analysisOperations, decideAnalysis, type AnalysisOp } from './analysis-model.js'

// The experiment design in the reference model: the metric catalogue and the design operations
// (metrics listed by an experiment, its rollout, its analysis setting), with their rules written
// out again.

/** Which catalogue metric an operation names: one the model knows (by index) or an unknown id. */
export type MetricChoice =
  | { readonly kind: 'known'; readonly pick: number }
  /** A live metric of the request's environment, when there is one. */
  | { readonly kind: 'local'; readonly pick: number }
  | { readonly kind: 'unknown' }

interface MetricFieldsChoice {
  readonly name?: string
  readonly event?: string
  readonly aggregation?: string
  readonly direction?: string
}

export type MetricOp =
  | {
      readonly op: 'createMetric'
      readonly actor: Actor
      readonly environmentKey: string
      readonly input: Required<MetricFieldsChoice>
    }
  | {
      readonly op: 'updateMetric' | 'deleteMetric' | 'restoreMetric'
      readonly actor: Actor
      readonly environment: EnvironmentChoice
      readonly metric: MetricChoice
      readonly version: 'none' | 'current' | 'stale'
      readonly input: MetricFieldsChoice
    }

export interface AttachmentChoice {
  readonly metric: MetricChoice
  readonly role: string
  readonly expectedDirection: string
}

export type DesignOp =
  | {
      readonly op: 'setMetrics'
      readonly actor: Actor
      readonly environment: EnvironmentChoice
      readonly target: TargetChoice
      readonly version: VersionChoice
      readonly metrics: readonly AttachmentChoice[]
    }
  | {
      readonly op: 'setRollout'
      readonly actor: Actor
      readonly environment: EnvironmentChoice
      readonly target: TargetChoice
      readonly version: VersionChoice
      /** `null` keeps the current split (only the traffic changes). */
      readonly split: readonly { readonly variant: string; readonly weight: number }[] | null
      readonly trafficPercentage: number
    }
  | AnalysisOp

const METRIC_NAMES = ['Conversion', 'conversion', 'Revenue', '  Bounce rate  ', 'Checkout time']
const EVENTS = ['purchase', 'checkout_done', 'page_view']
const ROLE_DIRECTIONS: Record<string, readonly string[]> = {
  primary: ['increase', 'decrease'],
  secondary: ['increase', 'decrease'],
  guardrail: ['not_increase', 'not_decrease'],
}

const metricChoice = fc.oneof(
  { weight: 12, arbitrary: fc.nat({ max: 100 }).map((pick): MetricChoice => ({ kind: 'known', pick })) },
  { weight: 1, arbitrary: fc.constant<MetricChoice>({ kind: 'unknown' }) },
)
const metricName = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...METRIC_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(256)) },
)
const event = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...EVENTS) },
  { weight: 1, arbitrary: fc.constantFrom('', 'tab\there') },
)
const aggregation = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('occurrence', 'count', 'sum') },
  { weight: 1, arbitrary: fc.constant('median') },
)
const direction = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('up', 'down', 'informational') },
  { weight: 1, arbitrary: fc.constant('sideways') },
)

/** Random catalogue and design operations; actors, environments and targets come from the caller. */
export function designOperations(parts: {
  actor: fc.Arbitrary<Actor>
  environmentKey: fc.Arbitrary<string>
  environment: fc.Arbitrary<EnvironmentChoice>
  target: fc.Arbitrary<TargetChoice>
  version: fc.Arbitrary<VersionChoice>
}): fc.Arbitrary<MetricOp | DesignOp> {
  const { actor, environmentKey, environment, target, version } = parts
  const createMetric = fc.record({
    op: fc.constant('createMetric' as const),
    actor,
    environmentKey,
    input: fc.record({ name: metricName, event, aggregation, direction }),
  })
  const metricWrite = fc.record({
    op: fc.constantFrom('updateMetric' as const, 'deleteMetric' as const, 'restoreMetric' as const),
    actor,
    environment,
    metric: metricChoice,
    version: fc.constantFrom('none' as const, 'none' as const, 'current' as const, 'stale' as const),
    input: fc.record({ name: metricName, event, aggregation, direction }, { requiredKeys: [] }),
  })
  const attached = fc.oneof(
    { weight: 12, arbitrary: fc.nat({ max: 100 }).map((pick): MetricChoice => ({ kind: 'local', pick })) },
    { weight: 2, arbitrary: metricChoice },
  )
  const attachment = fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(attached, fc.constantFrom('primary', 'secondary', 'guardrail'), fc.nat({ max: 1 }))
        .map(([metric, role, d]): AttachmentChoice => ({
          metric,
          role,
          expectedDirection: ROLE_DIRECTIONS[role]![d]!,
        })),
    },
    {
      weight: 1,
      arbitrary: metricChoice.map((metric): AttachmentChoice => ({
        metric,
        role: 'guardrail',
        expectedDirection: 'increase',
      })),
    },
  )
  const setMetrics = fc
    .record({
      op: fc.constant('setMetrics' as const),
      actor,
      environment,
      target,
      version,
      metrics: fc.array(attachment, { maxLength: 3 }),
      base: fc.nat({ max: 100 }),
    })
    .map(({ base, ...op }) => ({
      ...op,
      // Consecutive local picks, so that a list names distinct metrics unless the pool is short.
      metrics: op.metrics.map((m, i) =>
        m.metric.kind === 'local' ? { ...m, metric: { kind: 'local' as const, pick: base + i } } : m,
      ),
    }))
  const split = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    {
      weight: 6,
      arbitrary: fc.constantFrom([50, 50], [20, 80], [12.34, 87.66], [100, 0], [60, 50]).map(([a, b]) => [
        { variant: 'control', weight: a },
        { variant: 'treatment', weight: b },
      ]),
    },
    {
      weight: 1,
      arbitrary: fc.constant([
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 50 },
      ]),
    },
  )
  const setRollout = fc.record({
    op: fc.constant('setRollout' as const),
    actor,
    environment,
    target,
    version,
    split,
    trafficPercentage: fc.constantFrom(100, 50, 12.5, 0, 101),
  })
  return fc.oneof(
    { weight: 10, arbitrary: createMetric },
    { weight: 5, arbitrary: metricWrite },
    { weight: 8, arbitrary: setMetrics },
    { weight: 5, arbitrary: setRollout },
    { weight: 5, arbitrary: analysisOperations({ actor, environment, target, version }) },
  )
}

/** The metric a choice names in the model, if any. */
export function metricOf(model: Model, choice: MetricChoice, environmentKey = ''): ModelMetric | null {
  const pool =
    choice.kind === 'local'
      ? model.metrics.filter((m) => m.environmentKey === environmentKey && m.deletedAt === null)
      : model.metrics
  if (choice.kind === 'unknown' || pool.length === 0) return null
  return pool[choice.pick % pool.length] ?? null
}

const foldAscii = (value: string) => value.toLowerCase()
const nameTaken = (model: Model, environmentKey: string, name: string, except: string | null) =>
  model.metrics.some(
    (m) =>
      m.id !== except &&
      m.environmentKey === environmentKey &&
      m.deletedAt === null &&
      foldAscii(m.name) === foldAscii(name),
  )
const users = (model: Model, metricId: string) =>
  model.experiments.filter((e) => e.deletedAt === null && e.metrics.some((m) => m.metricId === metricId))
const error = (code: ExpectedError['code']): Prediction => ({ kind: 'error', error: { code } })

function validFields(input: MetricFieldsChoice): boolean {
  if (input.name !== undefined && acceptedText(input.name, 255) === null) return false
  if (input.event !== undefined && (acceptedText(input.event, 255) === null || /\p{Cc}/u.test(input.event)))
    return false
  if (input.aggregation !== undefined && !['occurrence', 'count', 'sum'].includes(input.aggregation))
    return false
  return input.direction === undefined || ['up', 'down', 'informational'].includes(input.direction)
}

/** What the service must answer to a catalogue operation. */
export function predictMetric(model: Model, op: MetricOp): Prediction {
  if (op.op === 'createMetric') {
    const denied = authorize(op.actor, op.environmentKey, 'manage_metrics')
    if (denied) return { kind: 'error', error: denied }
    if (!validFields(op.input)) return error('validation_failed')
    const name = op.input.name.trim()
    if (nameTaken(model, op.environmentKey, name, null)) return error('metric_name_taken')
    const metric: ModelMetric = {
      id: '',
      environmentKey: op.environmentKey,
      name,
      event: op.input.event.trim(),
      aggregation: op.input.aggregation as ModelMetric['aggregation'],
      direction: op.input.direction as ModelMetric['direction'],
      version: 1,
      deletedAt: null,
      updatedAt: model.now,
      audit: ['metric_created'],
    }
    return { kind: 'metric', after: metric, changed: true }
  }
  const target = metricOf(model, op.metric)
  const environmentKey =
    op.environment.kind === 'own' ? (target?.environmentKey ?? 'dev') : op.environment.key
  const denied = authorize(op.actor, environmentKey, 'manage_metrics')
  if (denied) return { kind: 'error', error: denied }
  if (op.op === 'updateMetric' && !validFields(op.input)) return error('validation_failed')
  const visible =
    target !== null &&
    target.environmentKey === environmentKey &&
    (op.op === 'restoreMetric' || target.deletedAt === null)
  if (!visible) return error('metric_not_found')
  if (op.version === 'stale') return error('version_mismatch')
  const edit = (patch: Partial<ModelMetric>, action: string): Prediction => ({
    kind: 'metric',
    after: {
      ...target,
      ...patch,
      version: target.version + 1,
      updatedAt: model.now,
      audit: [...target.audit, action],
    },
    changed: true,
  })
  switch (op.op) {
    case 'updateMetric': {
      const next = {
        name: op.input.name?.trim() ?? target.name,
        event: op.input.event?.trim() ?? target.event,
        aggregation: (op.input.aggregation ?? target.aggregation) as ModelMetric['aggregation'],
        direction: (op.input.direction ?? target.direction) as ModelMetric['direction'],
      }
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === target[k])
      if (same) return { kind: 'metric', after: target, changed: false }
      const measure = next.event !== target.event || next.aggregation !== target.aggregation
      if (measure && users(model, target.id).some((e) => e.status === 'running' || e.status === 'paused'))
        return error('metric_in_use')
      if (next.name !== target.name && nameTaken(model, environmentKey, next.name, target.id))
        return error('metric_name_taken')
      return edit(next, 'metric_updated')
    }
    case 'deleteMetric':
      if (users(model, target.id).some((e) => e.status !== 'completed')) return error('metric_in_use')
      return edit({ deletedAt: model.now }, 'metric_deleted')
    case 'restoreMetric':
      if (target.deletedAt === null) return { kind: 'metric', after: target, changed: false }
      if (nameTaken(model, environmentKey, target.name, target.id)) return error('metric_name_taken')
      return edit({ deletedAt: null }, 'metric_restored')
  }
}

/** The attachments a setMetrics request names, or null when the request is invalid. */
function attachmentsOf(model: Model, op: Extract<DesignOp, { op: 'setMetrics' }>, environmentKey: string) {
  const seen = new Set<string>()
  let primaries = 0
  const resolved: ModelAttachment[] = []
  let unknown = false
  for (const choice of op.metrics) {
    if (!ROLE_DIRECTIONS[choice.role]!.includes(choice.expectedDirection)) return null
    if (choice.role === 'primary' && ++primaries > 1) return null
    const metric = metricOf(model, choice.metric, environmentKey)
    const id = metric?.id ?? UNKNOWN_UUID
    if (seen.has(id)) return null
    seen.add(id)
    if (metric === null) unknown = true
    resolved.push({
      metricId: id,
      role: choice.role as ModelAttachment['role'],
      expectedDirection: choice.expectedDirection as ModelAttachment['expectedDirection'],
    })
  }
  return { resolved, unknown }
}

const primaryOf = (metrics: readonly ModelAttachment[]) => {
  const p = metrics.find((m) => m.role === 'primary')
  return p === undefined ? 'none' : `${p.metricId}/${p.expectedDirection}`
}

/** The metric ids a setMetrics request sends, resolved against the model. */
export function sentMetrics(
  model: Model,
  op: Extract<DesignOp, { op: 'setMetrics' }>,
  environmentKey: string,
) {
  return op.metrics.map((m) => ({
    metric: metricOf(model, m.metric, environmentKey)?.id ?? UNKNOWN_UUID,
    role: m.role,
    expectedDirection: m.expectedDirection,
  }))
}

/** The rollout a setRollout request sends, given the experiment's current split. */
export function sentRollout(op: Extract<DesignOp, { op: 'setRollout' }>, target: ModelExperiment | null) {
  return {
    trafficPercentage: op.trafficPercentage,
    allocations: op.split ??
      target?.allocations ?? [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
  }
}

/** Whether every metric a setMetrics request names is live in the request's environment. */
export function metricsUsable(
  model: Model,
  op: Extract<DesignOp, { op: 'setMetrics' }>,
  environmentKey: string,
): boolean {
  return op.metrics.every((choice) => {
    const metric = metricOf(model, choice.metric, environmentKey)
    return metric !== null && metric.environmentKey === environmentKey && metric.deletedAt === null
  })
}

/** Whether a setRollout request lists exactly the feature's variants (control, treatment). */
export function knownVariants(op: Extract<DesignOp, { op: 'setRollout' }>, target: ModelExperiment): boolean {
  const variants = sentRollout(op, target).allocations.map((a) => a.variant)
  return variants.length === 2 && variants.includes('control') && variants.includes('treatment')
}

/**
 * What the service must answer to a design change of `target` (already found visible, version
 * checked) — called by the reference model after its common checks.
 */
export function decideDesign(
  model: Model,
  target: ModelExperiment,
  op: DesignOp,
  environmentKey: string,
): Prediction {
  const now = model.now
  if (op.op === 'setAnalysis') return decideAnalysis(target, acceptedAnalysis(op.analysis)!, op.actor, now)
  if (op.op === 'setMetrics') {
    const metrics = attachmentsOf(model, op, environmentKey)!.resolved
    const usable = metrics.every((m) =>
      model.metrics.some(
        (c) => c.id === m.metricId && c.environmentKey === environmentKey && c.deletedAt === null,
      ),
    )
    if (!usable) return error('metric_not_found')
    if (JSON.stringify(metrics) === JSON.stringify(target.metrics))
      return { kind: 'experiment', after: target, changed: false }
    if (target.status === 'completed') return error('experiment_completed')
    if (target.startedAt !== null && primaryOf(metrics) !== primaryOf(target.metrics))
      return error('primary_metric_locked')
    return {
      kind: 'experiment',
      after: changed(target, { metrics }, 'metrics_changed', op.actor, now),
      changed: true,
    }
  }
  const rollout = sentRollout(op, target)
  if (rollout.allocations.some((a) => a.variant !== 'control' && a.variant !== 'treatment'))
    return error('validation_failed')
  const sameSplit = JSON.stringify(rollout.allocations) === JSON.stringify(target.allocations)
  if (sameSplit && rollout.trafficPercentage === target.trafficPercentage)
    return { kind: 'experiment', after: target, changed: false }
  if (target.status === 'completed') return error('experiment_completed')
  if (target.startedAt !== null && !sameSplit) return error('allocation_locked')
  return {
    kind: 'experiment',
    after: changed(
      target,
      { trafficPercentage: rollout.trafficPercentage, allocations: rollout.allocations },
      'rollout_changed',
      op.actor,
      now,
    ),
    changed: true,
  }
}

/** Whether a design request is refused by its shape alone, before any lookup. */
export function invalidDesign(model: Model, op: DesignOp, environmentKey: string): boolean {
  if (op.op === 'setMetrics') return attachmentsOf(model, op, environmentKey) === null
  if (op.op === 'setAnalysis') return acceptedAnalysis(op.analysis) === null
  const rollout = sentRollout(op, null)
  const sum = rollout.allocations.reduce((s, a) => s + Math.round(a.weight * 100), 0)
  return (
    op.trafficPercentage > 100 ||
    sum !== 10_000 ||
    (op.split !== null && op.split.filter((a) => a.weight > 0).length < 2)
  )
}

type Outcome = Result<unknown, ExperimentError>

/** Sends a catalogue operation to the service. */
export async function executeMetric(
  service: ExperimentService,
  model: Model,
  op: MetricOp,
): Promise<Outcome> {
  if (op.op === 'createMetric')
    return await service.createMetric(op.actor, op.environmentKey, op.input as never)
  const target = metricOf(model, op.metric)
  const environmentKey =
    op.environment.kind === 'own' ? (target?.environmentKey ?? 'dev') : op.environment.key
  const id = target?.id ?? UNKNOWN_UUID
  const current = target?.version ?? 1
  const expectedVersion = op.version === 'none' ? undefined : op.version === 'current' ? current : current + 1
  const options = (expectedVersion === undefined ? {} : { expectedVersion }) as never
  if (op.op === 'updateMetric')
    return await service.updateMetric(op.actor, environmentKey, id, op.input as never, options)
  return await service[op.op](op.actor, environmentKey, id, options)
}

/** A metric as the service answers or stores it, in the shape {@link expectedMetric} gives. */
export function actualMetric(m: {
  id: string
  name: string
  event: string
  aggregation: string
  direction: string
  version: number
  updatedAt: Date
}) {
  return {
    id: m.id,
    name: m.name,
    event: m.event,
    aggregation: m.aggregation,
    direction: m.direction,
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
  }
}

/** The metric the model expects the service to answer or store. */
export function expectedMetric(m: ModelMetric) {
  return {
    id: m.id,
    name: m.name,
    event: m.event,
    aggregation: m.aggregation,
    direction: m.direction,
    version: m.version,
    updatedAt: new Date(m.updatedAt).toISOString(),
  }
}
