import type { Actor, Environment, Feature } from '../src/index.js'
import type { FeatureLookup } from '../src/ports/feature-lookup.js'
import type { PermissionPolicy } from '../src/ports/permission-policy.js'

/** The actor of every benchmarked call. */
export const ACTOR: Actor = { type: 'user', id: 'bench-user' }

/** The project every benchmark environment belongs to. */
export const PROJECT_ID = 'bench-project'

/** An environment whose key, id and name derive from `key`. */
export function environment(key: string): Environment {
  return { id: key, key, name: `Env ${key}`, projectId: PROJECT_ID }
}

/**
 * Host lookups as a host would back them with an in-process cache: every environment key and
 * every feature id exists, features are multivariate in {@link PROJECT_ID}. Used by the library
 * and the baseline alike, so neither pays for a lookup the other skips.
 */
export const features: FeatureLookup = {
  environmentByKey: (key) => Promise.resolve(environment(key)),
  // An environment's id is its key here.
  environmentById: (id) => Promise.resolve(environment(id)),
  featureById: (id): Promise<Feature> =>
    Promise.resolve({ id, name: `Feature ${id}`, projectId: PROJECT_ID, type: 'multivariate' }),
}

/** Everything is enabled and allowed. */
export const permissions: PermissionPolicy = {
  isEnabled: () => Promise.resolve(true),
  can: () => Promise.resolve(true),
}

let sequence = 0

/** A feature id no experiment has used in this process. */
export function freshFeatureId(prefix = 'f'): string {
  return `${prefix}-${process.pid}-${++sequence}`
}
