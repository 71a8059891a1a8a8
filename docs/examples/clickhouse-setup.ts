import { createClient } from '@clickhouse/client'
import { createExperimentService } from 'flag-experiments'
import { createClickHouseExperimentData, migrateClickHouse } from 'flag-experiments/clickhouse'
import { createKyselyAdapters } from 'flag-experiments/kysely'
import { db, features, permissions } from './your-host.js'

const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL })
await migrateClickHouse(clickhouse, { database: 'flag_experiments' }) // idempotent
export const service = createExperimentService({
  ...createKyselyAdapters(db, { schema: 'experiments' }),
  experimentData: createClickHouseExperimentData(clickhouse, { database: 'flag_experiments' }),
  features,
  permissions,
})
