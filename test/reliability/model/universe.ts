import type { Actor, Environment, ExperimentAction, Feature } from '../../../src/index.js'

/** The host world the model runs in: the demo fixture's projects, environments, features and actors. */
export const PROJECTS_ENABLED = new Set(['p1', 'p2'])

export interface UniverseEnvironment {
  readonly key: string
  readonly name: string
  readonly projectId: string
}

export const ENVIRONMENTS: readonly UniverseEnvironment[] = [
  { key: 'dev', name: 'Development', projectId: 'p1' },
  { key: 'prod', name: 'Production', projectId: 'p1' },
  { key: 'other', name: 'Other', projectId: 'p2' },
  { key: 'off', name: 'Disabled', projectId: 'p3' },
]

/** Keys that name no environment. */
export const UNKNOWN_ENVIRONMENT_KEYS = ['nope', 'DEV', ''] as const

export const FEATURES: readonly Feature[] = [
  { id: '1', name: 'checkout', projectId: 'p1', type: 'multivariate' },
  { id: '2', name: 'banner', projectId: 'p1', type: 'standard' },
  { id: '3', name: 'search', projectId: 'p2', type: 'multivariate' },
  { id: '4', name: 'pricing', projectId: 'p1', type: 'multivariate' },
  { id: '5', name: 'sunset', projectId: 'p3', type: 'multivariate' },
]

export const ACTORS = {
  admin: { type: 'user', id: '1' },
  viewer: { type: 'user', id: '2' },
  devAdmin: { type: 'user', id: '3' },
  masterKey: { type: 'api_key', id: 'k1' },
  system: { type: 'system', id: 'scheduler' },
  malformed: { type: 'user', id: '' },
} as const satisfies Record<string, Actor>

export type ActorName = keyof typeof ACTORS

/** Whether the actor has a valid shape (the service refuses others as `forbidden`). */
export function wellFormed(actor: Actor): boolean {
  return ['user', 'api_key', 'system'].includes(actor.type) && actor.id.length > 0 && actor.id.length <= 255
}

/** The permission rule of the universe: admins and keys everywhere, `devAdmin` on dev only. */
export function may(actor: Actor, _action: ExperimentAction, environmentKey: string): boolean {
  if (actor.type === 'api_key' || actor.type === 'system') return true
  if (actor.id === '1') return true
  return actor.id === '3' && environmentKey === 'dev'
}

/** The environments of one isolated run: ids carry the run's tag so runs can share a database. */
export function environmentsOf(runTag: string): Environment[] {
  return ENVIRONMENTS.map((e) => ({
    id: `${runTag}-${e.key}`,
    key: e.key,
    name: e.name,
    projectId: e.projectId,
  }))
}

/** The permission port of the universe, for any adapter set. */
export const universePermissions = {
  isEnabled: (environment: Environment) => Promise.resolve(PROJECTS_ENABLED.has(environment.projectId)),
  can: (actor: Actor, action: ExperimentAction, environment: Environment) =>
    Promise.resolve(may(actor, action, environment.key)),
}
