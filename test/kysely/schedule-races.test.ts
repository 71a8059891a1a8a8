import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCHEDULER_ACTOR, type ExperimentService } from '../../src/index.js'
import { createManualClock } from '../../src/memory.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { openRacingServices } from './kysely-fixture.js'

/**
 * Scheduler instances racing: two services on two pools of one database (on a real Postgres
 * server; one connection on PGlite, which still takes every code path) all run the schedule at
 * once. Every due transition must happen exactly once.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const sizes = onServer
  ? { experiments: 60, runners: 8, rounds: 3 }
  : { experiments: 12, runners: 4, rounds: 2 }
const actor = { type: 'user', id: 'planner' } as const
const environments = [
  { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' },
  { id: crypto.randomUUID(), key: 'prod', name: 'Production', projectId: 'p1' },
]
const features = Array.from({ length: sizes.experiments * sizes.rounds }, (_, i) => ({
  id: String(i),
  name: `f${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))
const T0 = Date.parse('2026-03-01T12:00:00.000Z')
const minutes = (n: number) => new Date(T0 + n * 60_000)

describe.each(['library audit table', 'host audit sink'] as const)(
  `scheduled runs racing on ${onServer ? 'Postgres, two pools' : 'PGlite, one connection'}: %s`,
  (audit) => {
    let database: TestDatabase
    let services: [ExperimentService, ExperimentService]
    const s = () => `"${database.schema}"`

    beforeAll(async () => {
      database = await openTestDatabase()
      const clock = createManualClock(minutes(0))
      services = await openRacingServices(database, audit, { environments, features, clock })
    })

    afterAll(async () => {
      await database.close()
    })

    /** How many `action` audit entries each experiment has, and by whom, in whichever table they go to. */
    async function auditedBy(action: string): Promise<Map<string, string>> {
      const rows =
        audit === 'library audit table'
          ? await database.query<{ id: string; n: number; actor: string }>(
              `select experiment_id::text as id, count(*)::int as n, min(actor_type || ':' || actor_id) as actor
               from ${s()}.flag_experiments_audit where action = $1 group by experiment_id`,
              [action],
            )
          : await database.query<{ id: string; n: number; actor: string }>(
              `select entry->>'experimentId' as id, count(*)::int as n,
                 min((entry->'actor'->>'type') || ':' || (entry->'actor'->>'id')) as actor
               from ${s()}.host_audit where entry->>'action' = $1 group by 1`,
              [action],
            )
      return new Map(rows.map((row) => [row.id, `${row.n} by ${row.actor}`]))
    }

    it(`${sizes.rounds} rounds of ${sizes.runners} concurrent runs: each due start and end performed once`, async () => {
      for (let round = 0; round < sizes.rounds; round++) {
        const ids: string[] = []
        const withEnd = new Set<string>()
        for (let i = 0; i < sizes.experiments; i++) {
          const feature = String(round * sizes.experiments + i)
          const ends = i % 2 === 0
          const created = await services[i % 2]!.create(actor, environments[i % 2]!.key, {
            feature,
            name: `Round ${round} #${i}`,
            hypothesis: 'The scheduler runs it once.',
            scheduledStartAt: minutes(round * 100 + (i % 7)).toISOString(),
            ...(ends ? { scheduledEndAt: minutes(round * 100 + 10 + (i % 5)).toISOString() } : {}),
          })
          const { id } = created._unsafeUnwrap()
          ids.push(id)
          if (ends) withEnd.add(id)
        }
        const now = minutes(round * 100 + 50)
        const runs = await Promise.all(
          Array.from({ length: sizes.runners }, (_, i) => services[i % 2]!.runScheduled(now)),
        )
        const reports = runs.map((run) => run._unsafeUnwrap())
        const started = reports.flatMap((report) => report.started.map((c) => c.experimentId))
        const completed = reports.flatMap((report) => report.completed.map((c) => c.experimentId))
        expect(reports.flatMap((report) => report.failed)).toEqual([])
        expect([...started].sort()).toEqual([...ids].sort())
        expect([...completed].sort()).toEqual([...withEnd].sort())

        const history = await database.query<{ id: string; path: string; actors: string }>(
          `select experiment_id::text as id, string_agg(from_status || '>' || to_status, ',' order by id) as path,
             string_agg(distinct actor_type || ':' || actor_id, ',') as actors
           from ${s()}.flag_experiments_history where experiment_id = any($1::uuid[]) group by experiment_id`,
          [ids],
        )
        expect(history).toHaveLength(ids.length)
        for (const row of history) {
          expect(row.path).toBe(withEnd.has(row.id) ? 'created>running,running>completed' : 'created>running')
          expect(row.actors).toBe(`${SCHEDULER_ACTOR.type}:${SCHEDULER_ACTOR.id}`)
        }
        const startedEntries = await auditedBy('started')
        const completedEntries = await auditedBy('completed')
        for (const id of ids) {
          expect(startedEntries.get(id)).toBe('1 by system:scheduler')
          expect(completedEntries.get(id)).toBe(withEnd.has(id) ? '1 by system:scheduler' : undefined)
        }
        const stored = await database.query<{ n: number }>(
          `select count(*)::int as n from ${s()}.flag_experiments
           where id = any($1::uuid[]) and (scheduled_start_at is not null or scheduled_end_at is not null)`,
          [ids],
        )
        expect(stored[0]?.n).toBe(0)
        const again = (await services[round % 2]!.runScheduled(now))._unsafeUnwrap()
        expect(again).toEqual({ started: [], completed: [], snapshots: [], failed: [] })
      }
    })
  },
)
