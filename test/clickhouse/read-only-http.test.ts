import { afterEach, describe, expect, it } from 'vitest'
import { createClickHouseExperimentData } from '../../src/clickhouse.js'
import { createExperimentService } from '../../src/index.js'
import { startMemoryApi, type MemoryApi } from '../http/support/memory-api.js'

/** A client the read-only adapter must never reach while refusing a batch. */
const unreachable = {
  query: () => Promise.reject(new Error('no statement expected')),
  command: () => Promise.reject(new Error('no statement expected')),
}

describe('over HTTP, a ClickHouse adapter reading the host’s own tables (sources)', () => {
  let api: MemoryApi | undefined
  afterEach(async () => {
    await api?.close()
    api = undefined
  })

  it('answers 501 ingestion_not_supported to exposures and events, whatever the body, without reaching ClickHouse', async () => {
    const experimentData = createClickHouseExperimentData(unreachable, {
      database: 'analytics',
      sources: {
        exposures: {
          table: 'exposures',
          columns: { experimentId: 'e', identity: 'u', variant: 'v', at: 't' },
        },
        events: { table: 'events', columns: { identity: 'u', event: 'n', at: 't' } },
      },
    })
    expect(experimentData.mode).toBe('read_only')
    api = await startMemoryApi((service) => service)
    const adapters = api.adapters
    await api.close()
    api = await startMemoryApi(() => createExperimentService({ ...adapters, experimentData }))
    for (const [path, json] of [
      ['dev/exposures/', { exposures: [] }],
      ['dev/events/', { events: 'not even a batch' }],
    ] as const) {
      const response = await api.request('POST', path, { json })
      expect(response.status, path).toBe(501)
      expect(response.body.code).toBe('ingestion_not_supported')
    }
  })
})
