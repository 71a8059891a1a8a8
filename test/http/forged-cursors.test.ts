import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/** A forged cursor is a 400 `validation_failed` naming `cursor` on every read that pages. */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const base64url = (raw: string) => btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const uuid = '00000000-0000-4000-8000-000000000001'

describe('forged cursors over HTTP', () => {
  it.each([
    ['dev/audit/', base64url(`f1:0:${2n ** 63n}`)],
    ['dev/audit/', base64url('f1:0:99999999999999999999')],
    ['dev/experiments/', base64url(`${Date.parse('+010000-01-01T00:00:00Z')}:${uuid}`)],
    ['dev/experiments/?deleted=true&', base64url(`999999999999999:${uuid}`)],
    ['dev/metrics/', base64url(`${Date.parse('+010000-01-01T00:00:00Z')}:${uuid}`)],
  ])('%s refuses %s with 400 naming cursor', async (path, cursor) => {
    const separator = path.endsWith('&') ? '' : '?'
    const response = await api.request('GET', `${path}${separator}cursor=${cursor}`)
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'cursor' }] })
  })

  it("refuses them on an experiment's audit too", async () => {
    const { id } = await api.create()
    const response = await api.request(
      'GET',
      `dev/experiments/${id}/audit/?cursor=${base64url(`f1:0:${2n ** 64n}`)}`,
    )
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'cursor' }] })
  })
})
