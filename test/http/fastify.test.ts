import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { toNodeListener, type ExperimentJson } from '../../src/http.js'
import { checkContract, BASE_PATH, demoHandler, requestInit } from './support/framework-host.js'
import { readResponse } from './support/api-client.js'
import { expectIngestionThrough } from './support/ingestion-through-framework.js'

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const COLLECTION = `${BASE_PATH}/environments/dev/experiments/`
const CREATE = { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' }

/**
 * The README's Fastify recipe: in a plugin of its own under the prefix, body parsing is switched
 * off (the handler reads and limits the body itself) and every request goes to the Node listener.
 */
async function fastifyHost(): Promise<{ app: FastifyInstance; origin: string }> {
  const listener = toNodeListener(demoHandler())
  const host = Fastify()
  host.get('/health', () => ({ ok: true }))
  await host.register(
    (api, _options, done) => {
      api.removeAllContentTypeParsers()
      api.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null))
      api.all('/*', (request, reply) => {
        reply.hijack()
        listener(request.raw, reply.raw)
      })
      done()
    },
    { prefix: BASE_PATH },
  )
  const origin = await host.listen({ port: 0, host: '127.0.0.1' })
  return { app: host, origin }
}

async function call(
  origin: string,
  method: string,
  path: string,
  options?: Parameters<typeof requestInit>[1],
) {
  const url = new URL(path, origin)
  const response = await readResponse(await fetch(url, requestInit(method, options)))
  checkContract(method, url, response)
  return response
}

describe('Fastify', () => {
  it('creates, reads and refuses through the mounted handler', async () => {
    const host = await fastifyHost()
    app = host.app
    const created = await call(host.origin, 'POST', COLLECTION, { json: CREATE })
    expect(created.status).toBe(201)
    const { id } = created.body as ExperimentJson
    const read = await call(host.origin, 'GET', `${COLLECTION}${id}/`)
    expect(read.body).toMatchObject({ id, feature: '1', status: 'created' })
    const started = await call(host.origin, 'POST', `${COLLECTION}${id}/start/`, {
      headers: { 'if-match': '"1"' },
    })
    expect(started.body.status).toBe('running')
    const stale = await call(host.origin, 'PATCH', `${COLLECTION}${id}/`, {
      json: { name: 'Too late' },
      headers: { 'if-match': '"1"' },
    })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('content-type')).toBe('application/problem+json')
    expect(stale.body).toMatchObject({ code: 'version_mismatch', current_version: 2 })
  })

  it('leaves the body to the handler: its limit and its media type checks apply', async () => {
    const host = await fastifyHost()
    app = host.app
    const large = await call(host.origin, 'POST', COLLECTION, {
      json: { ...CREATE, hypothesis: 'x'.repeat(70_000) },
    })
    expect(large.status).toBe(413)
    const text = await call(host.origin, 'POST', COLLECTION, {
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    const health = await fetch(`${host.origin}/health`)
    expect(await health.json()).toEqual({ ok: true })
  })

  it('takes a full ingestion batch and answers malformed JSON with a problem', async () => {
    const host = await fastifyHost()
    app = host.app
    await expectIngestionThrough((method, path, options) => call(host.origin, method, path, options))
  })
})
