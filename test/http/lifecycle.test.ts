import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpHandler } from '../../src/http.js'
import { startApiServer } from './support/api-client.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('the success path of every endpoint', () => {
  it('creates with 201, Location, ETag and snake_case JSON in UTC', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: { feature: 1, name: '  Checkout button ', hypothesis: 'Green converts better.' },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('etag')).toBe('"1"')
    expect(response.headers.get('location')).toBe(`/api/v1/environments/dev/experiments/${response.body.id}/`)
    expect(response.body).toEqual({
      id: expect.any(String),
      feature: '1',
      name: 'Checkout button',
      hypothesis: 'Green converts better.',
      status: 'created',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      started_at: null,
      ended_at: null,
      scheduled_start_at: null,
      scheduled_end_at: null,
      running_seconds: 0,
      version: 1,
      metrics: [],
      rollout: {
        traffic_percentage: 100,
        allocations: [
          { variant: 'control', weight: 33.34 },
          { variant: 'blue', weight: 33.33 },
          { variant: 'green', weight: 33.33 },
        ],
      },
      analysis: { method: 'sequential', sequential_tuning: 5000, pre_exposure_days: 14 },
    })
    const location = await api.requestPath('GET', response.headers.get('location')!)
    expect(location.body).toEqual(response.body)
  })

  it('accepts the feature as a string too', async () => {
    const created = await api.create({ feature: '4' })
    expect(created.feature).toBe('4')
  })

  it('retrieves, with and without the trailing slash', async () => {
    const created = await api.create()
    for (const path of [`dev/experiments/${created.id}/`, `dev/experiments/${created.id}`]) {
      const response = await api.request('GET', path)
      expect(response.status).toBe(200)
      expect(response.headers.get('etag')).toBe('"1"')
      expect(response.body).toEqual(created)
    }
  })

  it('updates name and hypothesis, bumping the version and the ETag', async () => {
    const created = await api.create()
    api.clock.advance({ minutes: 1 })
    const response = await api.request('PATCH', `dev/experiments/${created.id}/`, {
      json: { name: 'Renamed', hypothesis: 'Blue converts better.' },
      headers: { 'if-match': '"1"' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe('"2"')
    expect(response.body).toMatchObject({
      name: 'Renamed',
      hypothesis: 'Blue converts better.',
      version: 2,
      updated_at: '2026-01-01T00:01:00.000Z',
    })
  })

  it('accepts If-Match: * as "any version"', async () => {
    const created = await api.create()
    const response = await api.request('PATCH', `dev/experiments/${created.id}`, {
      json: { name: 'Star' },
      headers: { 'if-match': '*' },
    })
    expect(response.status).toBe(200)
    expect(response.body.name).toBe('Star')
  })

  it('walks the lifecycle: start, pause, resume, complete, with running_seconds and history', async () => {
    const created = await api.create()
    const path = `dev/experiments/${created.id}`
    api.clock.advance({ seconds: 10 })
    const started = await api.request('POST', `${path}/start/`)
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({
      status: 'running',
      started_at: '2026-01-01T00:00:10.000Z',
      version: 2,
    })
    api.clock.advance({ seconds: 30 })
    const paused = await api.request('POST', `${path}/pause`, { headers: { 'if-match': '"2"' } })
    expect(paused.body).toMatchObject({ status: 'paused', running_seconds: 30 })
    api.clock.advance({ seconds: 100 })
    const resumed = await api.request('POST', `${path}/start/`)
    expect(resumed.body).toMatchObject({
      status: 'running',
      started_at: '2026-01-01T00:00:10.000Z',
      running_seconds: 30,
    })
    api.clock.advance({ seconds: 5 })
    const completed = await api.request('POST', `${path}/complete/`)
    expect(completed.status).toBe(200)
    expect(completed.headers.get('etag')).toBe('"5"')
    expect(completed.body).toMatchObject({
      status: 'completed',
      ended_at: '2026-01-01T00:02:25.000Z',
      running_seconds: 35,
    })

    const history = await api.request('GET', `${path}/history/`)
    expect(history.status).toBe(200)
    const admin = { type: 'user', id: '1' }
    expect(history.body.results).toEqual([
      { from: 'created', to: 'running', at: '2026-01-01T00:00:10.000Z', actor: admin },
      { from: 'running', to: 'paused', at: '2026-01-01T00:00:40.000Z', actor: admin },
      { from: 'paused', to: 'running', at: '2026-01-01T00:02:20.000Z', actor: admin },
      { from: 'running', to: 'completed', at: '2026-01-01T00:02:25.000Z', actor: admin },
    ])
  })

  it('records an API key as the actor', async () => {
    const created = await api.create()
    await api.request('POST', `dev/experiments/${created.id}/start/`, { token: 'master-key' })
    const history = await api.request('GET', `dev/experiments/${created.id}/history/`)
    expect(history.body.results[0].actor).toEqual({ type: 'api_key', id: 'k1' })
  })

  it('deletes with 204 and no body, hides the experiment, and restores it', async () => {
    const created = await api.create()
    const deleted = await api.request('DELETE', `dev/experiments/${created.id}/`, {
      headers: { 'if-match': '"1"' },
    })
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeNull()
    expect((await api.request('GET', `dev/experiments/${created.id}/`)).status).toBe(404)
    expect((await api.request('GET', 'dev/experiments/')).body.results).toEqual([])

    const restored = await api.request('POST', `dev/experiments/${created.id}/restore/`, {
      headers: { 'if-match': '"2"' },
    })
    expect(restored.status).toBe(200)
    expect(restored.headers.get('etag')).toBe('"3"')
    expect(restored.body).toMatchObject({ id: created.id, status: 'created', version: 3 })
    expect((await api.request('GET', `dev/experiments/${created.id}/`)).status).toBe(200)
  })

  it('lists newest first with status counts', async () => {
    const first = await api.create({ feature: 1 })
    api.clock.advance(1000)
    const second = await api.create({ feature: 4, name: 'Pricing' })
    await api.request('POST', `dev/experiments/${second.id}/start/`)
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(200)
    expect((response.body.results as { id: string }[]).map((e) => e.id)).toEqual([second.id, first.id])
    expect(response.body.next_cursor).toBeNull()
    expect(response.body.status_counts).toEqual({ created: 1, running: 1, paused: 0, completed: 0 })
    const withoutSlash = await api.request('GET', 'dev/experiments')
    expect(withoutSlash.body).toEqual(response.body)
  })

  it('scopes experiments to their environment', async () => {
    const created = await api.create()
    expect((await api.request('GET', `prod/experiments/${created.id}/`)).body.code).toBe(
      'experiment_not_found',
    )
    expect((await api.request('GET', 'prod/experiments/')).body.results).toEqual([])
  })

  it('mounts at the root when no basePath is given', async () => {
    const handler = createHttpHandler({
      service: api.service,
      authenticate: () => ({ type: 'user', id: '1' }),
    })
    const root = await startApiServer(handler, '')
    try {
      const created = await api.create()
      const response = await root.requestPath('GET', `/environments/dev/experiments/${created.id}/`)
      expect(response.body).toEqual(created)
      expect((await root.requestPath('GET', '/api/v1/environments/dev/experiments/')).status).toBe(404)
    } finally {
      await root.close()
    }
  })
})
