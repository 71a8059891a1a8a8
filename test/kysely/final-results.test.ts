import type { Kysely } from 'kysely'
import type { ResultAsync } from 'neverthrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExperimentService, type ExperimentService } from '../../src/index.js'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { createManualClock, createMemoryAdapters, type ManualClock } from '../../src/memory.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { migrateTo } from './kysely-fixture.js'

/**
 * Final results through the Kysely adapters: computed once after completion, stored in one row,
 * and the same body for every reader. Two service instances on two pools (one connection on
 * PGlite) race the first read of freshly completed experiments; their clocks differ, so a body
 * computed by the loser would differ from the stored one.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const sizes = onServer ? { experiments: 20, readers: 8 } : { experiments: 3, readers: 4 }
const actor = { type: 'user', id: 'reader' } as const
const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
const features = Array.from({ length: 50 }, (_, i) => ({
  id: String(i),
  name: `f${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))
const START = '2026-03-01T12:00:00.000Z'

describe(`final results on ${onServer ? 'Postgres, two pools' : 'PGlite'}`, () => {
  let database: TestDatabase
  let clocks: [ManualClock, ManualClock]
  let services: [ExperimentService, ExperimentService]
  const storedRows = async (experimentId: string) =>
    Number(
      (
        await database.query<{ n: number }>(
          `select count(*)::int as n from "${database.schema}".flag_experiments_final_results where experiment_id = $1`,
          [experimentId],
        )
      )[0]?.n,
    )

  beforeAll(async () => {
    database = await openTestDatabase()
    clocks = [createManualClock(START), createManualClock(START)]
    const serviceOn = (db: Kysely<unknown>, clock: ManualClock) =>
      createExperimentService({
        ...createMemoryAdapters({ environments: [environment], features }),
        ...createKyselyAdapters(db, { schema: database.schema }),
        clock,
      })
    services = [serviceOn(database.db, clocks[0]), serviceOn(database.openSecondPool(), clocks[1])]
  })

  afterAll(async () => {
    await database.close()
  })

  /** A started experiment with one metric, some exposures and events, completed an hour later. */
  async function completedExperiment(feature: string) {
    const [service] = services
    const unwrap = async <T, E>(result: ResultAsync<T, E>) => (await result)._unsafeUnwrap()
    const metric = await unwrap(
      service.createMetric(actor, 'dev', {
        name: `Checkout ${crypto.randomUUID()}`,
        event: 'checkout',
        aggregation: 'occurrence',
        direction: 'up',
      }),
    )
    const { id } = await unwrap(
      service.create(actor, 'dev', {
        feature,
        name: `Final ${feature}`,
        hypothesis: 'Frozen once completed.',
        metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
      }),
    )
    await unwrap(service.start(actor, 'dev', id))
    const at = '2026-03-01T12:30:00.000Z'
    const identities = Array.from({ length: 12 }, (_, i) => `u${i}`)
    await unwrap(
      service.recordExposures(actor, 'dev', {
        exposures: identities.map((identity, i) => ({
          experiment: id,
          identity,
          variant: i % 2 === 0 ? 'control' : 'treatment',
          at,
        })),
      }),
    )
    await unwrap(
      service.recordEvents(actor, 'dev', {
        events: identities
          .filter((_, i) => i % 3 !== 0)
          .map((identity) => ({ id: crypto.randomUUID(), identity, event: 'checkout', at })),
      }),
    )
    for (const clock of clocks) clock.advance({ hours: 1 })
    return unwrap(service.complete(actor, 'dev', id))
  }

  it('is computed once up to the end, stored in one row, and unchanged by later data', async () => {
    const experiment = await completedExperiment('0')
    const [service] = services
    const first = (await service.results(actor, 'dev', experiment.id))._unsafeUnwrap()
    expect(first).toMatchObject({ isFinal: true, window: { from: new Date(START), to: experiment.endedAt } })
    expect(first.variants.map((v) => v.exposures)).toEqual([6, 6])
    expect(first.metrics[0]?.control).toMatchObject({ variant: 'control', n: 6 })
    expect(await storedRows(experiment.id)).toBe(1)
    const late = await service.recordEvents(actor, 'dev', {
      events: [{ id: crypto.randomUUID(), identity: 'u0', event: 'checkout', at: '2026-03-01T12:45:00Z' }],
    })
    expect(late._unsafeUnwrap()).toEqual({ accepted: 1, duplicates: 0 })
    for (const clock of clocks) clock.advance({ days: 1 })
    expect((await services[1].results(actor, 'dev', experiment.id))._unsafeUnwrap()).toEqual(first)
    expect(await storedRows(experiment.id)).toBe(1)
  })

  it(`${sizes.experiments} experiments, ${sizes.readers} racing first readers each: one body, one row`, async () => {
    for (let round = 1; round <= sizes.experiments; round++) {
      const experiment = await completedExperiment(String(round))
      clocks[1].advance({ seconds: 1 })
      const bodies = await Promise.all(
        Array.from({ length: sizes.readers }, async (_, i) =>
          (await services[i % 2]!.results(actor, 'dev', experiment.id))._unsafeUnwrap(),
        ),
      )
      for (const body of bodies) expect(body).toEqual(bodies[0])
      expect(bodies[0]?.isFinal).toBe(true)
      expect(await storedRows(experiment.id)).toBe(1)
    }
  })
})

describe('migration 0005', () => {
  it('adds the table to a database at 0004, holds only object bodies of known experiments, and can be undone', async () => {
    const database = await openTestDatabase({ migrate: false })
    const tableNames = async () =>
      (
        await database.query<{ name: string }>(
          'select table_name as name from information_schema.tables where table_schema = $1',
          [database.schema],
        )
      ).map((t) => t.name)
    try {
      await migrateTo(database, '0004_audit_feed')
      await migrateTo(database, '0005_final_results')
      expect(await tableNames()).toContain('flag_experiments_final_results')
      // Today's service also needs the later migrations.
      await migrateToLatest(database.db, { schema: database.schema })
      const service = createExperimentService({
        ...createMemoryAdapters({ environments: [environment], features }),
        ...createKyselyAdapters(database.db, { schema: database.schema }),
      })
      const { id } = (
        await service.create(actor, 'dev', { feature: '1', name: 'Old', hypothesis: 'Kept.' })
      )._unsafeUnwrap()
      const table = `"${database.schema}".flag_experiments_final_results`
      await expect(
        database.query(`insert into ${table} (experiment_id, body) values ($1, '[]')`, [id]),
      ).rejects.toMatchObject({ code: '23514' })
      await expect(
        database.query(`insert into ${table} (experiment_id, body) values ($1, '{}')`, [crypto.randomUUID()]),
      ).rejects.toMatchObject({ code: '23503' })
      await migrateTo(database, '0004_audit_feed')
      expect(await tableNames()).not.toContain('flag_experiments_final_results')
      const kept = await database.query<{ id: string }>(
        `select id from "${database.schema}".flag_experiments where id = $1`,
        [id],
      )
      expect(kept).toEqual([{ id }])
    } finally {
      await database.close()
    }
  })
})
