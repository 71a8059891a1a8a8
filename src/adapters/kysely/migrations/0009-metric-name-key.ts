import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES, type LibraryTables } from '../library-tables.js'

/**
 * The name fold as 0009 shipped it, frozen here so that this migration backfills the same keys
 * whatever later releases do (the live rule is `foldName`).
 */
function foldAsOf0009(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/ς/g, 'σ').normalize('NFKC')
}

interface MetricNameRow {
  readonly id: string
  readonly environment_id: string
  readonly name: string
  readonly deleted_at: unknown
}

/**
 * Each metric's key, computed in TypeScript. Live metrics whose names already fold alike keep
 * their names: the oldest keeps the plain key, each later one a key made unique by its id, so the
 * index can be built; a later write of such a metric is refused as a taken name until it is
 * renamed.
 */
function backfillKeys(rows: readonly MetricNameRow[]): { ids: string[]; keys: string[] } {
  const taken = new Set<string>()
  const ids: string[] = []
  const keys: string[] = []
  for (const row of rows) {
    const key = foldAsOf0009(row.name)
    const slot = `${row.environment_id}\u0001${key}`
    const live = row.deleted_at === null
    ids.push(row.id)
    keys.push(live && taken.has(slot) ? `${key} #${row.id}` : key)
    if (live) taken.add(slot)
  }
  return { ids, keys }
}

async function addNameKey(db: Kysely<unknown>, schema: string, t: LibraryTables): Promise<void> {
  await sql`alter table ${t.metrics} add column name_key text`.execute(db)
  const { rows } = await sql<MetricNameRow>`
    select id, environment_id, name, deleted_at from ${t.metrics} order by created_at, id`.execute(db)
  const { ids, keys } = backfillKeys(rows)
  if (ids.length > 0) {
    await sql`update ${t.metrics} m set name_key = k.key
      from unnest(${ids}::uuid[], ${keys}::text[]) as k(id, key) where m.id = k.id`.execute(db)
  }
  await sql`alter table ${t.metrics} alter column name_key set not null`.execute(db)
  await sql`drop index ${sql.id(schema, TABLE_NAMES.metricNameIndex)}`.execute(db)
  await sql`
    create unique index ${sql.id(TABLE_NAMES.metricNameIndex)} on ${t.metrics} (environment_id, name_key)
    where deleted_at is null`.execute(db)
}

/**
 * 0009: metric names unique by one fold computed in TypeScript (`name_key`), the same rule the
 * memory adapter applies, instead of Postgres' `lower(name)`, which keeps the final sigma apart
 * from σ and depends on the server's locale. Existing rows are backfilled; the unique index keeps
 * its name on the new key.
 */
export function metricNameKeyMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    up: (db) => addNameKey(db, schema, t),
    async down(db) {
      await sql`drop index ${sql.id(schema, TABLE_NAMES.metricNameIndex)}`.execute(db)
      await sql`alter table ${t.metrics} drop column name_key`.execute(db)
      await sql`
        create unique index ${sql.id(TABLE_NAMES.metricNameIndex)} on ${t.metrics} (environment_id, lower(name))
        where deleted_at is null`.execute(db)
    },
  }
}
