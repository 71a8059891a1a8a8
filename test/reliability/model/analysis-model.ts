import fc from 'fast-check'
import type { Actor } from '../../../src/index.js'
import { changed, type ModelAnalysis, type ModelExperiment, type Prediction } from './model-state.js'
import type { EnvironmentChoice, TargetChoice, VersionChoice } from './operations.js'

// The analysis setting in the reference model: what a caller may send (at create or to replace
// it), which sendings are refused, and when a replacement applies, written out again from
// docs/rules.md without importing the core's schema or its decision.

/** The setting of an experiment created without one, and the value of each field left out. */
export const DEFAULT_ANALYSIS: ModelAnalysis = {
  method: 'sequential',
  sequentialTuning: 5000,
  preExposureDays: 14,
}

export interface AnalysisOp {
  readonly op: 'setAnalysis'
  readonly actor: Actor
  readonly environment: EnvironmentChoice
  readonly target: TargetChoice
  readonly version: VersionChoice
  /** The input as sent: usually an object with some of the three fields, sometimes junk. */
  readonly analysis: unknown
}

const method = fc.constantFrom('sequential', 'fixed')
const tuning = fc.constantFrom(100, 2000, 5000, 10_000_000)
const days = fc.constantFrom(0, 7, 14, 90)

/** Valid settings (fields may be left out, so the default and repeated settings come often). */
const validAnalysis = fc.record(
  { method, sequentialTuning: tuning, preExposureDays: days },
  { requiredKeys: [] },
)

/** Each way to spoil one field, or the whole input. */
const invalidAnalysis = fc.oneof(
  validAnalysis.chain((valid) =>
    fc
      .constantFrom<[string, unknown]>(
        ['method', 'bayesian'],
        ['method', 'Sequential'],
        ['method', ''],
        ['method', null],
        ['sequentialTuning', 99],
        ['sequentialTuning', 10_000_001],
        ['sequentialTuning', 2500.5],
        ['sequentialTuning', '5000'],
        ['sequentialTuning', 1e300],
        ['preExposureDays', -1],
        ['preExposureDays', 91],
        ['preExposureDays', 0.5],
        ['preExposureDays', null],
        ['preExposureDays', true],
        ['pre_exposure_days', 7],
        ['status', 'running'],
      )
      .map(([field, value]) => ({ ...valid, [field]: value })),
  ),
  fc.constantFrom<unknown>(null, 'fixed', 42, [], [{ method: 'fixed' }], { method: { method: 'fixed' } }),
)

/** An analysis input: mostly valid ones. */
export const analysisInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: validAnalysis },
  { weight: 2, arbitrary: invalidAnalysis },
)

/** Random `setAnalysis` operations; actors, environments, targets and versions come from the caller. */
export function analysisOperations(parts: {
  actor: fc.Arbitrary<Actor>
  environment: fc.Arbitrary<EnvironmentChoice>
  target: fc.Arbitrary<TargetChoice>
  version: fc.Arbitrary<VersionChoice>
}): fc.Arbitrary<AnalysisOp> {
  return fc.record({ op: fc.constant('setAnalysis' as const), ...parts, analysis: analysisInput })
}

const wholeWithin = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/**
 * The setting an input asks for, fields left out taking their defaults, or null when it must
 * be refused: not an object, an unknown field, an unknown method, or a number that is not whole
 * or out of range (tuning 100 to 10,000,000; days 0 to 90).
 */
export function acceptedAnalysis(sent: unknown): ModelAnalysis | null {
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) return null
  const {
    method = DEFAULT_ANALYSIS.method,
    sequentialTuning = DEFAULT_ANALYSIS.sequentialTuning,
    preExposureDays = DEFAULT_ANALYSIS.preExposureDays,
    ...unknown
  } = sent as Record<string, unknown>
  if (Object.keys(unknown).length > 0) return null
  if (method !== 'sequential' && method !== 'fixed') return null
  if (!wholeWithin(sequentialTuning, 100, 10_000_000) || !wholeWithin(preExposureDays, 0, 90)) return null
  return { method, sequentialTuning: sequentialTuning as number, preExposureDays: preExposureDays as number }
}

const sameAnalysis = (a: ModelAnalysis, b: ModelAnalysis) =>
  a.method === b.method &&
  a.sequentialTuning === b.sequentialTuning &&
  a.preExposureDays === b.preExposureDays

/**
 * What the service must answer to an accepted setting for `target` (found, version checked): an
 * equal setting changes nothing in any state; otherwise a completed experiment refuses it, a
 * started one too, and one not yet started takes it with one version and one audit entry.
 */
export function decideAnalysis(
  target: ModelExperiment,
  analysis: ModelAnalysis,
  actor: Actor,
  now: number,
): Prediction {
  if (sameAnalysis(analysis, target.analysis)) return { kind: 'experiment', after: target, changed: false }
  if (target.status === 'completed') return { kind: 'error', error: { code: 'experiment_completed' } }
  if (target.startedAt !== null) return { kind: 'error', error: { code: 'analysis_locked' } }
  return {
    kind: 'experiment',
    after: changed(target, { analysis }, 'analysis_changed', actor, now),
    changed: true,
  }
}
