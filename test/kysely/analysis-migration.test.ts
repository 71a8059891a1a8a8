import { afterEach, beforeEach, expect, it } from 'vitest'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, migrateTo, serviceWith } from './kysely-fixture.js'

/*
 * 0013 on a database with experiments in it: older rows read the default analysis setting, the
 * database refuses a setting outside the bounds or a change once started, `analysis_changed`
 * audit entries are stored, and the migration can be undone.
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
const OLD = '0d000000-0000-4000-8000-000000000001'

/** A row as the 0012 release wrote it, in `status`. */
function insertOld(id: string, status: 'created' | 'running', feature = '1') {
  return database.query(
    `insert into ${table()} (id, environment_id, feature_id, name, hypothesis, status, created_at,
       updated_at, started_at, version, traffic_percentage, allocations)
     values ($1, 'env-dev', $2, 'Old', 'Old.', $3, '2026-01-01', '2026-01-01',
       case when $3 = 'created' then null else '2026-01-02'::timestamptz end, 1, 100, ${EVEN})`,
    [id, feature, status],
  )
}

it('reads an existing experiment with the default setting, which the service may then change and audit', async () => {
  await migrateTo(database, '0012_results_history')
  await insertOld(OLD, 'created')
  await migrateToLatest(database.db, { schema: database.schema })
  const service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
  expect((await service.get(ACTOR, 'dev', OLD))._unsafeUnwrap().analysis).toEqual({
    method: 'sequential',
    sequentialTuning: 5000,
    preExposureDays: 14,
  })
  const changed = await service.setAnalysis(ACTOR, 'dev', OLD, { method: 'fixed', preExposureDays: 30 })
  expect(changed._unsafeUnwrap()).toMatchObject({
    version: 2,
    analysis: { method: 'fixed', preExposureDays: 30 },
  })
  expect(
    await database.query(
      `select analysis_method, sequential_tuning, pre_exposure_days from ${table()} where id = $1`,
      [OLD],
    ),
  ).toEqual([{ analysis_method: 'fixed', sequential_tuning: 5000, pre_exposure_days: 30 }])
  expect(
    await database.query(
      `select action from "${database.schema}".flag_experiments_audit where experiment_id = $1`,
      [OLD],
    ),
  ).toEqual([{ action: 'analysis_changed' }])
})

it('refuses a setting outside the bounds, and a change once started, whoever writes it', async () => {
  await migrateToLatest(database.db, { schema: database.schema })
  await insertOld(OLD, 'created')
  const set = (column: string, value: unknown, id = OLD) =>
    database.query(`update ${table()} set ${column} = $1 where id = $2`, [value, id])
  await expect(set('analysis_method', 'bayesian')).rejects.toThrow(/analysis_method_check/)
  await expect(set('sequential_tuning', 99)).rejects.toThrow(/sequential_tuning_check/)
  await expect(set('sequential_tuning', 10_000_001)).rejects.toThrow(/sequential_tuning_check/)
  await expect(set('pre_exposure_days', -1)).rejects.toThrow(/pre_exposure_days_check/)
  await expect(set('pre_exposure_days', 91)).rejects.toThrow(/pre_exposure_days_check/)
  await set('pre_exposure_days', 90)
  const started = '0d000000-0000-4000-8000-000000000002'
  await insertOld(started, 'running', '2')
  await expect(set('analysis_method', 'fixed', started)).rejects.toThrow(/cannot change/)
  await expect(set('pre_exposure_days', 0, started)).rejects.toThrow(/cannot change/)
  // Other columns of a started experiment still change; the same setting written again is no change.
  await set('name', 'Renamed', started)
  await set('analysis_method', 'sequential', started)
})

it('can be undone: the columns, the trigger and the analysis_changed entries go, other rows stay', async () => {
  await migrateToLatest(database.db, { schema: database.schema })
  const service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
  const created = (
    await service.create(ACTOR, 'dev', {
      feature: '1',
      name: 'n',
      hypothesis: 'h',
      analysis: { method: 'fixed' },
    })
  )._unsafeUnwrap()
  ;(await service.setAnalysis(ACTOR, 'dev', created.id, { method: 'sequential' }))._unsafeUnwrap()
  await migrateTo(database, '0012_results_history')
  const columns = await database.query<{ name: string }>(
    `select column_name as name from information_schema.columns
     where table_schema = $1 and table_name = 'flag_experiments'`,
    [database.schema],
  )
  expect(columns.map((c) => c.name)).not.toContain('analysis_method')
  expect(columns.map((c) => c.name)).not.toContain('pre_exposure_days')
  expect(
    await database.query(
      `select action from "${database.schema}".flag_experiments_audit where experiment_id = $1`,
      [created.id],
    ),
  ).toEqual([{ action: 'created' }])
  await expect(
    database.query(
      `insert into "${database.schema}".flag_experiments_audit (id, experiment_id, environment_id, project_id,
         action, actor_type, actor_id, message, changes, at, subject_type, subject_id)
       values (gen_random_uuid(), $1, 'env-dev', 'p1', 'analysis_changed', 'user', 'u1', 'm', '{}', now(), 'experiment', $1)`,
      [created.id],
    ),
  ).rejects.toThrow(/action_check/)
  await migrateToLatest(database.db, { schema: database.schema })
  expect((await service.get(ACTOR, 'dev', created.id))._unsafeUnwrap().analysis.method).toBe('sequential')
})
