import { Migrator, type Kysely } from 'kysely'
import { experimentMigrations } from './experiment-migrations.js'
import { DEFAULT_SCHEMA, TABLE_NAMES } from './library-tables.js'

/** Where {@link migrateToLatest} puts the library's tables. */
export interface MigrateOptions {
  /** The Postgres schema for the tables and the migration bookkeeping; created if missing. Defaults to `public`. */
  readonly schema?: string
}

/**
 * Creates or updates the library's tables with Kysely's `Migrator`, using migrations shipped
 * as code and the library's own bookkeeping tables (`flag_experiments_migration`,
 * `flag_experiments_migration_lock`) in the chosen schema, so it never mixes with the host's
 * migrations. Safe to call on every boot and from several instances at once (it takes
 * Kysely's migration lock). Pass the `Kysely` instance, not a transaction.
 *
 * Resolves to the names of the migrations it applied (empty when already up to date); rejects
 * when one fails, after rolling that migration back.
 *
 * @example
 * ```ts
 * await migrateToLatest(db, { schema: 'experiments' })
 * ```
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  options: MigrateOptions = {},
): Promise<readonly string[]> {
  const schema = options.schema ?? DEFAULT_SCHEMA
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: experimentMigrations(schema),
    migrationTableName: TABLE_NAMES.migration,
    migrationLockTableName: TABLE_NAMES.migrationLock,
    migrationTableSchema: schema,
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')
    const which = failed === undefined ? '' : ` (migration ${failed.migrationName})`
    throw new Error(`flag-experiments: migrating schema ${JSON.stringify(schema)} failed${which}`, {
      cause: error,
    })
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
