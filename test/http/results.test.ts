import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentJson, ExperimentResultsJson } from '../../src/http.js'
import { MetricResultJson, toResultsJson } from '../../src/adapters/http/json/results-json.js'
import { finalBody } from '../../src/testing/repository-final-results-contract.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/**
 * Exposures, events and results over HTTP, on memory adapters; every response is checked
 * against the OpenAPI document by the test client.
 */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const KIB = 1024
const MIB = 1024 * KIB
const JSON_HEADERS = { 'content-type': 'application/json' }

/** A fresh event id: the n-th of a test, as a UUID. */
const eventId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

/** A running experiment on feature 4 (`control`, `treatment`) of `dev` with a conversion and a revenue metric. */
async function runningExperiment(): Promise<ExperimentJson> {
  const conversion = await api.createMetric({
    name: 'Conversion',
    event: 'purchase',
    aggregation: 'occurrence',
  })
  const revenue = await api.createMetric({ name: 'Revenue', event: 'purchase', aggregation: 'sum' })
  const created = await api.create({
    feature: 4,
    name: 'Pricing page',
    metrics: [
      { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
      { metric: revenue.id, role: 'secondary', expected_direction: 'increase' },
    ],
  })
  const started = await api.request('POST', `dev/experiments/${created.id}/start/`)
  expect(started.status).toBe(200)
  return started.body as ExperimentJson
}

const exposure = (experiment: string, identity: string, variant: string, at = '2026-01-01T00:00:01Z') => ({
  experiment,
  identity,
  variant,
  at,
})

describe('POST …/exposures/ and …/events/', () => {
  it('answers 202 with what was accepted, and a retried batch is all duplicates', async () => {
    const { id } = await runningExperiment()
    const exposures = [exposure(id, 'u1', 'control'), exposure(id, 'u2', 'treatment')]
    const first = await api.request('POST', 'dev/exposures/', { json: { exposures } })
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ accepted: 2, duplicates: 0 })
    const retried = await api.request('POST', 'dev/exposures/', { json: { exposures } })
    expect(retried.body).toEqual({ accepted: 0, duplicates: 2 })

    const events = [
      { id: eventId(1), identity: 'u1', event: 'purchase', value: 30, at: '2026-01-01T00:00:02Z' },
      { id: eventId(2).toUpperCase(), identity: 'u2', event: 'purchase', at: '2026-01-01T00:00:02+01:00' },
    ]
    const stored = await api.request('POST', 'dev/events/', { json: { events } })
    expect(stored.status).toBe(202)
    expect(stored.body).toEqual({ accepted: 2, duplicates: 0 })
    // The id is the idempotency key, whatever its case.
    const again = await api.request('POST', 'dev/events/', {
      json: { events: [{ ...events[1], id: eventId(2) }] },
    })
    expect(again.body).toEqual({ accepted: 0, duplicates: 1 })
  })

  it('refuses a batch with 400 issues naming the item index and stores nothing of it', async () => {
    const { id } = await runningExperiment()
    const exposures = [
      exposure(id, 'u1', 'control'),
      exposure(id, 'u2', 'treatment'),
      exposure(id, 'u3', 'control'),
      exposure(id, 'u4', 'purple'),
    ]
    const refused = await api.request('POST', 'dev/exposures/', { json: { exposures } })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: 'validation_failed' })
    expect(refused.body.issues).toEqual([{ path: 'exposures.3.variant', message: expect.any(String) }])
    const fixed = exposures.slice(0, 3)
    expect((await api.request('POST', 'dev/exposures/', { json: { exposures: fixed } })).body).toEqual({
      accepted: 3,
      duplicates: 0,
    })

    const events = await api.request('POST', 'dev/events/', {
      json: {
        events: [
          { id: eventId(1), identity: 'u1', event: 'purchase', at: '2026-01-01T00:00:02Z' },
          { id: 'not-a-uuid', identity: '', event: 'purchase', value: 'NaN', at: 'yesterday' },
        ],
      },
    })
    expect(events.status).toBe(400)
    const paths = (events.body.issues as { path: string }[]).map((issue) => issue.path).sort()
    expect(paths).toEqual(['events.1.at', 'events.1.id', 'events.1.identity', 'events.1.value'])
    // Nothing of the refused batch was stored: its valid item is new.
    const valid = await api.request('POST', 'dev/events/', {
      json: { events: [{ id: eventId(1), identity: 'u1', event: 'purchase', at: '2026-01-01T00:00:02Z' }] },
    })
    expect(valid.body).toEqual({ accepted: 1, duplicates: 0 })
  })

  it('refuses exposures to an experiment that has not started, and names unknown fields', async () => {
    const created = await api.create({ feature: 4, name: 'Not yet' })
    const response = await api.request('POST', 'dev/exposures/', {
      json: { exposures: [exposure(created.id, 'u1', 'control')] },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([{ path: 'exposures.0.experiment', message: expect.any(String) }])
    const extra = await api.request('POST', 'dev/events/', {
      json: { events: [], extra: true },
    })
    expect(extra.status).toBe(400)
    expect((extra.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['events', 'extra'])
  })

  it('takes batches up to 1 MiB: 900 KiB of 1000 events is accepted, one byte over 1 MiB is 413', async () => {
    await runningExperiment()
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: eventId(i + 1),
      identity: `user-${i}-${'x'.repeat(240)}`,
      event: 'purchase',
      value: i,
      at: '2026-01-01T00:00:02Z',
    }))
    const json = JSON.stringify({ events })
    const padded = (size: number) => json + ' '.repeat(size - Buffer.byteLength(json))
    const big = await api.request('POST', 'dev/events/', { raw: padded(900 * KIB), headers: JSON_HEADERS })
    expect(big.status).toBe(202)
    expect(big.body).toEqual({ accepted: 1000, duplicates: 0 })
    const exact = await api.request('POST', 'dev/events/', { raw: padded(MIB), headers: JSON_HEADERS })
    expect(exact.body).toEqual({ accepted: 0, duplicates: 1000 })
    const over = await api.request('POST', 'dev/events/', { raw: padded(MIB + 1), headers: JSON_HEADERS })
    expect(over.status).toBe(413)
    expect(over.body).toMatchObject({
      code: 'payload_too_large',
      detail: 'The request body is larger than 1 MiB.',
    })
    const exposures = await api.request('POST', 'dev/exposures/', {
      raw: `{"exposures": []}${' '.repeat(MIB)}`,
      headers: JSON_HEADERS,
    })
    expect(exposures.status).toBe(413)
  })

  it('keeps 64 KiB on every other endpoint', async () => {
    const json = JSON.stringify({ name: 'Big', event: 'purchase', aggregation: 'sum', direction: 'up' })
    const over = await api.request('POST', 'dev/metrics/', {
      raw: json + ' '.repeat(64 * KIB + 1 - json.length),
      headers: JSON_HEADERS,
    })
    expect(over.status).toBe(413)
    expect(over.body.detail).toBe('The request body is larger than 64 KiB.')
  })

  it('lets a larger maxBodyBytes raise the ingestion limit too, and a smaller one leave it at 1 MiB', async () => {
    await api.close()
    api = await startMemoryApi(undefined, { maxBodyBytes: 2 * MIB })
    await runningExperiment()
    const body = (size: number) => {
      const json = JSON.stringify({
        events: [{ id: eventId(1), identity: 'u', event: 'purchase', at: '2026-01-01T00:00:02Z' }],
      })
      return json + ' '.repeat(size - json.length)
    }
    const raised = await api.request('POST', 'dev/events/', { raw: body(MIB + 1), headers: JSON_HEADERS })
    expect(raised.status).toBe(202)
    await api.close()
    api = await startMemoryApi(undefined, { maxBodyBytes: KIB })
    await runningExperiment()
    expect(
      (await api.request('POST', 'dev/events/', { raw: body(512 * KIB), headers: JSON_HEADERS })).status,
    ).toBe(202)
    const metric = JSON.stringify({ name: 'Small', event: 'e', aggregation: 'sum', direction: 'up' })
    const small = await api.request('POST', 'dev/metrics/', {
      raw: metric + ' '.repeat(KIB + 1 - metric.length),
      headers: JSON_HEADERS,
    })
    expect(small.status).toBe(413)
  })

  it('asks for the ingest permission before reading the body', async () => {
    const { id } = await runningExperiment()
    const exposures = [exposure(id, 'u1', 'control')]
    for (const [token, environment, code] of [
      ['viewer', 'dev', 'forbidden'],
      ['dev-admin', 'prod', 'forbidden'],
      ['admin', 'off', 'experimentation_disabled'],
    ] as const) {
      const refused = await api.request('POST', `${environment}/exposures/`, { token, json: { exposures } })
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ code })
      // A malformed body changes nothing: it is never read.
      const malformed = await api.request('POST', `${environment}/events/`, {
        token,
        raw: '{"events": [',
        headers: JSON_HEADERS,
      })
      expect(malformed.status).toBe(403)
    }
    const forbidden = await api.request('POST', 'dev/events/', { token: 'viewer', json: { events: [] } })
    expect(forbidden.body).toMatchObject({ code: 'forbidden', action: 'ingest' })
    expect((await api.request('POST', 'dev/exposures/', { token: null, json: { exposures } })).status).toBe(
      401,
    )
  })
})

