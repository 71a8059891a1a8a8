import { Kysely, PostgresDialect } from 'kysely'
import type { ResultAsync } from 'neverthrow'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { experimentMigrations } from '../../src/adapters/kysely/experiment-migrations.js'
import { TABLE_NAMES } from '../../src/adapters/kysely/library-tables.js'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, breakLibraryAudit, serviceWith, storedState } from './kysely-fixture.js'
import { instrumentedDialect } from './instrumented-dialect.js'

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase({ migrate: false })
})
afterEach(async () => {
  await database.close()
})

const input = { feature: '1', name: 'Checkout test', hypothesis: 'Shorter converts better.' }

describe('migrations', () => {
  it('apply once, then have nothing to do, also when two instances boot at once', async () => {
    const runs = await Promise.all([
      migrateToLatest(database.db, { schema: database.schema }),
      migrateToLatest(database.db, { schema: database.schema }),
    ])
    const shipped = Object.keys(await experimentMigrations(database.schema).getMigrations())
    expect(shipped.slice(0, 2)).toEqual(['0001_experiments_history_audit', '0002_experiment_design'])
    expect(runs.flat()).toEqual(shipped)
    expect(await migrateToLatest(database.db, { schema: database.schema })).toEqual([])
  })

  it('create the schema when it is missing', async () => {
    const schema = `${database.schema}_fresh`
    try {
      await migrateToLatest(database.db, { schema })
      const tables = await database.query<{ name: string }>(
        'select table_name as name from information_schema.tables where table_schema = $1',
        [schema],
      )
      expect(tables.map((table) => table.name)).toEqual(
        expect.arrayContaining([
          TABLE_NAMES.experiments,
          TABLE_NAMES.history,
          TABLE_NAMES.audit,
          TABLE_NAMES.metrics,
          TABLE_NAMES.experimentMetrics,
          TABLE_NAMES.finalResults,
          TABLE_NAMES.migration,
          TABLE_NAMES.migrationLock,
        ]),
      )
    } finally {
      await database.query(`drop schema if exists "${schema}" cascade`)
    }
  })
})

