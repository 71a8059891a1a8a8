import type { Result, ResultAsync } from 'neverthrow'
import {
  createExperimentService,
  type Actor,
  type CreateMetricInput,
  type ExperimentView,
  type MetricView,
} from '../../src/index.js'
import { createManualClock, createMemoryAdapters, type MemoryPermissions } from '../../src/memory.js'

export const admin: Actor = { type: 'user', id: 'u-admin' }
export const apiKey: Actor = { type: 'api_key', id: 'k1' }

export const environments = [
  { id: 'env-dev', key: 'dev', name: 'Development', projectId: 'p1' },
  { id: 'env-prod', key: 'prod', name: 'Production', projectId: 'p1' },
  { id: 'env-other', key: 'other', name: 'Other', projectId: 'p2' },
]

const controlTreatment = [{ key: 'control' }, { key: 'treatment' }]

/** Feature 1 has three variants, 3 and 4 two; feature 5 lists none (so gets control and treatment). */
export const features = [
  {
    id: '1',
    name: 'checkout',
    projectId: 'p1',
    type: 'multivariate' as const,
    variants: [{ key: 'control' }, { key: 'blue', name: 'Blue button' }, { key: 'green' }],
  },
  { id: '2', name: 'banner', projectId: 'p1', type: 'standard' as const },
  { id: '3', name: 'search', projectId: 'p2', type: 'multivariate' as const, variants: controlTreatment },
  { id: '4', name: 'pricing', projectId: 'p1', type: 'multivariate' as const, variants: controlTreatment },
  { id: '5', name: 'onboarding', projectId: 'p1', type: 'multivariate' as const },
]

/** A fresh service on memory adapters with a manual clock, for one test. */
export function setup(permissions?: MemoryPermissions) {
  const clock = createManualClock('2026-03-01T12:00:00.000Z')
  const adapters = createMemoryAdapters({
    environments,
    features,
    clock,
    ...(permissions ? { permissions } : {}),
  })
  const service = createExperimentService(adapters)
  return { clock, adapters, service }
}

/** Unwraps an Ok, failing the test with the error otherwise. */
export async function ok<T, E>(result: ResultAsync<T, E> | Promise<Result<T, E>>): Promise<T> {
  const r = await result
  if (!r.isOk()) throw new Error(`expected Ok, got ${JSON.stringify(r._unsafeUnwrapErr())}`)
  return r._unsafeUnwrap()
}

/** Unwraps an Err, failing the test with the value otherwise. */
export async function fail<T, E>(result: ResultAsync<T, E> | Promise<Result<T, E>>): Promise<E> {
  const r = await result
  if (!r.isErr()) throw new Error(`expected Err, got ${JSON.stringify(r._unsafeUnwrap())}`)
  return r._unsafeUnwrapErr()
}

/** Creates an experiment on feature 1 in dev (or as given). */
export function createExperiment(
  service: ReturnType<typeof setup>['service'],
  overrides: { feature?: string | number; name?: string; environment?: string } = {},
): Promise<ExperimentView> {
  return ok(
    service.create(admin, overrides.environment ?? 'dev', {
      feature: overrides.feature ?? '1',
      name: overrides.name ?? 'Checkout test',
      hypothesis: 'A shorter checkout converts better',
    }),
  )
}

/** Creates a metric in dev (or as given), named uniquely unless a name is given. */
export function createMetric(
  service: ReturnType<typeof setup>['service'],
  overrides: Partial<CreateMetricInput> & { environment?: string } = {},
): Promise<MetricView> {
  const { environment = 'dev', ...fields } = overrides
  return ok(
    service.createMetric(admin, environment, {
      name: `Checkout rate ${crypto.randomUUID().slice(0, 8)}`,
      event: 'checkout',
      aggregation: 'occurrence',
      direction: 'up',
      ...fields,
    }),
  )
}
