import { expect } from 'vitest'
import type { AuditEntry, Metric, StoredExperiment } from '../../../src/index.js'
import { expectedMetric } from './design-model.js'
import type { Model, ModelExperiment } from './reference-model.js'
import { ENVIRONMENTS } from './universe.js'
import type { Snapshot, World } from './world.js'

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
const isoOf = (d: Date | null) => (d === null ? null : d.toISOString())
const STATUS_ACTIONS = new Set(['started', 'resumed', 'paused', 'completed'])

/** The stored form the model expects for an experiment. */
export function expectedRow(world: World, e: ModelExperiment) {
  return {
    id: e.id,
    environmentId: world.environments.find((env) => env.key === e.environmentKey)?.id,
    featureId: e.featureId,
    name: e.name,
    hypothesis: e.hypothesis,
    status: e.status,
    version: e.version,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    startedAt: iso(e.startedAt),
    endedAt: iso(e.endedAt),
    deletedAt: iso(e.deletedAt),
    history: e.history.map((h) => ({ from: h.from, to: h.to, at: iso(h.at), actor: h.actor })),
    metrics: e.metrics.map((m) => ({ ...m })),
    trafficPercentage: e.trafficPercentage,
    allocations: e.allocations.map((a) => ({ ...a })),
    analysis: { ...e.analysis },
  }
}

/** An analysis setting as the service answers or stores it, in the model's shape. */
export const analysisOf = ({ method, sequentialTuning, preExposureDays }: StoredExperiment['analysis']) => ({
  method,
  sequentialTuning,
  preExposureDays,
})

/** A stored experiment in the same comparable shape as {@link expectedRow}. */
export function storedRow(s: StoredExperiment) {
  return {
    id: s.id,
    environmentId: s.environmentId,
    featureId: s.featureId,
    name: s.name,
    hypothesis: s.hypothesis,
    status: s.status,
    version: s.version,
    createdAt: isoOf(s.createdAt),
    updatedAt: isoOf(s.updatedAt),
    startedAt: isoOf(s.startedAt),
    endedAt: isoOf(s.endedAt),
    deletedAt: isoOf(s.deletedAt),
    history: s.history.map((h) => ({
      from: h.from,
      to: h.to,
      at: isoOf(h.at),
      actor: { type: h.actor.type, id: h.actor.id },
    })),
    metrics: s.metrics.map((m) => ({
      metricId: m.metricId,
      role: m.role,
      expectedDirection: m.expectedDirection,
    })),
    trafficPercentage: s.rollout.trafficPercentage,
    allocations: s.rollout.allocations.map((a) => ({ variant: a.variant, weight: a.weight })),
    analysis: analysisOf(s.analysis),
  }
}

/** Timestamps consistent with status (docs/rules.md#timestamps), checked on every stored experiment. */
function checkTimestamps(s: StoredExperiment): void {
  const where = `experiment ${s.id} (${s.status})`
  expect(s.startedAt === null, `${where}: startedAt`).toBe(s.status === 'created')
  expect(s.endedAt === null, `${where}: endedAt`).toBe(s.status !== 'completed')
  expect(s.createdAt.getTime(), `${where}: createdAt <= updatedAt`).toBeLessThanOrEqual(s.updatedAt.getTime())
  for (const t of [s.startedAt, s.endedAt, s.deletedAt]) {
    if (t === null) continue
    expect(t.getTime(), `${where}: within createdAt..updatedAt`).toBeGreaterThanOrEqual(s.createdAt.getTime())
    expect(t.getTime(), `${where}: within createdAt..updatedAt`).toBeLessThanOrEqual(s.updatedAt.getTime())
  }
  if (s.startedAt && s.endedAt) expect(s.startedAt.getTime()).toBeLessThanOrEqual(s.endedAt.getTime())
  expect(s.version, `${where}: version >= 1`).toBeGreaterThanOrEqual(1)
}

/**
 * Everything stored matches the model, and the invariants (docs/rules.md#invariants) hold on what is stored:
 * one active experiment per slot, timestamps consistent with status, and exactly one audit
 * entry per persisted change (and one history row per status change) — no more, no fewer.
 */
