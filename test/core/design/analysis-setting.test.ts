import { describe, expect, it } from 'vitest'
import { createExperimentService, type ExperimentAnalysisInput, type MetricView } from '../../../src/index.js'
import { admin, createExperiment, createMetric, fail, ok, setup } from '../fixture.js'

/**
 * Each experiment's analysis setting through the service: defaults at create, a change before
 * the start (one version, one audit entry), locked from the start, refused once completed, and
 * results computed with it.
 */
type Service = ReturnType<typeof setup>['service']

const DEFAULT = { method: 'sequential', sequentialTuning: 5000, preExposureDays: 14 }

describe('the analysis setting', () => {
  it('is the default one unless the create names one; fields left out take their defaults', async () => {
    const { service } = setup()
    expect((await createExperiment(service)).analysis).toEqual(DEFAULT)
    const named = await ok(
      service.create(admin, 'dev', {
        feature: '4',
        name: 'Pricing',
        hypothesis: 'Cheaper sells more.',
        analysis: { method: 'fixed', preExposureDays: 0 },
      }),
    )
    expect(named.analysis).toEqual({ method: 'fixed', sequentialTuning: 5000, preExposureDays: 0 })
    expect((await ok(service.get(admin, 'dev', named.id))).analysis).toEqual(named.analysis)
  })

  it('changes before the start with one version and one analysis_changed entry; an equal one changes nothing', async () => {
    const { service, adapters } = setup()
    const experiment = await createExperiment(service)
    const wanted = { method: 'fixed', sequentialTuning: 20_000, preExposureDays: 7 } as const
    const changed = await ok(service.setAnalysis(admin, 'dev', experiment.id, wanted))
    expect(changed).toMatchObject({ version: 2, analysis: wanted })
    expect(await ok(service.setAnalysis(admin, 'dev', experiment.id, wanted))).toEqual(changed)
    const entries = adapters.auditLog.entries(experiment.id)
    expect(entries.map((entry) => entry.action)).toEqual(['created', 'analysis_changed'])
    expect(entries[1]).toMatchObject({
      message: "Experiment 'Checkout test' analysis changed for environment Development",
      changes: { analysis: { from: DEFAULT, to: wanted } },
    })
    expect(Object.keys(entries[1]!.changes)).toEqual(['analysis'])
    // The setting is replaced whole: what is left out goes back to its default.
    const reset = await ok(service.setAnalysis(admin, 'dev', experiment.id, {}))
    expect(reset).toMatchObject({ version: 3, analysis: DEFAULT })
    const stale = await fail(service.setAnalysis(admin, 'dev', experiment.id, wanted, { expectedVersion: 2 }))
    expect(stale.code).toBe('version_mismatch')
  })

  it('is locked once started (running or paused), and refused as experiment_completed once completed', async () => {
    const { service, adapters } = setup()
    const experiment = await createExperiment(service)
    await ok(service.start(admin, 'dev', experiment.id))
    const locked = await fail(service.setAnalysis(admin, 'dev', experiment.id, { method: 'fixed' }))
    expect(locked).toMatchObject({
      code: 'analysis_locked',
      message: 'The analysis setting cannot change once the experiment has started.',
    })
    // Sending the setting it has is answered as a no-op, started or not.
    expect((await ok(service.setAnalysis(admin, 'dev', experiment.id, {}))).version).toBe(2)
    await ok(service.pause(admin, 'dev', experiment.id))
    expect((await fail(service.setAnalysis(admin, 'dev', experiment.id, { preExposureDays: 0 }))).code).toBe(
      'analysis_locked',
    )
    await ok(service.complete(admin, 'dev', experiment.id))
    expect((await fail(service.setAnalysis(admin, 'dev', experiment.id, { method: 'fixed' }))).code).toBe(
      'experiment_completed',
    )
    expect(adapters.auditLog.entries(experiment.id).map((entry) => entry.action)).not.toContain(
      'analysis_changed',
    )
  })

  it.each([
    [{ method: 'bayesian' }, 'method', 'method must be one of sequential, fixed'],
    [
      { sequentialTuning: 99 },
      'sequentialTuning',
      'sequentialTuning must be an integer from 100 to 10000000',
    ],
    [
      { sequentialTuning: 10_000_001 },
      'sequentialTuning',
      'sequentialTuning must be an integer from 100 to 10000000',
    ],
    // Neither whole nor in range: one issue, not one per failed check.
    [
      { sequentialTuning: 1e300 },
      'sequentialTuning',
      'sequentialTuning must be an integer from 100 to 10000000',
    ],
    [
      { sequentialTuning: 5000.5 },
      'sequentialTuning',
      'sequentialTuning must be an integer from 100 to 10000000',
    ],
    [
      { sequentialTuning: '5000' },
      'sequentialTuning',
      'sequentialTuning must be an integer from 100 to 10000000',
    ],
    [{ preExposureDays: -1 }, 'preExposureDays', 'preExposureDays must be an integer from 0 to 90'],
    [{ preExposureDays: 91 }, 'preExposureDays', 'preExposureDays must be an integer from 0 to 90'],
    [{ alpha: 0.1 }, 'alpha', 'alpha is not a known field; remove it from the request.'],
  ])('refuses %j with an issue naming the field', async (input, path, message) => {
    const { service } = setup()
    const experiment = await createExperiment(service)
    const refused = await fail(
      service.setAnalysis(admin, 'dev', experiment.id, input as ExperimentAnalysisInput),
    )
    expect(refused).toMatchObject({ code: 'validation_failed', issues: [{ path, message }] })
    const atCreate = await fail(
      service.create(admin, 'dev', {
        feature: '4',
        name: 'n',
        hypothesis: 'h',
        analysis: input as ExperimentAnalysisInput,
      }),
    )
    expect(atCreate).toMatchObject({ issues: [{ path: `analysis.${path}`, message }] })
  })
})

