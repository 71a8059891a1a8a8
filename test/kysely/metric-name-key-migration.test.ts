import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, DEV, migrateTo, serviceWith } from './kysely-fixture.js'

/*
 * A catalogue 0002..0007 left behind, whose unique index compared `lower(name)`: names that the
 * one fold of 0009 makes equal (the final sigma) could both be live. Upgrading backfills every
 * key, keeps every row, and from then on the fold decides.
 */
let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase({ migrate: false })
  await migrateTo(database, '0007_trash')
})
afterEach(async () => {
  await database.close()
})

const ids = {
  older: '0d000000-0000-4000-8000-000000000001',
  later: '0d000000-0000-4000-8000-000000000002',
  other: '0d000000-0000-4000-8000-000000000003',
  deleted: '0d000000-0000-4000-8000-000000000004',
}

/** Inserts a metric row as 0007's release wrote it (no key column). */
async function oldMetric(id: string, name: string, createdAt: string, deletedAt: string | null = null) {
  await database.query(
    `insert into "${database.schema}".flag_experiments_metrics (id, environment_id, name, description, event,
       aggregation, direction, created_at, updated_at, deleted_at, version)
     values ($1, $2, $3, '', 'purchase', 'count', 'up', $4, $4, $5, 1)`,
    [id, DEV.id, name, createdAt, deletedAt],
  )
}

async function keys(): Promise<Record<string, string>> {
  const rows = await database.query<{ id: string; name_key: string }>(
    `select id, name_key from "${database.schema}".flag_experiments_metrics`,
  )
  return Object.fromEntries(rows.map((row) => [row.id, row.name_key]))
}

describe('0009_metric_name_key', () => {
  it('backfills each key; names that already fold alike keep their rows, the later one keyed apart', async () => {
    await oldMetric(ids.older, 'ΣΟΦΟΣ x', '2026-01-01T00:00:00Z')
    await oldMetric(ids.later, 'σοφος x', '2026-01-02T00:00:00Z')
    await oldMetric(ids.other, 'Revenue', '2026-01-03T00:00:00Z')
    await oldMetric(ids.deleted, 'REVENUE', '2025-12-01T00:00:00Z', '2025-12-02T00:00:00Z')
    await migrateToLatest(database.db, { schema: database.schema })
    expect(await keys()).toEqual({
      [ids.older]: 'σοφοσ x',
      [ids.later]: `σοφοσ x #${ids.later}`,
      [ids.other]: 'revenue',
      [ids.deleted]: 'revenue',
    })

    const api = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
    const metric = (name: string) => ({
      name,
      event: 'purchase',
      aggregation: 'count' as const,
      direction: 'up' as const,
    })
    expect((await api.createMetric(ACTOR, 'dev', metric('Σοφος X')))._unsafeUnwrapErr().code).toBe(
      'metric_name_taken',
    )
    expect((await api.createMetric(ACTOR, 'dev', metric('revenue')))._unsafeUnwrapErr().code).toBe(
      'metric_name_taken',
    )
    expect(
      (await api.updateMetric(ACTOR, 'dev', ids.older, { description: 'kept' }))._unsafeUnwrap().version,
    ).toBe(2)
    // The later twin cannot be written under its name until it is renamed.
    expect(
      (await api.updateMetric(ACTOR, 'dev', ids.later, { description: 'd' }))._unsafeUnwrapErr().code,
    ).toBe('metric_name_taken')
    expect((await api.updateMetric(ACTOR, 'dev', ids.later, { name: 'Σοφος y' }))._unsafeUnwrap().name).toBe(
      'Σοφος y',
    )
    expect((await keys())[ids.later]).toBe('σοφοσ y')
  })

  it('migrates down to 0007 and up again with the rows intact', async () => {
    await oldMetric(ids.older, 'Conversion', '2026-01-01T00:00:00Z')
    await migrateToLatest(database.db, { schema: database.schema })
    await migrateTo(database, '0007_trash')
    await oldMetric(ids.other, 'conversion', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z')
    await migrateToLatest(database.db, { schema: database.schema })
    expect(await keys()).toEqual({ [ids.older]: 'conversion', [ids.other]: 'conversion' })
  })
})
