import { afterEach, beforeEach, expect, it } from 'vitest'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, migrateTo, serviceWith } from './kysely-fixture.js'

/*
 * 0006 on a database with experiments in it: older rows read as unscheduled (and learn their
 * environment key on their next write), the database itself refuses a schedule that breaks
 * the rules, the due query reads the partial indexes, and the migration can be undone.
 */

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase({ migrate: false })
})
afterEach(async () => {
  await database.close()
})

const EVEN = `'[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]'::jsonb`
const table = () => `"${database.schema}".flag_experiments`

it('keeps older experiments, unscheduled, and records their key on the next write', async () => {
  await migrateTo(database, '0004_audit_feed')
  const service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
  await database.query(
    `insert into ${table()} (id, environment_id, feature_id, name, hypothesis, status, created_at,
       updated_at, version, traffic_percentage, allocations)
     values ($1, 'env-dev', '1', 'Old', 'Old.', 'created', now(), now(), 1, 100, ${EVEN})`,
    ['0c000000-0000-4000-8000-000000000001'],
  )
  await migrateTo(database, '0006_schedule')
  const id = '0c000000-0000-4000-8000-000000000001'
  expect(
    await database.query(
      `select scheduled_start_at, scheduled_end_at, environment_key from ${table()} where id = $1`,
      [id],
    ),
  ).toEqual([{ scheduled_start_at: null, scheduled_end_at: null, environment_key: null }])
  // Today's service also needs the later migrations.
  await migrateToLatest(database.db, { schema: database.schema })
  expect((await service.get(ACTOR, 'dev', id))._unsafeUnwrap()).toMatchObject({
    scheduledStartAt: null,
    scheduledEndAt: null,
  })
  const start = '2030-01-01T00:00:00.000Z'
  ;(await service.update(ACTOR, 'dev', id, { scheduledStartAt: start }))._unsafeUnwrap()
  expect(
    await database.query(`select environment_key, scheduled_start_at from ${table()} where id = $1`, [id]),
  ).toEqual([{ environment_key: 'dev', scheduled_start_at: new Date(start) }])
})

it('refuses rows that break the schedule rules, whoever writes them', async () => {
  await migrateTo(database, '0006_schedule')
  const insert = (status: string, start: string | null, end: string | null) =>
    database.query(
      `insert into ${table()} (id, environment_id, feature_id, name, hypothesis, status, created_at,
         updated_at, started_at, ended_at, version, scheduled_start_at, scheduled_end_at,
         traffic_percentage, allocations)
       values (gen_random_uuid(), 'env-dev', gen_random_uuid()::text, 'n', 'h', $1, '2026-01-01', '2026-01-01',
         case when $1 = 'created' then null else '2026-01-01'::timestamptz end,
         case when $1 = 'completed' then '2026-01-02'::timestamptz end, 1, $2, $3, 100, ${EVEN})`,
      [status, start, end],
    )
  await expect(insert('running', '2026-02-01T00:00:00Z', null)).rejects.toThrow(
    /scheduled_start_before_start/,
  )
  await expect(insert('completed', null, '2026-02-01T00:00:00Z')).rejects.toThrow(
    /scheduled_end_before_completion/,
  )
  await expect(insert('created', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z')).rejects.toThrow(
    /scheduled_start_before_end/,
  )
  await insert('created', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z')
  await insert('paused', null, '2026-02-02T00:00:00Z')
})

it('creates the partial indexes the due query reads, and can be undone', async () => {
  await migrateTo(database, '0006_schedule')
  const indexes = () =>
    database.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
       where schemaname = $1 and indexname like '%due%' order by indexname`,
      [database.schema],
    )
  const created = await indexes()
  expect(created.map((index) => index.name)).toEqual([
    'flag_experiments_due_end_idx',
    'flag_experiments_due_start_idx',
  ])
  expect(created[0]?.definition).toMatch(/\(scheduled_end_at, id\) WHERE/)
  expect(created[1]?.definition).toMatch(/\(scheduled_start_at, id\) WHERE \(\(status = 'created'::text\)/)
  await migrateTo(database, '0004_audit_feed')
  expect(await indexes()).toEqual([])
  const columns = await database.query(
    `select column_name from information_schema.columns where table_schema = $1
       and table_name = 'flag_experiments' and column_name in ('scheduled_start_at', 'scheduled_end_at', 'environment_key')`,
    [database.schema],
  )
  expect(columns).toEqual([])
})