/** 200 identities per arm, converting at 10% (control) and 16% (treatment), exposed and converted an hour after the start. */
async function convertingData(service: Service, experimentId: string, metric: MetricView) {
  const at = '2026-03-01T13:00:00.000Z'
  const exposures = Array.from({ length: 400 }, (_, i) => ({
    experiment: experimentId,
    identity: `${experimentId}-u${i}`,
    variant: i < 200 ? 'control' : 'treatment',
    at,
  }))
  await ok(service.recordExposures(admin, 'dev', { exposures }))
  const converted = [
    ...Array.from({ length: 20 }, (_, i) => i),
    ...Array.from({ length: 32 }, (_, i) => 200 + i),
  ]
  const events = converted.map((i) => ({
    id: crypto.randomUUID(),
    identity: `${experimentId}-u${i}`,
    event: metric.event,
    at,
  }))
  await ok(service.recordEvents(admin, 'dev', { events }))
}

/** An experiment on `feature` with `metric` as its primary, an even split and `analysis`, started now. */
async function startedWith(
  service: Service,
  feature: string,
  metric: MetricView,
  analysis: ExperimentAnalysisInput,
) {
  const experiment = await ok(
    service.create(admin, 'dev', {
      feature,
      name: `On feature ${feature}`,
      hypothesis: 'h',
      metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
      rollout: {
        trafficPercentage: 100,
        allocations: [
          { variant: 'control', weight: 50 },
          { variant: 'treatment', weight: 50 },
        ],
      },
      analysis,
    }),
  )
  return ok(service.start(admin, 'dev', experiment.id))
}

describe('results under the analysis setting', () => {
  it('the same data reads as a fixed interval or a wider sequential one, as each experiment chose', async () => {
    const { service, clock } = setup()
    const metric = await createMetric(service)
    const sequential = await startedWith(service, '5', metric, { method: 'sequential' })
    const fixed = await startedWith(service, '4', metric, { method: 'fixed' })
    await convertingData(service, sequential.id, metric)
    await convertingData(service, fixed.id, metric)
    clock.advance({ hours: 2 })
    const read = async (id: string) => {
      const results = await ok(service.results(admin, 'dev', id))
      const comparison = results.metrics[0]!.variants[0]!
      return { analysis: results.analysis, comparison }
    }
    const bySequential = await read(sequential.id)
    const byFixed = await read(fixed.id)
    expect(bySequential.analysis).toMatchObject({
      method: 'sequential',
      sequentialTuning: 5000,
      preExposureDays: 14,
    })
    expect(byFixed.analysis).toMatchObject({ method: 'fixed', preExposureDays: 14 })
    // Same data, same lift: the sequential interval holds the fixed one and is strictly wider.
    expect(bySequential.comparison.relativeLift).toBeCloseTo(0.6, 12)
    expect(byFixed.comparison.relativeLift).toBe(bySequential.comparison.relativeLift)
    expect(bySequential.comparison.ciLow!).toBeLessThan(byFixed.comparison.ciLow!)
    expect(bySequential.comparison.ciHigh!).toBeGreaterThan(byFixed.comparison.ciHigh!)
    const shown = ({ comparison }: { comparison: { ciLow: number | null; ciHigh: number | null } }) =>
      `[${comparison.ciLow?.toFixed(4)}, ${comparison.ciHigh?.toFixed(4)}]`
    console.info(
      `relative lift, same data: fixed ${shown(byFixed)}, sequential (N*=5000) ${shown(bySequential)}`,
    )
  })

  it('summarizes with the experiment’s pre-exposure days and says so in the results', async () => {
    const { adapters, clock } = setup()
    const asked: (number | undefined)[] = []
    const data = adapters.experimentData
    const service = createExperimentService({
      ...adapters,
      experimentData: {
        ...data,
        summarize: (query) => {
          asked.push(query.preExposureDays)
          return data.summarize(query)
        },
      },
    })
    const experiment = await ok(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'n',
        hypothesis: 'h',
        analysis: { preExposureDays: 3 },
      }),
    )
    await ok(service.start(admin, 'dev', experiment.id))
    clock.advance({ hours: 1 })
    const results = await ok(service.results(admin, 'dev', experiment.id))
    expect(asked).toEqual([3])
    expect(results.analysis?.preExposureDays).toBe(3)
  })
})
