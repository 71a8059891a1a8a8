import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  createDemoHandler,
  createDemoService,
  openDemoDatabase,
  type DemoDatabase,
} from '../../demo/demo-app.js'
import {
  createExperimentsClient,
  type ExperimentsApiSchemas,
  type ExperimentsClient,
} from '../../src/client.js'
import { createManualClock } from '../../src/memory.js'
import { startApiServer, type ApiServer } from '../http/support/api-client.js'

type Experiment = ExperimentsApiSchemas['Experiment']

let database: DemoDatabase
let server: ApiServer
let api: ExperimentsClient
const clock = createManualClock('2026-03-01T12:00:00.000Z')
const COLLECTION = '/environments/{environmentKey}/experiments/'
const ITEM = '/environments/{environmentKey}/experiments/{experimentId}/'

beforeAll(async () => {
  database = await openDemoDatabase({})
  server = await startApiServer(createDemoHandler(createDemoService(database, clock), () => undefined))
  api = createExperimentsClient({ baseUrl: `${server.origin}/api/v1/`, token: 'admin' })
})
afterAll(async () => {
  await server.close()
  await database.close()
})

describe('the typed client against the demo server (PGlite)', () => {
  it('lists, creates, starts and reads an experiment', async () => {
    const prod = { environmentKey: 'prod' }
    const empty = await api.GET(COLLECTION, { params: { path: prod } })
    expectTypeOf(empty.data).toEqualTypeOf<ExperimentsApiSchemas['ExperimentList'] | undefined>()
    expect(empty.data).toMatchObject({ results: [], next_cursor: null })

    const created = await api.POST(COLLECTION, {
      params: { path: prod },
      body: { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' },
    })
    expectTypeOf(created.data).toEqualTypeOf<Experiment | undefined>()
    expect(created.response.status).toBe(201)
    const experiment = created.data!
    expect(experiment).toMatchObject({ feature: '1', status: 'created', version: 1 })
    expect(created.response.headers.get('location')).toBe(
      `/api/v1/environments/prod/experiments/${experiment.id}/`,
    )

    clock.advance({ seconds: 30 })
    const started = await api.POST(`${ITEM}start/`, {
      params: { path: { ...prod, experimentId: experiment.id }, header: { 'If-Match': '"1"' } },
    })
    expect(started.data).toMatchObject({
      status: 'running',
      version: 2,
      started_at: '2026-03-01T12:00:30.000Z',
    })

    const read = await api.GET(ITEM, { params: { path: { ...prod, experimentId: experiment.id } } })
    expect(read.data?.status).toBe('running')
    expect(read.response.headers.get('etag')).toBe('"2"')

    const running = await api.GET(COLLECTION, {
      params: { path: prod, query: { status: ['running', 'paused'] } },
    })
    expect(running.data?.results.map((e) => e.id)).toEqual([experiment.id])
    expect(running.data?.status_counts).toEqual({ created: 0, running: 1, paused: 0, completed: 0 })
  })

  it('gives problems as typed errors, branching on code', async () => {
    const other = { environmentKey: 'other' }
    const body = { feature: '3', name: 'Pricing page', hypothesis: 'Annual plans first sell more.' }
    expect((await api.POST(COLLECTION, { params: { path: other }, body })).response.status).toBe(201)
    const conflict = await api.POST(COLLECTION, { params: { path: other }, body })
    expect(conflict.data).toBeUndefined()
    expect(conflict.response.status).toBe(409)
    expect(conflict.response.headers.get('content-type')).toBe('application/problem+json')
    expectTypeOf(conflict.error).toExtend<{ code: string; detail: string } | undefined>()
    expect(conflict.error).toMatchObject({ code: 'active_experiment_exists', feature_id: '3' })

    const missing = await api.GET(ITEM, {
      params: { path: { ...other, experimentId: '00000000-0000-4000-8000-000000000000' } },
    })
    expect(missing.error?.code).toBe('experiment_not_found')

    const viewer = createExperimentsClient({ baseUrl: `${server.origin}/api/v1`, token: () => 'viewer' })
    const forbidden = await viewer.GET(COLLECTION, { params: { path: other } })
    expect(forbidden.response.status).toBe(403)
    expect(forbidden.error?.code).toBe('forbidden')

    const anonymous = createExperimentsClient({ baseUrl: `${server.origin}/api/v1` })
    expect((await anonymous.GET(COLLECTION, { params: { path: other } })).error?.code).toBe('unauthenticated')
  })

  it('takes headers instead of a token, and any fetch', async () => {
    const handler = createDemoHandler(createDemoService(database, clock), () => undefined)
    const inProcess = createExperimentsClient({
      baseUrl: 'http://in-process/api/v1',
      headers: { authorization: 'Bearer dev-admin' },
      fetch: handler,
    })
    const dev = { environmentKey: 'dev' }
    const created = await inProcess.POST(COLLECTION, {
      params: { path: dev },
      body: { feature: 4, name: 'Onboarding', hypothesis: 'A shorter tour keeps more users.' },
    })
    expect(created.data?.status).toBe('created')
    const listed = await inProcess.GET(COLLECTION, { params: { path: dev, query: { feature: 4, limit: 1 } } })
    expect(listed.data?.results.map((e) => e.id)).toEqual([created.data?.id])
    const elsewhere = await inProcess.GET(COLLECTION, { params: { path: { environmentKey: 'prod' } } })
    expect(elsewhere.error?.code).toBe('forbidden')
  })
})
