import type { ClickHouseClientSlice } from './clickhouse-client.js'
import { clickHouseSchema, type ClickHouseSchemaOptions } from './clickhouse-schema.js'

/**
 * Creates the database and the exposures and events tables the ClickHouse adapter stores into,
 * if they are missing (every statement is `IF NOT EXISTS`, so running it again does nothing).
 * With `cluster`: replicated local tables and Distributed tables sharded by identity, `ON CLUSTER`
 * (see {@link clickHouseSchema} for the statements).
 *
 * @example
 * ```ts
 * import { createClient } from '@clickhouse/client'
 * import { migrateClickHouse } from 'flag-experiments/clickhouse'
 *
 * const client = createClient({ url: process.env.CLICKHOUSE_URL })
 * await migrateClickHouse(client, { database: 'flag_experiments' })
 * ```
 */
export async function migrateClickHouse(
  client: ClickHouseClientSlice,
  options: ClickHouseSchemaOptions,
): Promise<void> {
  for (const query of clickHouseSchema(options)) await client.command({ query })
}
