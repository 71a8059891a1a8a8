import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { createRoundTripCounter, type RoundTripCounter } from './round-trips.js'

/** What the baseline and the seeding need of a driver: one parameterised statement per call. */
export interface SqlClient {
  query<R = Record<string, unknown>>(text: string, parameters?: readonly unknown[]): Promise<{ rows: R[] }>
}

/** A database for one run: the library's Kysely and the baseline's raw client share one counter. */
export interface Backend {
  readonly kind: 'pglite' | 'postgres'
  /** Kysely over the instrumented driver: what the library runs on. */
  readonly db: Kysely<unknown>
  /** The instrumented raw client: what the hand-written baseline runs on. */
  readonly sql: SqlClient
  /** Not counted: seeding, plans, housekeeping. */
  readonly admin: SqlClient
  /**
   * Runs `setup` (plain statements, no parameters: sent with `BEGIN` in one round trip where the
   * driver allows it) and then `run` in one transaction on one connection of {@link Backend.sql},
   * counted; commits, or rolls back if `run` rejects.
   */
  sqlTransaction<T>(setup: string, run: (client: SqlClient) => Promise<T>): Promise<T>
  readonly counter: RoundTripCounter
  /** How many statements can really run at once (1 on PGlite). */
  readonly connections: number
  readonly serverVersion: string
  close(): Promise<void>
}

const POOL_SIZE = 34

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url)
  let dir = require.resolve(name)
  while (!dir.endsWith(`/node_modules/${name}`)) dir = dir.slice(0, dir.lastIndexOf('/'))
  return (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version
}

/** Versions of the packages under test. */
export function libraryVersions(): Record<string, string> {
  return Object.fromEntries(
    ['kysely', 'pg', '@electric-sql/pglite', 'kysely-pglite-dialect'].map((n) => [n, packageVersion(n)]),
  )
}

/** A pg pool as Kysely sees it, counting every `query` its clients send. */
function countingPool(pool: pg.Pool, counter: RoundTripCounter): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  return {
    connect: async () => {
      const client = await pool.connect()
      let counting = wrapped.get(client)
      if (counting === undefined) {
        counting = {
          query: ((sql: string, parameters: readonly unknown[]) => {
            counter.sent(sql, parameters)
            return client.query(sql, [...parameters])
          }) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        }
        wrapped.set(client, counting)
      }
      return counting
    },
    end: () => pool.end(),
  }
}

async function openPostgres(url: string): Promise<Backend> {
  const counter = createRoundTripCounter()
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 10_000 })
  // An idle client the server dropped (another process's pg_terminate_backend, a restart) leaves the pool; not fatal.
  pool.on('error', (error) => process.stderr.write(`idle connection lost: ${error.message}\n`))
  const admin: SqlClient = {
    query: async <R>(text: string, parameters: readonly unknown[] = []) => {
      const { rows } = await pool.query(text, [...parameters])
      return { rows: rows as R[] }
    },
  }
  const { rows } = await admin.query<{ server_version: string }>('show server_version')
  const { rows: settings } = await admin.query<{ name: string; setting: string }>(
    `select name, current_setting(name) as setting from pg_settings
     where name in ('synchronous_commit', 'fsync', 'shared_buffers', 'max_connections') order by name`,
  )
  const tuning = settings.map((s) => `${s.name}=${s.setting}`).join(', ')
  return {
    kind: 'postgres',
    db: new Kysely<unknown>({ dialect: new PostgresDialect({ pool: countingPool(pool, counter) }) }),
    sql: {
      query: (text, parameters = []) => {
        counter.sent(text, parameters)
        return admin.query(text, parameters)
      },
    },
    admin,
    sqlTransaction: async (setup, run) => {
      const client = await pool.connect()
      const send = async <R>(text: string, parameters: readonly unknown[] = []) => {
        counter.sent(text, parameters)
        const { rows } = await client.query(text, [...parameters])
        return { rows: rows as R[] }
      }
      try {
        await send(`begin; ${setup}`)
        const outcome = await run({ query: send })
        await send('commit')
        return outcome
      } catch (error) {
        await client.query('rollback')
        throw error
      } finally {
        client.release()
      }
    },
    counter,
    connections: POOL_SIZE,
    serverVersion: `PostgreSQL ${rows[0]?.server_version ?? '?'} (${tuning}; same host, TCP loopback)`,
    close: () => pool.end(),
  }
}

async function openPGlite(): Promise<Backend> {
  const counter = createRoundTripCounter()
  const pglite = await PGlite.create()
  const admin: SqlClient = {
    query: async <R>(text: string, parameters: readonly unknown[] = []) => {
      const { rows } = await pglite.query<R>(text, [...parameters])
      return { rows }
    },
  }
  // The dialect calls only `query` (and `close` on destroy): a counting front for the same instance.
  const countingPGlite = {
    query: (text: string, parameters: unknown[] = []) => {
      counter.sent(text, parameters)
      return pglite.query(text, parameters)
    },
    close: () => pglite.close(),
  } as unknown as PGlite
  const { rows } = await admin.query<{ server_version: string }>('show server_version')
  return {
    kind: 'pglite',
    db: new Kysely<unknown>({ dialect: new PGliteDialect(countingPGlite) }),
    sql: {
      query: (text, parameters = []) => {
        counter.sent(text, parameters)
        return admin.query(text, parameters)
      },
    },
    admin,
    sqlTransaction: (setup, run) =>
      pglite.transaction(async (tx) => {
        counter.sent(setup, [])
        await tx.exec(setup)
        return run({
          query: async <R>(text: string, parameters: readonly unknown[] = []) => {
            counter.sent(text, parameters)
            const { rows } = await tx.query<R>(text, [...parameters])
            return { rows }
          },
        })
      }),
    counter,
    connections: 1,
    serverVersion: `PGlite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${rows[0]?.server_version ?? '?'}, in-process WASM)`,
    close: () => pglite.close(),
  }
}

/** Opens PGlite, or the Postgres server at `databaseUrl`. */
export function openBackend(databaseUrl: string | null): Promise<Backend> {
  return databaseUrl === null ? openPGlite() : openPostgres(databaseUrl)
}
