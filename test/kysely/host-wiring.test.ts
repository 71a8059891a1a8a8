import { PGlite } from '@electric-sql/pglite'
import { CamelCasePlugin, Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { experimentMigrations } from '../../src/adapters/kysely/experiment-migrations.js'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import {
  ACTOR,
  createHostAuditLog,
  createHostAuditTable,
  DEV,
  hostKysely,
  serviceWith,
  storedState,
} from './kysely-fixture.js'

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase()
})
afterEach(async () => {
  await database.close()
})

const input = { feature: '1', name: 'Checkout test', hypothesis: 'Shorter converts better.' }

it("works under the host's CamelCasePlugin and leaves it in place for the host", async () => {
  const host = database.db.withPlugin(new CamelCasePlugin()) as Kysely<{
    flagExperiments: { featureId: string; status: string }
  }>
  const service = serviceWith(createKyselyAdapters(host, { schema: database.schema }))
  const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
  expect((await service.start(ACTOR, 'dev', id))._unsafeUnwrap()).toMatchObject({
    status: 'running',
    featureId: '1',
    version: 2,
  })
  expect((await service.update(ACTOR, 'dev', id, { name: 'Renamed' }))._unsafeUnwrap().name).toBe('Renamed')
  const list = (await service.list(ACTOR, 'dev', { feature: '1' }))._unsafeUnwrap()
  expect(list.results.map((e) => e.id)).toEqual([id])
  expect(list.statusCounts).toEqual({ created: 0, running: 1, paused: 0, completed: 0 })
  expect((await service.history(ACTOR, 'dev', id))._unsafeUnwrap()).toEqual([
    expect.objectContaining({ from: 'created', to: 'running', actor: ACTOR }),
  ])
  const mine = await host
    .withSchema(database.schema)
    .selectFrom('flagExperiments')
    .select(['featureId', 'status'])
    .execute()
  expect(mine).toEqual([{ featureId: '1', status: 'running' }])
})

it('keeps its tables in the chosen schema, whatever its name', async () => {
  const schema = `${database.schema} "odd" Name`
  try {
    expect(await migrateToLatest(database.db, { schema })).toEqual(
      Object.keys(await experimentMigrations(schema).getMigrations()),
    )
    const service = serviceWith(createKyselyAdapters(database.db, { schema }))
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    expect((await service.get(ACTOR, 'dev', id))._unsafeUnwrap().id).toBe(id)
    const tables = await database.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    )
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'flag_experiments',
        'flag_experiments_audit',
        'flag_experiments_experiment_metrics',
        'flag_experiments_final_results',
        'flag_experiments_history',
        'flag_experiments_metrics',
        'flag_experiments_migration',
        'flag_experiments_migration_lock',
      ]),
    )
    expect(await database.query(`select id from "${database.schema}".flag_experiments`)).toEqual([])
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db)
  }
})

it('defaults to the public schema', async () => {
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(new PGlite()) })
  try {
    await migrateToLatest(db)
    const service = serviceWith(createKyselyAdapters(db))
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    const { rows } = await sql<{ id: string }>`select id from public.flag_experiments`.execute(db)
    expect(rows).toEqual([{ id }])
  } finally {
    await db.destroy()
  }
})

