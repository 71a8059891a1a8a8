import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExperimentService, type ExperimentService } from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { createManualClock, createMemoryAdapters, type ManualClock } from '../../src/memory.js'
import { ok } from '../core/fixture.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { migrateTo } from './kysely-fixture.js'

/**
 * Results snapshots through the Kysely adapters: the scheduler's daily snapshot stored once per
 * experiment and day even when two instances (two pools on Postgres) run at once, and the final
 * results in place of the end day's; migration 0012 adds and removes the table.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const actor = { type: 'user', id: 'reader' } as const
const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
const feature = {
  id: '1',
  name: 'checkout',
  projectId: 'p1',
  type: 'multivariate' as const,
  variants: [{ key: 'control' }, { key: 'blue' }],
}

describe(`results history on ${onServer ? 'Postgres, two pools' : 'PGlite'}`, () => {
  let database: TestDatabase
  let clocks: [ManualClock, ManualClock]
  let services: [ExperimentService, ExperimentService]
  const storedDays = async (experimentId: string) =>
    (
      await database.query<{ day: string; is_final: boolean }>(
        `select to_char(day, 'YYYY-MM-DD') as day, (body->>'isFinal')::boolean as is_final
         from "${database.schema}".flag_experiments_results_snapshots where experiment_id = $1 order by day`,
        [experimentId],
      )
    ).map(({ day, is_final }) => `${day}${is_final ? ' final' : ''}`)

  beforeAll(async () => {
    database = await openTestDatabase()
    clocks = [createManualClock('2026-03-01T12:00:00.000Z'), createManualClock('2026-03-01T12:00:00.000Z')]
    const serviceOn = (db: Kysely<unknown>, clock: ManualClock) =>
      createExperimentService({
        ...createMemoryAdapters({ environments: [environment], features: [feature] }),
        ...createKyselyAdapters(db, { schema: database.schema }),
        clock,
      })
    services = [serviceOn(database.db, clocks[0]), serviceOn(database.openSecondPool(), clocks[1])]
  })

  afterAll(async () => {
    await database.close()
  })

  const setBoth = (iso: string) => clocks.forEach((clock) => clock.set(new Date(iso)))

  it('stores one daily snapshot per day when instances race, and the final results over the end day', async () => {
    const [service] = services
    const { id } = await ok(
      service.create(actor, 'dev', { name: 'Checkout', hypothesis: 'Blue sells more.', feature: '1' }),
    )
    await ok(service.start(actor, 'dev', id))
    await ok(
      service.recordExposures(actor, 'dev', {
        exposures: [
          { experiment: id, identity: 'u1', variant: 'control', at: '2026-03-01T12:10:00.000Z' },
          { experiment: id, identity: 'u2', variant: 'blue', at: '2026-03-01T12:20:00.000Z' },
        ],
      }),
    )
    setBoth('2026-03-01T18:00:00.000Z')
    const runs = await Promise.all([...services, ...services].map((s) => ok(s.runScheduled())))
    expect(runs.flatMap((run) => run.failed)).toEqual([])
    expect(await storedDays(id)).toEqual(['2026-03-01'])
    setBoth('2026-03-02T06:00:00.000Z')
    await Promise.all(services.map((s) => ok(s.runScheduled())))
    expect(await storedDays(id)).toEqual(['2026-03-01', '2026-03-02'])
    const daily = await ok(service.resultsHistory(actor, 'dev', id))
    expect(daily.map((r) => r.variants.map((v) => v.exposures))).toEqual([
      [1, 1],
      [1, 1],
    ])
    await ok(service.complete(actor, 'dev', id))
    const history = await ok(service.resultsHistory(actor, 'dev', id))
    expect(await storedDays(id)).toEqual(['2026-03-01', '2026-03-02 final'])
    expect(history.at(-1)).toEqual(await ok(services[1].results(actor, 'dev', id)))
  })
})

describe('migration 0012', () => {
  it('adds the snapshots table and the running index, and can be undone', async () => {
    const database = await openTestDatabase({ migrate: false })
    try {
      const objects = async () =>
        (
          await database.query<{ name: string }>(
            `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = $1 and relname in ('flag_experiments_results_snapshots', 'flag_experiments_running_idx')
             order by relname`,
            [database.schema],
          )
        ).map((row) => row.name)
      await migrateTo(database, '0012_results_history')
      expect(await objects()).toEqual(['flag_experiments_results_snapshots', 'flag_experiments_running_idx'])
      await migrateTo(database, '0007_trash')
      expect(await objects()).toEqual([])
    } finally {
      await database.close()
    }
  })
})
