import { expect } from 'vitest'
import type { StoredExperiment } from '../../../src/index.js'
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
  }
}

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
  const known = new Set(expectedIds)
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
        message: `Experiment '${a.name}' ${a.action} for environment ${environment?.name}`,
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
