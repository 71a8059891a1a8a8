import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentJson, ExperimentResultsJson } from '../../src/http.js'
import { openHttpBackend, type HttpBackend } from './support/http-backend.js'

/**
 * Values too large to sum, and data stored but never counted, over HTTP: on memory adapters and
 * on the Kysely adapters (PGlite, or the server in `DATABASE_URL`). Every response is checked
 * against the OpenAPI document by the test client.
 */

const eventId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

describe.each(['memory', 'kysely'] as const)('results on %s adapters', (kind) => {
  let backend: HttpBackend
  beforeEach(async () => {
    backend = await openHttpBackend(kind)
  })
  afterEach(() => backend.close())

  /** A running experiment on feature 4 (`control`, `treatment`) of `dev`: conversion and revenue on `purchase`. */
  async function runningExperiment(): Promise<ExperimentJson> {
    const { api } = backend
    const metric = async (name: string, aggregation: string) => {
      const created = await api.request('POST', 'dev/metrics/', {
        json: { name, event: 'purchase', aggregation, direction: 'up' },
      })
      return (created.body as { id: string }).id
    }
    const metrics = [
      { metric: await metric('Conversion', 'occurrence'), role: 'primary', expected_direction: 'increase' },
      { metric: await metric('Revenue', 'sum'), role: 'secondary', expected_direction: 'increase' },
    ]
    const created = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'Pricing', hypothesis: 'Cheaper sells more.', metrics },
    })
    const { id } = created.body as ExperimentJson
    const started = await api.request('POST', `dev/experiments/${id}/start/`)
    expect(started.status).toBe(200)
    return started.body as ExperimentJson
  }

  const exposuresOf = (experiment: string, at = '2026-01-01T00:00:01Z') =>
    ['c1', 'c2', 'c3', 't1', 't2', 't3'].map((identity) => ({
      experiment,
      identity,
      variant: identity.startsWith('c') ? 'control' : 'treatment',
      at,
    }))

  it('refuses an event value beyond ±1e15 with 400 naming the item, and stores nothing of the batch', async () => {
    const { api } = backend
    const event = (n: number, value: number) => ({
      id: eventId(n),
      identity: 'u1',
      event: 'purchase',
      value,
      at: '2026-01-01T00:00:02Z',
    })
    const refused = await api.request('POST', 'dev/events/', {
      json: { events: [event(1, 1e15), event(2, 1e200), event(3, -1e200), event(4, 1e308), event(5, -1e15)] },
    })
    expect(refused.status).toBe(400)
    const issues = (refused.body as { issues: { path: string; message: string }[] }).issues
    expect(issues.map((issue) => issue.path)).toEqual(['events.1.value', 'events.2.value', 'events.3.value'])
    expect(issues[0]?.message).toContain('1e15')
    const stored = await api.request('POST', 'dev/events/', {
      json: { events: [event(1, 1e15), event(5, -1e15)] },
    })
    expect(stored.body).toEqual({ accepted: 2, duplicates: 0 })
  })

  it('serves results, final ones included, when values too large to sum were stored before the bound', async () => {
    const { api, clock, data } = backend
    const { id } = await runningExperiment()
    await api.request('POST', 'dev/exposures/', { json: { exposures: exposuresOf(id) } })
    const at = new Date('2026-01-01T00:00:03Z')
    await data.recordEvents('env-dev', [
      { id: eventId(1), identity: 'c1', event: 'purchase', value: 1e308, at },
      { id: eventId(2), identity: 'c1', event: 'purchase', value: 1e308, at },
      { id: eventId(3), identity: 't1', event: 'purchase', value: -1e200, at },
      { id: eventId(4), identity: 't2', event: 'purchase', value: 4, at },
    ])
    clock.advance({ seconds: 10 })
    const running = await api.request('GET', `dev/experiments/${id}/results/`)
    expect(running.status).toBe(200)
    const check = (body: ExperimentResultsJson) => {
      const [conversion, revenue] = body.metrics
      expect(conversion?.control).toEqual({ variant: 'control', n: 3, mean: 1 / 3 })
      expect(conversion?.variants[0]).toMatchObject({ n: 3, mean: 2 / 3 })
      expect(revenue?.control).toEqual({ variant: 'control', n: 3, mean: null })
      expect(revenue?.variants[0]).toMatchObject({
        n: 3,
        mean: null,
        relative_lift: null,
        p_value: null,
        verdict: 'insufficient_data',
      })
    }
    check(running.body as ExperimentResultsJson)
    expect((await api.request('POST', `dev/experiments/${id}/complete/`)).status).toBe(200)
    const final = await api.request('GET', `dev/experiments/${id}/results/`)
    expect(final.status).toBe(200)
    expect((final.body as ExperimentResultsJson).is_final).toBe(true)
    check(final.body as ExperimentResultsJson)
    expect((await api.request('GET', `dev/experiments/${id}/results/`)).body).toEqual(final.body)
  })

  it('counts exposures outside the window and events before the exposure in data_quality', async () => {
    const { api, clock } = backend
    const { id } = await runningExperiment()
    const exposures = [
      ...exposuresOf(id, '2026-01-01T00:00:05Z'),
      { experiment: id, identity: 'early', variant: 'control', at: '2025-12-31T23:59:00Z' },
      { experiment: id, identity: 'future', variant: 'treatment', at: '2026-01-02T00:00:00Z' },
    ]
    await api.request('POST', 'dev/exposures/', { json: { exposures } })
    const event = (n: number, identity: string, at: string) => ({
      id: eventId(n),
      identity,
      event: 'purchase',
      at,
    })
    await api.request('POST', 'dev/events/', {
      json: {
        events: [
          event(1, 'c1', '2026-01-01T00:00:02Z'),
          event(2, 't1', '2026-01-01T00:00:04Z'),
          event(3, 't1', '2026-01-01T00:00:06Z'),
          event(4, 'c2', '2025-12-31T00:00:00Z'),
          event(5, 'other', '2026-01-01T00:00:02Z'),
        ],
      },
    })
    clock.advance({ seconds: 10 })
    const body = (await api.request('GET', `dev/experiments/${id}/results/`)).body as ExperimentResultsJson
    expect(body.data_quality).toEqual({
      exposures_before_window: 1,
      exposures_after_window: 1,
      events_before_exposure: 2,
    })
    expect(body.variants.map((v) => v.exposures)).toEqual([3, 3])
  })
})
