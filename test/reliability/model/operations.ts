import fc from 'fast-check'
import type { Actor, ExperimentStatus } from '../../../src/index.js'
import { analysisInput } from './analysis-model.js'
import { designOperations, type DesignOp, type MetricOp } from './design-model.js'
import { ACTORS, ENVIRONMENTS, UNKNOWN_ENVIRONMENT_KEYS } from './universe.js'

/** Which experiment an operation names: one the model knows (by index), an unknown UUID, or junk. */
export type TargetChoice =
  | { readonly kind: 'live'; readonly pick: number }
  | { readonly kind: 'existing'; readonly pick: number }
  | { readonly kind: 'uppercase'; readonly pick: number }
  | { readonly kind: 'unknown' }
  /** A fixed experiment (a race sends the same id from every caller). */
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'garbage'; readonly value: string }

/** In which environment an operation is sent: the target's own, or a given key. */
export type EnvironmentChoice = { readonly kind: 'own' } | { readonly kind: 'key'; readonly key: string }

/**
 * Which `expectedVersion` a write sends, relative to the experiment's current version, or a
 * fixed number (a race sends the same one from every caller).
 */
export type VersionChoice = 'none' | 'current' | 'stale' | 'ahead' | 'zero' | 'fraction' | number

interface Targeted {
  readonly actor: Actor
  readonly environment: EnvironmentChoice
  readonly target: TargetChoice
}

export interface UpdateInputChoice {
  readonly name?: string
  readonly hypothesis?: string
  readonly feature?: string | number
  /** A field that must be refused (`status`, `id`, …). */
  readonly extra?: string
}

export type TransitionOp = Targeted & {
  readonly op: 'start' | 'pause' | 'complete'
  readonly version: VersionChoice
}
export type WriteOp =
  | TransitionOp
  | (Targeted & { readonly op: 'delete' | 'restore'; readonly version: VersionChoice })
  | (Targeted & { readonly op: 'update'; readonly version: VersionChoice; readonly input: UpdateInputChoice })

export interface ListQueryChoice {
  readonly status?: ExperimentStatus[]
  readonly feature?: string | number
  readonly q?: string
  readonly limit?: number
  /** A query the service must refuse: a limit out of range or a forged cursor. */
  readonly invalid?: { readonly limit: number } | { readonly cursor: string }
}

export type CreateOp = {
  readonly op: 'create'
  readonly actor: Actor
  readonly environmentKey: string
  readonly input: {
    readonly feature: string | number
    readonly name: string
    readonly hypothesis: string
    readonly extra?: string
    /** The analysis setting asked for at create, as sent; left out most of the time. */
    readonly analysis?: unknown
  }
}

/** Every operation the model-based test can issue. */
export type Op =
  | CreateOp
  | WriteOp
  | (Targeted & { readonly op: 'get' | 'history' })
  | {
      readonly op: 'list'
      readonly actor: Actor
      readonly environmentKey: string
      readonly query: ListQueryChoice
    }
  | MetricOp
  | DesignOp
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'race'; readonly copies: number; readonly inner: CreateOp | WriteOp }

/** Names to pick from, so that name searches and unchanged updates happen often. */
export const NAMES = [
  'Checkout test',
  'checkout TEST two',
  '  padded name  ',
  "'; DROP TABLE experiments; --",
  '100% off_sale \\ escape',
  'Ünïcode 🎉 naïve café',
  'ΣΊΣΥΦΟΣ',
  '\u202Eright-to-left\u202C',
  'a',
  '🎉'.repeat(255),
]
const INVALID_TEXT = [
  '',
  '   ',
  '\t\n',
  'nul\u0000inside',
  'lone \uD800 surrogate',
  'x'.repeat(256),
  '🎉'.repeat(256),
]

