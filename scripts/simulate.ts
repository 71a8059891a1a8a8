/**
 * `npm run simulate`: drives a running demo (`npm start`) over HTTP the way a frontend and an
 * SDK would, and prints the experiment's results as a table. It creates two metrics and a
 * guardrail, an experiment on the demo's `pricing_page` feature (completing one that an earlier
 * run of its own left active, and refusing to touch anyone else's), starts it, buckets
 * `SIMULATE_IDENTITIES` identities (default 20000) with {@link assignVariant}, posts their
 * exposures and events in batches of at most 1000 with a known effect (control converts at 10%,
 * treatment at 12%), completes the experiment and reads its results. The same seed gives the same
 * results, run after run: the bucketing and the behaviour are drawn from the seed alone.
 *
 * Environment: `SIMULATE_URL` (default `http://localhost:3000/api/v1`), `SIMULATE_TOKEN`
 * (default `admin`), `SIMULATE_ENVIRONMENT` (default `dev`), `SIMULATE_FEATURE` (default `4`),
 * `SIMULATE_IDENTITIES`, `SIMULATE_SEED` (default 42).
 *
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createExperimentsClient, type ExperimentsApiSchemas } from '../src/client.js'
import { assignVariant } from '../src/index.js'
import { formatResults } from './simulate-report.js'

/** What {@link simulate} needs; every field has the default the command line uses. */
export interface SimulateOptions {
  /** Where the API is mounted, origin included. */
  readonly baseUrl?: string
  readonly token?: string
  readonly environment?: string
  /** The feature under test: a multivariate one whose first two variants are compared. */
  readonly feature?: string
  /** How many identities visit; each is bucketed and, if it enters, exposed. */
  readonly identities?: number
  /**
   * The seed of the run: the same seed buckets the same visitors into the same variants and draws
   * the same behaviour, so it gives the same results.
   */
  readonly seed?: number
  /** The conversion rate of the control and of every other variant. */
  readonly rates?: { readonly control: number; readonly treatment: number }
  /** The fetch to call, e.g. a test's in-process handler; defaults to `globalThis.fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>
  /** Progress lines; defaults to `console.error`, so that the table alone goes to stdout. */
  readonly log?: (line: string) => void
}

type Experiment = ExperimentsApiSchemas['Experiment']
type Exposure = ExperimentsApiSchemas['RecordExposuresInput']['exposures'][number]
type TrackedEvent = ExperimentsApiSchemas['RecordEventsInput']['events'][number]

/** The largest batch either ingestion endpoint takes. */
const BATCH = 1000

/** The name of every experiment the simulation creates, followed by its run's tag. */
const EXPERIMENT_NAME = 'Pricing page simulation'

/** The hypothesis of every experiment the simulation creates: with the name, how it knows its own. */
const HYPOTHESIS = 'The new pricing page converts better without more support tickets.'

/** Whether an experiment is one an earlier run of the simulation created (and may complete). */
function isSimulation(experiment: Pick<Experiment, 'name' | 'hypothesis'>): boolean {
  return (
    new RegExp(`^${EXPERIMENT_NAME} [0-9a-f]{8}$`).test(experiment.name) &&
    experiment.hypothesis === HYPOTHESIS
  )
}

/**
 * The seed the visitors are bucketed with: the run's seed, not the experiment's server-made id
 * (an SDK's default), so that the same seed puts the same visitors in the same variants. A
 * GrowthBook experiment can set its own hashing seed the same way.
 */
const bucketingSeed = (seed: number) => `simulate-${seed}`

/** A small seeded PRNG (mulberry32): uniform numbers in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The answer's data, or a thrown error naming the step and the problem the API answered. */
function expectData<T>(step: string, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data !== undefined) return answer.data
  const problem = answer.error as { code?: string; detail?: string } | undefined
  throw new Error(
    `${step} failed: ${answer.response.status} ${problem?.code ?? ''} ${problem?.detail ?? ''}`.trim(),
  )
}

