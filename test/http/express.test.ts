import { createServer } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { toNodeListener, type ExperimentJson } from '../../src/http.js'
import { BASE_PATH, demoHandler, listen, type ListeningHost } from './support/framework-host.js'
import { expectIngestionThrough } from './support/ingestion-through-framework.js'

let host: ListeningHost | undefined
afterEach(async () => {
  await host?.close()
  host = undefined
})

const COLLECTION = `${BASE_PATH}/environments/dev/experiments/`
const CREATE = { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' }

/**
 * The README's Express recipe: the API mounted before any body parser (it reads and limits the
 * body itself), then the host's parser and its own routes, reached through `next()`.
 */
function expressHost(options: { fallthrough?: boolean } = {}): express.Express {
  const app = express()
  app.use(BASE_PATH, toNodeListener(demoHandler(), { fallthrough: options.fallthrough }))
  app.use(express.json())
  app.get(`${BASE_PATH}/health`, (_request, response) => {
    response.json({ ok: true })
  })
  app.post(`${BASE_PATH}/notes`, (request, response) => {
    response.status(201).json({ received: request.body as unknown })
  })
  return app
}

/** A host that parses every body before the API: supported, with the parser's limit raised. */
function parsedFirstHost(): express.Express {
  const app = express()
  app.use(express.json({ limit: '1mb' }))
  app.use(express.urlencoded({ extended: false }))
  app.use(BASE_PATH, toNodeListener(demoHandler()))
  return app
}

describe('Express, the API mounted before the body parser', () => {
  it('creates, reads and refuses through the mounted handler', async () => {
    host = await listen(createServer(expressHost()))
    const created = await host.call('POST', COLLECTION, { json: CREATE })
    expect(created.status).toBe(201)
    const { id } = created.body as ExperimentJson
    expect(created.headers.get('location')).toBe(`${COLLECTION}${id}/`)
    const read = await host.call('GET', `${COLLECTION}${id}/`)
    expect(read.body).toMatchObject({ id, feature: '1', name: CREATE.name, status: 'created' })
    const problem = await host.call('POST', COLLECTION, { json: { ...CREATE, feature: 2 } })
    expect(problem.status).toBe(400)
    expect(problem.headers.get('content-type')).toBe('application/problem+json')
    expect(problem.body.code).toBe('feature_not_multivariate')
  })

  it('takes a full ingestion batch and answers malformed JSON with a problem', async () => {
    const listening = await listen(createServer(expressHost()))
    host = listening
    await expectIngestionThrough((method, path, options) => listening.call(method, path, options))
  })

  it("leaves the host's routes after the mount their parsed body", async () => {
    host = await listen(createServer(expressHost()))
    const note = await host.call('POST', `${BASE_PATH}/notes`, { json: { text: 'hello' } })
    expect(note).toMatchObject({ status: 201, body: { received: { text: 'hello' } } })
  })
})

describe('Express, behind express.json()', () => {
  it('creates through the parsed body', async () => {
    host = await listen(createServer(parsedFirstHost()))
    const created = await host.call('POST', COLLECTION, { json: CREATE })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ feature: '1', name: CREATE.name, status: 'created' })
  })

  it('validates the parsed body like a streamed one: unknown fields, the body limit, a form', async () => {
    host = await listen(createServer(parsedFirstHost()))
    const unknown = await host.call('POST', COLLECTION, { json: { ...CREATE, status: 'running' } })
    expect(unknown.body.code).toBe('validation_failed')
    const large = await host.call('POST', COLLECTION, { json: { ...CREATE, hypothesis: 'x'.repeat(70_000) } })
    expect(large.status).toBe(413)
    const form = await host.call('POST', COLLECTION, {
      raw: 'feature=1&name=Form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
  })

  it('says so when a middleware read the body and left no req.body', async () => {
    const app = express()
    app.use((request, _response, next) => {
      request.on('data', () => undefined)
      request.on('end', () => next())
    })
    app.use(BASE_PATH, toNodeListener(demoHandler()))
    host = await listen(createServer(app))
    const response = await host.call('POST', COLLECTION, { json: CREATE })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('malformed_json')
    expect(response.body.detail).toMatch(/already read by a body parser mounted before this handler/)
  })
})

describe('Express routes after the mount', () => {
  it('reaches a host route under the same prefix: a path outside the API goes on to next()', async () => {
    host = await listen(createServer(expressHost()))
    const health = await host.call('GET', `${BASE_PATH}/health`)
    expect(health).toMatchObject({ status: 200, body: { ok: true } })
    expect((await fetch(`${host.origin}${BASE_PATH}/health`, { method: 'HEAD' })).status).toBe(200)
    // With no host route left, Express answers its own 404 (an HTML page), not the API's problem.
    const nowhere = await fetch(`${host.origin}${BASE_PATH}/nowhere`)
    expect(nowhere.status).toBe(404)
    expect(nowhere.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await nowhere.text()).toMatch(/Cannot GET/)
  })

  it("keeps the API's own 404s: an unknown experiment is not passed on", async () => {
    host = await listen(createServer(expressHost()))
    const missing = await host.call('GET', `${COLLECTION}00000000-0000-4000-8000-000000000000/`)
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('experiment_not_found')
  })

  it('answers not_found itself with fallthrough: false', async () => {
    host = await listen(createServer(expressHost({ fallthrough: false })))
    const health = await host.call('GET', `${BASE_PATH}/health`)
    expect(health.status).toBe(404)
    expect(health.body.code).toBe('not_found')
  })
})
