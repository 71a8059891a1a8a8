import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/** The metric catalogue over HTTP; every response is checked against the OpenAPI document. */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

describe('the metric catalogue', () => {
  it('creates with 201, Location, ETag and snake_case JSON; the description defaults to empty', async () => {
    const response = await api.request('POST', 'dev/metrics/', {
      json: { name: '  Checkout conversion ', event: 'checkout', aggregation: 'occurrence', direction: 'up' },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('etag')).toBe('"1"')
    expect(response.headers.get('location')).toBe(`/api/v1/environments/dev/metrics/${response.body.id}/`)
    expect(response.body).toEqual({
      id: expect.any(String),
      name: 'Checkout conversion',
      description: '',
      event: 'checkout',
      aggregation: 'occurrence',
      direction: 'up',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      version: 1,
    })
    const read = await api.requestPath('GET', response.headers.get('location')!)
    expect(read.status).toBe(200)
    expect(read.headers.get('etag')).toBe('"1"')
    expect(read.body).toEqual({ ...response.body, used_by: [] })
  })

  it('refuses a name already taken in the environment, ignoring case, but not in another one', async () => {
    await api.createMetric({ name: 'Revenue' })
    const taken = await api.request('POST', 'dev/metrics/', {
      json: { name: 'REVENUE', event: 'purchase', aggregation: 'sum', direction: 'up' },
    })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({
      code: 'metric_name_taken',
      title: 'Metric name taken',
      name: 'REVENUE',
    })
    expect((await api.createMetric({ name: 'Revenue' }, 'prod')).name).toBe('Revenue')
  })

  it('updates with If-Match, bumping version and ETag; a stale one is 412', async () => {
    const metric = await api.createMetric()
    api.clock.advance({ minutes: 1 })
    const path = `dev/metrics/${metric.id}/`
    const updated = await api.request('PATCH', path, {
      json: { name: 'Checkout rate', direction: 'informational' },
      headers: { 'if-match': '"1"' },
    })
    expect(updated.status).toBe(200)
    expect(updated.headers.get('etag')).toBe('"2"')
    expect(updated.body).toMatchObject({
      name: 'Checkout rate',
      direction: 'informational',
      version: 2,
      updated_at: '2026-01-01T00:01:00.000Z',
    })
    const stale = await api.request('PATCH', path, { json: { name: 'x' }, headers: { 'if-match': '"1"' } })
    expect(stale.status).toBe(412)
    expect(stale.body).toMatchObject({ code: 'version_mismatch', current_version: 2 })
  })

  it('renames into a name another metric holds only when that one is deleted', async () => {
    const first = await api.createMetric({ name: 'First' })
    const second = await api.createMetric({ name: 'Second' })
    const clash = await api.request('PATCH', `dev/metrics/${second.id}/`, { json: { name: 'first' } })
    expect(clash.status).toBe(409)
    expect(clash.body.code).toBe('metric_name_taken')
    expect((await api.request('DELETE', `dev/metrics/${first.id}/`)).status).toBe(204)
    expect(
      (await api.request('PATCH', `dev/metrics/${second.id}/`, { json: { name: 'first' } })).status,
    ).toBe(200)
    const restore = await api.request('POST', `dev/metrics/${first.id}/restore/`)
    expect(restore.status, 'a restore into a taken name is refused').toBe(409)
    expect(restore.body.code).toBe('metric_name_taken')
  })

  it('deletes with 204 (If-Match honoured), hides the metric, and restores it', async () => {
    const metric = await api.createMetric()
    const path = `dev/metrics/${metric.id}/`
    expect((await api.request('DELETE', path, { headers: { 'if-match': '"7"' } })).status).toBe(412)
    const deleted = await api.request('DELETE', path, { headers: { 'if-match': '"1"' } })
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBeNull()
    expect((await api.request('GET', path)).body.code).toBe('metric_not_found')
    expect((await api.request('GET', 'dev/metrics/')).body.results).toEqual([])
    expect((await api.request('PATCH', path, { json: { name: 'x' } })).status).toBe(404)

    const restored = await api.request('POST', `${path}restore/`, { headers: { 'if-match': '"2"' } })
    expect(restored.status).toBe(200)
    expect(restored.headers.get('etag')).toBe('"3"')
    expect(restored.body).toMatchObject({ id: metric.id, version: 3 })
    expect((await api.request('GET', 'dev/metrics/')).body.results).toHaveLength(1)
  })

  it('lists newest first, pages with limit and cursor, and searches names ignoring case', async () => {
    const ids: string[] = []
    for (const name of ['Alpha rate', 'Beta count', 'Gamma RATE']) {
      ids.push((await api.createMetric({ name })).id)
      api.clock.advance(1000)
    }
    const first = await api.request('GET', 'dev/metrics/?limit=2')
    expect(first.status).toBe(200)
    expect((first.body.results as { id: string }[]).map((m) => m.id)).toEqual([ids[2], ids[1]])
    expect(first.body.next_cursor).toEqual(expect.any(String))
    const second = await api.request('GET', `dev/metrics/?limit=2&cursor=${first.body.next_cursor}`)
    expect((second.body.results as { id: string }[]).map((m) => m.id)).toEqual([ids[0]])
    expect(second.body.next_cursor).toBeNull()

    const search = await api.request('GET', 'dev/metrics?q=rate')
    expect((search.body.results as { name: string }[]).map((m) => m.name)).toEqual([
      'Gamma RATE',
      'Alpha rate',
    ])
    expect((await api.request('GET', 'prod/metrics/')).body).toEqual({ results: [], next_cursor: null })
  })

  it('refuses bad list queries with issues named by parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=1e2', 'limit'],
      ['status=running', 'status'],
      ['q=a&q=b', 'q'],
    ]) {
      const response = await api.request('GET', `dev/metrics/?${query}`)
      expect(response.status, query).toBe(400)
      expect((response.body.issues as { path: string }[]).map((i) => i.path)).toEqual([path])
    }
  })

  it.each(['nope', '123', UNKNOWN_ID, `${UNKNOWN_ID}x`])(
    'answers 404 metric_not_found for the id %s',
    async (id) => {
      for (const [method, path] of [
        ['GET', `dev/metrics/${id}/`],
        ['PATCH', `dev/metrics/${id}/`],
        ['DELETE', `dev/metrics/${id}/`],
        ['POST', `dev/metrics/${id}/restore/`],
      ] as const) {
        const response = await api.request(method, path, method === 'PATCH' ? { json: { name: 'x' } } : {})
        expect(response.status, `${method} ${path}`).toBe(404)
        expect(response.body).toMatchObject({ code: 'metric_not_found', title: 'Metric not found' })
      }
    },
  )

  it("scopes metrics to their environment: another environment's id is not found", async () => {
    const metric = await api.createMetric()
    const response = await api.request('GET', `prod/metrics/${metric.id}/`)
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ code: 'metric_not_found', metric_id: metric.id })
  })

  it('lists every issue of an invalid metric body, and refuses unknown and read-only fields', async () => {
    const response = await api.request('POST', 'dev/metrics/', {
      json: { name: ' ', event: 'a\u0007b', aggregation: 'avg', direction: 'sideways', unit: 'ms' },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect((response.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'aggregation',
      'direction',
      'event',
      'name',
      'unit',
    ])
    const metric = await api.createMetric()
    const patch = await api.request('PATCH', `dev/metrics/${metric.id}/`, {
      json: { version: 2, created_at: 'x' },
    })
    expect((patch.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'created_at',
      'version',
    ])
  })

  it.each(['name', 'description', 'event'])(
    'refuses a lone surrogate in %s with validation_failed (no database can store it)',
    async (field) => {
      const response = await api.request('POST', 'dev/metrics/', {
        json: { name: 'n', event: 'e', aggregation: 'sum', direction: 'up', [field]: 'lone \uD800 high' },
      })
      expect(response.status).toBe(400)
      expect(response.body.issues).toEqual([{ path: field, message: expect.any(String) }])
    },
  )

  it('answers 405 with Allow on a method a metric path does not offer', async () => {
    const response = await api.request('PUT', 'dev/metrics/')
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST')
    const restore = await api.request('GET', `dev/metrics/${UNKNOWN_ID}/restore/`)
    expect(restore.headers.get('allow')).toBe('POST')
  })

  it('serves every metric path without its trailing slash too', async () => {
    const metric = await api.createMetric()
    expect((await api.request('GET', 'dev/metrics')).body.results).toHaveLength(1)
    expect((await api.request('GET', `dev/metrics/${metric.id}`)).body.id).toBe(metric.id)
    expect((await api.request('DELETE', `dev/metrics/${metric.id}`)).status).toBe(204)
    expect((await api.request('POST', `dev/metrics/${metric.id}/restore`)).status).toBe(200)
  })
})
