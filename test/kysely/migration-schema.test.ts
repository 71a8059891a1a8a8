import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ACTOR_TYPES, AUDIT_ACTIONS, EXPERIMENT_STATUSES } from '../../src/index.js'
import { migrateToLatest } from '../../src/kysely.js'
import { AUDIT_SUBJECT_TYPES } from '../../src/core/domain/audit-entry.js'
import {
  DIRECTIONS_BY_ROLE,
  EXPECTED_DIRECTIONS,
  METRIC_ROLES,
} from '../../src/core/domain/experiment-metrics.js'
import { METRIC_AGGREGATIONS, METRIC_DIRECTIONS } from '../../src/core/domain/metric.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { migrateTo } from './kysely-fixture.js'

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase({ migrate: false })
})
afterEach(async () => {
  await database.close()
})

/** The string literals of each check constraint of the schema, by constraint name, in order. */
async function checkLists(): Promise<Record<string, string[]>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select con.conname as name, pg_get_constraintdef(con.oid) as definition
    from pg_constraint con join pg_namespace n on n.oid = con.connamespace
    where n.nspname = ${database.schema} and con.contype = 'c'`.execute(database.db)
  return Object.fromEntries(
    rows.map(({ name, definition }) => [
      name,
      [...definition.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!),
    ]),
  )
}

const SHIPPED_0001_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'restored',
  'started',
  'resumed',
  'paused',
  'completed',
]

describe('migration 0001 alone', () => {
  it('still creates exactly the enumerations it shipped with (a new value needs a new migration)', async () => {
    await migrateTo(database, '0001_experiments_history_audit')
    const lists = await checkLists()
    expect(lists.flag_experiments_status_check).toEqual(['created', 'running', 'paused', 'completed'])
    expect(lists.flag_experiments_audit_actor_type_check).toEqual(['user', 'api_key', 'system'])
    expect(lists.flag_experiments_audit_action_check).toEqual(SHIPPED_0001_ACTIONS)
  })
})

describe('migrations up to 0002', () => {
  it('still create exactly the enumerations 0002 shipped with', async () => {
    await migrateTo(database, '0002_experiment_design')
    const lists = await checkLists()
    expect(lists.flag_experiments_audit_action_check).toEqual([
      ...SHIPPED_0001_ACTIONS,
      'metrics_changed',
      'rollout_changed',
      'metric_created',
      'metric_updated',
      'metric_deleted',
      'metric_restored',
    ])
    expect(lists.flag_experiments_audit_subject_type_check).toEqual(['experiment', 'metric'])
    expect(lists.flag_experiments_metrics_aggregation_check).toEqual(['occurrence', 'count', 'sum'])
    expect(lists.flag_experiments_metrics_direction_check).toEqual(['up', 'down', 'informational'])
    expect(lists.flag_experiments_experiment_metrics_role_check).toEqual([
      'primary',
      'secondary',
      'guardrail',
    ])
    expect(lists.flag_experiments_experiment_metrics_expected_direction_check).toEqual([
      'increase',
      'decrease',
      'not_increase',
      'not_decrease',
    ])
  })
})

describe('migrations to the latest', () => {
  it('check every enumeration against the core, in its order', async () => {
    await migrateToLatest(database.db, { schema: database.schema })
    const lists = await checkLists()
    expect(lists).toMatchObject({
      flag_experiments_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_from_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_to_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_actor_type_check: [...ACTOR_TYPES],
      flag_experiments_audit_actor_type_check: [...ACTOR_TYPES],
      flag_experiments_audit_action_check: [...AUDIT_ACTIONS],
      flag_experiments_audit_subject_type_check: [...AUDIT_SUBJECT_TYPES],
      flag_experiments_metrics_aggregation_check: [...METRIC_AGGREGATIONS],
      flag_experiments_metrics_direction_check: [...METRIC_DIRECTIONS],
      flag_experiments_experiment_metrics_role_check: [...METRIC_ROLES],
      flag_experiments_experiment_metrics_expected_direction_check: [...EXPECTED_DIRECTIONS],
      flag_experiments_experiment_metrics_direction_fits_role: Object.entries(DIRECTIONS_BY_ROLE).flatMap(
        ([role, directions]) => directions.flatMap((direction) => [role, direction]),
      ),
    })
  })
})

describe('migration 0007', () => {
  it('adds the trash index and the restore guard, and can be undone', async () => {
    const objects = async () => {
      const indexes = await database.query<{ name: string }>(
        `select indexname as name from pg_indexes where schemaname = $1 and indexname = 'flag_experiments_trash_idx'`,
        [database.schema],
      )
      const triggers = await database.query<{ name: string }>(
        `select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
         join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and t.tgname = 'flag_experiments_guard_restore'`,
        [database.schema],
      )
      return [...indexes, ...triggers].map((row) => row.name)
    }
    await migrateTo(database, '0007_trash')
    expect(await objects()).toEqual(['flag_experiments_trash_idx', 'flag_experiments_guard_restore'])
    await migrateTo(database, '0004_audit_feed')
    expect(await objects()).toEqual([])
  })
})

describe('migration 0010', () => {
  it('adds the metric trash index in list order, and can be undone', async () => {
    const definitions = async () =>
      (
        await database.query<{ definition: string }>(
          `select indexdef as definition from pg_indexes where schemaname = $1 and indexname = 'flag_experiments_metrics_trash_idx'`,
          [database.schema],
        )
      ).map((row) => row.definition)
    await migrateTo(database, '0010_metric_trash')
    const [definition] = await definitions()
    expect(definition).toMatch(
      /\(environment_id, created_at DESC, id DESC\) WHERE \(deleted_at IS NOT NULL\)$/,
    )
    await migrateTo(database, '0007_trash')
    expect(await definitions()).toEqual([])
  })
})
