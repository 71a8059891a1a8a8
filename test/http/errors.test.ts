import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

describe('400 validation_failed', () => {
  it('lists every issue of an invalid create body', async () => {
    const response = await api.request('POST', 'dev/experiments/', { json: { feature: 1, name: '   ' } })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      title: 'Validation failed',
      status: 400,
    })
    expect((response.body.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
      'hypothesis',
      'name',
    ])
  })

  it.each([
    ['status', /start, pause and complete actions/],
    ['id', /assigned by the server/],
    ['version', /If-Match/],
    ['created_at', /read-only/],
    ['colour', /not a known field; remove it/],
  ])('refuses %s in a PATCH body and says what to do instead', async (field, hint) => {
    const created = await api.create()
    const response = await api.request('PATCH', `dev/experiments/${created.id}/`, {
      json: { name: 'x', [field]: 'running' },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect(response.body.issues).toEqual([{ path: field, message: expect.stringMatching(hint) }])
  })

  it('refuses a body that is JSON but not an object', async () => {
    const response = await api.request('POST', 'dev/experiments/', { json: [1, 2] })
    expect(response.body.code).toBe('validation_failed')
  })

  it.each(['W/"1"', 'abc', '"1", "2"', '"0"', '1'])('refuses the malformed If-Match %s', async (ifMatch) => {
    const created = await api.create()
    const response = await api.request('POST', `dev/experiments/${created.id}/start/`, {
      headers: { 'if-match': ifMatch },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([
      { path: 'If-Match', message: expect.stringContaining('strong ETag') },
    ])
  })

  it('refuses query parameters on an operation that defines none', async () => {
    const created = await api.create()
    const response = await api.request('GET', `dev/experiments/${created.id}/?expand=history`)
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([{ path: 'expand', message: expect.stringContaining('remove it') }])
  })
})

describe('400 feature errors', () => {
  it.each([
    [99, 'feature_not_found', 'Feature not found.'],
    [2, 'feature_not_multivariate', 'Experiments can only be created for multivariate flags.'],
    [3, 'feature_not_in_project', "Feature does not belong to this environment's project."],
  ])('feature %s → %s', async (feature, code, detail) => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: { feature, name: 'n', hypothesis: 'h' },
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code, detail, feature_id: String(feature) })
  })

  it('feature_immutable when a PATCH names another feature, but not the same one', async () => {
    const created = await api.create()
    const other = await api.request('PATCH', `dev/experiments/${created.id}/`, { json: { feature: 4 } })
    expect(other.body).toMatchObject({
      status: 400,
      code: 'feature_immutable',
      detail: 'Cannot change the feature of an existing experiment.',
    })
    const same = await api.request('PATCH', `dev/experiments/${created.id}/`, {
      json: { feature: '1', name: 'Same feature' },
    })
    expect(same.status).toBe(200)
  })
})

describe('401, 403 and 404', () => {
  it.each([null, 'nobody'])('401 unauthenticated with a challenge for token %s', async (token) => {
    const response = await api.request('GET', 'dev/experiments/', { token })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('unauthenticated')
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
  })

  it('403 experimentation_disabled where the project has experimentation off', async () => {
    const response = await api.request('GET', 'off/experiments/')
    expect(response.body).toMatchObject({ status: 403, code: 'experimentation_disabled' })
  })

  it('403 forbidden for a non-admin, before any validation', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      token: 'viewer',
      json: { nonsense: true },
    })
    expect(response.body).toMatchObject({ status: 403, code: 'forbidden', action: 'create' })
    expect((await api.request('GET', 'prod/experiments/', { token: 'dev-admin' })).body.code).toBe(
      'forbidden',
    )
    expect((await api.request('GET', 'dev/experiments/', { token: 'dev-admin' })).status).toBe(200)
  })

  it('404 environment_not_found, experiment_not_found (also for a non-UUID id) and not_found', async () => {
    expect((await api.request('GET', 'nope/experiments/')).body).toMatchObject({
      code: 'environment_not_found',
      environment_key: 'nope',
    })
    expect((await api.request('GET', `dev/experiments/${UNKNOWN_ID}/`)).body).toMatchObject({
      code: 'experiment_not_found',
      experiment_id: UNKNOWN_ID,
    })
    expect((await api.request('GET', 'dev/experiments/42/history/')).body.code).toBe('experiment_not_found')
    expect((await api.request('GET', '%E0%A4%A/experiments/')).body).toMatchObject({
      code: 'environment_not_found',
      environment_key: '%E0%A4%A',
    })
    for (const path of [
      '/api/v1/',
      '/api/v1/environments/dev/',
      '/api/v1/environments/dev/flags/',
      `/api/v1/environments/dev/experiments/${UNKNOWN_ID}/archive/`,
      '/elsewhere',
      '/api/v1/environments//experiments/',
      `/api/v1/environments/dev/experiments/${UNKNOWN_ID}/metrics/${UNKNOWN_ID}/`,
      `/api/v1/environments/dev/metrics/${UNKNOWN_ID}/start/`,
      `/api/v1/environments/dev/metrics/${UNKNOWN_ID}/used_by/`,
      '/api/v1/environments/dev/metrics//',
      '/api/v1/environments/dev/Metrics/',
    ]) {
      const response = await api.requestPath('GET', path)
      expect(response.body, path).toMatchObject({ status: 404, code: 'not_found' })
    }
  })

  it('decodes a percent-encoded environment key', async () => {
    const response = await api.request('GET', '%64ev/experiments/')
    expect(response.status).toBe(200)
  })
})

