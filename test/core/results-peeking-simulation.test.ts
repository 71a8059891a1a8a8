// Peeking through the whole service: seeded A/A experiments (10% conversion in both arms) on the
// memory adapters, exposures bucketed with `createAssigner` and ingested with conversion events
// through the service every simulated day, and the results read back after each of 60 days with
// the default analysis (sequential). An experiment counts as a false call when any of its 60
// reads says `winning` or `losing`. The pure-engine version of this test, with far more
// experiments, is statistics/sequential-calibration; this one shows that the pipeline around the
// engine (bucketing, ingestion, windows, summaries, results) keeps peeking safe.
// SIMULATION_REPORT=1 prints the measured figures; SIMULATION_PEEKING_RUNS overrides the count.
import { describe, expect, it } from 'vitest'
import {
  createAssigner,
  createExperimentService,
  type ExperimentService,
  type VariantComparison,
} from '../../src/index.js'
import { createManualClock, createMemoryAdapters, type ManualClock } from '../../src/memory.js'
import { binomialPmf, seededRandom, seededUuids, type Random } from '../support/random.js'
import { depthCount } from '../support/test-depth.js'
import { admin, environments, features, ok } from './fixture.js'

const LOOKS = 60
/** Identities exposed each day, both arms together (50/50): 6 000 by the last look. */
const PER_LOOK = 100
const RATE = 0.1
// Each experiment takes about half a second (60 summaries of up to 6 000 identities): `npm test`
// runs few, CI enough for the allowance to be tight (see test/support/test-depth.ts).
const RUNS = depthCount('SIMULATION_PEEKING_RUNS', { quick: 15, ci: 120, long: 500 })
const BATCH = 1000

/** Whether a fixed 95% test of two proportions, read naively at this look, would call a difference. */
function fixedWouldCall(controlN: number, controlMean: number, variant: VariantComparison): boolean {
  if (variant.mean === null || controlN < 2 || variant.n < 2) return false
  const se = Math.sqrt(
    (controlMean * (1 - controlMean)) / controlN + (variant.mean * (1 - variant.mean)) / variant.n,
  )
  return se > 0 && Math.abs(variant.mean - controlMean) / se > 1.959963984540054
}

interface Peeked {
  /** The first look (0-based) whose verdict was `winning` or `losing`; null if none was. */
  readonly sequentialCall: number | null
  /** Whether a naive fixed test at any look would have called a difference (the contrast). */
  readonly fixedCall: boolean
  /** Identities counted at the last look. */
  readonly identities: number
}

/** One A/A experiment read after each of {@link LOOKS} days, on fresh memory adapters. */
async function peekOneExperiment(random: Random, run: number): Promise<Peeked> {
  const clock = createManualClock('2026-03-01T00:00:00.000Z')
  const adapters = createMemoryAdapters({ environments, features, clock })
  const service = createExperimentService({ ...adapters, generateId: seededUuids(random) })
  const metric = await ok(
    service.createMetric(admin, 'dev', {
      name: 'Checkout rate',
      event: 'checkout',
      aggregation: 'occurrence',
      direction: 'up',
    }),
  )
  const created = await ok(
    service.create(admin, 'dev', {
      feature: '4',
      name: `Peeking ${run}`,
      hypothesis: 'Nothing changes',
      metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
    }),
  )
  const experiment = await ok(service.start(admin, 'dev', created.id))
  const assign = createAssigner({ seed: experiment.id, ...experiment.rollout })
  let sequentialCall: number | null = null
  let fixedCall = false
  let identities = 0
  for (let look = 0; look < LOOKS; look += 1) {
    clock.advance({ hours: 1 })
    await ingestOneDay(service, random, { experimentId: experiment.id, assign, run, look, clock })
    clock.advance({ hours: 22 })
    const results = await ok(service.results(admin, 'dev', experiment.id))
    const primary = results.metrics[0]
    const variant = primary?.variants[0]
    if (primary === undefined || variant === undefined) throw new Error('results lack the primary metric')
    identities = primary.control.n + variant.n
    if (sequentialCall === null && (variant.verdict === 'winning' || variant.verdict === 'losing'))
      sequentialCall = look
    if (primary.control.mean !== null && fixedWouldCall(primary.control.n, primary.control.mean, variant))
      fixedCall = true
  }
  return { sequentialCall, fixedCall, identities }
}

interface Day {
  readonly experimentId: string
  readonly assign: (identity: string) => string | null
  readonly run: number
  readonly look: number
  readonly clock: ManualClock
}

