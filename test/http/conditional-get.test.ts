import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ifNoneMatchMatches } from '../../src/adapters/http/conditional-get.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('If-None-Match on a single experiment', () => {
  it.each(['"1"', 'W/"1"', '"7", "1"', '*'])(
    'answers GET with 304 and no body when %s matches the ETag "1"',
    async (field) => {
      const { id } = await api.create()
      const response = await api.request('GET', `dev/experiments/${id}/`, {
        headers: { 'if-none-match': field },
      })
      expect(response.status).toBe(304)
      expect(response.body).toBeNull()
      expect(response.headers.get('etag')).toBe('"1"')
      expect(response.headers.get('content-type')).toBeNull()
    },
  )

  it('answers HEAD the same way', async () => {
    const { id } = await api.create()
    const response = await api.request('HEAD', `dev/experiments/${id}/`, {
      headers: { 'if-none-match': '"1"' },
    })
    expect(response.status).toBe(304)
    expect(response.headers.get('etag')).toBe('"1"')
  })

  it('sends the new version in full once the experiment has changed', async () => {
    const { id } = await api.create()
    await api.request('POST', `dev/experiments/${id}/start/`)
    const response = await api.request('GET', `dev/experiments/${id}/`, {
      headers: { 'if-none-match': '"1"' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe('"2"')
    expect(response.body).toMatchObject({ id, status: 'running', version: 2 })
  })

  it('never turns a refusal, a list or a write into a 304', async () => {
    const { id } = await api.create()
    const forbidden = await api.request('GET', `dev/experiments/${id}/`, {
      token: 'viewer',
      headers: { 'if-none-match': '*' },
    })
    expect(forbidden.status).toBe(403)
    const list = await api.request('GET', 'dev/experiments/', { headers: { 'if-none-match': '*' } })
    expect(list.status).toBe(200)
    const write = await api.request('PATCH', `dev/experiments/${id}/`, {
      json: { name: 'Renamed' },
      headers: { 'if-none-match': '"1"' },
    })
    expect(write.status).toBe(200)
  })
})

describe('weak comparison of entity tags', () => {
  it.each([
    ['"3"', '"3"', true],
    ['W/"3"', '"3"', true],
    ['"3"', 'W/"3"', true],
    ['"1", W/"3"', '"3"', true],
    ['*', '"3"', true],
    ['"4"', '"3"', false],
    ['3', '"3"', false],
    ['', '"3"', false],
    ['"3', '"3"', false],
  ])('If-None-Match %s against ETag %s: %s', (field, etag, matches) => {
    expect(ifNoneMatchMatches(field, etag)).toBe(matches)
  })
})