describe('GET …/experiments/{id}/results/', () => {
  it('is empty before the start: no window, no variants, no metrics, no analysis', async () => {
    const created = await api.create({ feature: 4 })
    const response = await api.request('GET', `dev/experiments/${created.id}/results/`)
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      as_of: '2026-01-01T00:00:00.000Z',
      is_final: false,
      window: null,
      variants: [],
      multiple_exposures: 0,
      srm: null,
      data_quality: null,
      metrics: [],
      analysis: null,
    })
  })

  it('says cuped: null for a metric of results frozen before its CUPED status was recorded', () => {
    const { metrics, ...rest } = finalBody('earlier')
    const earlier = { ...rest, metrics: metrics.map(({ cuped: _cuped, ...metric }) => metric) }
    const json = toResultsJson(earlier)
    expect(json.metrics.map((m) => m.cuped)).toEqual([null])
    expect(MetricResultJson.safeParse(json.metrics[0]).success).toBe(true)
    expect(toResultsJson(finalBody('now')).metrics.map((m) => m.cuped)).toEqual(['adjusted'])
  })

  it('answers snake_case results while running, and frozen final ones once completed', async () => {
    const experiment = await runningExperiment()
    const { id } = experiment
    const [conversion, revenue] = experiment.metrics
    const exposures = [
      ...['c1', 'c2', 'c3', 'c4'].map((u) => exposure(id, u, 'control')),
      ...['t1', 't2', 't3', 't4'].map((u) => exposure(id, u, 'treatment')),
      exposure(id, 'both', 'control'),
      exposure(id, 'both', 'treatment'),
    ]
    expect((await api.request('POST', 'dev/exposures/', { json: { exposures } })).body).toEqual({
      accepted: 10,
      duplicates: 0,
    })
    // Control: one buyer in four (value 10); treatment: three in four (10, 20, 30).
    const purchases: [string, number][] = [
      ['c1', 10],
      ['t1', 10],
      ['t2', 20],
      ['t3', 30],
      ['both', 99],
    ]
    const events = purchases.map(([identity, value], i) => ({
      id: eventId(i + 1),
      identity,
      event: 'purchase',
      value,
      at: '2026-01-01T00:00:02Z',
    }))
    expect((await api.request('POST', 'dev/events/', { json: { events } })).status).toBe(202)
    api.clock.advance({ seconds: 10 })

    const running = await api.request('GET', `dev/experiments/${id}/results/`)
    expect(running.status).toBe(200)
    const body = running.body as ExperimentResultsJson
    expect(Object.keys(body)).toEqual([
      'as_of',
      'is_final',
      'window',
      'variants',
      'multiple_exposures',
      'srm',
      'data_quality',
      'metrics',
      'analysis',
    ])
    expect(body).toMatchObject({
      as_of: '2026-01-01T00:00:10.000Z',
      is_final: false,
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T00:00:10.000Z' },
      variants: [
        { variant: 'control', weight: 50, exposures: 4 },
        { variant: 'treatment', weight: 50, exposures: 4 },
      ],
      multiple_exposures: 1,
      srm: { p_value: 1, mismatch: false },
    })
    expect(body.metrics).toHaveLength(2)
    const [primary, secondary] = body.metrics
    const treatment = primary?.variants[0]
    expect(primary).toMatchObject({
      metric: conversion?.metric,
      name: 'Conversion',
      role: 'primary',
      expected_direction: 'increase',
      aggregation: 'occurrence',
      control: { variant: 'control', n: 4, mean: 0.25 },
      // The memory adapter gives pre-exposure sums; with no events before exposure they are 0.
      cuped: 'unadjusted',
    })
    expect(Object.keys(treatment ?? {}).sort()).toEqual(
      [
        'absolute_lift',
        'chance_to_win',
        'ci_high',
        'ci_low',
        'mean',
        'n',
        'p_value',
        'p_value_unadjusted',
        'relative_lift',
        'variant',
        'verdict',
        'guidance',
      ].sort(),
    )
    expect(treatment).toMatchObject({ variant: 'treatment', n: 4, mean: 0.75, absolute_lift: 0.5 })
    expect(treatment?.relative_lift).toBeCloseTo(2, 12)
    expect(treatment?.ci_low).toBeLessThan(treatment?.ci_high ?? Number.NaN)
    // Holm over the two metrics: the corrected p-value is never below the one before correction.
    expect(treatment?.p_value_unadjusted).toBeGreaterThan(0)
    expect(treatment?.p_value).toBeGreaterThanOrEqual(treatment?.p_value_unadjusted ?? Number.NaN)
    // Four identities per arm are far below the 50 of the minimum sample: no verdict, more needed.
    expect(treatment?.verdict).toBe('insufficient_data')
    expect(treatment?.guidance?.minimum_effect).toBe(0.05)
    expect(treatment?.guidance?.power).toBeGreaterThan(0)
    expect(treatment?.guidance?.power).toBeLessThan(0.8)
    expect(treatment?.guidance?.identities_needed).toBeGreaterThan(8)
    expect(Number.isInteger(treatment?.guidance?.identities_needed)).toBe(true)
    expect(treatment?.guidance?.days_needed).toBeGreaterThan(0)
    expect(body.analysis).toMatchObject({ method: 'sequential', correction: 'holm', cuped_metrics: [] })
    expect(secondary).toMatchObject({
      metric: revenue?.metric,
      aggregation: 'sum',
      control: { n: 4, mean: 2.5 },
      variants: [{ variant: 'treatment', n: 4, mean: 15, absolute_lift: 12.5 }],
    })

    const head = await api.request('HEAD', `dev/experiments/${id}/results/`)
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(head.body).toBeNull()

    api.clock.advance({ seconds: 5 })
    expect((await api.request('POST', `dev/experiments/${id}/complete/`)).status).toBe(200)
    api.clock.advance({ minutes: 1 })
    const final = await api.request('GET', `dev/experiments/${id}/results/`)
    // Computed once more at the first read after completion, over the window up to the end.
    expect(final.body).toMatchObject({
      as_of: '2026-01-01T00:01:15.000Z',
      is_final: true,
      window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T00:00:15.000Z' },
    })
    // Later data does not change frozen results.
    await api.request('POST', 'dev/events/', {
      json: {
        events: [
          { id: eventId(99), identity: 'c2', event: 'purchase', value: 5, at: '2026-01-01T00:00:03Z' },
        ],
      },
    })
    api.clock.advance({ minutes: 1 })
    expect((await api.request('GET', `dev/experiments/${id}/results/`)).body).toEqual(final.body)
  })

  it('needs the view permission and hides experiments of other environments', async () => {
    const { id } = await runningExperiment()
    const viewer = await api.request('GET', `dev/experiments/${id}/results/`, { token: 'viewer' })
    expect(viewer.status).toBe(403)
    expect(viewer.body).toMatchObject({ code: 'forbidden', action: 'view' })
    const elsewhere = await api.request('GET', `prod/experiments/${id}/results/`)
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body).toMatchObject({ code: 'experiment_not_found' })
    const notUuid = await api.request('GET', 'dev/experiments/nope/results/')
    expect(notUuid.body).toMatchObject({ code: 'experiment_not_found' })
    const method = await api.request('POST', `dev/experiments/${id}/results/`)
    expect(method.status).toBe(405)
    expect(method.headers.get('allow')).toBe('GET, HEAD')
  })
})
