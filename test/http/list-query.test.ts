import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentJson, MetricJson } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
let ids: Record<'running' | 'paused' | 'completed', string>

/** Three experiments in `dev` (feature 1 and 4 hold one active slot each), a second apart. */
beforeEach(async () => {
  api = await startMemoryApi()
  const make = async (feature: number, name: string, actions: string[]) => {
    const created: ExperimentJson = await api.create({ feature, name })
    for (const action of actions) await api.request('POST', `dev/experiments/${created.id}/${action}/`)
    api.clock.advance(1000)
    return created.id
  }
  const completed = await make(1, 'Old checkout', ['start', 'complete'])
  const paused = await make(1, 'Checkout again', ['start', 'pause'])
  const running = await make(4, 'Pricing', ['start'])
  ids = { completed, paused, running }
})
afterEach(() => api.close())

const idsOf = (body: unknown) => (body as { results: { id: string }[] }).results.map((e) => e.id)

describe('list filters', () => {
  it('filters by status, repeated or comma-separated, without narrowing the counts', async () => {
    for (const query of [
      'status=running&status=paused',
      'status=running,paused',
      'status=running,%20paused,&status=',
    ]) {
      const response = await api.request('GET', `dev/experiments/?${query}`)
      expect(response.status).toBe(200)
      expect(idsOf(response.body), query).toEqual([ids.running, ids.paused])
      expect(response.body.status_counts).toEqual({ created: 0, running: 1, paused: 1, completed: 1 })
    }
  })

  it('filters by feature and by name (case-insensitive), narrowing the counts', async () => {
    const byFeature = await api.request('GET', 'dev/experiments/?feature=1')
    expect(idsOf(byFeature.body)).toEqual([ids.paused, ids.completed])
    expect(byFeature.body.status_counts).toEqual({ created: 0, running: 0, paused: 1, completed: 1 })
    const byName = await api.request('GET', 'dev/experiments/?q=CHECKOUT&status=completed')
    expect(idsOf(byName.body)).toEqual([ids.completed])
    expect(byName.body.status_counts).toEqual({ created: 0, running: 0, paused: 1, completed: 1 })
  })

  it('pages with limit and cursor until next_cursor is null', async () => {
    const seen: string[] = []
    let path = 'dev/experiments/?limit=2'
    for (;;) {
      const page = await api.request('GET', path)
      expect(page.body.results.length).toBeLessThanOrEqual(2)
      seen.push(...idsOf(page.body))
      if (page.body.next_cursor === null) break
      path = `dev/experiments/?limit=2&cursor=${encodeURIComponent(page.body.next_cursor as string)}`
    }
    expect(seen).toEqual([ids.running, ids.paused, ids.completed])
  })
})

describe('the trash (?deleted=true)', () => {
  it('lists deleted experiments only, newest first, each with deleted_at, filtered and paged like the list', async () => {
    await api.request('DELETE', `dev/experiments/${ids.completed}/`)
    api.clock.advance(1000)
    await api.request('DELETE', `dev/experiments/${ids.paused}/`)
    const trash = await api.request('GET', 'dev/experiments/?deleted=true')
    expect(trash.status).toBe(200)
    expect(idsOf(trash.body)).toEqual([ids.paused, ids.completed])
    expect((trash.body.results as ExperimentJson[]).map((e) => e.deleted_at)).toEqual([
      '2026-01-01T00:00:04.000Z',
      '2026-01-01T00:00:03.000Z',
    ])
    expect(trash.body.status_counts).toEqual({ created: 0, running: 0, paused: 1, completed: 1 })
    const first = await api.request('GET', 'dev/experiments/?deleted=true&limit=1&q=checkout&feature=1')
    expect(idsOf(first.body)).toEqual([ids.paused])
    const cursor = encodeURIComponent(first.body.next_cursor as string)
    const second = await api.request('GET', `dev/experiments/?deleted=true&limit=1&cursor=${cursor}`)
    expect([idsOf(second.body), second.body.next_cursor]).toEqual([[ids.completed], null])
    for (const query of ['', '?deleted=false']) {
      const live = await api.request('GET', `dev/experiments/${query}`)
      expect(idsOf(live.body), query).toEqual([ids.running])
      expect(live.body.results[0], query).not.toHaveProperty('deleted_at')
    }
    await api.request('POST', `dev/experiments/${ids.paused}/restore/`)
    expect(idsOf((await api.request('GET', 'dev/experiments/?deleted=true')).body)).toEqual([ids.completed])
  })
})

