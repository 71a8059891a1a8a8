import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { createExperimentService } from 'flag-experiments'
import { createKyselyAdapters, migrateToLatest } from 'flag-experiments/kysely'
import { features, logger, permissions, type HostDatabase } from './your-host.js'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
// a connection the server drops must not kill the process: listen on the pool and on each client
pool.on('error', (error) => logger.warn(error))
pool.on('connect', (client) => client.on('error', (error) => logger.warn(error)))
const db = new Kysely<HostDatabase>({
  dialect: new PostgresDialect({ pool }),
  plugins: [new CamelCasePlugin()], // fine: the library's own SQL runs without your plugins
})
await migrateToLatest(db, { schema: 'experiments' }) // on every boot: idempotent, takes a lock
export const service = createExperimentService({
  ...createKyselyAdapters(db, { schema: 'experiments' }),
  features, // your FeatureLookup
  permissions, // your PermissionPolicy
})
