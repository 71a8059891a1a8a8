import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PostgresDialect, sql, type Dialect, type Driver } from 'kysely'
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
  /**
   * Another Kysely on the same database through a dialect of its own (a new pool; on PGlite a
   * new driver over the same instance, so use it alone), optionally wrapped, e.g. to count or
   * fail statements. Closed by {@link TestDatabase.close}.
   */
  openKysely(wrap?: (dialect: Dialect) => Dialect): Kysely<unknown>
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

let pglite: { instance: PGlite; db: Kysely<unknown> } | undefined

/** One embedded database per test process: starting PGlite takes seconds, a schema milliseconds. */
function sharedPGlite(): { instance: PGlite; db: Kysely<unknown> } {
  if (pglite === undefined) {
    const instance = new PGlite()
    pglite = { instance, db: new Kysely({ dialect: new PGliteDialect(instance) }) }
  }
  return pglite
}

/** A PGlite dialect whose `destroy` leaves the shared instance open. */
function sharedPGliteDialect(): Dialect {
  const inner = new PGliteDialect(sharedPGlite().instance)
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: (): Driver => {
      const driver = inner.createDriver()
      return {
        init: () => driver.init(),
        acquireConnection: () => driver.acquireConnection(),
        beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
        commitTransaction: (connection) => driver.commitTransaction(connection),
        rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
        releaseConnection: (connection) => driver.releaseConnection(connection),
        destroy: () => Promise.resolve(),
      }
    },
  }
}

/**
 * A pool on the test server. An idle client the server drops must not crash the test process:
 * the next query on the pool reports it instead.
 */
function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 })
  pool.on('error', () => undefined)
  return pool
}

async function connectPostgres(url: string): Promise<Kysely<unknown>> {
  const pool = openPool(url)
  try {
    const client = await pool.connect()
    client.release()
  } catch (cause) {
    await pool.end()
    const ci =
      process.env.CI === 'true'
        ? ' (CI=true: the Postgres suites must run, so this fails instead of skipping)'
        : ''
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
  const db = kind === 'pglite' ? sharedPGlite().db : await connectPostgres(url ?? '')
  const schema = `fx_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const extraPools: Kysely<unknown>[] = []
  const openKysely = (wrap: (dialect: Dialect) => Dialect = (dialect) => dialect) => {
    const dialect =
      kind === 'pglite' ? sharedPGliteDialect() : new PostgresDialect({ pool: openPool(url ?? '') })
    const opened = new Kysely<unknown>({ dialect: wrap(dialect) })
    extraPools.push(opened)
    return opened
  }
  try {
    await sql`create schema ${sql.id(schema)}`.execute(db)
    if (options.migrate ?? true) await migrateToLatest(db, { schema })
  } catch (error) {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db).catch(() => undefined)
    if (kind === 'postgres') await db.destroy()
    throw error
  }
  return {
    kind,
    db,
    schema,
    openSecondPool: () => (kind === 'pglite' ? db : openKysely()),
    openKysely,
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

/** Inserts a running experiment (of a feature of its own) through the back door, for exposures' foreign key. */
export async function insertExperiment(database: TestDatabase, environmentId: string): Promise<string> {
  const id = randomUUID()
  await database.query(
    `insert into "${database.schema}".flag_experiments
       (id, environment_id, feature_id, name, hypothesis, status, created_at, updated_at, started_at, version,
        traffic_percentage, allocations)
     values ($1, $2, $3, 'e', 'h', 'running', '2029-12-31', '2029-12-31', '2029-12-31', 1, 100,
        '[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]')`,
    [id, environmentId, `feature-${id}`],
  )
  return id
}