/** Splits a list into batches of at most {@link BATCH} items. */
function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH))
  return out
}

/**
 * Runs the whole simulation against the API at `baseUrl` and resolves to the printed report:
 * the experiment, its exposures and SRM line, and one table per metric.
 *
 * @example
 * ```ts
 * console.log(await simulate({ baseUrl: 'http://localhost:3000/api/v1', identities: 20000 }))
 * ```
 */
export async function simulate(options: SimulateOptions = {}): Promise<string> {
  const environmentKey = options.environment ?? 'dev'
  const feature = options.feature ?? '4'
  const identities = options.identities ?? 20_000
  const rates = options.rates ?? { control: 0.1, treatment: 0.12 }
  const log = options.log ?? ((line: string) => console.error(line))
  const seed = options.seed ?? 42
  const random = prng(seed)
  const api = createExperimentsClient({
    baseUrl: options.baseUrl ?? 'http://localhost:3000/api/v1',
    token: options.token ?? 'admin',
    ...(options.fetch && { fetch: options.fetch }),
  })
  const env = { environmentKey }
  // The demo keeps its state across runs: names and identities carry this run's tag.
  const run = randomUUID().slice(0, 8)

  // 1. One experiment per feature may be active: complete (or delete, if never started) the one
  //    an earlier run left behind (it stopped half-way); anyone else's is left alone.
  const active = expectData(
    'listing active experiments',
    await api.GET('/environments/{environmentKey}/experiments/', {
      params: { path: env, query: { feature, status: ['created', 'running', 'paused'] } },
    }),
  )
  const foreign = active.results.find((left) => !isSimulation(left))
  if (foreign !== undefined)
    throw new Error(
      `feature ${feature} has an active experiment the simulation did not create, "${foreign.name}" ` +
        `(${foreign.id}, ${foreign.status}): complete it yourself, or simulate on another feature ` +
        '(SIMULATE_FEATURE)',
    )
  for (const left of active.results) {
    const path = { ...env, experimentId: left.id }
    if (left.status === 'created') {
      await api.DELETE('/environments/{environmentKey}/experiments/{experimentId}/', { params: { path } })
      log(`deleted experiment "${left.name}", never started`)
    } else {
      await api.POST('/environments/{environmentKey}/experiments/{experimentId}/complete/', {
        params: { path },
      })
      log(`completed experiment "${left.name}", still ${left.status}`)
    }
  }

  // 2. The metrics, in the environment's catalogue.
  const createMetric = async (body: ExperimentsApiSchemas['CreateMetricInput']) =>
    expectData(
      `creating metric ${body.name}`,
      await api.POST('/environments/{environmentKey}/metrics/', { params: { path: env }, body }),
    )
  const conversion = await createMetric({
    name: `Purchase conversion ${run}`,
    description: 'Share of visitors who buy.',
    event: 'purchase',
    aggregation: 'occurrence',
    direction: 'up',
  })
  const revenue = await createMetric({
    name: `Revenue ${run}`,
    description: 'What a visitor spends.',
    event: 'purchase',
    aggregation: 'sum',
    direction: 'up',
  })
  const tickets = await createMetric({
    name: `Support tickets ${run}`,
    description: 'Tickets a visitor opens.',
    event: 'support_ticket',
    aggregation: 'count',
    direction: 'down',
  })

  // 3. The experiment: everyone in, split evenly; then start it.
  const created = expectData(
    'creating the experiment',
    await api.POST('/environments/{environmentKey}/experiments/', {
      params: { path: env },
      body: {
        feature,
        name: `${EXPERIMENT_NAME} ${run}`,
        hypothesis: HYPOTHESIS,
        metrics: [
          { metric: conversion.id, role: 'primary', expected_direction: 'increase' },
          { metric: revenue.id, role: 'secondary', expected_direction: 'increase' },
          { metric: tickets.id, role: 'guardrail', expected_direction: 'not_increase' },
        ],
      },
    }),
  )
  const path = { ...env, experimentId: created.id }
  const started: Experiment = expectData(
    'starting the experiment',
    await api.POST('/environments/{environmentKey}/experiments/{experimentId}/start/', {
      params: { path },
    }),
  )
  log(`started "${started.name}" (${started.id})`)

  // 4. Visitors: bucketed as an SDK would, then what they do. A visitor is bucketed by its number
  //    under the run's seed and sent with this run's tag (its identity), so a repeated seed draws
  //    the same visitors while their data stays apart from earlier runs'. Times are taken from the
  //    start the server recorded, so that a clock apart from the server's changes nothing.
  const rollout = {
    seed: bucketingSeed(seed),
    trafficPercentage: started.rollout.traffic_percentage,
    allocations: started.rollout.allocations,
  }
  const control = started.rollout.allocations[0]?.variant
  const startedAt = Date.parse(started.started_at ?? new Date().toISOString())
  const exposures: Exposure[] = []
  const events: TrackedEvent[] = []
  for (let i = 0; i < identities; i++) {
    const identity = `sim-${run}-${i}`
    const variant = assignVariant(rollout, `visitor-${i}`)
    if (variant === null) continue
    const seen = startedAt + 1 + (i % 50)
    exposures.push({ experiment: started.id, identity, variant, at: new Date(seen).toISOString() })
    const rate = variant === control ? rates.control : rates.treatment
    const at = new Date(seen + 1).toISOString()
    if (random() < rate) {
      const value = Math.round((20 + 60 * random()) * 100) / 100
      events.push({ id: randomUUID(), identity, event: 'purchase', value, at })
    }
    if (random() < 0.05) events.push({ id: randomUUID(), identity, event: 'support_ticket', at })
  }
  for (const batch of batches(exposures)) {
    const outcome = expectData(
      'posting exposures',
      await api.POST('/environments/{environmentKey}/exposures/', {
        params: { path: env },
        body: { exposures: batch },
      }),
    )
    log(`exposures: ${outcome.accepted} accepted, ${outcome.duplicates} duplicates`)
  }
  for (const batch of batches(events)) {
    const outcome = expectData(
      'posting events',
      await api.POST('/environments/{environmentKey}/events/', {
        params: { path: env },
        body: { events: batch },
      }),
    )
    log(`events: ${outcome.accepted} accepted, ${outcome.duplicates} duplicates`)
  }

  // 5. Complete it and read the final results.
  const completed = expectData(
    'completing the experiment',
    await api.POST('/environments/{environmentKey}/experiments/{experimentId}/complete/', {
      params: { path },
    }),
  )
  const results = expectData(
    'reading the results',
    await api.GET('/environments/{environmentKey}/experiments/{experimentId}/results/', {
      params: { path },
    }),
  )
  return formatResults(completed, results, { environmentKey, identities })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const number = (name: string): number | undefined => {
    const value = process.env[name]
    if (value === undefined || value === '') return undefined
    const parsed = Number(value)
    if (!Number.isSafeInteger(parsed) || parsed < 0) {
      console.error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`)
      process.exit(1)
    }
    return parsed
  }
  try {
    const report = await simulate({
      baseUrl: process.env.SIMULATE_URL || undefined,
      token: process.env.SIMULATE_TOKEN || undefined,
      environment: process.env.SIMULATE_ENVIRONMENT || undefined,
      feature: process.env.SIMULATE_FEATURE || undefined,
      identities: number('SIMULATE_IDENTITIES'),
      seed: number('SIMULATE_SEED'),
    })
    console.log(report)
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error)
    console.error(`simulate: ${cause}`)
    if (error instanceof TypeError)
      console.error('Is the demo running? Start it with `npm start` in another terminal.')
    process.exit(1)
  }
}
