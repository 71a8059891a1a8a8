import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpHandler } from './create-http-handler.js'
import { httpProblem } from './problem-response.js'

/** A `node:http` request listener; also an Express/Connect middleware-compatible handler. */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void

/** Whether the handler touched the body: read from it, or cancelled it unread. */
interface BodyUse {
  touched: boolean
}

/**
 * A lazily pulled body: a chunk is read from the socket only when the handler asks for one, so
 * a handler that stops early (64 KiB limit) stops the upload from being buffered.
 */
function bodyOf(request: IncomingMessage, use: BodyUse): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        use.touched = true
        chunks ??= request[Symbol.asyncIterator]() as AsyncIterator<Buffer>
        const next: IteratorResult<Buffer> = await chunks.next()
        if (next.done === true) controller.close()
        else
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength))
      },
      cancel() {
        use.touched = true
      },
    },
    { highWaterMark: 0 },
  )
}

/** The request's URL; Express's `originalUrl` wins so the handler sees the full path when mounted. */
function urlOf(request: IncomingMessage & { originalUrl?: string }): URL {
  const target = request.originalUrl ?? request.url ?? '/'
  if (/^https?:\/\//i.test(target)) return new URL(target)
  const path = target.startsWith('/') ? target : `/${target}`
  try {
    return new URL(`http://${request.headers.host ?? 'localhost'}${path}`)
  } catch {
    return new URL(`http://localhost${path}`)
  }
}

function toRequest(request: IncomingMessage, use: BodyUse): Request {
  const headers = new Headers()
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers.append(request.rawHeaders[i] ?? '', request.rawHeaders[i + 1] ?? '')
  }
  const url = urlOf(request)
  const method = request.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  // `duplex: 'half'` is required by Node's fetch for a streamed body.
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (hasBody) Object.assign(init, { body: bodyOf(request, use), duplex: 'half' })
  return new Request(url, init)
}

async function send(
  fetchResponse: Response,
  request: IncomingMessage,
  response: ServerResponse,
  use: BodyUse,
): Promise<void> {
  // An upload the handler stopped reading (413) is not drained: the connection is closed instead.
  // One it never touched (an action's ignored body) is discarded by node:http as usual.
  const unread = use.touched && !request.complete
  response.statusCode = fetchResponse.status
  fetchResponse.headers.forEach((value, key) => response.setHeader(key, value))
  if (unread) response.setHeader('connection', 'close')
  if (request.method === 'HEAD') {
    // A response to HEAD has no body, whatever the handler returned: its source is released unread.
    fetchResponse.body?.cancel().catch(() => undefined)
  } else if (fetchResponse.body !== null) {
    const reader = fetchResponse.body.getReader()
    for (let next = await reader.read(); next.done !== true; next = await reader.read()) {
      if (!response.write(next.value)) await new Promise((resolve) => response.once('drain', resolve))
    }
  }
  response.end()
  if (unread) request.resume()
}

/**
 * Adapts a fetch-style {@link HttpHandler} to `node:http` (and Express, mounted at any path:
 * `originalUrl` is honoured). The request body is streamed to the handler, never buffered
 * whole; a handler failure becomes a 500 problem and the server keeps serving.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(handler)).listen(3000)
 * ```
 */
export function toNodeListener(handler: HttpHandler): NodeListener {
  return (request, response) => {
    const run = async () => {
      const use: BodyUse = { touched: false }
      let fetchResponse: Response
      try {
        fetchResponse = await handler(toRequest(request, use))
      } catch {
        fetchResponse = httpProblem('internal_error')
      }
      await send(fetchResponse, request, response, use)
    }
    // Only writing to a broken connection can fail here; there is nobody left to answer.
    run().catch(() => response.destroy())
  }
}
