/**
 * Kysely/Postgres adapters (Postgres server or embedded PGlite): `flag-experiments/kysely`.
 *
 * @packageDocumentation
 */
export { createKyselyAdapters } from './adapters/kysely/kysely-adapters.js'
export type { KyselyAdapters, KyselyAdaptersOptions } from './adapters/kysely/kysely-adapters.js'
export type { KyselyAuditLog } from './adapters/kysely/kysely-audit-log.js'
export { migrateToLatest } from './adapters/kysely/migrate-to-latest.js'
export type { MigrateOptions } from './adapters/kysely/migrate-to-latest.js'
export { createKyselyExperimentData } from './adapters/kysely/kysely-experiment-data.js'
export type { KyselyExperimentDataOptions } from './adapters/kysely/kysely-experiment-data.js'
