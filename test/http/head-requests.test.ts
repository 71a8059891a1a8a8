import { createServer, request as nodeRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticateBearer } from '../../demo/fixture.js'
import { createHttpHandler, toNodeListener } from '../../src/http.js'
import type { CheckedResponse } from './support/contract-check.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** How node:http frames a message on the connection: a bodiless HEAD answer needs none of it. */
const FRAMING = ['date', 'connection', 'keep-alive', 'transfer-encoding']

/** The headers a HEAD must repeat from its GET. */
const sameHeaders = (response: CheckedResponse) =>
  Object.fromEntries([...response.headers].filter(([name]) => !FRAMING.includes(name)))

describe('HEAD is GET without the body', () => {
  it.each([
    ['an experiment', (id: string) => `dev/experiments/${id}/`],
    ['its history', (id: string) => `dev/experiments/${id}/history/`],
    ['a list page', () => 'dev/experiments/?status=created&limit=1'],
  ])('on %s: same status and headers (ETag, Content-Type), no body', async (_label, pathOf) => {
    const { id } = await api.create()
    const get = await api.request('GET', pathOf(id))
    const head = await api.request('HEAD', pathOf(id))
    expect(get.status).toBe(200)
    expect(get.body).not.toBeNull()
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
    expect(sameHeaders(head)).toEqual(sameHeaders(get))
  })

  it('sends the ETag of the current version', async () => {
    const { id } = await api.create()
    await api.request('POST', `dev/experiments/${id}/start/`)
    const head = await api.request('HEAD', `dev/experiments/${id}/`)
    expect(head.headers.get('etag')).toBe('"2"')
    expect(head.headers.get('content-type')).toBe('application/json')
  })

  it.each([
    ['an unknown experiment', `dev/experiments/${UNKNOWN_ID}/`, 'admin', 404],
    ['a bad query', 'dev/experiments/?limit=0', 'admin', 400],
    ['a query on an operation without one', `dev/experiments/${UNKNOWN_ID}/history/?x=1`, 'admin', 400],
    ['a caller without the permission', 'dev/experiments/', 'viewer', 403],
    ['no credentials', 'dev/experiments/', null, 401],
  ])(
    'answers %s with the status and headers of GET, without the problem body',
    async (_l, path, token, status) => {
      const get = await api.request('GET', path, { token })
      const head = await api.request('HEAD', path, { token })
      expect(get.status).toBe(status)
      expect(head.status).toBe(status)
      expect(head.body).toBeNull()
      expect(sameHeaders(head)).toEqual(sameHeaders(get))
    },
  )

  it('is 405 without a body where GET is not offered, and 404 off the routes', async () => {
    const action = await api.request('HEAD', `dev/experiments/${UNKNOWN_ID}/start/`)
    expect(action.status).toBe(405)
    expect(action.headers.get('allow')).toBe('POST')
    expect(action.body).toBeNull()
    const outside = await api.requestPath('HEAD', '/api/v1/elsewhere/')
    expect(outside.status).toBe(404)
    expect(outside.body).toBeNull()
  })

  it('has no body when the handler is called directly, as a fetch framework does', async () => {
    const handler = createHttpHandler({
      service: api.service,
      authenticate: authenticateBearer,
      basePath: '/api/v1',
    })
    const { id } = await api.create()
    const url = `http://app.example/api/v1/environments/dev/experiments/${id}/`
    const response = await handler(
      new Request(url, { method: 'HEAD', headers: { authorization: 'Bearer admin' } }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe('"1"')
    expect(response.body).toBeNull()
  })
})

describe('toNodeListener on HEAD', () => {
  it('writes no body and releases the one a handler returned anyway', async () => {
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode('{"ignored":true}')),
      cancel: () => {
        cancelled = true
      },
    })
    const server = createServer(
      toNodeListener(() =>
        Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } })),
      ),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const received = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
        const outgoing = nodeRequest({ host: '127.0.0.1', port, method: 'HEAD', path: '/' }, (incoming) => {
          let bytes = 0
          incoming.on('data', (chunk: Buffer) => (bytes += chunk.length))
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, bytes }))
        })
        outgoing.on('error', reject)
        outgoing.end()
      })
      expect(received).toEqual({ status: 200, bytes: 0 })
      await expect.poll(() => cancelled).toBe(true)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
