import type { Environment } from '../core/domain/experiment.js'
import type { ExperimentResults } from '../core/domain/results.js'
import { freshEnvironment, insertOf, newExperiment } from './experiment-writes.js'
import type { RepositoryFixture } from './repository-fixture.js'
import type { TestApi } from './test-api.js'

/**
 * A final body with what a store must keep exactly: dates, nulls, figures with every digit
 * (0.1 + 0.2, a p-value near the smallest double), text beyond ASCII.
 */
export function finalBody(label: string): ExperimentResults {
  return {
    asOf: new Date('2026-02-01T10:00:00.123Z'),
    isFinal: true,
    window: { from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-01-31T23:59:59.999Z') },
    variants: [
      { variant: 'control', weight: 33.34, exposures: 120 },
      { variant: 'blå 🍀', weight: 33.33, exposures: 118 },
      { variant: 'off', weight: 33.33, exposures: 0 },
    ],
    multipleExposures: 3,
    srm: { pValue: 5e-324, mismatch: true },
    metrics: [
      {
        metric: crypto.randomUUID(),
        name: `Checkout ${label}`,
        role: 'primary',
        expectedDirection: 'increase',
        aggregation: 'sum',
        control: { variant: 'control', n: 120, mean: 0.1 + 0.2 },
        variants: [
          {
            variant: 'blå 🍀',
            n: 118,
            mean: 1 / 3,
            absoluteLift: 1 / 3 - (0.1 + 0.2),
            relativeLift: -1e-17,
            ciLow: -1.7976931348623157e308,
            ciHigh: 123456789.98765432,
            chanceToWin: 0.9999999999999999,
            pValue: 2.2250738585072014e-308,
            verdict: 'winning',
            pValueUnadjusted: 1.1125369292536007e-308,
            guidance: { minimumEffect: 0.05, power: 0.1 + 0.7, additionalIdentities: 2560.9375, days: null },
          },
          {
            variant: 'off',
            n: 0,
            mean: null,
            absoluteLift: null,
            relativeLift: null,
            ciLow: null,
            ciHigh: null,
            chanceToWin: null,
            pValue: null,
            verdict: 'insufficient_data',
            pValueUnadjusted: null,
            guidance: null,
          },
        ],
        cuped: 'adjusted',
      },
    ],
    analysis: {
      method: 'sequential',
      sequentialTuning: 5000,
      alpha: 0.05,
      correction: 'benjamini-hochberg',
      minimumSample: { identities: 50, conversions: 5 },
      guidance: { minimumEffect: 0.05, targetPower: 0.8 },
      cupedMetrics: ['a metric', 'another'],
      preExposureDays: 7,
    },
    dataQuality: { exposuresBeforeWindow: 7, exposuresAfterWindow: 2_147_483_648, eventsBeforeExposure: 0 },
  }
}

/**
 * The final-results half of {@link testExperimentRepository}: nothing stored reads as `null`;
 * a saved body reads back exactly (dates as `Date`s, every digit of every figure); the first
 * save wins, so a later or concurrent save resolves to the first body; results are scoped to
 * the experiment's environment and leave the experiment itself (version, audit) untouched.
 */
export function describeRepositoryFinalResults(test: TestApi, current: () => RepositoryFixture): void {
  const { expect, it } = test
  const use = async () => {
    const fixture = current()
    const environment: Environment = freshEnvironment()
    const insert = insertOf(environment, newExperiment(environment, { featureId: crypto.randomUUID() }))
    await expect(fixture.repository.write(insert)).resolves.toBe('written')
    return { ...fixture, environment, experiment: insert.experiment, audit: insert.audit }
  }

  it('reads null while nothing is stored', async () => {
    const { repository, environment, experiment } = await use()
    expect(await repository.finalResults(environment.id, experiment.id)).toBeNull()
    expect(await repository.finalResults(environment.id, crypto.randomUUID())).toBeNull()
  })

  it('reads a saved body back exactly, only in the experiment’s environment', async () => {
    const { repository, environment, experiment } = await use()
    const body = finalBody('first')
    expect(await repository.saveFinalResults(environment.id, experiment.id, body)).toEqual(body)
    const read = await repository.finalResults(environment.id, experiment.id)
    expect(read).toEqual(body)
    expect(read?.asOf.getTime()).toBe(body.asOf.getTime())
    expect(read?.window?.to.getTime()).toBe(body.window?.to.getTime())
    expect(await repository.finalResults(freshEnvironment().id, experiment.id)).toBeNull()
  })

  it('reads a body frozen before metrics carried their CUPED status back without it', async () => {
    const { repository, environment, experiment } = await use()
    const { metrics, ...rest } = finalBody('earlier')
    const body: ExperimentResults = {
      ...rest,
      metrics: metrics.map(({ cuped: _cuped, ...metric }) => metric),
    }
    await repository.saveFinalResults(environment.id, experiment.id, body)
    const read = await repository.finalResults(environment.id, experiment.id)
    expect(read).toEqual(body)
    expect(read?.metrics[0] !== undefined && 'cuped' in read.metrics[0]).toBe(false)
  })

  it('keeps the first body: a second save resolves to it and changes nothing', async () => {
    const { repository, environment, experiment } = await use()
    const first = finalBody('first')
    await repository.saveFinalResults(environment.id, experiment.id, first)
    expect(await repository.saveFinalResults(environment.id, experiment.id, finalBody('second'))).toEqual(
      first,
    )
    expect(await repository.finalResults(environment.id, experiment.id)).toEqual(first)
  })

  it('concurrent saves all resolve to one body, the one stored', async () => {
    const { repository, environment, experiment } = await use()
    const bodies = Array.from({ length: 8 }, (_, i) => finalBody(`writer ${i}`))
    const saved = await Promise.all(
      bodies.map((body) => repository.saveFinalResults(environment.id, experiment.id, body)),
    )
    const stored = await repository.finalResults(environment.id, experiment.id)
    const labelOf = (body: ExperimentResults | null) => body?.metrics[0]?.name
    expect(bodies.map(labelOf)).toContain(labelOf(stored))
    expect(stored).toEqual(bodies.find((body) => labelOf(body) === labelOf(stored)))
    for (const body of saved) expect(body).toEqual(stored)
  })

  it('is not a change to the experiment: same version, no audit entry', async () => {
    const { repository, stored, environment, experiment, audit } = await use()
    await repository.saveFinalResults(environment.id, experiment.id, finalBody('first'))
    expect(await stored.experiment(experiment.id)).toEqual(experiment)
    expect(await stored.auditEntries(experiment.id)).toEqual([audit])
  })

  it('refuses to save results of an experiment of another environment', async () => {
    const { repository, experiment } = await use()
    await expect(
      repository.saveFinalResults(freshEnvironment().id, experiment.id, finalBody('foreign')),
    ).rejects.toBeDefined()
  })
}