describe('the database refuses what the core would refuse', () => {
  const experiment = {
    id: '00000000-0000-4000-8000-000000000001',
    status: `'created'`,
    name: `'n'`,
    started_at: 'null',
    ended_at: 'null',
    deleted_at: 'null',
    version: '1',
  }
  const insert = (overrides: Partial<typeof experiment>) => {
    const row = { ...experiment, ...overrides }
    return database.query(`insert into "${database.schema}".flag_experiments
      (id, environment_id, feature_id, name, hypothesis, status, created_at, updated_at, started_at, ended_at, deleted_at, version,
        traffic_percentage, allocations)
      values ('${row.id}', 'e', 'f', ${row.name}, 'h', ${row.status}, '2026-01-01Z', '2026-01-02Z',
        ${row.started_at}, ${row.ended_at}, ${row.deleted_at}, ${row.version},
        100, '[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]')`)
  }
  const at = `'2026-01-02Z'`
  const refusals: [string, Partial<typeof experiment>, string][] = [
    ['an unknown status', { status: `'archived'` }, '23514'],
    ['a created experiment with a start', { started_at: at }, '23514'],
    ['a running experiment without a start', { status: `'running'` }, '23514'],
    ['a paused experiment with an end', { status: `'paused'`, started_at: at, ended_at: at }, '23514'],
    ['a completed experiment without an end', { status: `'completed'`, started_at: at }, '23514'],
    ['a deleted running experiment', { status: `'running'`, started_at: at, deleted_at: at }, '23514'],
    ['version 0', { version: '0' }, '23514'],
    ['an empty name', { name: `''` }, '23514'],
    ['a name of 256 characters', { name: `repeat('é', 256)` }, '23514'],
    ['a second active experiment in a slot', { id: '00000000-0000-4000-8000-000000000002' }, '23505'],
  ]

  it.each(refusals)('refuses %s', async (_, overrides, code) => {
    await migrateToLatest(database.db, { schema: database.schema })
    await insert({ name: `repeat('é', 255)` })
    await expect(insert(overrides)).rejects.toMatchObject({ code })
  })

  it('refuses history rows off the state machine or without their experiment, and unknown audit actions', async () => {
    await migrateToLatest(database.db, { schema: database.schema })
    await insert({})
    const s = `"${database.schema}"`
    const history = (from: string, to: string, id = experiment.id) =>
      database.query(`insert into ${s}.flag_experiments_history (experiment_id, from_status, to_status, at, actor_type, actor_id)
        values ('${id}', '${from}', '${to}', now(), 'user', 'u')`)
    await expect(history('created', 'running')).resolves.toEqual([])
    await expect(history('created', 'paused')).rejects.toMatchObject({ code: '23514' })
    await expect(history('completed', 'running')).rejects.toMatchObject({ code: '23514' })
    await expect(history('created', 'running', '00000000-0000-4000-8000-00000000000f')).rejects.toMatchObject(
      { code: '23503' },
    )
    await expect(
      database.query(`insert into ${s}.flag_experiments_audit (id, subject_type, subject_id, experiment_id, environment_id, project_id, action, actor_type, actor_id, message, changes, at)
        values (gen_random_uuid(), 'experiment', '${experiment.id}', '${experiment.id}', 'e', 'p', 'archived', 'user', 'u', 'm', '{}', now())`),
    ).rejects.toMatchObject({ code: '23514' })
  })

  it('indexes the active slot, the list order and the counts, each only over rows not deleted', async () => {
    await migrateToLatest(database.db, { schema: database.schema })
    const indexes = await database.query<{ indexdef: string }>(
      'select indexdef from pg_indexes where schemaname = $1 and tablename = $2',
      [database.schema, 'flag_experiments'],
    )
    const definitions = indexes.map((i) => i.indexdef.replace(`${database.schema}.flag_experiments`, 'T'))
    expect(definitions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /UNIQUE INDEX flag_experiments_active_slot_key ON T USING btree \(environment_id, feature_id\) WHERE \(\(status <> 'completed'::text\) AND \(deleted_at IS NULL\)\)/,
        ),
        expect.stringMatching(
          /INDEX flag_experiments_list_idx ON T USING btree \(environment_id, created_at DESC, id DESC\) WHERE \(deleted_at IS NULL\)/,
        ),
        expect.stringMatching(
          /INDEX flag_experiments_counts_idx ON T USING btree \(environment_id, feature_id, status\) WHERE \(deleted_at IS NULL\)/,
        ),
      ]),
    )
  })
})

