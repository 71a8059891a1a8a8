/**
 * The demo's ClickHouse option (`EXPERIMENT_DATA=clickhouse`): exposures, events and results on
 * ClickHouse — the server at `CLICKHOUSE_URL`, or else embedded chDB in `CLICKHOUSE_DATA_DIR`
 * (default `flag-experiments-demo-clickhouse` under the OS temp dir, kept across restarts) —
 * while experiments stay in the demo's Postgres.
 *
 * @packageDocumentation
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClickHouseExperimentData, migrateClickHouse } from '../src/clickhouse.js'
import type { ExperimentData } from '../src/index.js'

/** The database the demo's ClickHouse tables go in. */
export const DEMO_CLICKHOUSE_DATABASE = 'flag_experiments_demo'

/** The demo's experiment data when `EXPERIMENT_DATA=clickhouse`; `null` for the Kysely adapter. */
export interface DemoExperimentData {
  readonly experimentData: ExperimentData
  readonly description: string
  close(): Promise<void>
}

/** Opens and migrates the ClickHouse experiment data if `EXPERIMENT_DATA` asks for it. */
export async function openDemoExperimentData(
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoExperimentData | null> {
  const wanted = env.EXPERIMENT_DATA ?? ''
  if (wanted === '' || wanted === 'postgres') return null
  if (wanted !== 'clickhouse')
    throw new Error(`EXPERIMENT_DATA must be clickhouse or postgres, got ${wanted}`)
  const { createClient } = await import('@clickhouse/client')
  const url = env.CLICKHOUSE_URL
  const path = env.CLICKHOUSE_DATA_DIR || join(tmpdir(), 'flag-experiments-demo-clickhouse')
  const client =
    url !== undefined && url !== ''
      ? createClient({ url })
      : createClient({
          connection: (await import('chdb/connection')).createChdbConnection({ path }) as never,
        })
  await migrateClickHouse(client, { database: DEMO_CLICKHOUSE_DATABASE })
  return {
    experimentData: createClickHouseExperimentData(client, { database: DEMO_CLICKHOUSE_DATABASE }),
    description: url ? `ClickHouse at CLICKHOUSE_URL` : `embedded ClickHouse (chDB, ${path})`,
    close: () => client.close(),
  }
}
