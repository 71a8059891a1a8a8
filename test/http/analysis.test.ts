import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditFeedJson } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/**
 * The analysis setting over HTTP, in snake_case: shown on every experiment, accepted at create,
 * replaced by `PUT …/analysis/` until the start, then 409 `analysis_locked`; results say which
 * pre-exposure window they read. Every response is checked against the OpenAPI document.
 */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const DEFAULT = { method: 'sequential', sequential_tuning: 5000, pre_exposure_days: 14 }

describe('the analysis setting over HTTP', () => {
  it('is the default unless the create names one, each field left out taking its default', async () => {
    expect((await api.create()).analysis).toEqual(DEFAULT)
    const named = await api.create({ feature: 4, analysis: { method: 'fixed', pre_exposure_days: 0 } })
    expect(named.analysis).toEqual({ method: 'fixed', sequential_tuning: 5000, pre_exposure_days: 0 })
  })

  it('PUT replaces it before the start (ETag and version move on), then 409 analysis_locked', async () => {
    const { id } = await api.create()
    const path = `dev/experiments/${id}/analysis/`
    const wanted = { method: 'fixed', sequential_tuning: 20_000, pre_exposure_days: 7 }
    const stale = await api.request('PUT', path, { json: wanted, headers: { 'if-match': '"2"' } })
    expect(stale.status).toBe(412)
    const changed = await api.request('PUT', path, { json: wanted, headers: { 'if-match': '"1"' } })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    expect(changed.headers.get('etag')).toBe('"2"')
    expect(changed.body).toMatchObject({ version: 2, analysis: wanted })
    const audit = await api.request('GET', `dev/experiments/${id}/audit/`)
    const entries = (audit.body as AuditFeedJson).results
    expect(entries.at(-1)).toMatchObject({
      action: 'analysis_changed',
      changes: {
        analysis: { from: DEFAULT, to: wanted },
      },
    })
    expect((await api.request('POST', `dev/experiments/${id}/start/`)).status).toBe(200)
    const locked = await api.request('PUT', path, { json: { method: 'sequential' } })
    expect(locked.status).toBe(409)
    expect(locked.body).toMatchObject({
      code: 'analysis_locked',
      title: 'Analysis locked',
      detail: 'The analysis setting cannot change once the experiment has started.',
    })
    expect((await api.request('POST', `dev/experiments/${id}/complete/`)).status).toBe(200)
    const completed = await api.request('PUT', path, { json: { method: 'sequential' } })
    expect(completed.status).toBe(409)
    expect(completed.body.code).toBe('experiment_completed')
  })

  it('400 names each bad field by its JSON name, in the PUT and in the create', async () => {
    const { id } = await api.create()
    const put = await api.request('PUT', `dev/experiments/${id}/analysis/`, {
      json: { sequential_tuning: 50, pre_exposure_days: 120, sequentialTuning: 5000 },
    })
    expect(put.status).toBe(400)
    expect(put.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'sequential_tuning', message: 'sequential_tuning must be an integer from 100 to 10000000' },
        { path: 'pre_exposure_days', message: 'pre_exposure_days must be an integer from 0 to 90' },
        {
          path: 'sequentialTuning',
          message: 'sequentialTuning is not a known field; remove it from the request.',
        },
      ]),
    )
    const create = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'n', hypothesis: 'h', analysis: { method: 'bayes' } },
    })
    expect(create.status).toBe(400)
    expect(create.body.issues).toEqual([
      { path: 'analysis.method', message: 'method must be one of sequential, fixed' },
    ])
  })

  it('results say the method, its tuning and the pre-exposure days they were computed with', async () => {
    const { id } = await api.create({ analysis: { method: 'fixed', pre_exposure_days: 3 } })
    expect((await api.request('POST', `dev/experiments/${id}/start/`)).status).toBe(200)
    api.clock.advance(60_000)
    const results = await api.request('GET', `dev/experiments/${id}/results/`)
    expect(results.status).toBe(200)
    expect(results.body.analysis).toMatchObject({
      method: 'fixed',
      sequential_tuning: 5000,
      pre_exposure_days: 3,
    })
  })
})
