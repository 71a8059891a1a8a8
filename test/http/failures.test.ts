import { ResultAsync } from 'neverthrow'
import { afterEach, describe, expect, it } from 'vitest'
import { demoEnvironments, demoFeatures, demoPermissions, authenticateBearer } from '../../demo/fixture.js'
import { createHttpHandler, type HttpHandler } from '../../src/http.js'
import { createExperimentService, type ExperimentService } from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'
import { startApiServer, type ApiServer } from './support/api-client.js'

const SECRET = 'db password hunter2 at 10.1.2.3'
let server: ApiServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function service(
  overrides: (
    base: ReturnType<typeof createMemoryAdapters>,
  ) => Partial<ReturnType<typeof createMemoryAdapters>> = () => ({}),
): ExperimentService {
  const adapters = createMemoryAdapters({
    environments: demoEnvironments,
    features: demoFeatures,
    permissions: demoPermissions,
  })
  return createExperimentService({ ...adapters, ...overrides(adapters) })
}

async function serve(handler: HttpHandler): Promise<ApiServer> {
  server = await startApiServer(handler)
  return server
}

describe('500 internal_error', () => {
  it('turns a thrown bug into a 500 without internals, reports it, and keeps serving', async () => {
    const reported: unknown[] = []
    const base = service()
    const broken: ExperimentService = {
      ...base,
      get: () => {
        throw new Error(SECRET)
      },
      history: () => new ResultAsync(Promise.reject(new TypeError(SECRET))),
    }
    const api = await serve(
      createHttpHandler({
        service: broken,
        authenticate: authenticateBearer,
        basePath: '/api/v1',
        onError: (e) => reported.push(e),
      }),
    )
    const id = '00000000-0000-4000-8000-000000000000'
    for (const path of [`dev/experiments/${id}/`, `dev/experiments/${id}/history/`]) {
      const response = await api.request('GET', path)
      expect(response.status).toBe(500)
      expect(response.body).toEqual({
        type: 'urn:flag-experiments:problem:internal_error',
        title: 'Internal error',
        status: 500,
        detail: 'Something went wrong on our side.',
        code: 'internal_error',
      })
    }
    expect(reported.map((e) => (e as Error).message)).toEqual([SECRET, SECRET])
    expect((await api.request('GET', 'dev/experiments/')).status).toBe(200)
  })

  it('answers 500 when authenticate throws, and when the error reporter throws too', async () => {
    const api = await serve(
      createHttpHandler({
        service: service(),
        authenticate: () => Promise.reject(new Error(SECRET)),
        basePath: '/api/v1',
        onError: () => {
          throw new Error('logger down')
        },
      }),
    )
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(500)
    expect(JSON.stringify(response.body)).not.toContain('hunter2')
  })

  it('toNodeListener answers 500 when the handler itself rejects, and keeps serving', async () => {
    let calls = 0
    const inner = createHttpHandler({
      service: service(),
      authenticate: authenticateBearer,
      basePath: '/api/v1',
    })
    const api = await serve((request) => (++calls === 1 ? Promise.reject(new Error(SECRET)) : inner(request)))
    const failed = await api.request('GET', 'dev/experiments/')
    expect(failed.body).toMatchObject({ status: 500, code: 'internal_error' })
    expect((await api.request('GET', 'dev/experiments/')).status).toBe(200)
  })
})

describe('503 unavailable', () => {
  it('answers 503 with Retry-After when a port fails, reporting the cause but never sending it', async () => {
    const reported: unknown[] = []
    const failing = service((adapters) => ({
      repository: { ...adapters.repository, list: () => Promise.reject(new Error(SECRET)) },
    }))
    const api = await serve(
      createHttpHandler({
        service: failing,
        authenticate: authenticateBearer,
        basePath: '/api/v1',
        onError: (e) => reported.push(e),
      }),
    )
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    expect(response.body).toEqual({
      type: 'urn:flag-experiments:problem:unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'A backing service is unavailable. Try again later.',
      code: 'unavailable',
    })
    expect(reported).toHaveLength(1)
    expect((reported[0] as Error).message).toBe(SECRET)
  })

  it('answers 503 when the host lookup fails', async () => {
    const failing = service(() => ({
      features: {
        environmentByKey: () => Promise.reject(new Error(SECRET)),
        environmentById: () => Promise.reject(new Error(SECRET)),
        featureById: () => Promise.resolve(null),
      },
    }))
    const api = await serve(
      createHttpHandler({
        service: failing,
        authenticate: authenticateBearer,
        basePath: '/api/v1',
        onError: () => undefined,
      }),
    )
    const response = await api.request('POST', 'dev/experiments/', {
      json: { feature: 1, name: 'n', hypothesis: 'h' },
    })
    expect(response.body).toMatchObject({ status: 503, code: 'unavailable' })
  })
})
