/**
 * Assignment throughput: `assignVariant` (and `createAssigner`) against GrowthBook's SDK giving the
 * same answers, with the bare double FNV-1a hash as the ceiling, measured in one run.
 * `npx tsx bench/assignment-bench.ts` prints a markdown table and the figures as JSON;
 * `benchAssignment()` returns them for `bench/run.ts`.
 */
import { GrowthBook, GrowthBookClient, type Experiment } from '@growthbook/growthbook'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { assignVariant } from '../src/core/domain/assignment/assign-variant.js'
import type { AssignmentRollout } from '../src/core/domain/assignment/assignment-rollout.js'
import { createAssigner } from '../src/core/domain/assignment/create-assigner.js'
import { identityBucket } from '../src/core/domain/assignment/identity-bucket.js'

/** One implementation's calls per second over the rounds. */
export interface AssignmentSubjectFigures {
  readonly subject: AssignmentSubject
  readonly description: string
  /** Median over the timed rounds. */
  readonly callsPerSec: number
  readonly minCallsPerSec: number
  readonly maxCallsPerSec: number
}

/** What the assignment section measured. */
export interface AssignmentFigures {
  readonly growthbookVersion: string
  readonly identities: number
  readonly rounds: number
  readonly rollout: string
  /** Identities on which every implementation was checked to give GrowthBook's answer. */
  readonly agreedOn: number
  readonly subjects: readonly AssignmentSubjectFigures[]
  /** `assignVariant` calls/s over the fastest GrowthBook way's (the goal is ≥ 5). */
  readonly ratioToGrowthbook: number
  /** `assignVariant` calls/s over the bare hash's: how close it is to the ceiling. */
  readonly ratioToHash: number
}

const SUBJECTS = {
  assignVariant: '`assignVariant(rollout, identity)`',
  createAssigner: '`createAssigner(rollout)` once, then `assign(identity)`',
  growthbookRun: 'GrowthBook `new GrowthBook({ attributes })` + `run(experiment)` per identity',
  growthbookClient: 'GrowthBook `GrowthBookClient.runInlineExperiment(experiment, { attributes })`',
  doubleHash: 'ceiling: the bare double FNV-1a of seed + identity (`identityBucket`)',
} as const
export type AssignmentSubject = keyof typeof SUBJECTS

const ROLLOUT: AssignmentRollout = {
  seed: '3f6c2a9e-8b1d-4e7a-9c35-0d2b4f6a8e1c',
  trafficPercentage: 90,
  allocations: [
    { variant: 'control', weight: 33.34 },
    { variant: 'blue', weight: 33.33 },
    { variant: 'green', weight: 33.33 },
  ],
}

const EXPERIMENT: Experiment<string> = {
  key: ROLLOUT.seed,
  hashVersion: 2,
  coverage: ROLLOUT.trafficPercentage / 100,
  weights: ROLLOUT.allocations.map((a) => a.weight / 100),
  variations: ROLLOUT.allocations.map((a) => a.variant) as [string, string, ...string[]],
}

/** Identities as hosts send them: numeric user ids, UUID-shaped strings, e-mails, some unicode. */
function makeIdentities(count: number): string[] {
  let state = 0x2545f491
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state
  }
  const hex = () => next().toString(16).padStart(8, '0')
  return Array.from({ length: count }, (_, i) => {
    switch (i % 4) {
      case 0:
        return `user-${next() % 10_000_000}`
      case 1:
        return `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`
      case 2:
        return `customer_${next() % 100_000}@example.com`
      default:
        return `ünïcödé-${next() % 100_000}-🚀`
    }
  })
}

/** Each subject as one pass over the identities, returning a checksum so no work is optimised away. */
function passes(identities: readonly string[]): Record<AssignmentSubject, () => number> {
  const assign = createAssigner(ROLLOUT)
  const client = new GrowthBookClient({})
  const count = (pick: (identity: string) => string | null) => {
    let assigned = 0
    for (const identity of identities) if (pick(identity) !== null) assigned++
    return assigned
  }
  return {
    assignVariant: () => count((identity) => assignVariant(ROLLOUT, identity)),
    createAssigner: () => count(assign),
    growthbookRun: () =>
      count((identity) => {
        const result = new GrowthBook({ attributes: { id: identity } }).run(EXPERIMENT)
        return result.inExperiment ? result.value : null
      }),
    growthbookClient: () =>
      count((identity) => {
        const result = client.runInlineExperiment(EXPERIMENT, { attributes: { id: identity } })
        return result.inExperiment ? result.value : null
      }),
    doubleHash: () => {
      let sum = 0
      for (const identity of identities) sum += identityBucket(ROLLOUT.seed, identity)
      return sum
    },
  }
}

