import fc from 'fast-check'
import type { Result } from 'neverthrow'
import { expect } from 'vitest'
import type { ExperimentError, ExperimentView } from '../../../src/index.js'
import { analysisOf, checkMetrics, checkSnapshot, expectedRow } from './invariants.js'
import {
  actualMetric,
  executeMetric,
  expectedMetric,
  sentMetrics,
  sentRollout,
  type DesignOp,
  type MetricOp,
} from './design-model.js'
import { describe, operation, type CreateOp, type Op, type WriteOp } from './operations.js'
import {
  commit,
  predict,
  resolveTarget,
  resolveVersion,
  runningSecondsOf,
  targetOf,
  type Model,
  type Prediction,
} from './reference-model.js'
import type { World } from './world.js'

/** Figures a model-based run accumulates for the report. */
export interface ModelStats {
  sequences: number
  steps: number
  ok: number
  errors: number
  races: number
  raceCalls: number
  /** The distinct `operation:outcome` pairs seen (coverage of the error table). */
  outcomes: Set<string>
}

export const newStats = (): ModelStats => ({
  sequences: 0,
  steps: 0,
  ok: 0,
  errors: 0,
  races: 0,
  raceCalls: 0,
  outcomes: new Set(),
})

type Outcome = Result<unknown, ExperimentError>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function viewOf(world: World, model: Model, id: string) {
  const e = model.experiments.find((x) => x.id === id)
  if (e === undefined) throw new Error(`model has no experiment ${id}`)
  const { deletedAt: _deletedAt, history: _history, ...row } = expectedRow(world, e)
  return { ...row, runningSeconds: runningSecondsOf(e, model.now) }
}

function actualView(v: ExperimentView) {
  return {
    id: v.id,
    environmentId: v.environmentId,
    featureId: v.featureId,
    name: v.name,
    hypothesis: v.hypothesis,
    status: v.status,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    startedAt: v.startedAt?.toISOString() ?? null,
    endedAt: v.endedAt?.toISOString() ?? null,
    runningSeconds: v.runningSeconds,
    metrics: v.metrics.map((m) => ({
      metricId: m.metricId,
      role: m.role,
      expectedDirection: m.expectedDirection,
    })),
    trafficPercentage: v.rollout.trafficPercentage,
    allocations: v.rollout.allocations.map((a) => ({ variant: a.variant, weight: a.weight })),
    analysis: analysisOf(v.analysis),
  }
}

type ReadOp = Extract<Op, { op: 'get' | 'history' }>
const isRead = (op: CreateOp | WriteOp | DesignOp | ReadOp): op is ReadOp =>
  op.op === 'get' || op.op === 'history'

/** Sends one operation to the service, resolving its target against the model first. */
async function execute(
  world: World,
  model: Model,
  op: CreateOp | WriteOp | DesignOp | ReadOp,
  service = world.service,
): Promise<Outcome> {
  if (op.op === 'create') {
    const { extra, ...input } = op.input
    return service.create(
      op.actor,
      op.environmentKey,
      (extra === undefined ? input : { ...input, [extra]: 'x' }) as never,
    )
  }
  const { target, environmentKey, id } = resolveTarget(model, op)
  if (isRead(op))
    return op.op === 'get'
      ? service.get(op.actor, environmentKey, id)
      : service.history(op.actor, environmentKey, id)
  const expectedVersion = resolveVersion(op.version, target?.version ?? 1)
  const options = (expectedVersion === undefined ? {} : { expectedVersion }) as never
  if (op.op === 'setMetrics')
    return service.setMetrics(
      op.actor,
      environmentKey,
      id,
      { metrics: sentMetrics(model, op, environmentKey) } as never,
      options,
    )
  if (op.op === 'setRollout')
    return service.setRollout(op.actor, environmentKey, id, sentRollout(op, target), options)
  if (op.op === 'setAnalysis')
    return service.setAnalysis(op.actor, environmentKey, id, op.analysis as never, options)
  if (op.op === 'update') {
    const { extra, ...input } = op.input
    return service.update(
      op.actor,
      environmentKey,
      id,
      extra === undefined ? input : { ...input, [extra]: 'x' },
      options,
    )
  }
  return service[op.op](op.actor, environmentKey, id, options)
}