describe('405 method_not_allowed', () => {
  it.each([
    ['PUT', 'dev/experiments/', 'GET, HEAD, POST'],
    ['DELETE', 'dev/experiments', 'GET, HEAD, POST'],
    ['POST', `dev/experiments/${UNKNOWN_ID}/`, 'GET, HEAD, PATCH, DELETE'],
    ['GET', `dev/experiments/${UNKNOWN_ID}/start/`, 'POST'],
    ['DELETE', `dev/experiments/${UNKNOWN_ID}/history/`, 'GET, HEAD'],
    ['GET', `dev/experiments/${UNKNOWN_ID}/rollout/`, 'PUT'],
    ['POST', `dev/experiments/${UNKNOWN_ID}/metrics`, 'PUT'],
    ['PUT', `dev/experiments/${UNKNOWN_ID}/`, 'GET, HEAD, PATCH, DELETE'],
    ['PUT', 'dev/metrics/', 'GET, HEAD, POST'],
    ['POST', `dev/metrics/${UNKNOWN_ID}/`, 'GET, HEAD, PATCH, DELETE'],
    ['DELETE', `dev/metrics/${UNKNOWN_ID}/restore/`, 'POST'],
  ])('%s %s → Allow: %s', async (method, path, allow) => {
    const response = await api.request(method, path, { token: null })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(response.body.code).toBe('method_not_allowed')
  })
})

describe('409 conflicts and 412', () => {
  it('active_experiment_exists on a second create and on a restore into a taken slot', async () => {
    const first = await api.create()
    const second = await api.request('POST', 'dev/experiments/', {
      json: { feature: 1, name: 'Again', hypothesis: 'h' },
    })
    expect(second.body).toMatchObject({ status: 409, code: 'active_experiment_exists', feature_id: '1' })
    await api.request('DELETE', `dev/experiments/${first.id}/`)
    await api.create({ name: 'Replacement' })
    const restore = await api.request('POST', `dev/experiments/${first.id}/restore/`)
    expect(restore.body).toMatchObject({ status: 409, code: 'active_experiment_exists' })
  })

  it('invalid_transition with from, to and allowed', async () => {
    const created = await api.create()
    const response = await api.request('POST', `dev/experiments/${created.id}/pause/`)
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({
      code: 'invalid_transition',
      detail: 'cannot pause: the experiment is created; allowed: start',
      from: 'created',
      to: 'paused',
      allowed: ['running'],
    })
    await api.request('POST', `dev/experiments/${created.id}/start/`)
    await api.request('POST', `dev/experiments/${created.id}/complete/`)
    const again = await api.request('POST', `dev/experiments/${created.id}/start/`)
    expect(again.body).toMatchObject({
      code: 'invalid_transition',
      from: 'completed',
      to: 'running',
      allowed: [],
    })
  })

  it('experiment_running when deleting a running experiment', async () => {
    const created = await api.create()
    await api.request('POST', `dev/experiments/${created.id}/start/`)
    const response = await api.request('DELETE', `dev/experiments/${created.id}/`)
    expect(response.body).toMatchObject({
      status: 409,
      code: 'experiment_running',
      detail: 'Cannot delete a running experiment. Pause or complete it first.',
    })
  })

  it.each([
    ['PATCH', '', { name: 'late' }],
    ['DELETE', '', undefined],
    ['POST', 'start/', undefined],
    ['POST', 'restore/', undefined],
  ])('412 version_mismatch on %s %s with a stale If-Match', async (method, suffix, json) => {
    const created = await api.create()
    await api.request('PATCH', `dev/experiments/${created.id}/`, { json: { name: 'moved on' } })
    const response = await api.request(method, `dev/experiments/${created.id}/${suffix}`, {
      json,
      headers: { 'if-match': '"1"' },
    })
    expect(response.status).toBe(412)
    expect(response.body).toMatchObject({ code: 'version_mismatch', expected_version: 1, current_version: 2 })
  })
})
