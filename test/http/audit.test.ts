import { afterEach, describe, expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import type { AuditEntryJson } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
afterEach(() => api.close())

const actions = (body: unknown) =>
  (body as { results: AuditEntryJson[] }).results.map((entry) => [entry.subject.id, entry.action])

describe('GET …/environments/{key}/audit/', () => {
  it('pages the entries oldest first with a next_cursor that is never null', async () => {
    api = await startMemoryApi()
    const metric = await api.createMetric()
    const experiment = await api.create()
    api.clock.advance(1000)
    await api.request('POST', `dev/experiments/${experiment.id}/start/`)
    const whole = await api.request('GET', 'dev/audit/')
    expect(whole.status).toBe(200)
    expect(actions(whole.body)).toEqual([
      [metric.id, 'metric_created'],
      [experiment.id, 'created'],
      [experiment.id, 'started'],
    ])
    const started = (whole.body.results as AuditEntryJson[])[2]
    expect(started).toEqual({
      id: expect.any(String),
      subject: { type: 'experiment', id: experiment.id },
      action: 'started',
      actor: { type: 'user', id: '1' },
      message: "Experiment 'Checkout button' started for environment Development",
      changes: {
        status: { from: 'created', to: 'running' },
        started_at: { from: null, to: '2026-01-01T00:00:01.000Z' },
      },
      created_at: '2026-01-01T00:00:01.000Z',
    })
    const first = await api.request('GET', 'dev/audit/?limit=2')
    expect(actions(first.body)).toEqual(actions(whole.body).slice(0, 2))
    const cursor = encodeURIComponent(first.body.next_cursor as string)
    const rest = await api.request('GET', `dev/audit/?cursor=${cursor}&limit=1000`)
    expect(actions(rest.body)).toEqual([[experiment.id, 'started']])
    const end = encodeURIComponent(rest.body.next_cursor as string)
    const empty = await api.request('GET', `dev/audit?cursor=${end}`)
    expect(empty.body).toEqual({ results: [], next_cursor: rest.body.next_cursor })
    const again = await api.request('GET', 'dev/audit/')
    expect((again.body.results as AuditEntryJson[]).map((e) => e.id)).toEqual(
      (whole.body.results as AuditEntryJson[]).map((e) => e.id),
    )
    const none = await api.request('GET', 'prod/audit/')
    expect(none.body.results).toEqual([])
    expect(none.body.next_cursor).toEqual(expect.any(String))
  })

  it('refuses a bad cursor or limit with a clear 400, once the caller may view', async () => {
    api = await startMemoryApi()
    for (const [query, path, message] of [
      ['cursor=nope', 'cursor', 'cursor is not a cursor of this audit feed'],
      ['cursor=a&cursor=b', 'cursor', 'cursor is not a cursor of this audit feed'],
      ['limit=0', 'limit', 'limit must be an integer from 1 to 1000'],
      ['limit=1001', 'limit', 'limit must be an integer from 1 to 1000'],
      ['limit=1e2', 'limit', 'limit must be an integer from 1 to 1000'],
      [
        'since=1',
        'since',
        'since is not a query parameter of this operation; remove it or use cursor or limit.',
      ],
    ] as const) {
      const response = await api.request('GET', `dev/audit/?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.body.code).toBe('validation_failed')
      expect(response.body.issues).toEqual([{ path, message: expect.stringContaining(message) }])
      const denied = await api.request('GET', `dev/audit/?${query}`, { token: 'viewer' })
      expect(denied.body.code, query).toBe('forbidden')
    }
  })

  it('answers 501 audit_feed_not_supported when the service has no feed', async () => {
    api = await startMemoryApi((service) => service)
    const { auditFeed: _feed, ...withoutFeed } = api.adapters
    const feedless = createExperimentService(withoutFeed)
    const experiment = await api.create()
    await api.close()
    api = await startMemoryApi(() => feedless)
    for (const path of ['dev/audit/', `dev/experiments/${experiment.id}/audit/`]) {
      const response = await api.request('GET', path)
      expect(response.status, path).toBe(501)
      expect(response.body.code).toBe('audit_feed_not_supported')
    }
  })
})

describe('GET …/experiments/{id}/audit/', () => {
  it("pages one experiment's entries, a deleted one's too; 404 for unknown ones", async () => {
    api = await startMemoryApi()
    const experiment = await api.create()
    const other = await api.create({ feature: 4 })
    await api.request('POST', `dev/experiments/${experiment.id}/start/`)
    await api.request('POST', `dev/experiments/${experiment.id}/pause/`)
    await api.request('DELETE', `dev/experiments/${experiment.id}/`)
    const page = await api.request('GET', `dev/experiments/${experiment.id}/audit/?limit=3`)
    expect(page.status).toBe(200)
    expect(actions(page.body)).toEqual([
      [experiment.id, 'created'],
      [experiment.id, 'started'],
      [experiment.id, 'paused'],
    ])
    const cursor = encodeURIComponent(page.body.next_cursor as string)
    const rest = await api.request('GET', `dev/experiments/${experiment.id}/audit/?cursor=${cursor}`)
    expect(actions(rest.body)).toEqual([[experiment.id, 'deleted']])
    expect(actions((await api.request('GET', `dev/experiments/${other.id}/audit`)).body)).toEqual([
      [other.id, 'created'],
    ])
    for (const path of [
      `dev/experiments/${crypto.randomUUID()}/audit/`,
      'dev/experiments/not-a-uuid/audit/',
      `prod/experiments/${experiment.id}/audit/`,
    ]) {
      const response = await api.request('GET', path)
      expect(response.status, path).toBe(404)
      expect(response.body.code).toBe('experiment_not_found')
    }
    const head = await api.request('HEAD', `dev/experiments/${experiment.id}/audit/`)
    expect([head.status, head.body]).toEqual([200, null])
  })
})
