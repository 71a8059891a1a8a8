import { expect } from 'vitest'
import type { StoredRows } from '../../support/stored-state.js'

const STATUS_ACTIONS = new Set(['started', 'resumed', 'paused', 'completed'])

/** What {@link checkStoredInvariants} found, for the report. */
export interface StoredFigures {
  readonly experiments: number
  readonly auditEntries: number
  readonly historyRows: number
  /** Changes without their audit entry or history row, or entries without their change: must be 0. */
  readonly dataLost: number
}

/**
 * The invariants that must hold on stored rows whatever happened: at most one active
 * experiment per slot; timestamps consistent with status; one audit entry per persisted change
 * (`version` of them, the first `created`) and one history row per status change, in order.
 */
export function checkStoredInvariants(rows: StoredRows): StoredFigures {
  const slots = new Set<string>()
  let lost = 0
  for (const e of rows.experiments) {
    if (e.status !== 'completed' && e.deletedAt === null) {
      const slot = `${e.environmentId}/${e.featureId}`
      expect(slots.has(slot), `two active experiments in ${slot}`).toBe(false)
      slots.add(slot)
    }
    expect(e.startedAt === null, `${e.id} startedAt vs ${e.status}`).toBe(e.status === 'created')
    expect(e.endedAt === null, `${e.id} endedAt vs ${e.status}`).toBe(e.status !== 'completed')
    const audit = rows.audit.filter((a) => a.experimentId === e.id)
    const statusAudit = audit.filter((a) => STATUS_ACTIONS.has(a.action))
    if (audit.length !== e.version || audit[0]?.action !== 'created') lost++
    if (statusAudit.length !== e.history.length) lost++
    expect(audit.length, `${e.id}: one audit entry per change (version ${e.version})`).toBe(e.version)
    expect(audit[0]?.action, `${e.id}: first audit entry`).toBe('created')
    expect(
      statusAudit.map((a) => a.at.toISOString()),
      `${e.id}: one history row per status change`,
    ).toEqual(e.history.map((h) => h.at.toISOString()))
    const last = e.history.at(-1)
    if (last !== undefined) expect(last.to, `${e.id}: history ends in the current status`).toBe(e.status)
  }
  const ids = new Set(rows.experiments.map((e) => e.id))
  const orphans = rows.audit.filter((a) => a.subject.type === 'experiment' && !ids.has(a.subject.id)).length
  expect(orphans, 'audit entries without their experiment').toBe(0)
  return {
    experiments: rows.experiments.length,
    auditEntries: rows.audit.length,
    historyRows: rows.experiments.reduce((n, e) => n + e.history.length, 0),
    dataLost: lost + orphans,
  }
}
