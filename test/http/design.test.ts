import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentJson, MetricJson } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/**
 * An experiment designed end to end over HTTP: the metric catalogue, metrics attached with roles,
 * the rollout, and the rules that freeze parts of the design once the experiment starts or ends.
 * Every response is checked against the OpenAPI document by the client.
 */
let api: MemoryApi
let conversion: MetricJson
let revenue: MetricJson
let latency: MetricJson
beforeEach(async () => {
  api = await startMemoryApi()
  conversion = await api.createMetric()
  api.clock.advance(1000)
  revenue = await api.createMetric({ name: 'Revenue', event: 'purchase', aggregation: 'sum' })
  api.clock.advance(1000)
  latency = await api.createMetric({
    name: 'Page load time',
    event: 'page_load_ms',
    aggregation: 'sum',
    direction: 'down',
  })
})
afterEach(() => api.close())

const split = (control: number, blue: number, green: number) => [
  { variant: 'control', weight: control },
  { variant: 'blue', weight: blue },
  { variant: 'green', weight: green },
]

async function designed(): Promise<ExperimentJson> {
  return api.create({
    metrics: [
      { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
      { metric: revenue.id, role: 'secondary', expected_direction: 'increase' },
    ],
    rollout: { traffic_percentage: 50, allocations: split(50, 25, 25) },
  })
}

describe('designing an experiment over HTTP', () => {
  it('creates with metrics and a rollout, shown with what the catalogue says of each metric', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 1,
        name: 'Checkout button',
        hypothesis: 'Green converts better.',
        metrics: [
          { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
          { metric: latency.id, role: 'guardrail', expected_direction: 'not_increase' },
        ],
        rollout: { traffic_percentage: 50, allocations: split(50, 25, 25) },
      },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    expect(response.body.metrics).toEqual([
      {
        metric: conversion.id,
        name: 'Checkout conversion',
        event: 'checkout',
        aggregation: 'occurrence',
        role: 'primary',
        expected_direction: 'increase',
      },
      {
        metric: latency.id,
        name: 'Page load time',
        event: 'page_load_ms',
        aggregation: 'sum',
        role: 'guardrail',
        expected_direction: 'not_increase',
      },
    ])
    expect(response.body.rollout).toEqual({ traffic_percentage: 50, allocations: split(50, 25, 25) })
    const read = await api.requestPath('GET', response.headers.get('location')!)
    expect(read.body).toEqual(response.body)
  })

  it('defaults to no metrics, all traffic and an equal split with the remainder to the control', async () => {
    const three = await api.create()
    expect(three.metrics).toEqual([])
    expect(three.rollout).toEqual({ traffic_percentage: 100, allocations: split(33.34, 33.33, 33.33) })
    const two = await api.create({ feature: 4, name: 'Pricing' })
    expect(two.rollout).toEqual({
      traffic_percentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    })
  })

  it('walks the whole design lifecycle: PUT metrics, PUT rollout, start, locks, ramp, complete', async () => {
    const experiment = await designed()
    const path = `dev/experiments/${experiment.id}`

    const metrics = await api.request('PUT', `${path}/metrics/`, {
      json: {
        metrics: [
          { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
          { metric: revenue.id, role: 'secondary', expected_direction: 'increase' },
          { metric: latency.id, role: 'guardrail', expected_direction: 'not_increase' },
        ],
      },
      headers: { 'if-match': '"1"' },
    })
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200)
    expect(metrics.headers.get('etag')).toBe('"2"')
    expect((metrics.body.metrics as { metric: string }[]).map((m) => m.metric)).toEqual([
      conversion.id,
      revenue.id,
      latency.id,
    ])

    const stale = await api.request('PUT', `${path}/rollout/`, {
      json: { traffic_percentage: 10, allocations: split(34, 33, 33) },
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(412)
    expect(stale.body).toMatchObject({ code: 'version_mismatch', expected_version: 1, current_version: 2 })

    const rollout = await api.request('PUT', `${path}/rollout/`, {
      json: { traffic_percentage: 10, allocations: split(34, 33, 33) },
      headers: { 'if-match': '"2"' },
    })
    expect(rollout.status, JSON.stringify(rollout.body)).toBe(200)
    expect(rollout.headers.get('etag')).toBe('"3"')
    expect(rollout.body.rollout).toEqual({ traffic_percentage: 10, allocations: split(34, 33, 33) })

    expect((await api.request('POST', `${path}/start/`)).body.status).toBe('running')

    const locked = await api.request('PUT', `${path}/rollout/`, {
      json: { traffic_percentage: 10, allocations: split(50, 25, 25) },
    })
    expect(locked.status).toBe(409)
    expect(locked.body).toMatchObject({ code: 'allocation_locked', title: 'Allocation locked' })

    const ramp = await api.request('PUT', `${path}/rollout/`, {
      json: { traffic_percentage: 100, allocations: split(34, 33, 33) },
    })
    expect(ramp.status, JSON.stringify(ramp.body)).toBe(200)
    expect(ramp.body.rollout.traffic_percentage).toBe(100)
    expect(ramp.body.version).toBe(5)

    const primary = await api.request('PUT', `${path}/metrics/`, {
      json: { metrics: [{ metric: revenue.id, role: 'primary', expected_direction: 'increase' }] },
    })
    expect(primary.status).toBe(409)
    expect(primary.body.code).toBe('primary_metric_locked')

    const secondaries = await api.request('PUT', `${path}/metrics/`, {
      json: { metrics: [{ metric: conversion.id, role: 'primary', expected_direction: 'increase' }] },
    })
    expect(secondaries.status, 'secondaries and guardrails may still change').toBe(200)

    expect((await api.request('POST', `${path}/complete/`)).body.status).toBe('completed')
    const afterMetrics = await api.request('PUT', `${path}/metrics/`, { json: { metrics: [] } })
    expect(afterMetrics.status).toBe(409)
    expect(afterMetrics.body).toMatchObject({ code: 'experiment_completed', title: 'Experiment completed' })
    const afterRollout = await api.request('PUT', `${path}/rollout/`, {
      json: { traffic_percentage: 50, allocations: split(34, 33, 33) },
    })
    expect(afterRollout.status).toBe(409)
    expect(afterRollout.body.code).toBe('experiment_completed')
  })

  it('answers an equal design PUT with 200 and the same version', async () => {
    const experiment = await designed()
    const path = `dev/experiments/${experiment.id}`
    const same = await api.request('PUT', `${path}/rollout/`, { json: { ...experiment.rollout } })
    expect(same.status).toBe(200)
    expect(same.headers.get('etag')).toBe('"1"')
    const metrics = await api.request('PUT', `${path}/metrics/`, {
      json: {
        metrics: experiment.metrics.map(({ metric, role, expected_direction }) => ({
          metric,
          role,
          expected_direction,
        })),
      },
    })
    expect(metrics.body.version).toBe(1)
  })

  it('keeps metrics in use: event and aggregation frozen while running, delete refused until completed', async () => {
    const experiment = await designed()
    const metric = `dev/metrics/${conversion.id}`
    const deleted = await api.request('DELETE', `${metric}/`)
    expect(deleted.status, 'a created experiment protects its metrics from deletion').toBe(409)
    expect(deleted.body).toMatchObject({
      code: 'metric_in_use',
      metric_id: conversion.id,
      experiment_ids: [experiment.id],
    })
    expect((await api.request('PATCH', `${metric}/`, { json: { event: 'buy' } })).status).toBe(200)

    await api.request('POST', `dev/experiments/${experiment.id}/start/`)
    const frozen = await api.request('PATCH', `${metric}/`, { json: { aggregation: 'count' } })
    expect(frozen.status).toBe(409)
    expect(frozen.body.code).toBe('metric_in_use')

    const renamed = await api.request('PATCH', `${metric}/`, {
      json: { name: 'Checkout rate', description: 'Share of exposed users who check out.' },
    })
    expect(renamed.status).toBe(200)
    const read = await api.request('GET', `dev/experiments/${experiment.id}/`)
    expect(read.body.metrics[0]).toMatchObject({ name: 'Checkout rate', event: 'buy' })

    const detail = await api.request('GET', `${metric}/`)
    expect(detail.body.used_by).toEqual([{ id: experiment.id, name: experiment.name, status: 'running' }])

    await api.request('POST', `dev/experiments/${experiment.id}/complete/`)
    const gone = await api.request('DELETE', `${metric}/`)
    expect(gone.status).toBe(204)
    expect((await api.request('GET', `${metric}/`)).body.code).toBe('metric_not_found')
    const completed = await api.request('GET', `dev/experiments/${experiment.id}/`)
    expect(completed.body.metrics[0].metric, 'a completed experiment keeps listing it').toBe(conversion.id)

    const restored = await api.request('POST', `${metric}/restore/`)
    expect(restored.status).toBe(200)
    expect(restored.body.name).toBe('Checkout rate')
  })

  it('refuses a deleted or unknown metric at create and in a PUT with 404 metric_not_found', async () => {
    await api.request('DELETE', `dev/metrics/${latency.id}/`)
    for (const id of [latency.id, '00000000-0000-4000-8000-000000000000']) {
      const create = await api.request('POST', 'dev/experiments/', {
        json: {
          feature: 1,
          name: 'n',
          hypothesis: 'h',
          metrics: [{ metric: id, role: 'guardrail', expected_direction: 'not_increase' }],
        },
      })
      expect(create.status).toBe(404)
      expect(create.body).toMatchObject({ code: 'metric_not_found', metric_id: id })
    }
    const other = await api.createMetric({ name: 'Elsewhere' }, 'prod')
    const experiment = await api.create()
    const put = await api.request('PUT', `dev/experiments/${experiment.id}/metrics/`, {
      json: { metrics: [{ metric: other.id, role: 'primary', expected_direction: 'increase' }] },
    })
    expect(put.status, 'a metric of another environment').toBe(404)
    expect(put.body).toMatchObject({ code: 'metric_not_found', metric_id: other.id })
  })

  it('answers 404 experiment_not_found for a design PUT on a missing experiment', async () => {
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
      const response = await api.request('PUT', `dev/experiments/${id}/rollout/`, {
        json: { traffic_percentage: 100, allocations: split(34, 33, 33) },
      })
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('experiment_not_found')
    }
  })
})

describe('validation of design bodies names fields as sent (snake_case)', () => {
  const paths = (body: unknown) =>
    (body as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort()

  it('rollout.allocations.N.variant for a variant the feature does not have', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 1,
        name: 'n',
        hypothesis: 'h',
        rollout: {
          traffic_percentage: 100,
          allocations: [
            { variant: 'control', weight: 50 },
            { variant: 'blue', weight: 25 },
            { variant: 'purple', weight: 25 },
          ],
        },
      },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect(paths(response.body)).toEqual(['rollout.allocations', 'rollout.allocations.2.variant'])
    expect(JSON.stringify(response.body.issues)).toContain('green')
  })

  it('metrics.N.expected_direction for a direction that does not fit the role', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 1,
        name: 'n',
        hypothesis: 'h',
        metrics: [{ metric: latency.id, role: 'guardrail', expected_direction: 'increase' }],
      },
    })
    expect(response.status).toBe(400)
    expect(paths(response.body)).toEqual(['metrics.0.expected_direction'])
  })

  it('rollout.traffic_percentage and weights outside the rules', async () => {
    const response = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 1,
        name: 'n',
        hypothesis: 'h',
        rollout: { traffic_percentage: 100.001, allocations: split(33.333, 33.333, 33.334) },
      },
    })
    expect(response.status).toBe(400)
    expect(paths(response.body)).toEqual(
      expect.arrayContaining([
        'rollout.traffic_percentage',
        'rollout.allocations.0.weight',
        'rollout.allocations.1.weight',
      ]),
    )
  })

  it('traffic_percentage, then allocations.N.variant, in a rollout PUT', async () => {
    const experiment = await api.create()
    const path = `dev/experiments/${experiment.id}/rollout/`
    const traffic = await api.request('PUT', path, {
      json: { traffic_percentage: 101, allocations: split(34, 33, 33) },
    })
    expect(traffic.status).toBe(400)
    expect(paths(traffic.body)).toEqual(['traffic_percentage'])
    const variants = await api.request('PUT', path, {
      json: {
        traffic_percentage: 100,
        allocations: [
          { variant: 'control', weight: 50 },
          { variant: 'blue', weight: 50 },
          { variant: 'blue', weight: 0 },
        ],
      },
    })
    expect(variants.status).toBe(400)
    expect(paths(variants.body)).toEqual(['allocations', 'allocations.2.variant'])
  })

  it('refuses the camelCase names as unknown fields, naming them as sent', async () => {
    const experiment = await api.create()
    const response = await api.request('PUT', `dev/experiments/${experiment.id}/rollout/`, {
      json: { trafficPercentage: 100, allocations: split(34, 33, 33) },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual(
      expect.arrayContaining([
        {
          path: 'trafficPercentage',
          message: expect.stringMatching(/^trafficPercentage is not a known field/),
        },
        { path: 'traffic_percentage', message: expect.any(String) },
      ]),
    )
    const metrics = await api.request('PUT', `dev/experiments/${experiment.id}/metrics/`, {
      json: { metrics: [{ metric: conversion.id, role: 'primary', expectedDirection: 'increase' }] },
    })
    expect(metrics.status).toBe(400)
    expect(paths(metrics.body)).toEqual(['metrics.0.expectedDirection', 'metrics.0.expected_direction'])
  })

  it('refuses unknown and read-only fields in design bodies', async () => {
    const experiment = await api.create()
    const response = await api.request('PUT', `dev/experiments/${experiment.id}/metrics/`, {
      json: { metrics: [], version: 3 },
    })
    expect(response.status).toBe(400)
    expect(response.body.issues).toEqual([{ path: 'version', message: expect.stringContaining('If-Match') }])
    const extra = await api.request('PUT', `dev/experiments/${experiment.id}/metrics/`, {
      json: {
        metrics: [{ metric: conversion.id, role: 'primary', expected_direction: 'increase', weight: 1 }],
      },
    })
    expect(paths(extra.body)).toEqual(['metrics.0.weight'])
  })

  it('refuses more than one primary and a metric listed twice', async () => {
    const experiment = await api.create()
    const response = await api.request('PUT', `dev/experiments/${experiment.id}/metrics/`, {
      json: {
        metrics: [
          { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
          { metric: revenue.id, role: 'primary', expected_direction: 'increase' },
          { metric: revenue.id, role: 'secondary', expected_direction: 'decrease' },
        ],
      },
    })
    expect(response.status).toBe(400)
    expect(paths(response.body)).toEqual(['metrics.1.role', 'metrics.2.metric'])
  })
})
