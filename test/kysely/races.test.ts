import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TRANSITIONS, type ExperimentService, type ExperimentStatus } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { openRacingServices } from './kysely-fixture.js'

/**
 * Two service instances on two pools of one database, racing. On a real Postgres server the
 * full sizes; on PGlite (one connection) a smaller run that still takes every code path.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const sizes = onServer
  ? { rounds: 100, racers: 8, storms: 25, waves: 6, updates: 30, hot: 32 }
  : { rounds: 5, racers: 4, storms: 3, waves: 4, updates: 3, hot: 16 }
const actor = { type: 'user', id: 'racer' } as const
const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
const features = Array.from({ length: 300 }, (_, i) => ({
  id: String(i),
  name: `f${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))

/** A small deterministic PRNG, so that a failing storm can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe.each(['library audit table', 'host audit sink'] as const)(
  `races between two service instances on ${onServer ? 'Postgres, two pools' : 'PGlite, one connection'}: %s`,
  (audit) => {
    let database: TestDatabase
    let services: [ExperimentService, ExperimentService]
    const count = async (sql: string, parameters: unknown[]) =>
      Number((await database.query<{ n: number }>(sql, parameters))[0]?.n)
    /** Audit entries stored for the environment or for one experiment, in whichever table they go to. */
    const audited = (column: 'environment_id' | 'experiment_id', value: string) => {
      const s = `"${database.schema}"`
      return audit === 'library audit table'
        ? count(`select count(*)::int as n from ${s}.flag_experiments_audit where ${column} = $1`, [value])
        : count(`select count(*)::int as n from ${s}.host_audit where entry->>$2 = $1`, [
            value,
            column === 'environment_id' ? 'environmentId' : 'experimentId',
          ])
    }

    beforeAll(async () => {
      database = await openTestDatabase()
      services = await openRacingServices(database, audit, { environments: [environment], features })
    })

    afterAll(async () => {
      await database.close()
    })

    it(`${sizes.rounds} rounds of ${sizes.racers} concurrent creates in one slot: exactly one winner each`, async () => {
      for (let round = 0; round < sizes.rounds; round++) {
        const feature = String(round)
        const results = await Promise.all(
          Array.from({ length: sizes.racers }, (_, i) =>
            services[i % 2]!.create(actor, 'dev', {
              feature,
              name: `Round ${round} racer ${i}`,
              hypothesis: 'Only one wins.',
            }),
          ),
        )
        expect(results.filter((r) => r.isOk())).toHaveLength(1)
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
          Array.from({ length: sizes.racers - 1 }, () => 'active_experiment_exists'),
        )
      }
      const s = `"${database.schema}"`
      expect(
        await count(`select count(*)::int as n from ${s}.flag_experiments where environment_id = $1`, [
          environment.id,
        ]),
      ).toBe(sizes.rounds)
      expect(await audited('environment_id', environment.id)).toBe(sizes.rounds)
    })

    it(`${sizes.storms} storms of concurrent start/pause/complete: history a valid path, audit and version match`, async () => {
      const next = random(20260101)
      const actions = ['start', 'pause', 'complete'] as const
      const s = `"${database.schema}"`
      for (let storm = 0; storm < sizes.storms; storm++) {
        const created = await services[0].create(actor, 'dev', {
          feature: String(100 + storm),
          name: `Storm ${storm}`,
          hypothesis: 'Survives.',
        })
        const id = created._unsafeUnwrap().id
        let successes = 0
        for (let wave = 0; wave < sizes.waves; wave++) {
          const results = await Promise.all(
            Array.from({ length: sizes.racers }, (_, i) => {
              const action = actions[Math.floor(next() * (wave === sizes.waves - 1 ? 3 : 2.2))]!
              return services[i % 2]![action](actor, 'dev', id)
            }),
          )
          successes += results.filter((r) => r.isOk()).length
          const codes = results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)
          expect(codes.every((code) => code === 'invalid_transition')).toBe(true)
        }
        expect(successes).toBeGreaterThan(0)
        const history = await database.query<{ from_status: ExperimentStatus; to_status: ExperimentStatus }>(
          `select from_status, to_status from ${s}.flag_experiments_history where experiment_id = $1 order by id`,
          [id],
        )
        let status: ExperimentStatus = 'created'
        for (const step of history) {
          expect(step.from_status).toBe(status)
          expect(Object.values(TRANSITIONS[step.from_status])).toContain(step.to_status)
          status = step.to_status
        }
        const final = (await services[1].get(actor, 'dev', id))._unsafeUnwrap()
        expect(final.status).toBe(status)
        expect(history).toHaveLength(successes)
        expect(final.version).toBe(1 + successes)
        expect(await audited('experiment_id', id)).toBe(1 + successes)
      }
    })

    it(`${sizes.updates} rounds of concurrent updates from one expected version: one wins, the rest version_mismatch`, async () => {
      for (let round = 0; round < sizes.updates; round++) {
        const created = await services[0].create(actor, 'dev', {
          feature: String(200 + round),
          name: 'Before',
          hypothesis: 'Same start.',
        })
        const id = created._unsafeUnwrap().id
        const results = await Promise.all(
          Array.from({ length: sizes.racers }, (_, i) =>
            services[i % 2]!.update(actor, 'dev', id, { name: `After ${i}` }, { expectedVersion: 1 }),
          ),
        )
        const winners = results.filter((r) => r.isOk()).map((r) => r._unsafeUnwrap())
        expect(winners).toHaveLength(1)
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
          Array.from({ length: sizes.racers - 1 }, () => 'version_mismatch'),
        )
        const stored = (await services[1].get(actor, 'dev', id))._unsafeUnwrap()
        expect(stored).toMatchObject({ name: winners[0]?.name, version: 2 })
      }
    })

    it(`${sizes.hot} concurrent writers on one hot experiment: all land, queued on the row lock after a lost race`, async () => {
      const created = await services[0].create(actor, 'dev', {
        feature: '299',
        name: 'Hot',
        hypothesis: 'Everyone writes here.',
      })
      const id = created._unsafeUnwrap().id
      const results = await Promise.all(
        Array.from({ length: sizes.hot }, (_, i) =>
          services[i % 2]!.update(actor, 'dev', id, { hypothesis: `Writer ${i} was here.` }),
        ),
      )
      expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).toEqual([])
      const stored = (await services[1].get(actor, 'dev', id))._unsafeUnwrap()
      expect(stored.version).toBe(1 + sizes.hot)
      expect(await audited('experiment_id', id)).toBe(1 + sizes.hot)
    })
  },
)
