import * as vitest from 'vitest'
import { randomUUID } from 'node:crypto'
import { CamelCasePlugin, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createKyselyAdapters, createKyselyExperimentData } from '../../src/kysely.js'
import { testExperimentData, type ExperimentDataFixture } from '../../src/testing.js'
import { insertExperiment, openTestDatabase, type TestDatabase } from '../support/database.js'

const engine = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'

async function fixture(viaAdapters: boolean): Promise<ExperimentDataFixture> {
  const database = await openTestDatabase()
  const { schema } = database
  const data = viaAdapters
    ? createKyselyAdapters(database.db.withPlugin(new CamelCasePlugin()), { schema }).experimentData
    : createKyselyExperimentData(database.db, { schema })
  return {
    data,
    createExperiment: (environmentId) => insertExperiment(database, environmentId),
    close: () => database.close(),
  }
}

testExperimentData(vitest, () => fixture(false), `kysely experiment data on ${engine}`)
testExperimentData(vitest, () => fixture(true), `kysely adapters' experimentData on ${engine} (host plugins)`)

describe(`kysely experiment data on ${engine}: races and database rules`, () => {
  let database: TestDatabase | undefined
  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  it('stores a batch retried at once through two pools once, the accepted counts adding up to its size', async () => {
    database = await openTestDatabase()
    const { schema } = database
    const pools = [database.db, database.openSecondPool()]
    const environmentId = `env-${randomUUID()}`
    const experimentId = await insertExperiment(database, environmentId)
    const at = new Date('2030-01-01T00:00:00Z')
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      identity: `u${i % 200}`,
      event: 'purchase',
      value: i,
      at,
    }))
    const exposures = Array.from({ length: 200 }, (_, i) => ({
      experimentId,
      identity: `u${i}`,
      variant: i % 2 === 0 ? 'control' : 'treatment',
      at,
    }))
    const senders = [0, 1, 0, 1, 0, 1].map((i) => createKyselyExperimentData(pools[i]!, { schema }))
    const eventOutcomes = await Promise.all(senders.map((data) => data.recordEvents(environmentId, events)))
    const exposureOutcomes = await Promise.all(senders.map((data) => data.recordExposures(exposures)))
    const total = (outcomes: readonly { accepted: number }[]) => outcomes.reduce((s, o) => s + o.accepted, 0)
    expect([total(eventOutcomes), total(exposureOutcomes)]).toEqual([1000, 200])
    const [stored] = await database.query<{ events: number; exposures: number }>(
      `select (select count(*)::int from "${schema}".flag_experiments_events) as events,
              (select count(*)::int from "${schema}".flag_experiments_exposures) as exposures`,
    )
    expect(stored).toEqual({ events: 1000, exposures: 200 })
  })

  it('refuses an exposure of an experiment that does not exist, storing nothing of its batch', async () => {
    database = await openTestDatabase()
    const environmentId = `env-${randomUUID()}`
    const experimentId = await insertExperiment(database, environmentId)
    const data = createKyselyExperimentData(database.db, { schema: database.schema })
    const at = new Date('2030-01-01T00:00:00Z')
    await expect(
      data.recordExposures([
        { experimentId, identity: 'u1', variant: 'control', at },
        { experimentId: randomUUID(), identity: 'u1', variant: 'control', at },
      ]),
    ).rejects.toThrow()
    const [row] = await database.query<{ n: number }>(
      `select count(*)::int as n from "${database.schema}".flag_experiments_exposures`,
    )
    expect(row?.n).toBe(0)
  })

  it("summarizes in the host's transaction with its settings as they were after the call, and leaves none behind alone", async () => {
    database = await openTestDatabase()
    const { schema } = database
    const environmentId = `env-${randomUUID()}`
    const experimentId = await insertExperiment(database, environmentId)
    const at = new Date('2030-01-01T00:00:00Z')
    const query = {
      environmentId,
      experimentId,
      window: { from: at, to: new Date('2030-01-02T00:00:00Z') },
      metrics: [{ metricId: 'm', event: 'purchase', aggregation: 'sum' as const }],
    }
    const alone = createKyselyExperimentData(database.db, { schema })
    await alone.recordExposures([{ experimentId, identity: 'u1', variant: 'control', at }])
    await alone.recordEvents(environmentId, [
      { id: randomUUID(), identity: 'u1', event: 'purchase', value: 3, at },
    ])
    const settings = sql<{ work_mem: string; jit: string; enable_seqscan: string }>`
      select current_setting('work_mem') as work_mem, current_setting('jit') as jit,
        current_setting('enable_seqscan') as enable_seqscan`
    const before = (await settings.execute(database.db)).rows[0]
    const inside = await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('work_mem', '5MB', true)`.execute(trx)
      const summary = await createKyselyExperimentData(trx, { schema }).summarize(query)
      return { summary, settings: (await settings.execute(trx)).rows[0] }
    })
    expect(inside.settings).toEqual({
      work_mem: '5MB',
      jit: before?.jit,
      enable_seqscan: before?.enable_seqscan,
    })
    expect(inside.summary.metrics[0]?.variants).toEqual([{ variant: 'control', n: 1, sum: 3, sumSquares: 9 }])
    await expect(alone.summarize(query)).resolves.toEqual(inside.summary)
    expect((await settings.execute(database.db)).rows[0]).toEqual(before)
  })
})
