import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ACTOR_TYPES, AUDIT_ACTIONS, EXPERIMENT_STATUSES } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase()
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

describe('migration 0001', () => {
  it('checks statuses, actor types and audit actions against the core enumerations, in their order', async () => {
    const lists = await checkLists()
    expect(lists).toMatchObject({
      flag_experiments_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_from_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_to_status_check: [...EXPERIMENT_STATUSES],
      flag_experiments_history_actor_type_check: [...ACTOR_TYPES],
      flag_experiments_audit_actor_type_check: [...ACTOR_TYPES],
      flag_experiments_audit_action_check: [...AUDIT_ACTIONS],
    })
  })

  it('still creates exactly the enumerations it shipped with (a new value needs a new migration)', async () => {
    const lists = await checkLists()
    expect(lists.flag_experiments_status_check).toEqual(['created', 'running', 'paused', 'completed'])
    expect(lists.flag_experiments_audit_actor_type_check).toEqual(['user', 'api_key', 'system'])
    expect(lists.flag_experiments_audit_action_check).toEqual([
      'created',
      'updated',
      'deleted',
      'restored',
      'started',
      'resumed',
      'paused',
      'completed',
    ])
  })
})
