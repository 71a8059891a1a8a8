import type { ResultAsync } from 'neverthrow'
import { expect } from 'vitest'
import type {
  Actor,
  ExperimentError,
  ExperimentList,
  ExperimentService,
  ExperimentView,
} from '../../../src/index.js'
import type { StoredRows } from '../../support/stored-state.js'

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** What a workload saw: outcomes by code, and every write the service acknowledged. */
export interface WorkloadLog {
  calls: number
  ok: number
  unavailable: number
  codes: Map<string, number>
  /** Acknowledged writes: the experiment and the version the caller was told it now has. */
  acknowledged: { id: string; version: number }[]
  known: { id: string; environment: string }[]
}

export const newLog = (): WorkloadLog => ({
  calls: 0,
  ok: 0,
  unavailable: 0,
  codes: new Map(),
  acknowledged: [],
  known: [],
})

const admin: Actor = { type: 'user', id: '1' }
const SLOTS = [
  ['dev', '1'],
  ['dev', '4'],
  ['prod', '1'],
  ['prod', '4'],
  ['other', '3'],
] as const
/** Codes a call may end with while the database fails under it; anything else fails the test. */
const EXPECTED_CODES = new Set([
  'unavailable',
  'active_experiment_exists',
  'invalid_transition',
  'experiment_running',
  'experiment_not_found',
  'version_mismatch',
])

/**
 * Runs `calls` random operations, `concurrency` at a time, against the service. Every call must
 * resolve (a `ResultAsync` never rejects) to success or an expected, typed error.
 */
export async function runWorkload(
  service: ExperimentService,
  log: WorkloadLog,
  options: { calls: number; concurrency: number; random: () => number; onCall?: () => Promise<void> | void },
): Promise<void> {
  const { random } = options
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  let remaining = options.calls

  async function one(): Promise<void> {
    const roll = random()
    const target = log.known.length > 0 ? pick(log.known) : null
    let call: ResultAsync<ExperimentView, ExperimentError> | ResultAsync<ExperimentList, ExperimentError>
    let write = true
    if (target === null || roll < 0.25) {
      const [environment, feature] = pick(SLOTS)
      call = service.create(admin, environment, { feature, name: `Fault ${log.calls}`, hypothesis: 'h' })
    } else {
      const { id, environment } = target
      const op = pick(['start', 'pause', 'complete', 'delete', 'restore', 'update', 'get', 'list'] as const)
      write = op !== 'get' && op !== 'list'
      call =
        op === 'update'
          ? service.update(admin, environment, id, { name: `Renamed ${log.calls}` })
          : op === 'list'
            ? service.list(admin, environment, { limit: 5 })
            : service[op](admin, environment, id)
    }
    log.calls++
    const result = await call
    if (result.isOk()) {
      log.ok++
      const value = result.value
      if (write && 'version' in value) {
        log.acknowledged.push({ id: value.id, version: value.version })
        if (value.version === 1) log.known.push({ id: value.id, environment: environmentOf(value, log) })
      }
      return
    }
    const { code } = result.error
    log.codes.set(code, (log.codes.get(code) ?? 0) + 1)
    if (code === 'unavailable') log.unavailable++
    expect(EXPECTED_CODES.has(code), `unexpected ${code} under faults`).toBe(true)
  }

  function environmentOf(view: ExperimentView, current: WorkloadLog): string {
    const found = current.known.find((k) => k.id === view.id)
    if (found) return found.environment
    const slot = SLOTS.find(([environment]) => view.environmentId === `env-${environment}`)
    return slot?.[0] ?? 'dev'
  }

  const workers = Array.from({ length: options.concurrency }, async () => {
    while (remaining > 0) {
      remaining--
      await options.onCall?.()
      await one()
    }
  })
  await Promise.all(workers)
}

/**
 * Every write the service acknowledged is stored (its version or a later one, with that many
 * audit entries); returns how many were lost (must be 0).
 */
export function lostAcknowledgedWrites(log: WorkloadLog, stored: StoredRows): number {
  let lost = 0
  for (const { id, version } of log.acknowledged) {
    const row = stored.experiments.find((e) => e.id === id)
    const entries = stored.audit.filter((a) => a.experimentId === id).length
    if (row === undefined || row.version < version || entries < version) lost++
  }
  return lost
}
