import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentResultsJson } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/**
 * The lift over time over HTTP, on memory adapters: the scheduler's daily snapshots and the final
 * results as `GET …/results/history/`; every response is checked against the OpenAPI document by
 * the test client.
 */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('GET …/experiments/{id}/results/history/', () => {
  it('answers the daily snapshots oldest first, then the final results in place of the end day', async () => {
    const { id } = await api.create({ feature: 4 })
    expect((await api.request('POST', `dev/experiments/${id}/start/`)).status).toBe(200)
    const path = `dev/experiments/${id}/results/history/`
    expect(await api.request('GET', path)).toMatchObject({ status: 200, body: { results: [] } })
    const at = api.clock.now().toISOString()
    const exposures = [
      { experiment: id, identity: 'u1', variant: 'control', at },
      { experiment: id, identity: 'u2', variant: 'treatment', at },
    ]
    expect((await api.request('POST', 'dev/exposures/', { json: { exposures } })).status).toBe(202)
    expect((await api.service.runScheduled()).isOk()).toBe(true)
    api.clock.advance({ days: 1 })
    expect((await api.service.runScheduled()).isOk()).toBe(true)
    const running = (await api.request('GET', path)).body as { results: ExperimentResultsJson[] }
    expect(running.results.map((r) => [r.is_final, r.variants.map((v) => v.exposures)])).toEqual([
      [false, [1, 1]],
      [false, [1, 1]],
    ])
    expect((await api.request('POST', `dev/experiments/${id}/complete/`)).status).toBe(200)
    const completed = (await api.request('GET', path)).body as { results: ExperimentResultsJson[] }
    expect(completed.results).toHaveLength(2)
    expect(completed.results[1]).toEqual((await api.request('GET', `dev/experiments/${id}/results/`)).body)
    expect(completed.results[1]?.is_final).toBe(true)
  })

  it('is 404 for an unknown experiment and refuses a query parameter', async () => {
    const missing = await api.request('GET', `dev/experiments/${crypto.randomUUID()}/results/history/`)
    expect(missing).toMatchObject({ status: 404, body: { code: 'experiment_not_found' } })
    const { id } = await api.create()
    const query = await api.request('GET', `dev/experiments/${id}/results/history/?day=1`)
    expect(query).toMatchObject({ status: 400, body: { code: 'validation_failed' } })
  })
})
