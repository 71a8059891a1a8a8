import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PostgresDialect, sql, type Dialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import {
  authenticateBearer,
  demoEnvironments,
  demoFeatureLookup,
  demoPermissions,
} from '../../../demo/fixture.js'
import { createHttpHandler, type HttpHandler } from '../../../src/http.js'
import { createExperimentService, type ExperimentService } from '../../../src/index.js'
import { createKyselyAdapters, migrateToLatest } from '../../../src/kysely.js'
import { readStoredRows, type StoredRows } from '../../support/stored-state.js'
import { faultyDialect, type Faults } from './faulty-dialect.js'

/** A service whose every statement goes through a {@link faultyDialect}, with a clean back door. */
export interface FaultStack {
  readonly faults: Faults
  readonly service: ExperimentService
  readonly handler: HttpHandler
  readonly schema: string
  /** Errors the pool emitted on idle connections (a host must listen for them; we do). */
  readonly poolErrors: unknown[]
  /** Reads what is stored with faults switched off for the duration. */
  stored(): Promise<StoredRows>
  close(): Promise<void>
}

/** How the stack reaches its database. */
export type Connection =
  | { readonly kind: 'pglite' }
  | {
      readonly kind: 'postgres'
      readonly url: string
      readonly applicationName?: string
      readonly port?: number
    }

function innerDialect(connection: Connection, poolErrors: unknown[]): Dialect {
  if (connection.kind === 'pglite') return new PGliteDialect(new PGlite())
  const url = new URL(connection.url)
  if (connection.port !== undefined) url.port = String(connection.port)
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: 6,
    connectionTimeoutMillis: 3_000,
    application_name: connection.applicationName,
  })
  // What every host of a pg pool must do: an idle connection that dies emits 'error' on the
  // pool, and a checked-out one (no query in flight, e.g. inside a transaction) on its client;
  // unheard, either crashes the process. The failure then reaches the library on the next query.
  pool.on('error', (error) => poolErrors.push(error))
  pool.on('connect', (client) => client.on('error', (error) => poolErrors.push(error)))
  return new PostgresDialect({ pool })
}

/**
 * Opens a stack on a fresh schema. `hostAuditSink` makes writes transactions (row, then the
 * audit append, then commit) instead of one statement, so faults can land between them.
 */
export async function openFaultStack(
  connection: Connection,
  options: { hostAuditSink: boolean },
): Promise<FaultStack> {
  const poolErrors: unknown[] = []
  const faults: Faults = { down: false, pick: () => 'none', injected: 0 }
  const db = new Kysely<unknown>({ dialect: faultyDialect(innerDialect(connection, poolErrors), faults) })
  const schema = `fx_faults_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  await migrateToLatest(db, { schema })
  const library = createKyselyAdapters(db, { schema })
  const { repository, metrics, experimentData } = options.hostAuditSink
    ? createKyselyAdapters(db, { schema, auditLog: library.auditLog })
    : library
  const service = createExperimentService({
    repository,
    metrics,
    experimentData,
    features: demoFeatureLookup,
    permissions: demoPermissions,
  })
  const handler = createHttpHandler({
    service,
    authenticate: authenticateBearer,
    basePath: '/api/v1',
    onError: () => undefined,
  })

  async function withoutFaults<T>(run: () => Promise<T>): Promise<T> {
    const { down, pick } = faults
    faults.down = false
    faults.pick = () => 'none'
    try {
      return await run()
    } finally {
      faults.down = down
      faults.pick = pick
    }
  }

  // On a server, the back door is a direct pool (not behind the proxy, no faults); on PGlite, the
  // same database with faults switched off while it reads.
  const direct =
    connection.kind === 'postgres'
      ? new Kysely<unknown>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: connection.url, max: 2 }) }),
        })
      : null
  const backdoor = direct ?? db
  const query = async <T>(text: string, parameters: readonly unknown[] = []) =>
    (await backdoor.executeQuery<T>(CompiledQuery.raw(text, [...parameters]))).rows
  return {
    faults,
    service,
    handler,
    schema,
    poolErrors,
    stored: () =>
      withoutFaults(() =>
        readStoredRows(
          { schema, query },
          demoEnvironments.map((e) => e.id),
        ),
      ),
    close: () =>
      withoutFaults(async () => {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(backdoor)
        await db.destroy()
        await direct?.destroy()
      }),
  }
}
