import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { checkEnvironmentKey, decideAccess, parseActor } from '../domain/access-decision.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { Environment, type Actor } from '../domain/experiment.js'
import type { Caller, ServiceContext } from './service-context.js'
import { type ExperimentAction } from '../domain/vocabulary.js'

/** Who is acting, and on which environment, once the access check has passed. */
export interface Access {
  readonly actor: Actor
  readonly environment: Environment
}

/**
 * The check every operation runs first, before looking at its input: resolve the environment,
 * then ask whether experimentation is enabled there and whether the actor may perform the
 * action. A malformed actor is refused; a malformed environment from the host throws (and so
 * becomes `unavailable`).
 */
export function checkAccess(
  context: ServiceContext,
  caller: Caller,
  action: ExperimentAction,
): ResultAsync<Access, ExperimentError> {
  return safeTry(async function* () {
    const actor = yield* parseActor(caller.actor, action)
    const key = yield* checkEnvironmentKey(caller.environmentKey)
    const environment = yield* await resolveEnvironment(context, key)
    const [enabled, allowed] = await Promise.all([
      context.permissions.isEnabled(environment),
      context.permissions.can(actor, action, environment),
    ])
    yield* decideAccess({ enabled, allowed }, action)
    return ok({ actor, environment })
  })
}

/** The host's environment for `key`, parsed: `null` is not found; a malformed one throws. */
async function resolveEnvironment(
  context: ServiceContext,
  key: string,
): Promise<Result<Environment, ExperimentError>> {
  const found = await context.features.environmentByKey(key)
  return found === null || found === undefined
    ? err(errors.environmentNotFound(key))
    : ok(Environment.parse(found))
}
