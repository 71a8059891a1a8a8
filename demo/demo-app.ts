/**
 * The demo server's wiring, without the process around it: the database (embedded PGlite or
 * `DATABASE_URL`), the service over the Kysely adapters and the fixture, and the handler.
 *
 * @packageDocumentation
 */
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { createConsole } from '../src/console.js'
import { createHttpHandler, openApiDocument, type HttpHandler } from '../src/http.js'
import {
  createExperimentService,
  type Clock,
  type ExperimentData,
  type ExperimentService,
} from '../src/index.js'
import { createKyselyAdapters, migrateToLatest } from '../src/kysely.js'
import { authenticateBearer, demoFeatureLookup, demoPermissions } from './fixture.js'

/** Where the demo mounts the API. */
export const DEMO_BASE_PATH = '/api/v1'

/** Where the demo serves the results console. */
export const DEMO_CONSOLE_PATH = '/console'

/**
 * The schema the demo's tables go in on a Postgres server (`DATABASE_URL`) unless `DEMO_SCHEMA`
 * names another: a shared database's `public` schema stays untouched.
 */
export const DEMO_SCHEMA = 'flag_experiments_demo'

/** An open, migrated demo database. */
export interface DemoDatabase {
  readonly db: Kysely<unknown>
  /** The schema the demo's tables are in. */
  readonly schema: string
  /** What it runs on, for the start-up banner. */
  readonly description: string
  /** Closes the pool or the embedded database. */
  close(): Promise<void>
}

/**
 * Opens the demo database and migrates it: a Postgres pool when `DATABASE_URL` is set, with the
 * tables in schema {@link DEMO_SCHEMA} (or `DEMO_SCHEMA`); otherwise embedded PGlite, in memory
 * (fresh on every start) or in `PGLITE_DATA_DIR` when that is set, in its default schema.
 */
export async function openDemoDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DemoDatabase> {
  const url = env.DATABASE_URL
  const dataDir = env.PGLITE_DATA_DIR
  const onServer = url !== undefined && url !== ''
  const schema = onServer ? env.DEMO_SCHEMA || DEMO_SCHEMA : 'public'
  const db = onServer
    ? new Kysely<unknown>({ dialect: new PostgresDialect({ pool: createPool(url) }) })
    : new Kysely<unknown>({ dialect: new PGliteDialect(new PGlite(dataDir === '' ? undefined : dataDir)) })
  const description = onServer
    ? `Postgres (DATABASE_URL, schema ${schema})`
    : `embedded PGlite (${dataDir === undefined || dataDir === '' ? 'in memory' : dataDir})`
  try {
    await migrateToLatest(db, { schema })
  } catch (error) {
    await db.destroy()
    throw error
  }
  return { db, schema, description, close: () => db.destroy() }
}

/**
 * A pg pool that survives the server dropping its connections (a restart, an admin's
 * `pg_terminate_backend`): without `error` listeners, node-postgres re-emits that as an
 * unhandled 'error' event and the process dies — on the pool for an idle client, on the client
 * itself for one checked out between queries. The failed query reports `unavailable`; the pool
 * replaces the client on next use.
 */
function createPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString })
  const warn = (error: Error) =>
    console.warn(`postgres: connection lost (${error.message}); it will be replaced`)
  pool.on('error', warn)
  pool.on('connect', (client) => client.on('error', warn))
  return pool
}

/**
 * The demo's service: Kysely adapters over the demo database, with the fixture's lookups and
 * permissions; `experimentData` replaces the Kysely one (the ClickHouse adapter, say).
 */
export function createDemoService(
  database: Pick<DemoDatabase, 'db' | 'schema'>,
  clock?: Clock,
  experimentData?: ExperimentData,
): ExperimentService {
  const adapters = createKyselyAdapters(database.db, { schema: database.schema })
  return createExperimentService({
    ...adapters,
    experimentData: experimentData ?? adapters.experimentData,
    features: demoFeatureLookup,
    permissions: demoPermissions,
    clock,
  })
}

/** How often the demo performs due scheduled transitions. */
export const DEMO_SCHEDULE_INTERVAL_MS = 5_000

/**
 * Runs `service.runScheduled()` every `intervalMs` (the demo's stand-in for a host's cron job),
 * logging what each run did; one run at a time, a slow run is never overlapped. Returns the
 * function that stops it, resolving once a run in progress has finished (so the database can
 * close under no run).
 */
export function startDemoScheduler(
  service: Pick<ExperimentService, 'runScheduled'>,
  log: (message: string) => void = console.log,
  intervalMs = DEMO_SCHEDULE_INTERVAL_MS,
): () => Promise<void> {
  let current: Promise<void> | null = null
  const report = (run: Awaited<ReturnType<ExperimentService['runScheduled']>>) =>
    run.match(
      ({ started, completed, snapshots, failed }) => {
        for (const { experimentId } of started) log(`scheduler: started ${experimentId}`)
        for (const { experimentId } of completed) log(`scheduler: completed ${experimentId}`)
        for (const { experimentId } of snapshots) log(`scheduler: results snapshot of ${experimentId}`)
        for (const { experimentId, action, error } of failed)
          log(`scheduler: could not ${action} ${experimentId}: ${error.code} (${error.message})`)
      },
      (error) => log(`scheduler: run failed: ${error.code} (${error.message})`),
    )
  const timer = setInterval(() => {
    current ??= Promise.resolve(service.runScheduled())
      .then(report)
      .finally(() => {
        current = null
      })
  }, intervalMs)
  return async () => {
    clearInterval(timer)
    await current
  }
}

/** The OpenAPI document of the demo's API, as `npm run openapi` writes it to `openapi.json`. */
export function demoOpenApiDocument(): Record<string, unknown> {
  return openApiDocument({
    basePath: DEMO_BASE_PATH,
    servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
  })
}

/**
 * The demo's handler: bearer tokens of the fixture, basePath {@link DEMO_BASE_PATH}, the results
 * console at {@link DEMO_CONSOLE_PATH}, and the OpenAPI document at `GET {basePath}/openapi.json` (no token needed; `HEAD` too).
 */
export function createDemoHandler(
  service: ExperimentService,
  onError?: (error: unknown) => void,
): HttpHandler {
  const api = createHttpHandler({
    service,
    authenticate: authenticateBearer,
    basePath: DEMO_BASE_PATH,
    onError,
    console: createConsole({ path: DEMO_CONSOLE_PATH }),
  })
  const document = JSON.stringify(demoOpenApiDocument())
  return (request) => {
    const { pathname } = new URL(request.url)
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      pathname === `${DEMO_BASE_PATH}/openapi.json`
    ) {
      const body = request.method === 'HEAD' ? null : document
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }))
    }
    return api(request)
  }
}
