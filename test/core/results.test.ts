import { describe, expect, it } from 'vitest'
import type { ExperimentAnalysisInput, ExperimentError, MetricView } from '../../src/index.js'
import { admin, createExperiment, createMetric, fail, ok, setup } from './fixture.js'

type Service = ReturnType<typeof setup>['service']
type Clock = ReturnType<typeof setup>['clock']

const event = (identity: string, name: string, when: string, value?: number) => ({
  id: crypto.randomUUID(),
  identity,
  event: name,
  at: when,
  ...(value === undefined ? {} : { value }),
})

/** An experiment on feature 1 (control, blue, green) with the given metrics, started at the clock's now. */
async function startedExperiment(
  service: Service,
  metrics: { metric: MetricView; role: 'primary' | 'secondary' | 'guardrail'; direction: string }[] = [],
  rollout?: { variant: string; weight: number }[],
  analysis?: ExperimentAnalysisInput,
) {
  const { id } = await createExperiment(service)
  if (analysis !== undefined) await ok(service.setAnalysis(admin, 'dev', id, analysis))
  if (metrics.length > 0) {
    await ok(
      service.setMetrics(admin, 'dev', id, {
        metrics: metrics.map(({ metric, role, direction }) => ({
          metric: metric.id,
          role,
          expectedDirection: direction as 'increase',
        })),
      }),
    )
  }
  if (rollout !== undefined) {
    await ok(service.setRollout(admin, 'dev', id, { trafficPercentage: 100, allocations: rollout }))
  }
  return ok(service.start(admin, 'dev', id))
}

/** Exposes each identity to its variant at the given time. */
function expose(service: Service, experiment: string, pairs: [string, string][], when: string) {
  return ok(
    service.recordExposures(admin, 'dev', {
      exposures: pairs.map(([identity, variant]) => ({ experiment, identity, variant, at: when })),
    }),
  )
}

function issuesOf(error: ExperimentError) {
  return error.code === 'validation_failed' ? error.issues.map((issue) => issue.path) : []
}

const T0 = '2026-03-01T12:00:00.000Z'
const LATER = '2026-03-01T13:00:00.000Z'

function advanced(clock: Clock) {
  clock.advance({ hours: 2 })
}

describe('ingesting exposures', () => {
  it('stores a valid batch and counts duplicates (a repeat, in the batch or later)', async () => {
    const { service } = setup()
    const experiment = await startedExperiment(service)
    const batch = {
      exposures: [
        { experiment: experiment.id, identity: 'u1', variant: 'control', at: T0 },
        { experiment: experiment.id, identity: 'u1', variant: 'control', at: LATER },
        { experiment: experiment.id.toUpperCase(), identity: 'u2', variant: 'blue', at: new Date(T0) },
      ],
    }
    expect(await ok(service.recordExposures(admin, 'dev', batch))).toEqual({ accepted: 2, duplicates: 1 })
    expect(await ok(service.recordExposures(admin, 'dev', batch))).toEqual({ accepted: 0, duplicates: 3 })
  })

  it('refuses the whole batch with an issue per bad item, at its index, and stores nothing', async () => {
    const { service, adapters, clock } = setup()
    const started = await startedExperiment(service)
    const notStarted = await createExperiment(service, { feature: '4' })
    const deleted = await createExperiment(service, { feature: '5' })
    await ok(service.delete(admin, 'dev', deleted.id))
    const foreign = await createExperiment(service, { environment: 'prod' })
    await ok(service.start(admin, 'prod', foreign.id))
    const item = (experiment: string, variant = 'control') => ({
      experiment,
      identity: 'u1',
      variant,
      at: T0,
    })
    const error = await fail(
      service.recordExposures(admin, 'dev', {
        exposures: [
          item(started.id),
          item(notStarted.id),
          item(deleted.id),
          item(foreign.id),
          item(started.id, 'purple'),
          item(crypto.randomUUID()),
          item(started.id),
        ],
      }),
    )
    expect(error.code).toBe('validation_failed')
    expect(issuesOf(error)).toEqual([
      'exposures.1.experiment',
      'exposures.2.experiment',
      'exposures.3.experiment',
      'exposures.4.variant',
      'exposures.5.experiment',
    ])
    advanced(clock)
    const results = await ok(service.results(admin, 'dev', started.id))
    expect(results.variants.map((v) => v.exposures)).toEqual([0, 0, 0])
    const summary = await adapters.experimentData.summarize({
      environmentId: 'env-dev',
      experimentId: started.id,
      window: { from: new Date(0), to: new Date('2100-01-01') },
      metrics: [],
    })
    expect(summary.variants).toEqual([])
  })

  it('reports shape problems with their paths', async () => {
    const { service } = setup()
    const experiment = await startedExperiment(service)
    const good = { experiment: experiment.id, identity: 'u1', variant: 'control', at: T0 }
    const error = await fail(
      service.recordExposures(admin, 'dev', {
        exposures: [
          good,
          { ...good, identity: '' },
          { ...good, at: '2026-03-01T12:00:00' },
          { ...good, experiment: 'not-a-uuid' },
          { ...good, variant: 'x'.repeat(256) },
        ],
      }),
    )
    expect(issuesOf(error)).toEqual([
      'exposures.1.identity',
      'exposures.2.at',
      'exposures.3.experiment',
      'exposures.4.variant',
    ])
    expect(issuesOf(await fail(service.recordExposures(admin, 'dev', { exposures: [] })))).toEqual([
      'exposures',
    ])
    const tooMany = { exposures: Array.from({ length: 1001 }, () => good) }
    expect(issuesOf(await fail(service.recordExposures(admin, 'dev', tooMany)))).toEqual(['exposures'])
  })

  it('asks for ingest before looking at the input; results ask for view', async () => {
    const { service } = setup({ can: (actor, action) => actor.id === 'u-admin' || action === 'view' })
    const viewer = { type: 'user' as const, id: 'viewer' }
    expect(await fail(service.recordExposures(viewer, 'dev', { exposures: [] }))).toMatchObject({
      code: 'forbidden',
      action: 'ingest',
    })
    expect(await fail(service.recordEvents(viewer, 'dev', { events: [] }))).toMatchObject({
      code: 'forbidden',
      action: 'ingest',
    })
    const experiment = await startedExperiment(service)
    expect((await ok(service.results(viewer, 'dev', experiment.id))).isFinal).toBe(false)
    const noView = setup({ can: (_actor, action) => action === 'ingest' })
    expect(await fail(noView.service.results(admin, 'dev', experiment.id))).toMatchObject({
      code: 'forbidden',
      action: 'view',
    })
  })
})

