import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/** An instant out of the accepted range is a 400 naming the field, never a 503 a client would retry. */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const RANGE = 'must be from 1970-01-01T00:00:00Z up to, not including, 2200-01-01T00:00:00Z.'

describe('instants out of range over HTTP', () => {
  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00'])(
    'refuses exposures and events at %s',
    async (at) => {
      const created = await api.create({ feature: 4 })
      expect((await api.request('POST', `dev/experiments/${created.id}/start/`)).status).toBe(200)
      const exposures = [{ experiment: created.id, identity: 'u1', variant: 'control', at }]
      const refused = await api.request('POST', 'dev/exposures/', { json: { exposures } })
      expect(refused.status).toBe(400)
      expect(refused.headers.get('retry-after')).toBeNull()
      expect(refused.body).toMatchObject({
        code: 'validation_failed',
        issues: [{ path: 'exposures.0.at', message: expect.stringContaining(RANGE) }],
      })
      const events = [{ id: crypto.randomUUID(), identity: 'u1', event: 'purchase', at }]
      const refusedEvents = await api.request('POST', 'dev/events/', { json: { events } })
      expect(refusedEvents.status).toBe(400)
      expect(refusedEvents.body.issues).toEqual([
        { path: 'events.0.at', message: expect.stringContaining(RANGE) },
      ])
    },
  )

  it.each(['10000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00', '1969-12-31T23:59:59Z'])(
    'refuses a scheduled start or end of %s on create and update',
    async (at) => {
      const created = await api.request('POST', 'dev/experiments/', {
        json: { feature: 1, name: 'n', hypothesis: 'h', scheduled_start_at: at },
      })
      expect(created.status).toBe(400)
      expect(created.body.issues).toEqual([{ path: 'scheduled_start_at', message: expect.any(String) }])
      const { id } = await api.create()
      const updated = await api.request('PATCH', `dev/experiments/${id}/`, { json: { scheduled_end_at: at } })
      expect(updated.status).toBe(400)
      expect(updated.body.issues).toEqual([{ path: 'scheduled_end_at', message: expect.any(String) }])
    },
  )
})
