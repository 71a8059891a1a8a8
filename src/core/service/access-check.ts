import { err, ok, okAsync, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { checkEnvironmentKey, decideAccess, parseActor } from '../domain/access-decision.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { Environment, type Actor, type ExperimentAction } from '../domain/experiment.js'
import type { Caller, ServiceContext } from './service-context.js'

/** Who is acting, and on which environment, once the access check has passed. */
export interface Access {
  readonly actor: Actor
  readonly environment: Environment
}

/**
 * Runs the access check for an operation that is about to be called and hands its success out
 * as a grant: a fresh actor object, good for one operation of that action on that environment
 * (see {@link checkAccess}).
 */
export function grantAccess(
  context: ServiceContext,
  caller: Caller,
  action: ExperimentAction,
): ResultAsync<Access, ExperimentError> {
  return checkAccess(context, caller, action).map((access) => {
    const actor = Object.freeze({ type: access.actor.type, id: access.actor.id })
    const granted = { actor, environment: access.environment }
    context.grants.set(actor, { environmentKey: caller.environmentKey, action, ...granted })
    return granted
  })
}

/** The access an unused grant holds, if the caller's actor is one for this environment and action; it is used up. */
function redeemGrant(context: ServiceContext, caller: Caller, action: ExperimentAction): Access | null {
  const { actor } = caller
  const issued = typeof actor === 'object' && actor !== null ? context.grants.get(actor) : undefined
  if (issued === undefined || issued.environmentKey !== caller.environmentKey || issued.action !== action)
    return null
  context.grants.delete(actor as object)
  return { actor: issued.actor, environment: issued.environment }
}

/**
 * The check every operation runs first, before looking at its input: resolve the environment,
 * then ask whether experimentation is enabled there and whether the actor may perform the
 * action. A malformed actor is refused; a malformed environment from the host throws (and so
 * becomes `unavailable`). An actor that is an unused grant for this environment and action
 * ({@link grantAccess}) passes without asking again.
 */
export function checkAccess(
  context: ServiceContext,
  caller: Caller,
  action: ExperimentAction,
): ResultAsync<Access, ExperimentError> {
  const granted = redeemGrant(context, caller, action)
  if (granted !== null) return okAsync(granted)
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