describe('ingesting events', () => {
  it('stores a batch once per id (ids compared in lower case), counting duplicates', async () => {
    const { service } = setup()
    const id = crypto.randomUUID()
    const first = { id, identity: 'u1', event: 'checkout', value: 3, at: T0 }
    expect(
      await ok(service.recordEvents(admin, 'dev', { events: [first, { ...first, id: id.toUpperCase() }] })),
    ).toEqual({ accepted: 1, duplicates: 1 })
    expect(await ok(service.recordEvents(admin, 'dev', { events: [first] }))).toEqual({
      accepted: 0,
      duplicates: 1,
    })
  })

  it('refuses a bad batch whole, each problem at its index', async () => {
    const { service } = setup()
    const good = event('u1', 'checkout', T0)
    const error = await fail(
      service.recordEvents(admin, 'dev', {
        events: [
          good,
          { ...event('u1', 'checkout', T0), id: 'nope' },
          { ...event('u1', 'check\u0007out', T0) },
          { ...event('u1', 'checkout', T0), value: Number.POSITIVE_INFINITY },
          { ...event('u1', 'checkout', 'yesterday') },
        ],
      }),
    )
    expect(issuesOf(error)).toEqual(['events.1.id', 'events.2.event', 'events.3.value', 'events.4.at'])
    expect(await ok(service.recordEvents(admin, 'dev', { events: [good] }))).toEqual({
      accepted: 1,
      duplicates: 0,
    })
  })
})