describe('the metric trash (?deleted=true)', () => {
  it('lists deleted metrics only, newest first, each with deleted_at, searched and paged like the list', async () => {
    const names = ['Checkout rate', 'Checkout value', 'Signups']
    const made: string[] = []
    for (const name of names) {
      made.push((await api.createMetric({ name, event: name.toLowerCase().replace(' ', '_') })).id)
      api.clock.advance(1000)
    }
    const [rate, value, signups] = made as [string, string, string]
    await api.request('DELETE', `dev/metrics/${rate}/`)
    api.clock.advance(1000)
    await api.request('DELETE', `dev/metrics/${value}/`)
    const trash = await api.request('GET', 'dev/metrics/?deleted=true')
    expect(trash.status).toBe(200)
    expect(idsOf(trash.body)).toEqual([value, rate])
    expect((trash.body.results as MetricJson[]).map((metric) => metric.deleted_at)).toEqual([
      '2026-01-01T00:00:07.000Z',
      '2026-01-01T00:00:06.000Z',
    ])
    const first = await api.request('GET', 'dev/metrics/?deleted=true&limit=1&q=CHECKOUT')
    expect(idsOf(first.body)).toEqual([value])
    const cursor = encodeURIComponent(first.body.next_cursor as string)
    const second = await api.request('GET', `dev/metrics/?deleted=true&limit=1&q=checkout&cursor=${cursor}`)
    expect([idsOf(second.body), second.body.next_cursor]).toEqual([[rate], null])
    for (const query of ['', '?deleted=false']) {
      const live = await api.request('GET', `dev/metrics/${query}`)
      expect(idsOf(live.body), query).toEqual([signups])
      expect(live.body.results[0], query).not.toHaveProperty('deleted_at')
    }
    await api.request('POST', `dev/metrics/${rate}/restore/`)
    expect(idsOf((await api.request('GET', 'dev/metrics/?deleted=true')).body)).toEqual([value])
    const refused = await api.request('GET', 'dev/metrics/?deleted=yes')
    expect([refused.status, refused.body.issues]).toEqual([
      400,
      [{ path: 'deleted', message: 'deleted must be true or false' }],
    ])
  })
})

describe('bad query values are 400 validation_failed', () => {
  it.each([
    ['status=archived', 'status.0'],
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1e2', 'limit'],
    ['limit=2.0', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=%205', 'limit'],
    ['limit=5&limit=6', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['cursor=%00', 'cursor'],
    ['feature=', 'feature'],
    ['q=a&q=b', 'q'],
    ['stauts=running', 'stauts'],
  ])('?%s → issue at %s', async (query, path) => {
    const response = await api.request('GET', `dev/experiments/?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect((response.body.issues as { path: string }[]).map((issue) => issue.path)).toContain(path)
  })

  const STATUS = 'status must be one of created, running, paused, completed'
  const LIMIT = 'limit must be an integer from 1 to 200'
  const FEATURE = 'feature must be a feature id (1 to 255 characters, or a non-negative integer)'
  const Q = 'q must be one text of at most 255 characters, without NUL characters'
  const CURSOR = 'cursor is not a valid cursor'
  const DELETED = 'deleted must be true or false'
  it.each([
    ['deleted=yes', { path: 'deleted', message: DELETED }],
    ['deleted=1', { path: 'deleted', message: DELETED }],
    ['deleted=TRUE', { path: 'deleted', message: DELETED }],
    ['deleted=true&deleted=false', { path: 'deleted', message: DELETED }],
    ['status=archived', { path: 'status.0', message: STATUS }],
    [`status=${'running,'.repeat(17)}`, { path: 'status', message: 'status must name at most 16 statuses' }],
    ['limit=0', { path: 'limit', message: LIMIT }],
    ['limit=201', { path: 'limit', message: LIMIT }],
    ['limit=abc', { path: 'limit', message: LIMIT }],
    ['limit=2.0', { path: 'limit', message: LIMIT }],
    ['limit=5&limit=6', { path: 'limit', message: LIMIT }],
    ['feature=', { path: 'feature', message: FEATURE }],
    [`feature=${'f'.repeat(256)}`, { path: 'feature', message: FEATURE }],
    ['q=a&q=b', { path: 'q', message: Q }],
    ['q=%00', { path: 'q', message: Q }],
    ['cursor=not-a-cursor', { path: 'cursor', message: CURSOR }],
    [`cursor=${'a'.repeat(513)}`, { path: 'cursor', message: CURSOR }],
    ['cursor=a&cursor=b', { path: 'cursor', message: CURSOR }],
    [
      'stauts=running',
      {
        path: 'stauts',
        message:
          'stauts is not a query parameter of this operation; remove it or use status, feature, q, limit, cursor or deleted.',
      },
    ],
  ])('?%s says what was expected', async (query, issue) => {
    const response = await api.request('GET', `dev/experiments/?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([issue])
  })

  it('checks permissions before the query', async () => {
    for (const query of ['limit=abc', 'stauts=running']) {
      const response = await api.request('GET', `dev/experiments/?${query}`, { token: 'viewer' })
      expect(response.body.code, query).toBe('forbidden')
    }
  })

  it('accepts the limits 1 and 200', async () => {
    expect((await api.request('GET', 'dev/experiments/?limit=1')).body.results).toHaveLength(1)
    expect((await api.request('GET', 'dev/experiments/?limit=200')).body.results).toHaveLength(3)
  })
})
