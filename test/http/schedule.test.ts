import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('scheduled_start_at and scheduled_end_at', () => {
  it('are taken on create and PATCH (null clears), returned in UTC, and performed by runScheduled', async () => {
    const created = await api.create({
      scheduled_start_at: '2026-01-01T02:00:00+01:00',
      scheduled_end_at: '2026-01-01T03:00:00Z',
    })
    expect(created).toMatchObject({
      scheduled_start_at: '2026-01-01T01:00:00.000Z',
      scheduled_end_at: '2026-01-01T03:00:00.000Z',
    })
    const path = `dev/experiments/${created.id}/`
    const patched = await api.request('PATCH', path, {
      json: { scheduled_start_at: '2026-01-01T00:30:00Z', scheduled_end_at: null },
      headers: { 'if-match': '"1"' },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      version: 2,
      scheduled_start_at: '2026-01-01T00:30:00.000Z',
      scheduled_end_at: null,
    })
    api.clock.set('2026-01-01T00:31:00.000Z')
    const run = (await api.service.runScheduled())._unsafeUnwrap()
    expect(run.started).toEqual([{ experimentId: created.id, environmentId: expect.any(String) }])
    const started = await api.request('GET', path)
    expect(started.body).toMatchObject({
      status: 'running',
      started_at: '2026-01-01T00:31:00.000Z',
      scheduled_start_at: null,
      version: 3,
    })
    const history = await api.request('GET', `${path}history/`)
    expect(history.body.results).toEqual([
      {
        from: 'created',
        to: 'running',
        at: '2026-01-01T00:31:00.000Z',
        actor: { type: 'system', id: 'scheduler' },
      },
    ])
  })

  it('refuses a start at or after the end with 400 validation_failed on the JSON field name', async () => {
    const refused = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 1,
        name: 'n',
        hypothesis: 'h',
        scheduled_start_at: '2026-01-02T00:00:00Z',
        scheduled_end_at: '2026-01-01T00:00:00Z',
      },
    })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: 'scheduled_end_at', message: 'scheduled_start_at must be earlier than scheduled_end_at.' },
      ],
    })
    const created = await api.create({ scheduled_end_at: '2026-01-01T01:00:00Z' })
    const patched = await api.request('PATCH', `dev/experiments/${created.id}/`, {
      json: { scheduled_start_at: '2026-01-01T01:00:00Z' },
    })
    expect(patched.status).toBe(400)
    expect(patched.body.issues).toEqual([
      { path: 'scheduled_start_at', message: 'scheduled_start_at must be earlier than scheduled_end_at.' },
    ])
  })

  it('refuses a time that is not ISO 8601 with an offset, and the camelCase name, with 400', async () => {
    const created = await api.create()
    const path = `dev/experiments/${created.id}/`
    const local = await api.request('PATCH', path, { json: { scheduled_start_at: '2026-01-01T01:00:00' } })
    expect(local.status).toBe(400)
    expect(local.body.issues).toEqual([
      { path: 'scheduled_start_at', message: expect.stringMatching(/ISO 8601/) },
    ])
    const camel = await api.request('PATCH', path, { json: { scheduledStartAt: '2026-01-01T01:00:00Z' } })
    expect(camel.status).toBe(400)
    expect(camel.body.issues).toEqual([
      {
        path: 'scheduledStartAt',
        message: 'scheduledStartAt is not a known field; remove it from the request.',
      },
    ])
  })

  it('refuses a scheduled start once started and a scheduled end once completed with 409 invalid_transition', async () => {
    const created = await api.create()
    const path = `dev/experiments/${created.id}/`
    expect((await api.request('POST', `${path}start/`)).status).toBe(200)
    const start = await api.request('PATCH', path, { json: { scheduled_start_at: '2026-01-02T00:00:00Z' } })
    expect(start.status).toBe(409)
    expect(start.body).toMatchObject({
      code: 'invalid_transition',
      from: 'running',
      to: 'running',
      allowed: ['completed'],
    })
    expect((await api.request('POST', `${path}complete/`)).status).toBe(200)
    const end = await api.request('PATCH', path, { json: { scheduled_end_at: '2026-01-02T00:00:00Z' } })
    expect(end.status).toBe(409)
    expect(end.body).toMatchObject({
      code: 'invalid_transition',
      from: 'completed',
      to: 'completed',
      allowed: [],
    })
  })
})