describe('failures', () => {
  beforeEach(async () => {
    await migrateToLatest(database.db, { schema: database.schema })
  })

  it('an audit write the database refuses: unavailable, the row unchanged, no history row', async () => {
    const stored = storedState(database, 'library')
    const service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    await breakLibraryAudit(database)
    expect((await service.start(ACTOR, 'dev', id))._unsafeUnwrapErr().code).toBe('unavailable')
    expect((await service.create(ACTOR, 'dev', { ...input, feature: '2' }))._unsafeUnwrapErr().code).toBe(
      'unavailable',
    )
    expect(await stored.experiment(id)).toMatchObject({ status: 'created', version: 1, startedAt: null })
    expect(await stored.history(id)).toEqual([])
    expect(await database.query(`select id from "${database.schema}".flag_experiments`)).toEqual([{ id }])
  })

  it.each(['40001', '40P01', 'ECONNRESET'])('retries a statement that failed with %s once', async (code) => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    probe.failNext(code)
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    probe.failNext(code)
    expect((await service.start(ACTOR, 'dev', id))._unsafeUnwrap().status).toBe('running')
    probe.failNext(code)
    expect((await service.get(ACTOR, 'dev', id))._unsafeUnwrap().version).toBe(2)
    expect(await storedState(database, 'library').auditEntries(id)).toHaveLength(2)
  })

  it('reports a read or an insert whose retry fails too as unavailable, having written nothing', async () => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    probe.failNext('40001', '40001')
    expect((await service.create(ACTOR, 'dev', input))._unsafeUnwrapErr().code).toBe('unavailable')
    probe.failNext('40P01', '40P01')
    expect((await service.list(ACTOR, 'dev'))._unsafeUnwrapErr().code).toBe('unavailable')
    expect(await database.query(`select id from "${database.schema}".flag_experiments`)).toEqual([])
  })

  it.each([
    ['a version that is not an integer', { version: true }, 'version'],
    ['a history that is not JSON', { history: '[{' }, 'history'],
    ['an unknown status', { status: 'archived' }, 'status'],
  ])('reports a row read back with %s as unavailable, never a throw', async (_label, malformed, column) => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    probe.rewriteRows((row) => ('history' in row ? { ...row, ...malformed } : row))
    for (const read of [
      service.get(ACTOR, 'dev', id),
      service.list(ACTOR, 'dev'),
      service.start(ACTOR, 'dev', id),
    ]) {
      const error = (await read)._unsafeUnwrapErr()
      expect(error.code).toBe('unavailable')
      expect(String((error as { cause?: unknown }).cause)).toContain(`unexpected ${column} in a database row`)
    }
    expect(await storedState(database, 'library').experiment(id)).toMatchObject({
      status: 'created',
      version: 1,
    })
  })

  it('hands a change whose retry failed too back to the core, which decides again on fresh state', async () => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    const { id } = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap()
    const before = probe.statements.length
    probe.failNext(null, '40001', '40P01')
    expect((await service.start(ACTOR, 'dev', id))._unsafeUnwrap()).toMatchObject({
      status: 'running',
      version: 2,
    })
    // read, write, its retry, then under the row lock: begin, select for update, write, commit
    expect(probe.statements.length - before).toBe(7)
    expect(await storedState(database, 'library').history(id)).toHaveLength(1)
  })

  it('takes one statement per read and at most two per change, the read before it included', async () => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    const statements = async (run: () => ResultAsync<unknown, unknown>) => {
      const before = probe.statements.length
      expect((await run()).isOk()).toBe(true)
      return probe.statements.length - before
    }
    let id = ''
    expect(await statements(() => service.create(ACTOR, 'dev', input).map((e) => (id = e.id)))).toBe(1)
    expect(await statements(() => service.get(ACTOR, 'dev', id))).toBe(1)
    expect(await statements(() => service.history(ACTOR, 'dev', id))).toBe(1)
    expect(await statements(() => service.list(ACTOR, 'dev', { q: 'checkout', status: ['created'] }))).toBe(1)
    expect(await statements(() => service.update(ACTOR, 'dev', id, { name: 'Renamed' }))).toBe(2)
    expect(await statements(() => service.start(ACTOR, 'dev', id))).toBe(2)
    expect(await statements(() => service.pause(ACTOR, 'dev', id))).toBe(2)
    expect(await statements(() => service.delete(ACTOR, 'dev', id))).toBe(2)
    expect(await statements(() => service.restore(ACTOR, 'dev', id))).toBe(2)
    expect(await statements(() => service.complete(ACTOR, 'dev', id))).toBe(2)
  })

  it('takes one statement per read, two per catalogue or rollout change, three per metrics PUT (its catalogue lookup sent alongside the read: two round trips in sequence)', async () => {
    const probe = instrumentedDialect()
    const service = serviceWith(
      createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }),
    )
    const statements = async (run: () => ResultAsync<unknown, unknown>) => {
      const before = probe.statements.length
      expect((await run()).isOk()).toBe(true)
      return probe.statements.length - before
    }
    const metricInput = {
      name: 'Checkout',
      event: 'checkout',
      aggregation: 'occurrence',
      direction: 'up',
    } as const
    let metricId = ''
    let otherId = ''
    let id = ''
    expect(
      await statements(() => service.createMetric(ACTOR, 'dev', metricInput).map((m) => (metricId = m.id))),
    ).toBe(1)
    expect(
      await statements(() =>
        service.createMetric(ACTOR, 'dev', { ...metricInput, name: 'Revenue' }).map((m) => (otherId = m.id)),
      ),
    ).toBe(1)
    expect(await statements(() => service.getMetric(ACTOR, 'dev', metricId))).toBe(1)
    expect(await statements(() => service.listMetrics(ACTOR, 'dev', { q: 'check' }))).toBe(1)
    expect(await statements(() => service.updateMetric(ACTOR, 'dev', metricId, { name: 'Checkouts' }))).toBe(
      2,
    )
    const metrics = [{ metric: metricId, role: 'primary', expectedDirection: 'increase' }] as const
    const created = await statements(() =>
      service.create(ACTOR, 'dev', { ...input, metrics: [...metrics] }).map((e) => (id = e.id)),
    )
    expect(created).toBe(2)
    expect(await statements(() => service.get(ACTOR, 'dev', id))).toBe(1)
    expect(await statements(() => service.list(ACTOR, 'dev'))).toBe(1)
    const split = {
      trafficPercentage: 50,
      allocations: [
        { variant: 'control', weight: 40 },
        { variant: 'treatment', weight: 60 },
      ],
    }
    expect(await statements(() => service.setRollout(ACTOR, 'dev', id, split))).toBe(2)
    // The service resolves the listed metrics in the catalogue (one statement) before it reads
    // the experiment and writes: three statements, the write itself still one.
    const secondary = { metric: otherId, role: 'secondary', expectedDirection: 'increase' } as const
    const before = probe.statements.length
    expect((await service.setMetrics(ACTOR, 'dev', id, { metrics: [...metrics, secondary] })).isOk()).toBe(
      true,
    )
    const sent = probe.statements.slice(before)
    expect(sent).toHaveLength(3)
    expect(sent.filter((text) => /^\s*with changed as \(update/i.test(text))).toHaveLength(1)
    expect(await statements(() => service.setMetrics(ACTOR, 'dev', id, { metrics: [...metrics] }))).toBe(3)
    expect(await statements(() => service.deleteMetric(ACTOR, 'dev', otherId))).toBe(2)
    expect(await statements(() => service.restoreMetric(ACTOR, 'dev', otherId))).toBe(2)
    expect(
      await statements(() => service.setRollout(ACTOR, 'dev', id, { ...split, trafficPercentage: 75 })),
    ).toBe(2)
  })

  it('reports unavailable from every operation when the server cannot be reached, and never throws', async () => {
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2_000,
    })
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
    try {
      const service = serviceWith(createKyselyAdapters(db, { schema: database.schema }))
      const id = crypto.randomUUID()
      const results = await Promise.all([
        service.create(ACTOR, 'dev', input),
        service.get(ACTOR, 'dev', id),
        service.list(ACTOR, 'dev'),
        service.start(ACTOR, 'dev', id),
      ])
      expect(results.map((r) => r._unsafeUnwrapErr().code)).toEqual([
        'unavailable',
        'unavailable',
        'unavailable',
        'unavailable',
      ])
    } finally {
      await db.destroy()
    }
  })

  it('the test harness fails, never skips, when DATABASE_URL points at nothing', async () => {
    const configured = process.env.DATABASE_URL
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none'
    try {
      await expect(openTestDatabase()).rejects.toThrow(/DATABASE_URL is set but the server is unreachable/)
    } finally {
      if (configured === undefined) delete process.env.DATABASE_URL
      else process.env.DATABASE_URL = configured
    }
  })
})
