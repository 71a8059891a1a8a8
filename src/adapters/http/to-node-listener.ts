import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpHandler } from './create-http-handler.js'
import { consumedBodyInit, drainsCheaply } from './node-body.js'
import { httpProblem } from './problem-response.js'
import { isRouteMiss } from './route-miss.js'

/**
 * A `node:http` request listener; also an Express/Connect middleware: given a `next`, it passes
 * on the requests for paths outside the API's routes.
 */
export type NodeListener = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Whether a request for a path outside the API's routes goes on to `next` (the routes mounted
   * after the listener in Express or Connect) instead of getting the handler's 404 `not_found`,
   * when the listener is called with one. Defaults to `true`; plain `node:http` passes no `next`.
   */
  readonly fallthrough?: boolean
}

/** Whether the handler touched the body: read from it, or cancelled it unread. */
interface BodyUse {
  touched: boolean
}

/**
 * A lazily pulled body: a chunk is read from the socket only when the handler asks for one, so
 * a handler that stops early (past its body limit) stops the upload from being buffered.
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
  if (hasBody)
    Object.assign(init, consumedBodyInit(request, headers) ?? { body: bodyOf(request, use), duplex: 'half' })
  return new Request(url, init)
}

async function send(
  fetchResponse: Response,
  request: IncomingMessage,
  response: ServerResponse,
  use: BodyUse,
): Promise<void> {
  // An upload the handler stopped reading (413), or a large one still arriving that it never read
  // (the caller was refused first), is not drained: the connection is closed instead. A small one
  // it never touched (an action's ignored body) is discarded by node:http as usual.
  const unread = !request.complete && (use.touched || !drainsCheaply(request))
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
 * whole; a handler failure becomes a 500 problem and the server keeps serving. Behind a body
 * parser that already read the body (`express.json()`), the parsed `req.body` is passed on as
 * JSON instead. Called with a `next` (Express, Connect), a path outside the API's routes goes on
 * to `next()` unless `fallthrough` is `false`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * createServer(toNodeListener(handler)).listen(3000)
 * ```
 */
export function toNodeListener(handler: HttpHandler, options: NodeListenerOptions = {}): NodeListener {
  return (request, response, next) => {
    const run = async () => {
      const use: BodyUse = { touched: false }
      let fetchResponse: Response
      try {
        fetchResponse = await handler(toRequest(request, use))
      } catch {
        fetchResponse = httpProblem('internal_error')
      }
      if (typeof next === 'function' && options.fallthrough !== false && (await isRouteMiss(fetchResponse)))
        return next()
      await send(fetchResponse, request, response, use)
    }
    // Only writing to a broken connection can fail here; there is nobody left to answer.
    run().catch(() => response.destroy())
  }
}
