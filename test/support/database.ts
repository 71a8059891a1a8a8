import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { migrateToLatest } from '../../src/kysely.js'

/** A database for one suite: its own fresh schema on PGlite, or on the server in `DATABASE_URL`. */
export interface TestDatabase {
  /** `pglite` (embedded, one connection) or `postgres` (a real server, a pool). */
  readonly kind: 'pglite' | 'postgres'
  /** A Kysely with no plugins, as a host would create it. */
  readonly db: Kysely<unknown>
  /** The schema of this database alone; dropped by {@link TestDatabase.close}. */
  readonly schema: string
  /**
   * Another, independent pool on the same database (a second service instance). On PGlite,
   * which has a single connection, the same instance.
   */
  openSecondPool(): Kysely<unknown>
  /** Runs raw SQL (`$1`-style parameters) through a back door: no adapter involved. */
  query<T = Record<string, unknown>>(text: string, parameters?: readonly unknown[]): Promise<T[]>
  /** Drops the schema and closes every pool this database opened. */
  close(): Promise<void>
}

/** Options of {@link openTestDatabase}. */
export interface OpenTestDatabaseOptions {
  /** Run the library's migrations into the fresh schema; defaults to true. */
  readonly migrate?: boolean
}

let pglite: Kysely<unknown> | undefined

/** One embedded database per test process: starting PGlite takes seconds, a schema milliseconds. */
function sharedPGlite(): Kysely<unknown> {
  pglite ??= new Kysely({ dialect: new PGliteDialect(new PGlite()) })
  return pglite
}

async function connectPostgres(url: string): Promise<Kysely<unknown>> {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 })
  try {
    const client = await pool.connect()
    client.release()
  } catch (cause) {
    await pool.end()
    const ci = process.env.CI === 'true' ? ' (CI=true: the Postgres suites must run, so this fails instead of skipping)' : ''
    throw new Error(`DATABASE_URL is set but the server is unreachable${ci}: ${String(cause)}`, { cause })
  }
  return new Kysely({ dialect: new PostgresDialect({ pool }) })
}

/**
 * Opens a database with a fresh, randomly named schema (migrated unless asked not to): on
 * PGlite when `DATABASE_URL` is unset, on that Postgres server when it is set. An unreachable
 * `DATABASE_URL` is an error, never a reason to skip.
 */
export async function openTestDatabase(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL
  const kind = url === undefined || url === '' ? 'pglite' : 'postgres'
  const db = kind === 'pglite' ? sharedPGlite() : await connectPostgres(url ?? '')
  const schema = `fx_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const extraPools: Kysely<unknown>[] = []
  await sql`create schema ${sql.id(schema)}`.execute(db)
  if (options.migrate ?? true) await migrateToLatest(db, { schema })
  return {
    kind,
    db,
    schema,
    openSecondPool: () => {
      if (kind === 'pglite') return db
      const second = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8 }) }),
      })
      extraPools.push(second)
      return second
    },
    query: async <T>(text: string, parameters: readonly unknown[] = []) => {
      const { rows } = await db.executeQuery<T>(CompiledQuery.raw(text, [...parameters]))
      return rows
    },
    close: async () => {
      await Promise.all(extraPools.map((pool) => pool.destroy()))
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db)
      if (kind === 'postgres') await db.destroy()
    },
  }
}
