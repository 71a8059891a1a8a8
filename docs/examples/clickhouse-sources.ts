import { createClient } from '@clickhouse/client'
import { createClickHouseExperimentData } from 'flag-experiments/clickhouse'

const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL })
export const experimentData = createClickHouseExperimentData(clickhouse, {
  database: 'analytics',
  sources: {
    exposures: {
      table: 'sdk_exposures',
      columns: { experimentId: 'exp', identity: 'user_id', variant: 'arm', at: 'ts' },
    },
    events: {
      table: 'tracks',
      columns: { environmentId: 'env', identity: 'uid', event: 'name', value: 'amount', at: 'ts' },
    },
  },
})