/** One day's {@link PER_LOOK} new identities exposed, and the {@link RATE} of them converting, through the service. */
async function ingestOneDay(
  service: ExperimentService,
  random: Random,
  { experimentId, assign, run, look, clock }: Day,
): Promise<void> {
  const exposedAt = clock.now().toISOString()
  clock.advance({ minutes: 30 })
  const convertedAt = clock.now().toISOString()
  const exposures = []
  const events = []
  for (let i = 0; i < PER_LOOK; i += 1) {
    const identity = `visitor-${run}-${look}-${i}`
    const variant = assign(identity)
    if (variant === null) throw new Error(`${identity} was left out at traffic 100 %`)
    exposures.push({ experiment: experimentId, identity, variant, at: exposedAt })
    if (random() < RATE)
      events.push({ id: seededUuids(random)(), identity, event: 'checkout', at: convertedAt })
  }
  for (let i = 0; i < exposures.length; i += BATCH)
    await ok(service.recordExposures(admin, 'dev', { exposures: exposures.slice(i, i + BATCH) }))
  for (let i = 0; i < events.length; i += BATCH)
    await ok(service.recordEvents(admin, 'dev', { events: events.slice(i, i + BATCH) }))
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  return binomialPmf(n, p)
    .subarray(0, k + 1)
    .reduce((a, b) => a + b, 0)
}

/**
 * The binomial allowance: the most experiments of `n` a true rate of `rate` calls but with
 * probability below `miss` (the smallest k with P(X > k) < miss, X ~ Binomial(n, rate)).
 */
function binomialAllowance(n: number, rate: number, miss = 0.001): number {
  let k = 0
  while (1 - binomialCdf(k, n, rate) >= miss) k += 1
  return k
}

/**
 * The Clopper–Pearson (exact) upper end of the two-sided `confidence` interval for a rate seen
 * `k` times in `n`: the p at which seeing k or fewer has probability (1 − confidence)/2.
 */
function clopperPearsonUpper(k: number, n: number, confidence = 0.95): number {
  if (k >= n) return 1
  const tail = (1 - confidence) / 2
  let [low, high] = [k / n, 1]
  for (let step = 0; step < 60; step += 1) {
    const middle = (low + high) / 2
    if (binomialCdf(k, n, middle) > tail) low = middle
    else high = middle
  }
  return high
}

function report(label: string, value: number | string): void {
  if (process.env.SIMULATION_REPORT === '1') console.info(`${label}: ${value}`)
}

describe('peeking through the service: A/A read every day for 60 days', () => {
  it(`${RUNS} A/A experiments at 10% conversion, ${PER_LOOK} identities a day: winning or losing at any look stays ≤ 5%`, async () => {
    const random = seededRandom(606)
    const outcomes: Peeked[] = []
    for (let run = 0; run < RUNS; run += 1) outcomes.push(await peekOneExperiment(random, run))
    // Every identity of every day was counted: the pipeline lost nothing on the way.
    expect(outcomes.every((o) => o.identities === LOOKS * PER_LOOK)).toBe(true)
    const called = outcomes.filter((o) => o.sequentialCall !== null).length
    const fixedCalled = outcomes.filter((o) => o.fixedCall).length
    const rate = called / RUNS
    const upper = clopperPearsonUpper(called, RUNS)
    report('A/A through the service, 60 looks, sequential, experiments called', `${called} of ${RUNS}`)
    report('A/A through the service, 60 looks, sequential, any-look rate', rate)
    report('  Clopper–Pearson 95% upper bound of that rate', upper)
    report('A/A through the service, 60 looks, naive fixed 95% test, any-look rate', fixedCalled / RUNS)
    report(
      '  reads (from 1) at which the sequential calls came',
      outcomes.flatMap((o) => (o.sequentialCall === null ? [] : [o.sequentialCall + 1])).join(', '),
    )
    // At most α = 5% of the experiments, plus the binomial allowance for RUNS of them: a calibrated
    // engine (true rate 5%) exceeds it with probability below 0.001. The Clopper–Pearson bound
    // reported above is what the count proves: the true any-look rate is below it with 95%
    // confidence. Measured: 0 of 15 at `npm test` (bound 21.8%); with TEST_DEPTH=ci
    // 2 of 120 (1.7%, bound 5.9%), against 31.7% for the naive fixed test below. Allowance: 4 of
    // 15, 14 of 120.
    expect(called).toBeLessThanOrEqual(binomialAllowance(RUNS, 0.05))
    // The same reads tested naively with a fixed 95% interval at every look are called more often:
    // the problem peeking causes is there to be solved, and the simulation sees it.
    expect(fixedCalled).toBeGreaterThan(called)
  }, 200_000)
})
