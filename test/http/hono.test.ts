import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ExperimentJson } from '../../src/http.js'
import { readResponse } from './support/api-client.js'
import type { CheckedResponse } from './support/contract-check.js'
import { expectIngestionThrough } from './support/ingestion-through-framework.js'
import {
  BASE_PATH,
  checkContract,
  demoHandler,
  requestInit,
  type CallOptions,
} from './support/framework-host.js'

const COLLECTION = `${BASE_PATH}/environments/dev/experiments/`
const CREATE = { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' }

/** The README's Hono recipe: the host's own routes first, then every method under the prefix to the handler. */
function honoHost(): Hono {
  const handler = demoHandler()
  const app = new Hono()
  app.get(`${BASE_PATH}/health`, (c) => c.json({ ok: true }))
  app.all(`${BASE_PATH}/*`, (c) => handler(c.req.raw))
  return app
}

/** Calls the app in process (`app.request`, no socket) and checks the answer against the document. */
async function call(
  app: Hono,
  method: string,
  path: string,
  options?: CallOptions,
): Promise<CheckedResponse> {
  const url = new URL(path, 'http://localhost')
  const response = await readResponse(await app.request(url.toString(), requestInit(method, options)))
  checkContract(method, url, response)
  return response
}

describe('Hono', () => {
  it('creates, reads and refuses through the mounted handler', async () => {
    const app = honoHost()
    const created = await call(app, 'POST', COLLECTION, { json: CREATE })
    expect(created.status).toBe(201)
    const { id } = created.body as ExperimentJson
    const read = await call(app, 'GET', `${COLLECTION}${id}/`)
    expect(read.body).toMatchObject({ id, feature: '1', status: 'created' })
    expect(read.headers.get('etag')).toBe('"1"')
    const conflict = await call(app, 'POST', COLLECTION, { json: CREATE })
    expect(conflict.status).toBe(409)
    expect(conflict.headers.get('content-type')).toBe('application/problem+json')
    expect(conflict.body.code).toBe('active_experiment_exists')
  })

  it('takes a full ingestion batch and answers malformed JSON with a problem', async () => {
    const app = honoHost()
    await expectIngestionThrough((method, path, options) => call(app, method, path, options))
  })

  it("serves the host's route registered before the mount", async () => {
    const response = await honoHost().request(`${BASE_PATH}/health`)
    expect(await response.json()).toEqual({ ok: true })
  })
})
