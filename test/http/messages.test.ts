import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/** Problem details name the field, what it expects and what came; a refused transition names the status and what is allowed. */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('messages over HTTP', () => {
  it('says what feature expects when it is a boolean', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: { feature: true, name: 'n', hypothesis: 'h' },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([
      {
        path: 'feature',
        message:
          'feature: expected a string of 1..255 characters or an integer from 0 to 9007199254740991, got boolean',
      },
    ])
  })

  it('names a schedule time without an offset by its JSON name', async () => {
    const { id } = await api.create()
    const response = await api.request('PATCH', `dev/experiments/${id}/`, {
      json: { scheduled_start_at: '2026-03-01T12:00:00' },
    })
    expect(response.body.issues).toEqual([
      {
        path: 'scheduled_start_at',
        message:
          'scheduled_start_at: must be an ISO 8601 date-time with its offset (Z or ±hh:mm), such as 2026-03-01T12:00:00Z.',
      },
    ])
  })

  it.each([
    [[], 'pause', 'cannot pause: the experiment is created; allowed: start'],
    [['start'], 'start', 'cannot start: the experiment is running; allowed: pause, complete'],
    [['start', 'pause'], 'pause', 'cannot pause: the experiment is paused; allowed: start, complete'],
    [['start', 'complete'], 'pause', 'cannot pause: the experiment is completed; allowed: none'],
  ])('after %j, %s is refused with "%s"', async (steps, action, detail) => {
    const { id } = await api.create()
    for (const step of steps)
      expect((await api.request('POST', `dev/experiments/${id}/${step}/`)).status).toBe(200)
    const response = await api.request('POST', `dev/experiments/${id}/${action}/`)
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({ code: 'invalid_transition', detail })
  })

  it('says why a schedule is refused and what can still be scheduled', async () => {
    const { id } = await api.create()
    await api.request('POST', `dev/experiments/${id}/start/`)
    const response = await api.request('PATCH', `dev/experiments/${id}/`, {
      json: { scheduled_start_at: '2030-01-01T00:00:00Z' },
    })
    expect(response.body).toMatchObject({
      code: 'invalid_transition',
      detail: 'cannot schedule a start: the experiment is running; allowed: an end',
    })
  })
})