describe('handed a transaction', () => {
  it('commits and rolls back with the host transaction', async () => {
    const stored = storedState(database, 'library')
    const rolledBack = await database.db
      .transaction()
      .execute(async (trx) => {
        const service = serviceWith(createKyselyAdapters(trx, { schema: database.schema }))
        const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
        expect((await service.start(ACTOR, 'dev', id)).isOk()).toBe(true)
        throw Object.assign(new Error('host rolls back'), { id })
      })
      .catch((error: { id: string }) => error.id)
    expect(await stored.experiment(rolledBack)).toBeNull()
    const committed = await database.db.transaction().execute(async (trx) => {
      const service = serviceWith(createKyselyAdapters(trx, { schema: database.schema }))
      const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
      return (await service.start(ACTOR, 'dev', id))._unsafeUnwrap()
    })
    expect(await stored.experiment(committed.id)).toMatchObject({ status: 'running', version: 2 })
    expect(await stored.auditEntries(committed.id)).toHaveLength(2)
  })

  it('stays usable after the database refused a write inside it', async () => {
    const stored = storedState(database, 'library')
    const ids = await database.db.transaction().execute(async (trx) => {
      const service = serviceWith(createKyselyAdapters(trx, { schema: database.schema }))
      const first = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
      expect((await service.delete(ACTOR, 'dev', first.id)).isOk()).toBe(true)
      const second = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
      expect((await service.restore(ACTOR, 'dev', first.id))._unsafeUnwrapErr().code).toBe(
        'active_experiment_exists',
      )
      expect((await service.start(ACTOR, 'dev', second.id)).isOk()).toBe(true)
      return [first.id, second.id] as const
    })
    expect(await stored.experiment(ids[0])).toMatchObject({ version: 2, deletedAt: expect.any(Date) })
    expect(await stored.experiment(ids[1])).toMatchObject({ status: 'running' })
  })

  it("rolls back to before the write when the host's audit sink rejects, and the host transaction goes on", async () => {
    await createHostAuditTable(database)
    const sink = createHostAuditLog()
    const stored = storedState(database, 'host')
    const host = hostKysely(database.db, database.schema)
    const id = await host.transaction().execute(async (trx) => {
      const service = serviceWith(
        createKyselyAdapters(trx, { schema: database.schema, auditLog: sink.auditLog }),
      )
      const created = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
      sink.break()
      expect((await service.start(ACTOR, 'dev', created.id))._unsafeUnwrapErr().code).toBe('unavailable')
      await trx
        .insertInto('hostAudit')
        .values({ subjectId: created.id, entry: JSON.stringify({ host: 'still here' }) })
        .execute()
      return created.id
    })
    expect(await stored.experiment(id)).toMatchObject({ status: 'created', version: 1 })
    expect(await stored.history(id)).toEqual([])
    const entries = await database.query<{ entry: unknown }>(
      `select entry from "${database.schema}".host_audit order by seq`,
    )
    expect(entries.map((row) => row.entry)).toEqual([
      expect.objectContaining({ action: 'created' }),
      { host: 'still here' },
    ])
  })
})

it('reads the library audit entries back', async () => {
  const adapters = createKyselyAdapters(database.db, { schema: database.schema })
  const service = serviceWith(adapters)
  const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
  expect((await service.start(ACTOR, 'dev', id)).isOk()).toBe(true)
  const entries = await adapters.auditLog.entries(id)
  expect(entries.map((e) => [e.action, e.message])).toEqual([
    ['created', "Experiment 'Checkout test' created for environment Development"],
    ['started', "Experiment 'Checkout test' started for environment Development"],
  ])
  expect(entries[1]).toMatchObject({
    actor: ACTOR,
    environmentId: DEV.id,
    projectId: 'p1',
    changes: { status: { from: 'created', to: 'running' } },
  })
  expect(await adapters.auditLog.entries()).toHaveLength(2)
})

it("lets a host sink pass entries on to the library's audit table in the same transaction", async () => {
  const library = createKyselyAdapters(database.db, { schema: database.schema }).auditLog
  const published: string[] = []
  const adapters = createKyselyAdapters(database.db, {
    schema: database.schema,
    auditLog: {
      append: async (entry, trx) => {
        await library.append(entry, trx)
        published.push(entry.action)
        if (entry.action === 'paused') throw new Error('publisher down')
      },
    },
  })
  const service = serviceWith(adapters)
  const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
  expect((await service.start(ACTOR, 'dev', id)).isOk()).toBe(true)
  expect((await service.pause(ACTOR, 'dev', id))._unsafeUnwrapErr().code).toBe('unavailable')
  expect(published).toEqual(['created', 'started', 'paused'])
  expect((await library.entries(id)).map((e) => e.action)).toEqual(['created', 'started'])
  expect(await storedState(database, 'library').experiment(id)).toMatchObject({
    status: 'running',
    version: 2,
  })
})
