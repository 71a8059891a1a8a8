import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { authenticateBearer } from '../../demo/fixture.js'
import { createHttpHandler, toNodeListener } from '../../src/http.js'
import { readResponse } from './support/api-client.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const handlerOf = (service: MemoryApi['service']) =>
  createHttpHandler({ service, authenticate: authenticateBearer, basePath: '/api/v1' })

it('serves a fetch-based framework directly: Request in, Response out (Hono, Next.js, Bun, Deno)', async () => {
  const handler = handlerOf(api.service)
  const url = new URL('http://app.example/api/v1/environments/dev/experiments/')
  const created = await readResponse(
    await handler(
      new Request(url, {
        method: 'POST',
        headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
        body: JSON.stringify({ feature: 4, name: 'Direct', hypothesis: 'No socket needed.' }),
      }),
    ),
  )
  api.check('POST', url, created)
  expect(created.status).toBe(201)
  const listed = await readResponse(
    await handler(new Request(url, { headers: { authorization: 'Bearer admin' } })),
  )
  api.check('GET', url, listed)
  expect(listed.body.results).toHaveLength(1)
})

it('honours originalUrl when mounted under a prefix, as Express sets it for app.use(prefix, listener)', async () => {
  const listener = toNodeListener(handlerOf(api.service))
  const server = createServer((request: IncomingMessage & { originalUrl?: string }, response) => {
    request.originalUrl = request.url
    request.url = request.url?.slice('/api/v1'.length)
    listener(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const url = new URL(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/environments/dev/experiments/`,
    )
    const response = await readResponse(await fetch(url, { headers: { authorization: 'Bearer admin' } }))
    api.check('GET', url, response)
    expect(response.status).toBe(200)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})