/** Lists every page of a query, checking that each page agrees on the counts. */
async function listAll(
  world: World,
  op: Extract<Op, { op: 'list' }>,
): Promise<Result<unknown, ExperimentError>> {
  const { invalid, ...query } = op.query
  const first = await world.service.list(op.actor, op.environmentKey, { ...query, ...invalid })
  if (first.isErr()) return first
  const ids = first.value.results.map((r) => r.id)
  let cursor = first.value.nextCursor
  for (let page = 0; cursor !== null; page++) {
    expect(page, 'pagination terminates').toBeLessThan(1000)
    const next = await world.service.list(op.actor, op.environmentKey, { ...query, cursor })
    if (next.isErr()) return next
    expect(next.value.statusCounts, 'counts are the same on every page').toEqual(first.value.statusCounts)
    ids.push(...next.value.results.map((r) => r.id))
    cursor = next.value.nextCursor
  }
  return first.map(() => ({ ids, counts: first.value.statusCounts }))
}

function checkError(
  outcome: Outcome,
  prediction: Extract<Prediction, { kind: 'error' }>,
  label: string,
): void {
  expect(outcome.isErr() ? outcome.error : outcome.value, label).toMatchObject({
    code: prediction.error.code,
    ...prediction.error.details,
  })
  if (outcome.isErr() && outcome.error.code === 'validation_failed')
    expect(outcome.error.issues.length).toBeGreaterThan(0)
}

/** Checks one outcome against the model's prediction; returns the id of a created experiment. */
function checkOutcome(
  world: World,
  model: Model,
  prediction: Prediction,
  outcome: Outcome,
  label: string,
): string | undefined {
  if (prediction.kind === 'error') {
    checkError(outcome, prediction, label)
    return undefined
  }
  expect(outcome.isOk() ? 'ok' : outcome.error, label).toBe('ok')
  const value = outcome._unsafeUnwrap()
  if (prediction.kind === 'list') {
    expect(value, label).toEqual({ ids: prediction.ids, counts: prediction.counts })
  } else if (prediction.kind === 'history') {
    expect((value as readonly unknown[]).length, label).toBe(prediction.experiment.history.length)
    expect(value, label).toEqual(
      prediction.experiment.history.map((h) => ({
        from: h.from,
        to: h.to,
        at: new Date(h.at),
        actor: h.actor,
      })),
    )
  } else if (prediction.kind === 'metric') {
    const actual = actualMetric(value as Parameters<typeof actualMetric>[0])
    if (prediction.after.id === '') {
      expect(actual.id, label).toMatch(UUID)
      expect(
        model.metrics.some((m) => m.id === actual.id),
        'a fresh metric id',
      ).toBe(false)
      expect(actual, label).toEqual(expectedMetric({ ...prediction.after, id: actual.id }))
      return actual.id
    }
    expect(actual, label).toEqual(expectedMetric(prediction.after))
  } else if (prediction.kind === 'experiment') {
    const view = actualView(value as ExperimentView)
    if (prediction.after.id === '') {
      expect(view.id, label).toMatch(UUID)
      expect(
        model.experiments.some((e) => e.id === view.id),
        'a fresh id',
      ).toBe(false)
      return view.id
    }
  }
  return undefined
}

