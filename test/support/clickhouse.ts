import { randomUUID } from 'node:crypto'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import { migrateClickHouse } from '../../src/clickhouse.js'

/** A ClickHouse database for one suite: embedded chDB, or the server at `CLICKHOUSE_URL`. */
export interface TestClickHouse {
  /** `chdb` (embedded, in this process) or `server`. */
  readonly kind: 'chdb' | 'server'
  readonly client: ClickHouseClient
  /** A fresh database of this suite alone, migrated; dropped by {@link TestClickHouse.close}. */
  readonly database: string
  /** Runs a `SELECT` through a back door (no adapter), values as `{name:Type}` parameters. */
  rows<T = Record<string, unknown>>(query: string, params?: Record<string, unknown>): Promise<T[]>
  /** Drops the database and closes the client. */
  close(): Promise<void>
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>

/**
 * chDB's connection to the process's in-memory data directory. chDB declares it with the
 * `Connection` type of `@clickhouse/client-common`, which `@clickhouse/client` now bundles as a
 * copy of its own: the same interface declared twice, so TypeScript needs telling.
 */
export function embeddedConnection(path = ':memory:'): ClientConnection {
  return createChdbConnection({ path }) as unknown as ClientConnection
}

/** The engine the suites run on, for their names. */
export const clickHouseEngine = process.env.CLICKHOUSE_URL ? 'ClickHouse server' : 'chDB'

/**
 * Opens a client and a fresh, migrated database (`fx_test_<random>`). chDB runs in this process
 * and allows one data directory per process, so every embedded suite shares the process's
 * in-memory one (`:memory:`), each in its own database.
 */
export async function openTestClickHouse(options: { migrate?: boolean } = {}): Promise<TestClickHouse> {
  const url = process.env.CLICKHOUSE_URL
  const client = url ? createClient({ url }) : createClient({ connection: embeddedConnection() })
  const database = `fx_test_${randomUUID().replaceAll('-', '')}`
  if (options.migrate === false) await client.command({ query: `CREATE DATABASE ${database}` })
  else await migrateClickHouse(client, { database })
  return {
    kind: url ? 'server' : 'chdb',
    client,
    database,
    rows: async <T>(query: string, params: Record<string, unknown> = {}) =>
      (await client.query({ query, format: 'JSONEachRow', query_params: params })).json<T>(),
    close: async () => {
      await client.command({ query: `DROP DATABASE IF EXISTS ${database}` })
      await client.close()
    },
  }
}
