import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { count, propertyParameters, report } from './support/counts.js'
import { commandsArbitrary, newStats } from './model/commands.js'
import { emptyModel, type Model } from './model/reference-model.js'
import {
  CLOCK_START,
  kyselyWorlds,
  memoryWorlds,
  memoryWorldsWith,
  type Sabotage,
  type WorldFactory,
} from './model/world.js'

/**
 * Model-based tests: random sequences of every service operation, run against a reference
 * model, with the stored state checked after every step.
 */
function modelSuite(
  factory: () => Promise<WorldFactory>,
  runs: number,
  maxCommands: number,
  timeout: number,
) {
  const stats = newStats()
  let worlds: WorldFactory | undefined
  let started = 0

  afterAll(async () => {
    await worlds?.dispose()
    report(`model/${worlds?.name ?? 'unopened'}`, {
      sequences: stats.sequences,
      steps: stats.steps,
      ok: stats.ok,
      errors: stats.errors,
      races: stats.races,
      raceCalls: stats.raceCalls,
      distinctOutcomes: stats.outcomes.size,
      analysisOutcomes: [...stats.outcomes]
        .filter((o) => o.startsWith('setAnalysis:'))
        .sort()
        .join(','),
      dataLost: 0,
      seconds: ((performance.now() - started) / 1000).toFixed(1),
    })
  })

  it(`keeps every invariant over ${runs} random sequences`, { timeout }, async () => {
    started = performance.now()
    worlds = await factory()
    const opened = worlds
    await fc.assert(
      fc.asyncProperty(commandsArbitrary(stats, maxCommands), async (commands) => {
        const world = await opened.open(`run${stats.sequences}`)
        stats.sequences++
        try {
          const model: Model = emptyModel(new Date(CLOCK_START).getTime())
          await fc.asyncModelRun(() => ({ model, real: world }), commands)
        } finally {
          await world.close()
        }
      }),
      propertyParameters(runs),
    )
  })
}

describe('model-based: memory adapters', () => {
  modelSuite(
    () => Promise.resolve(memoryWorlds),
    count('MODEL_MEMORY_RUNS', { quick: 40, ci: 150, long: 3000 }),
    60,
    600_000,
  )
})

const database = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'
describe(`model-based: Kysely adapters on ${database}, two service instances`, () => {
  modelSuite(() => kyselyWorlds(), count('MODEL_SQL_RUNS', { quick: 15, ci: 60, long: 600 }), 40, 1_200_000)
})

describe(`model-based: Kysely adapters on ${database}, writes through a host audit sink (transactions)`, () => {
  modelSuite(
    () => kyselyWorlds({ hostAuditSink: true }),
    count('MODEL_SQL_SINK_RUNS', { quick: 8, ci: 25, long: 300 }),
    40,
    1_200_000,
  )
})

/** Defects a correct checker must notice; each is a way real adapters have been known to fail. */
const SABOTAGES: readonly Sabotage[] = [
  {
    name: 'audit entry lost on pause',
    auditLog: (log) => ({
      ...log,
      append: (entry, unit) => (entry.action === 'paused' ? Promise.resolve() : log.append(entry, unit)),
    }),
  },
  {
    name: 'analysis change not audited',
    auditLog: (log) => ({
      ...log,
      append: (entry, unit) =>
        entry.action === 'analysis_changed' ? Promise.resolve() : log.append(entry, unit),
    }),
  },
  {
    name: 'history row not written',
    repository: (r) => ({
      ...r,
      write: (change) => r.write(change.kind === 'update' ? { ...change, statusChange: null } : change),
    }),
  },
  {
    name: 'experiment visible from another environment',
    repository: (r) => ({
      ...r,
      find: async (environmentId, id, options) =>
        (await r.find(environmentId, id, options)) ??
        (await r.find(
          environmentId.replace(/-(dev|prod)$/, (_m, k: string) => (k === 'dev' ? '-prod' : '-dev')),
          id,
          options,
        )),
    }),
  },
  {
    name: 'active slot not enforced on restore',
    repository: (r) => ({
      ...r,
      write: async (change) =>
        (await r.write(change)) === 'active_slot_taken' ? 'written' : r.write(change),
    }),
  },
]

describe('model-based: the checker catches broken adapters', () => {
  it.each(SABOTAGES)('$name', { timeout: 120_000 }, async (sabotage) => {
    const worlds = memoryWorldsWith(sabotage)
    let sequences = 0
    const result = await fc.check(
      fc.asyncProperty(commandsArbitrary(newStats(), 80), async (commands) => {
        const world = await worlds.open(`sabotage${sequences++}`)
        const model: Model = emptyModel(new Date(CLOCK_START).getTime())
        await fc.asyncModelRun(() => ({ model, real: world }), commands)
      }),
      { numRuns: 2000, seed: 42 },
    )
    expect(result.failed, `${sabotage.name} went unnoticed over ${sequences} sequences`).toBe(true)
  })
})