describe('results', () => {
  it('before the start: no window, empty lists', async () => {
    const { service } = setup()
    const { id } = await createExperiment(service)
    expect(await ok(service.results(admin, 'dev', id))).toEqual({
      asOf: new Date(T0),
      isFinal: false,
      window: null,
      variants: [],
      multipleExposures: 0,
      srm: null,
      metrics: [],
      dataQuality: null,
    })
  })

  it('an unknown, deleted or foreign experiment is experiment_not_found', async () => {
    const { service } = setup()
    const deleted = await createExperiment(service)
    await ok(service.delete(admin, 'dev', deleted.id))
    const foreign = await createExperiment(service, { environment: 'prod' })
    for (const id of [crypto.randomUUID(), deleted.id, foreign.id, 'nope']) {
      expect((await fail(service.results(admin, 'dev', id))).code).toBe('experiment_not_found')
    }
  })

  it('while running: window to now, every rollout variant (weight 0 too), multiple exposures left out', async () => {
    const { service, clock } = setup()
    const metric = await createMetric(service)
    const experiment = await startedExperiment(
      service,
      [{ metric, role: 'primary', direction: 'increase' }],
      [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 50 },
        { variant: 'green', weight: 0 },
      ],
    )
    await expose(
      service,
      experiment.id,
      [
        ['a', 'control'],
        ['b', 'control'],
        ['c', 'blue'],
        ['twice', 'control'],
        ['twice', 'blue'],
      ],
      LATER,
    )
    await ok(service.recordEvents(admin, 'dev', { events: [event('a', 'checkout', LATER)] }))
    advanced(clock)
    const results = await ok(service.results(admin, 'dev', experiment.id))
    expect(results.window).toEqual({ from: new Date(T0), to: clock.now() })
    expect(results.asOf).toEqual(clock.now())
    expect(results.variants).toEqual([
      { variant: 'control', weight: 50, exposures: 2 },
      { variant: 'blue', weight: 50, exposures: 1 },
      { variant: 'green', weight: 0, exposures: 0 },
    ])
    expect(results.multipleExposures).toBe(1)
    expect(results.srm?.mismatch).toBe(false)
    const [primary] = results.metrics
    expect(primary).toMatchObject({
      metric: metric.id,
      name: metric.name,
      role: 'primary',
      expectedDirection: 'increase',
      aggregation: 'occurrence',
      control: { variant: 'control', n: 2, mean: 0.5 },
    })
    expect(primary?.variants.map((v) => [v.variant, v.n, v.mean, v.verdict, v.relativeLift])).toEqual([
      ['blue', 1, 0, 'insufficient_data', null],
      ['green', 0, null, 'insufficient_data', null],
    ])
  })

  it('a known dataset: lift, sequential interval, chance and p-value as the formulas give them; no verdict below 50 identities', async () => {
    const { service, clock } = setup()
    const revenue = await createMetric(service, { event: 'purchase', aggregation: 'sum', direction: 'up' })
    const latency = await createMetric(service, { event: 'wait', aggregation: 'count', direction: 'down' })
    const experiment = await startedExperiment(
      service,
      [
        { metric: revenue, role: 'primary', direction: 'increase' },
        { metric: latency, role: 'guardrail', direction: 'not_increase' },
      ],
      [
        { variant: 'control', weight: 50 },
        { variant: 'blue', weight: 25 },
        { variant: 'green', weight: 25 },
      ],
    )
    // Per identity values of `purchase` (sum) and `wait` (count), by variant.
    const control = [1, 2, 3, 0, 2]
    const blue = [4, 5, 3, 6]
    const waitsControl = [1, 0, 1, 0, 1]
    const waitsBlue = [2, 3, 2, 3]
    const pairs: [string, string][] = [
      ...control.map((_, i): [string, string] => [`c${i}`, 'control']),
      ...blue.map((_, i): [string, string] => [`b${i}`, 'blue']),
    ]
    await expose(service, experiment.id, pairs, LATER)
    const events = [
      ...control.flatMap((value, i) => (value === 0 ? [] : [event(`c${i}`, 'purchase', LATER, value)])),
      ...blue.flatMap((value, i) => [
        event(`b${i}`, 'purchase', LATER, value - 1),
        event(`b${i}`, 'purchase', LATER, 1),
      ]),
      ...waitsControl.flatMap((count, i) =>
        Array.from({ length: count }, () => event(`c${i}`, 'wait', LATER)),
      ),
      ...waitsBlue.flatMap((count, i) => Array.from({ length: count }, () => event(`b${i}`, 'wait', LATER))),
      // Before the identities' exposure, another name, another identity: none counts. The same
      // pre-exposure purchase for everyone gives CUPED a covariate without variance: unadjusted.
      ...pairs.map(([identity]) => event(identity, 'purchase', T0, 100)),
      event('c0', 'Purchase', LATER, 100),
      event('nobody', 'purchase', LATER, 100),
    ]
    await ok(service.recordEvents(admin, 'dev', { events }))
    advanced(clock)
    const results = await ok(service.results(admin, 'dev', experiment.id))
    expect(results.variants.map((v) => v.exposures)).toEqual([5, 4, 0])
    // SRM: chi-squared of [5, 4, 0] against 50/25/25 with 2 degrees of freedom: e^(−x/2).
    const expected = [4.5, 2.25, 2.25]
    const chi = [5, 4, 0].reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0)
    expect(results.srm?.pValue).toBeCloseTo(Math.exp(-chi / 2), 12)

    const [primary, guardrail] = results.metrics
    const wantPrimary = reference(control, blue)
    const gotPrimary = primary?.variants[0]
    expect(primary?.control).toEqual({ variant: 'control', n: 5, mean: 1.6 })
    expect([primary?.cuped, guardrail?.cuped]).toEqual(['unadjusted', 'unadjusted'])
    expect(gotPrimary).toMatchObject({ variant: 'blue', n: 4, mean: 4.5 })
    for (const key of ['relativeLift', 'absoluteLift', 'ciLow', 'ciHigh', 'chanceToWin', 'pValue'] as const) {
      expect(gotPrimary?.[key]).toBeCloseTo(wantPrimary[key], 9)
    }
    // 5 and 4 identities: figures shown, but no verdict before 50 identities per arm.
    expect(gotPrimary?.verdict).toBe('insufficient_data')
    const wantGuardrail = reference(waitsControl, waitsBlue)
    expect(guardrail?.variants[0]?.chanceToWin).toBeCloseTo(wantGuardrail.chanceToWin, 9)
    expect(guardrail?.variants[0]?.verdict).toBe('insufficient_data')
    expect(primary?.variants[1]).toMatchObject({
      variant: 'green',
      n: 0,
      mean: null,
      verdict: 'insufficient_data',
    })
  })

  it('after completion: computed once up to the end, frozen, the same body on every read', async () => {
    const { service, clock } = setup()
    const metric = await createMetric(service)
    const experiment = await startedExperiment(service, [{ metric, role: 'primary', direction: 'increase' }])
    await expose(
      service,
      experiment.id,
      [
        ['a', 'control'],
        ['b', 'blue'],
      ],
      LATER,
    )
    advanced(clock)
    const completed = await ok(service.complete(admin, 'dev', experiment.id))
    clock.advance({ hours: 1 })
    const [first, second] = await Promise.all([
      service.results(admin, 'dev', experiment.id),
      service.results(admin, 'dev', experiment.id),
    ])
    const body = first?._unsafeUnwrap()
    expect(second?._unsafeUnwrap()).toEqual(body)
    expect(body?.isFinal).toBe(true)
    expect(body?.window).toEqual({ from: new Date(T0), to: completed.endedAt })
    expect(body?.variants.map((v) => v.exposures)).toEqual([1, 1, 0])
    // Data arriving after completion (even inside the window) does not change the frozen body.
    await expose(service, experiment.id, [['c', 'blue']], LATER)
    await ok(service.recordEvents(admin, 'dev', { events: [event('a', 'checkout', LATER)] }))
    clock.advance({ days: 3 })
    expect(await ok(service.results(admin, 'dev', experiment.id))).toEqual(body)
  })
})

