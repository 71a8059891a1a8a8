import { err, ok, type Result } from 'neverthrow'
import { z } from 'zod'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { Actor, Environment, ExperimentAction } from '../domain/experiment.js'

const ActorShape = z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().min(1).max(255) })
const EnvironmentShape = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  projectId: z.string(),
})

/** Who is acting, and on which environment, once the access check has passed. */
export interface Access {
  readonly actor: Actor
  readonly environment: Environment
}

/**
 * Creates the check every operation runs first, before looking at its input: resolve the
 * environment, then ask whether experimentation is enabled there and whether the actor may
 * perform the action. A malformed actor is refused; a malformed environment from the host
 * throws (and so becomes `unavailable`).
 */
export function createAccessCheck(features: FeatureLookup, permissions: PermissionPolicy) {
  return async function authorize(
    actor: Actor,
    environmentKey: string,
    action: ExperimentAction,
  ): Promise<Result<Access, ExperimentError>> {
    const parsedActor = ActorShape.safeParse(actor)
    if (!parsedActor.success) return err(errors.forbidden(action))
    if (typeof environmentKey !== 'string' || environmentKey.length === 0 || environmentKey.length > 255) {
      return err(errors.environmentNotFound(String(environmentKey).slice(0, 255)))
    }
    const found = await features.environmentByKey(environmentKey)
    if (found === null || found === undefined) return err(errors.environmentNotFound(environmentKey))
    const environment = EnvironmentShape.parse(found)
    const [enabled, allowed] = await Promise.all([
      permissions.isEnabled(environment),
      permissions.can(parsedActor.data, action, environment),
    ])
    if (enabled !== true) return err(errors.experimentationDisabled())
    if (allowed !== true) return err(errors.forbidden(action))
    return ok({ actor: parsedActor.data, environment })
  }
}