async function runRace(
  world: World,
  model: Model,
  op: Extract<Op, { op: 'race' }>,
  stats: ModelStats,
): Promise<void> {
  let inner = op.inner
  if (inner.op !== 'create') {
    const target = targetOf(model, inner)
    const fixed = resolveVersion(inner.version, target?.version ?? 1)
    if (typeof fixed === 'number' && Number.isInteger(fixed) && fixed >= 1)
      inner = { ...inner, version: fixed }
    if (target !== null && inner.target.kind !== 'uppercase')
      inner = { ...inner, target: { kind: 'id', id: target.id } }
  }
  const simulated = structuredClone(model)
  const predictions: Prediction[] = []
  for (let i = 0; i < op.copies; i++) {
    const p = predict(simulated, inner)
    predictions.push(p)
    commit(simulated, p, inner)
  }
  const { instances } = world
  const outcomes = await Promise.all(
    Array.from({ length: op.copies }, (_, i) =>
      execute(world, model, inner, instances[i % instances.length]),
    ),
  )
  const key = (o: Outcome) => (o.isOk() ? 'ok' : o.error.code)
  const expectedKeys = predictions.map((p) => (p.kind === 'error' ? p.error.code : 'ok')).sort()
  expect(outcomes.map(key).sort(), `race of ${op.copies}× ${describe(inner)}`).toEqual(expectedKeys)
  stats.races++
  stats.raceCalls += op.copies
  const created = outcomes.find((o) => o.isOk() && inner.op === 'create')
  const placeholder = simulated.experiments.findIndex((e) => e.id === '')
  if (created && placeholder !== -1) {
    const id = (created._unsafeUnwrap() as ExperimentView).id
    simulated.experiments[placeholder] = { ...simulated.experiments[placeholder]!, id }
  }
  for (const outcome of outcomes) {
    if (outcome.isErr()) continue
    const view = actualView(outcome.value as ExperimentView)
    expect(view, 'every winner and no-op of a race sees the final state').toEqual(
      viewOf(world, simulated, view.id),
    )
  }
  model.experiments = simulated.experiments
}

const isMetricOp = (op: Op): op is MetricOp =>
  op.op === 'createMetric' ||
  op.op === 'updateMetric' ||
  op.op === 'deleteMetric' ||
  op.op === 'restoreMetric'

/** One model-checked step: predict, run for real, compare, apply, check the stored state. */
class Step implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly op: Op,
    private readonly stats: ModelStats,
  ) {}

  check = () => true

  async run(model: Model, world: World): Promise<void> {
    const { op } = this
    const label = describe(op)
    if (op.op === 'advance') {
      world.clock.advance(op.ms)
      commit(model, { kind: 'clock' }, op)
    } else if (op.op === 'race') {
      await runRace(world, model, op, this.stats)
    } else {
      const prediction = predict(model, op)
      const outcome =
        op.op === 'list'
          ? await listAll(world, op)
          : isMetricOp(op)
            ? await executeMetric(world.service, model, op)
            : await execute(world, model, op)
      const createdId = checkOutcome(world, model, prediction, outcome, label)
      commit(model, prediction, op, createdId)
      if (outcome.isOk()) this.stats.ok++
      else this.stats.errors++
      this.stats.outcomes.add(`${op.op}:${outcome.isOk() ? 'ok' : outcome.error.code}`)
      if (prediction.kind === 'experiment' && outcome.isOk()) {
        const id = createdId ?? prediction.after.id
        expect(actualView(outcome.value as ExperimentView), label).toEqual(viewOf(world, model, id))
      }
    }
    const snapshot = await world.snapshot(model.experiments.map((e) => e.id))
    checkSnapshot(world, model, snapshot)
    checkMetrics(
      model,
      await world.metricSnapshot(model.metrics.map((m) => m.id)),
      snapshot.experiments,
      snapshot.audit,
    )
    this.stats.steps++
  }

  toString(): string {
    return describe(this.op)
  }
}

/** Random command sequences for `fc.asyncModelRun`. */
export function commandsArbitrary(stats: ModelStats, maxCommands: number) {
  return fc.commands([operation.map((op) => new Step(op, stats))], { maxCommands, size: 'max' })
}