/** The comparison computed here from the raw values, with the formulas written out independently. */
function reference(controlValues: number[], variantValues: number[]) {
  const stats = (values: number[]) => {
    const n = values.length
    const mean = values.reduce((s, v) => s + v, 0) / n
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)
    return { n, mean, variance }
  }
  const c = stats(controlValues)
  const v = stats(variantValues)
  const lift = (v.mean - c.mean) / c.mean
  const se = Math.sqrt(v.variance / (v.n * c.mean ** 2) + (v.mean ** 2 * c.variance) / (c.n * c.mean ** 4))
  const z = lift / se
  // The default analysis: the confidence sequence with α = 0.05 and N* = 5000, over n identities.
  const n = c.n + v.n
  const rho2 = (-2 * Math.log(0.05) + Math.log(-2 * Math.log(0.05) + 1)) / 5000
  const halfWidth =
    se * Math.sqrt((n * 2 * (n * rho2 + 1) * Math.log(Math.sqrt(n * rho2 + 1) / 0.05)) / (n * n * rho2))
  const eValue =
    Math.exp((rho2 * ((lift * lift * n) / (se * se))) / (2 * (n * rho2 + 1))) / Math.sqrt(n * rho2 + 1)
  return {
    relativeLift: lift,
    absoluteLift: v.mean - c.mean,
    ciLow: lift - halfWidth,
    ciHigh: lift + halfWidth,
    chanceToWin: phi(z),
    pValue: Math.min(1, 1 / eValue),
  }
}

/** Φ by numerical integration of the normal density (Simpson's rule), independent of the library's erf. */
function phi(x: number): number {
  const steps = 20_000
  const from = -12
  const h = (x - from) / steps
  const density = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI)
  let sum = density(from) + density(x)
  for (let i = 1; i < steps; i += 1) sum += density(from + i * h) * (i % 2 === 0 ? 2 : 4)
  return (sum * h) / 3
}
