import { err, ok, type Result } from 'neverthrow'
import { errors, type ExperimentError } from './errors.js'
import { Actor } from './experiment.js'
import { type ExperimentAction } from './vocabulary.js'

/** The longest environment key looked up; a longer one cannot name an environment. */
const MAX_ENVIRONMENT_KEY = 255

/** The caller's actor, parsed; a malformed one is refused as `forbidden` for the action. */
export function parseActor(actor: unknown, action: ExperimentAction): Result<Actor, ExperimentError> {
  const parsed = Actor.safeParse(actor)
  return parsed.success ? ok(parsed.data) : err(errors.forbidden(action))
}

/** The environment key, if it can name an environment at all; otherwise `environment_not_found`. */
export function checkEnvironmentKey(key: unknown): Result<string, ExperimentError> {
  return typeof key === 'string' && key.length > 0 && key.length <= MAX_ENVIRONMENT_KEY
    ? ok(key)
    : err(errors.environmentNotFound(String(key).slice(0, MAX_ENVIRONMENT_KEY)))
}

/** What the host's permission policy answered for one request. */
export interface PolicyAnswers {
  /** Whether experimentation is switched on for the environment. */
  readonly enabled: unknown
  /** Whether the actor may perform the action there. */
  readonly allowed: unknown
}

/** Grants access only on two explicit `true`s: the feature gate first, then the permission. */
export function decideAccess(
  answers: PolicyAnswers,
  action: ExperimentAction,
): Result<void, ExperimentError> {
  if (answers.enabled !== true) return err(errors.experimentationDisabled())
  if (answers.allowed !== true) return err(errors.forbidden(action))
  return ok(undefined)
}
