import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpHandler } from '../../src/http.js'
import { authenticateBearer } from '../../demo/fixture.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const MIB = 1024 * 1024
const FIRST_PART = 16 * 1024

/** A request body stream that counts the bytes the reader pulled out of it. */
function countingBody(
  total: number,
  chunk = 1024,
): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close()
        const size = Math.min(chunk, total - pulled)
        pulled += size
        controller.enqueue(new TextEncoder().encode(' '.repeat(size)))
      },
    },
    { highWaterMark: 0 },
  )
  return { body, pulled: () => pulled }
}

/**
 * Sends the head of a POST and only the first 16 KiB of a 1 MiB body over a raw socket, then
 * waits for the answer without sending more: it can only come if the server answers without
 * reading the body whole. Resolves to the raw response head.
 */
function answerToPartialUpload(origin: string, path: string, framing: 'length' | 'chunked'): Promise<string> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    let received = ''
    socket.setEncoding('latin1')
    socket.on('error', reject)
    socket.on('data', (text: string) => {
      received += text
      if (received.includes('\r\n\r\n')) {
        socket.destroy()
        resolve(received.slice(0, received.indexOf('\r\n\r\n')))
      }
    })
    const part = ' '.repeat(FIRST_PART)
    const framingHeader = framing === 'length' ? `content-length: ${MIB}` : 'transfer-encoding: chunked'
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer viewer\r\n` +
        `content-type: application/json\r\n${framingHeader}\r\n\r\n` +
        (framing === 'length' ? part : `${FIRST_PART.toString(16)}\r\n${part}\r\n`),
    )
  })
}

describe('the permission check comes before the body is read', () => {
  it.each(['length', 'chunked'] as const)(
    "refuses a forbidden caller's 1 MiB upload (%s framing) after its first 16 KiB, and closes the connection",
    async (framing) => {
      const head = await answerToPartialUpload(
        api.origin,
        `${api.basePath}/environments/dev/experiments/`,
        framing,
      )
      expect(head).toMatch(/^HTTP\/1\.1 403 /)
      expect(head.toLowerCase()).toContain('connection: close')
    },
  )

  it("does not pull a single byte of a forbidden caller's body", async () => {
    const handler = createHttpHandler({
      service: api.service,
      authenticate: authenticateBearer,
      basePath: '/api/v1',
    })
    const upload = countingBody(MIB)
    const response = await handler(
      new Request('http://localhost/api/v1/environments/dev/experiments/', {
        method: 'POST',
        headers: { authorization: 'Bearer viewer', 'content-type': 'application/json' },
        body: upload.body,
        duplex: 'half',
      } as RequestInit),
    )
    expect(response.status).toBe(403)
    expect(((await response.json()) as { code: string }).code).toBe('forbidden')
    expect(upload.pulled()).toBe(0)
  })

  it('still reads the body of a caller who may write, and keeps a small ignored body on a kept-alive connection', async () => {
    const created = await api.create()
    expect(created.name).toBe('Checkout button')
    const started = await api.request('POST', `dev/experiments/${created.id}/start/`, { json: {} })
    expect(started.status).toBe(200)
    expect(started.headers.get('connection')).toBe('keep-alive')
  })
})
