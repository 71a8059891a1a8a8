import { createExperimentService, type ExperimentService } from '../../../src/index.js'
import { createHttpHandler, type HttpHandlerOptions } from '../../../src/http.js'
import {
  createManualClock,
  createMemoryAdapters,
  type ManualClock,
  type MemoryAdapters,
} from '../../../src/memory.js'
import { authenticateBearer, demoEnvironments, demoFeatures, demoPermissions } from '../../../demo/fixture.js'
import type { ExperimentJson, MetricJson } from '../../../src/http.js'
import { startApiServer, type ApiServer } from './api-client.js'

/** A server on fresh memory adapters seeded with the demo fixture, on a manual clock. */
export interface MemoryApi extends ApiServer {
  readonly clock: ManualClock
  readonly adapters: MemoryAdapters
  readonly service: ExperimentService
  /** Creates an experiment on feature `1` of `dev` (or as given) and returns its JSON. */
  create(
    input?: {
      feature?: string | number
      name?: string
      hypothesis?: string
      metrics?: unknown
      rollout?: unknown
      analysis?: unknown
      scheduled_start_at?: string | null
      scheduled_end_at?: string | null
    },
    environment?: string,
  ): Promise<ExperimentJson>
  /** Creates a metric in `dev` (or as given) and returns its JSON. */
  createMetric(
    input?: { name?: string; description?: string; event?: string; aggregation?: string; direction?: string },
    environment?: string,
  ): Promise<MetricJson>
}

/** Memory adapters seeded with the demo fixture (environments, features, permissions) on `clock`. */
export function demoMemoryAdapters(clock: ManualClock): MemoryAdapters {
  return createMemoryAdapters({
    environments: demoEnvironments,
    features: demoFeatures,
    permissions: demoPermissions,
    clock,
  })
}

/** Starts a {@link MemoryApi}; `wrap` may decorate the service, `options` the handler. */
export async function startMemoryApi(
  wrap: (service: ExperimentService) => ExperimentService = (service) => service,
  options: Partial<HttpHandlerOptions> = {},
): Promise<MemoryApi> {
  const clock = createManualClock('2026-01-01T00:00:00.000Z')
  const adapters = demoMemoryAdapters(clock)
  const service = wrap(createExperimentService(adapters))
  const handler = createHttpHandler({
    service,
    authenticate: authenticateBearer,
    basePath: '/api/v1',
    ...options,
  })
  const api = await startApiServer(handler)
  return {
    ...api,
    clock,
    adapters,
    service,
    create: async (input = {}, environment = 'dev') => {
      const response = await api.request('POST', `${environment}/experiments/`, {
        json: { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.', ...input },
      })
      if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`)
      return response.body as ExperimentJson
    },
    createMetric: async (input = {}, environment = 'dev') => {
      const response = await api.request('POST', `${environment}/metrics/`, {
        json: {
          name: 'Checkout conversion',
          event: 'checkout',
          aggregation: 'occurrence',
          direction: 'up',
          ...input,
        },
      })
      if (response.status !== 201) throw new Error(`metric create failed: ${JSON.stringify(response.body)}`)
      return response.body as MetricJson
    },
  }
}