/** Fails loudly unless every subject gives GrowthBook's answer for every identity. */
function checkAgreement(identities: readonly string[]): void {
  const assign = createAssigner(ROLLOUT)
  const client = new GrowthBookClient({})
  for (const identity of identities) {
    const run = new GrowthBook({ attributes: { id: identity } }).run(EXPERIMENT)
    const inline = client.runInlineExperiment(EXPERIMENT, { attributes: { id: identity } })
    const expected = run.inExperiment ? run.value : null
    const answers = [
      assignVariant(ROLLOUT, identity),
      assign(identity),
      inline.inExperiment ? inline.value : null,
    ]
    if (
      answers.some((answer) => answer !== expected) ||
      (run.inExperiment && run.bucket !== identityBucket(ROLLOUT.seed, identity))
    )
      throw new Error(`assignment disagrees with GrowthBook for ${JSON.stringify(identity)}`)
  }
}

function growthbookVersion(): string {
  const manifest = new URL('../node_modules/@growthbook/growthbook/package.json', import.meta.url)
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Times every subject on the same identities, interleaved: each round runs every subject once, in
 * an order rotated per round, after one untimed warm-up round. Reports the median per subject.
 */
export function benchAssignment(options: { identities?: number; rounds?: number } = {}): AssignmentFigures {
  const identities = makeIdentities(options.identities ?? 100_000)
  const rounds = options.rounds ?? 7
  checkAgreement(identities)
  const subjects = Object.keys(SUBJECTS) as AssignmentSubject[]
  const run = passes(identities)
  const samples = new Map(subjects.map((s) => [s, [] as number[]]))
  let checksum = 0
  for (let round = -1; round < rounds; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(k + Math.max(0, round)) % subjects.length]!
      const start = performance.now()
      checksum += run[subject]()
      const seconds = (performance.now() - start) / 1000
      if (round >= 0) samples.get(subject)!.push(identities.length / seconds)
    }
  }
  if (!Number.isFinite(checksum)) throw new Error('checksum lost')
  const figures = subjects.map((subject) => ({
    subject,
    description: SUBJECTS[subject],
    callsPerSec: median(samples.get(subject)!),
    minCallsPerSec: Math.min(...samples.get(subject)!),
    maxCallsPerSec: Math.max(...samples.get(subject)!),
  }))
  const of = (subject: AssignmentSubject) => figures.find((f) => f.subject === subject)!.callsPerSec
  return {
    growthbookVersion: growthbookVersion(),
    identities: identities.length,
    rounds,
    rollout: `traffic ${ROLLOUT.trafficPercentage} %, split ${ROLLOUT.allocations.map((a) => a.weight).join(' / ')}`,
    agreedOn: identities.length,
    subjects: figures,
    ratioToGrowthbook: of('assignVariant') / Math.max(of('growthbookRun'), of('growthbookClient')),
    ratioToHash: of('assignVariant') / of('doubleHash'),
  }
}

const rate = (x: number) => Math.round(x).toLocaleString('en-US')

/** The figures as a markdown table with the ratios under it. */
export function assignmentMarkdown(figures: AssignmentFigures): string {
  const fastestGrowthbook = Math.max(
    ...figures.subjects.filter((s) => s.subject.startsWith('growthbook')).map((s) => s.callsPerSec),
  )
  const rows = figures.subjects.map(
    (s) =>
      `| ${s.description} | ${rate(s.callsPerSec)} | ${rate(s.minCallsPerSec)} – ${rate(s.maxCallsPerSec)} | ${(s.callsPerSec / fastestGrowthbook).toFixed(2)}× |`,
  )
  return [
    `${figures.identities.toLocaleString('en-US')} identities, ${figures.rollout}, ${figures.rounds} interleaved rounds (median); every implementation gave GrowthBook ${figures.growthbookVersion}'s answer on all ${figures.agreedOn.toLocaleString('en-US')} identities.`,
    '',
    '| implementation | calls/s (median) | min – max | vs fastest GrowthBook |',
    '|---|---|---|---|',
    ...rows,
    '',
    `\`assignVariant\` runs at **${figures.ratioToGrowthbook.toFixed(1)}×** the fastest GrowthBook way's throughput (goal ≥ 5×) and at ${(figures.ratioToHash * 100).toFixed(0)} % of the bare hash's; \`createAssigner\` hashes each rollout's seed once, so it can pass that ceiling.`,
  ].join('\n')
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = benchAssignment({
    identities: Number(process.env.BENCH_ASSIGN_IDENTITIES ?? 100_000),
    rounds: Number(process.env.BENCH_ASSIGN_ROUNDS ?? 7),
  })
  process.stdout.write(`${assignmentMarkdown(figures)}\n\n${JSON.stringify(figures, null, 2)}\n`)
}