const actor = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom<Actor>(ACTORS.admin, ACTORS.admin, ACTORS.masterKey, ACTORS.system),
  },
  { weight: 3, arbitrary: fc.constant<Actor>(ACTORS.devAdmin) },
  { weight: 2, arbitrary: fc.constantFrom<Actor>(ACTORS.viewer, ACTORS.malformed) },
)
const knownKey = fc.constantFrom(...ENVIRONMENTS.map((e) => e.key))
const environmentKey = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom('dev', 'dev', 'prod', 'other') },
  { weight: 2, arbitrary: knownKey },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ENVIRONMENT_KEYS) },
)
const name = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...INVALID_TEXT) },
)
const hypothesis = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom('Shorter checkout converts better', '  spaced  ', 'Ω'.repeat(10_000)),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_TEXT, 'h'.repeat(10_001)) },
)
const feature = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom<string | number>('1', '4', 1, 4, ' 4 ', '3', 3) },
  { weight: 2, arbitrary: fc.constantFrom<string | number>('2', '5', '404', 2) },
  { weight: 1, arbitrary: fc.constantFrom<string | number>('', -1, 1.5, 'nul\u0000') },
)
const extra = fc.constantFrom('status', 'id', 'version', 'created_at', 'environment')
const target = fc.oneof(
  { weight: 20, arbitrary: fc.nat({ max: 1000 }).map((pick): TargetChoice => ({ kind: 'live', pick })) },
  { weight: 6, arbitrary: fc.nat({ max: 1000 }).map((pick): TargetChoice => ({ kind: 'existing', pick })) },
  { weight: 1, arbitrary: fc.nat({ max: 1000 }).map((pick): TargetChoice => ({ kind: 'uppercase', pick })) },
  { weight: 1, arbitrary: fc.constant<TargetChoice>({ kind: 'unknown' }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('', 'not-a-uuid', "1' OR '1'='1", '../..', '00000000-0000-0000-0000-00000000000g')
      .map((value): TargetChoice => ({ kind: 'garbage', value })),
  },
)
const environmentChoice = fc.oneof(
  { weight: 20, arbitrary: fc.constant<EnvironmentChoice>({ kind: 'own' }) },
  { weight: 2, arbitrary: environmentKey.map((key): EnvironmentChoice => ({ kind: 'key', key })) },
)
const version = fc.oneof(
  { weight: 10, arbitrary: fc.constant<VersionChoice>('none') },
  { weight: 5, arbitrary: fc.constant<VersionChoice>('current') },
  { weight: 2, arbitrary: fc.constantFrom<VersionChoice>('stale', 'ahead') },
  { weight: 1, arbitrary: fc.constantFrom<VersionChoice>('zero', 'fraction') },
)
const targeted = fc.record({ actor, environment: environmentChoice, target })

const create: fc.Arbitrary<CreateOp> = fc.record({
  op: fc.constant('create' as const),
  actor,
  environmentKey,
  input: fc.record(
    {
      feature,
      name,
      hypothesis,
      extra: fc.oneof({ weight: 15, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: extra }),
      analysis: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: analysisInput },
      ),
    },
    { requiredKeys: ['feature', 'name', 'hypothesis'] },
  ),
})

const transition = (op: TransitionOp['op']) =>
  fc
    .record({ op: fc.constant(op), version })
    .chain((rest) => targeted.map((t): WriteOp => ({ ...t, ...rest })))

const updateInput: fc.Arbitrary<UpdateInputChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ name, hypothesis }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: fc.record({ name, feature }, { requiredKeys: ['feature'] }) },
  { weight: 1, arbitrary: fc.record({ name, extra }, { requiredKeys: ['extra'] }) },
)

const writes: fc.Arbitrary<WriteOp> = fc.oneof(
  transition('start'),
  transition('pause'),
  transition('complete'),
  fc
    .record({ op: fc.constantFrom('delete' as const, 'restore' as const), version })
    .chain((rest) => targeted.map((t): WriteOp => ({ ...t, ...rest }))),
  fc
    .record({ op: fc.constant('update' as const), version, input: updateInput })
    .chain((rest) => targeted.map((t): WriteOp => ({ ...t, ...rest }))),
)

const statusList = fc.subarray<ExperimentStatus>(['created', 'running', 'paused', 'completed'])
const listQuery: fc.Arbitrary<ListQueryChoice> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        status: statusList,
        feature: fc.constantFrom<string | number>('1', '4', 3, ' 1 ', '404'),
        q: fc.constantFrom('check', 'CHECK', 'test', '%', '_', '\\', "'", 'ünï', 'ΣΊΣ', 'σίσ', '🎉', ''),
        limit: fc.integer({ min: 1, max: 4 }),
      },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom(0, 201, 2.5).map((limit): ListQueryChoice => ({ invalid: { limit } })),
      fc
        .constantFrom('!!', 'AAAA', 'MTIzOm5vdC1hLXV1aWQ')
        .map((cursor): ListQueryChoice => ({ invalid: { cursor } })),
    ),
  },
)

/** A random operation, weighted towards the writes that move experiments through their life. */
export const operation: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: create },
  { weight: 16, arbitrary: writes },
  {
    weight: 3,
    arbitrary: fc
      .record({ op: fc.constantFrom('get' as const, 'history' as const) })
      .chain((r) => targeted.map((t): Op => ({ ...t, ...r }))),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('list' as const), actor, environmentKey, query: listQuery }),
  },
  {
    weight: 4,
    arbitrary: fc
      .oneof(fc.integer({ min: 0, max: 2_500 }), fc.integer({ min: 1, max: 3 * 86_400_000 }))
      .map((ms): Op => ({ op: 'advance', ms })),
  },
  {
    weight: 14,
    arbitrary: designOperations({ actor, environmentKey, environment: environmentChoice, target, version }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('race' as const),
      copies: fc.integer({ min: 2, max: 4 }),
      inner: fc.oneof(create, writes),
    }),
  },
)

/** A short, readable description of an operation for counterexamples. */
export function describe(op: Op): string {
  return JSON.stringify(op, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  )
}