export function checkSnapshot(world: World, model: Model, snapshot: Snapshot): void {
  const expectedIds = model.experiments.map((e) => e.id).sort()
  expect(snapshot.experiments.map((e) => e.id).sort(), 'persisted experiments').toEqual(expectedIds)
  const slots = new Map<string, string>()
  for (const stored of snapshot.experiments) {
    checkTimestamps(stored)
    if (stored.status !== 'completed' && stored.deletedAt === null) {
      const slot = `${stored.environmentId}/${stored.featureId}`
      expect(slots.get(slot), `two active experiments in slot ${slot}`).toBeUndefined()
      slots.set(slot, stored.id)
    }
  }
  const auditIds = snapshot.audit.map((a) => a.id)
  expect(new Set(auditIds).size, 'audit entry ids are unique').toBe(auditIds.length)
  const known = new Set([...expectedIds, ...model.metrics.map((m) => m.id)])
  for (const entry of snapshot.audit)
    expect(known.has(entry.subject.id), `audit entry ${entry.id} without its experiment`).toBe(true)
  for (const e of model.experiments) {
    const stored = snapshot.experiments.find((s) => s.id === e.id)
    expect(stored && storedRow(stored), `stored experiment ${e.id}`).toEqual(expectedRow(world, e))
    const environment = ENVIRONMENTS.find((env) => env.key === e.environmentKey)
    const entries = snapshot.audit.filter((a) => a.experimentId === e.id)
    expect(entries.length, `audit entries of ${e.id} == version`).toBe(e.version)
    expect(
      entries.map((a) => ({
        action: a.action,
        actor: { type: a.actor.type, id: a.actor.id },
        at: a.at.toISOString(),
        environmentId: a.environmentId,
        projectId: a.projectId,
        message: a.message,
        changes: a.changes,
      })),
      `audit entries of ${e.id}`,
    ).toEqual(
      e.audit.map((a) => ({
        action: a.action,
        actor: a.actor,
        at: iso(a.at),
        environmentId: world.environments.find((env) => env.key === e.environmentKey)?.id,
        projectId: environment?.projectId,
        message: `Experiment '${a.name}' ${a.action.replace(/_/g, ' ')} for environment ${environment?.name}`,
        changes: a.changes,
      })),
    )
    const statusEntries = entries.filter((a) => STATUS_ACTIONS.has(a.action))
    expect(
      statusEntries.map((a) => `${a.at.toISOString()} ${a.actor.type}:${a.actor.id}`),
      `history rows of ${e.id} match its status audit entries one to one`,
    ).toEqual(stored?.history.map((h) => `${h.at.toISOString()} ${h.actor.type}:${h.actor.id}`))
  }
}

/**
 * The catalogue matches the model, each metric with one audit entry per version; no experiment
 * that is neither completed nor deleted lists a deleted metric; an experiment that has started
 * keeps the split between variants it started with.
 */
export function checkMetrics(
  model: Model,
  stored: readonly Metric[],
  experiments: readonly StoredExperiment[],
  audit: readonly AuditEntry[],
): void {
  expect(stored.map((m) => m.id).sort(), 'persisted metrics').toEqual(model.metrics.map((m) => m.id).sort())
  for (const m of model.metrics) {
    const row = stored.find((s) => s.id === m.id)!
    expect({ ...actualOf(row), deletedAt: isoOf(row.deletedAt) }, `stored metric ${m.id}`).toEqual({
      ...expectedMetric(m),
      deletedAt: iso(m.deletedAt),
    })
    const entries = audit.filter((a) => a.subject.type === 'metric' && a.subject.id === m.id)
    expect(
      entries.map((a) => a.action),
      `audit entries of metric ${m.id}`,
    ).toEqual(m.audit)
    expect(entries.length, `audit entries of metric ${m.id} == version`).toBe(m.version)
    expect(
      entries.every((a) => a.experimentId === null),
      'metric entries name no experiment',
    ).toBe(true)
  }
  const deleted = new Set(stored.filter((m) => m.deletedAt !== null).map((m) => m.id))
  for (const e of experiments) {
    if (e.status !== 'completed' && e.deletedAt === null) {
      const listed = e.metrics.map((m) => m.metricId).filter((id) => deleted.has(id))
      expect(listed, `experiment ${e.id} (${e.status}) lists deleted metrics`).toEqual([])
    }
    const started = model.experiments.find((x) => x.id === e.id)?.startAllocations
    if (e.startedAt !== null && started !== undefined && started !== null) {
      expect(
        e.rollout.allocations.map((a) => ({ variant: a.variant, weight: a.weight })),
        `experiment ${e.id} keeps the split it started with`,
      ).toEqual(started)
    }
  }
}

const actualOf = (m: Metric) => ({
  id: m.id,
  name: m.name,
  event: m.event,
  aggregation: m.aggregation,
  direction: m.direction,
  version: m.version,
  updatedAt: m.updatedAt.toISOString(),
})
