/**
 * The demo fixture, reusable by tests: projects, environments, features with their variants,
 * tokens and the permission rules (every action, metric catalogue and ingestion included, needs
 * environment admin).
 *
 * @packageDocumentation
 */
import type { Actor, Environment, Feature, FeatureLookup, PermissionPolicy } from '../src/index.js'

/** The projects and whether experimentation is enabled in each. */
export const demoProjects = [
  { id: 'p1', enabled: true },
  { id: 'p2', enabled: true },
  { id: 'p3', enabled: false },
] as const

/** Environments `dev`, `prod` (p1), `other` (p2), `off` (p3, experimentation disabled). */
export const demoEnvironments: readonly Environment[] = [
  { id: 'env-dev', key: 'dev', name: 'Development', projectId: 'p1' },
  { id: 'env-prod', key: 'prod', name: 'Production', projectId: 'p1' },
  { id: 'env-other', key: 'other', name: 'Other', projectId: 'p2' },
  { id: 'env-off', key: 'off', name: 'Disabled', projectId: 'p3' },
]

const controlAndTreatment = [{ key: 'control' }, { key: 'treatment' }]

/**
 * Features 1..5: `2` is standard (not multivariate, no variants); `3` is in p2 and `5` in p3.
 * Feature 1 has three variants (`control`, `blue`, `green`); 3, 4 and 5 `control` and `treatment`.
 */
export const demoFeatures: readonly Feature[] = [
  {
    id: '1',
    name: 'checkout_button',
    projectId: 'p1',
    type: 'multivariate',
    variants: [
      { key: 'control', name: 'Grey button' },
      { key: 'blue', name: 'Blue button' },
      { key: 'green', name: 'Green button' },
    ],
  },
  { id: '2', name: 'dark_mode', projectId: 'p1', type: 'standard' },
  { id: '3', name: 'search_ranking', projectId: 'p2', type: 'multivariate', variants: controlAndTreatment },
  { id: '4', name: 'pricing_page', projectId: 'p1', type: 'multivariate', variants: controlAndTreatment },
  { id: '5', name: 'onboarding_flow', projectId: 'p3', type: 'multivariate', variants: controlAndTreatment },
]

/** Bearer tokens and who they are. */
export const demoTokens: Readonly<Record<string, Actor>> = {
  admin: { type: 'user', id: '1' },
  viewer: { type: 'user', id: '2' },
  'dev-admin': { type: 'user', id: '3' },
  'master-key': { type: 'api_key', id: 'k1' },
}

/** Environment keys each actor administers; `'*'` is every environment. */
const ADMIN_OF: Readonly<Record<string, readonly string[]>> = {
  'user:1': ['*'],
  'user:2': [],
  'user:3': ['dev'],
  'api_key:k1': ['*'],
}

/** Resolves the fixture's environments by key or id and features by id. */
export const demoFeatureLookup: FeatureLookup = {
  environmentByKey: (key) => Promise.resolve(demoEnvironments.find((e) => e.key === key) ?? null),
  environmentById: (id) => Promise.resolve(demoEnvironments.find((e) => e.id === id) ?? null),
  featureById: (id) => Promise.resolve(demoFeatures.find((f) => f.id === id) ?? null),
}

/**
 * Enabled in p1 and p2; every action (viewing, designing, the metric catalogue and ingestion
 * included) needs admin of the environment, whatever the action.
 */
export const demoPermissions: PermissionPolicy = {
  isEnabled: (environment) =>
    Promise.resolve(demoProjects.some((p) => p.id === environment.projectId && p.enabled)),
  can: (actor, _action, environment) => {
    const administers = ADMIN_OF[`${actor.type}:${actor.id}`] ?? []
    return Promise.resolve(administers.includes('*') || administers.includes(environment.key))
  },
}

/** Reads `Authorization: Bearer <token>` against {@link demoTokens}; `null` when absent or unknown. */
export function authenticateBearer(request: Request): Actor | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  const token = match?.[1]
  return token !== undefined && Object.hasOwn(demoTokens, token) ? (demoTokens[token] ?? null) : null
}
