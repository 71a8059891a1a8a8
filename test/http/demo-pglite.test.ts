import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoHandler,
  createDemoService,
  openDemoDatabase,
  type DemoDatabase,
} from '../../demo/demo-app.js'
import type { ExperimentJson } from '../../src/http.js'
import { createManualClock } from '../../src/memory.js'
import { startApiServer, type ApiServer } from './support/api-client.js'

let database: DemoDatabase
let api: ApiServer
const clock = createManualClock('2026-03-01T12:00:00.000Z')

beforeAll(async () => {
  database = await openDemoDatabase({})
  api = await startApiServer(createDemoHandler(createDemoService(database, clock), () => undefined))
})
afterAll(async () => {
  await api.close()
  await database.close()
})

describe('the demo wiring on PGlite through the Kysely adapters', () => {
  it('runs the whole lifecycle', async () => {
    const created = await api.request('POST', 'dev/experiments/', {
      json: { feature: 1, name: 'Checkout', hypothesis: 'Green wins.' },
    })
    expect(created.status).toBe(201)
    const { id } = created.body as ExperimentJson
    const path = `dev/experiments/${id}`
    clock.advance({ seconds: 10 })
    expect(
      (await api.request('POST', `${path}/start/`, { headers: { 'if-match': '"1"' } })).body.status,
    ).toBe('running')
    clock.advance({ seconds: 20 })
    expect((await api.request('POST', `${path}/pause/`)).body).toMatchObject({
      status: 'paused',
      running_seconds: 20,
    })
    expect((await api.request('POST', `${path}/start/`)).body.status).toBe('running')
    clock.advance({ seconds: 5 })
    const completed = await api.request('POST', `${path}/complete/`)
    expect(completed.body).toMatchObject({
      status: 'completed',
      running_seconds: 25,
      version: 5,
      ended_at: '2026-03-01T12:00:35.000Z',
    })
    expect((await api.request('GET', `${path}/history/`)).body.results).toHaveLength(4)
    expect((await api.request('PATCH', `${path}/`, { json: { name: 'Checkout (done)' } })).body.version).toBe(
      6,
    )
    expect((await api.request('DELETE', `${path}/`)).status).toBe(204)
    expect((await api.request('GET', `${path}/`)).status).toBe(404)
    expect((await api.request('POST', `${path}/restore/`)).body).toMatchObject({
      status: 'completed',
      version: 8,
    })
    const list = await api.request('GET', 'dev/experiments/?status=completed&q=checkout')
    expect((list.body.results as ExperimentJson[]).map((e) => e.id)).toEqual([id])
  })

  it('serves the OpenAPI document to GET and its headers alone to HEAD', async () => {
    const get = await fetch(`${api.origin}/api/v1/openapi.json`)
    expect(get.status).toBe(200)
    expect(((await get.json()) as { openapi: string }).openapi).toBe('3.1.0')
    const head = await fetch(`${api.origin}/api/v1/openapi.json`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/json')
    expect(await head.text()).toBe('')
  })

  it('maps the database conflicts and the fixture rules to their problems', async () => {
    const first = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'Pricing', hypothesis: 'h' },
    })
    expect(first.status).toBe(201)
    const second = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'Pricing 2', hypothesis: 'h' },
    })
    expect(second.body.code).toBe('active_experiment_exists')
    const stale = await api.request('PATCH', `dev/experiments/${(first.body as ExperimentJson).id}/`, {
      json: { name: 'x' },
      headers: { 'if-match': '"9"' },
    })
    expect(stale.body).toMatchObject({ code: 'version_mismatch', current_version: 1 })
    expect((await api.request('GET', 'off/experiments/')).body.code).toBe('experimentation_disabled')
    expect((await api.request('GET', 'dev/experiments/', { token: 'viewer' })).body.code).toBe('forbidden')
    expect((await api.request('GET', 'other/experiments/', { token: 'master-key' })).status).toBe(200)
  })
})
