import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openApiDocument, toNodeListener, type HttpHandler } from '../../../src/http.js'
import { createContractCheck, type CheckedResponse } from './contract-check.js'

/** Options of one request. */
export interface RequestOptions {
  /** Bearer token; `admin` unless set (`null` sends no Authorization header). */
  readonly token?: string | null
  /** Sent as JSON with `Content-Type: application/json` unless `raw` is given. */
  readonly json?: unknown
  /** Sent as is (set the content type in `headers`). */
  readonly raw?: BodyInit
  readonly headers?: Record<string, string>
}

/** A running server and a fetch client whose every response is checked against the OpenAPI document. */
export interface ApiServer {
  readonly origin: string
  readonly basePath: string
  /** `path` is below `{basePath}/environments/`, e.g. `dev/experiments/`. */
  request(method: string, path: string, options?: RequestOptions): Promise<CheckedResponse>
  /** A raw path (from the origin), for routing tests. */
  requestPath(method: string, path: string, options?: RequestOptions): Promise<CheckedResponse>
  /** Checks a response obtained some other way. */
  check(method: string, url: URL, response: CheckedResponse): void
  close(): Promise<void>
}

/** Reads a fetch response into a {@link CheckedResponse} (body parsed when non-empty). */
export async function readResponse(response: Response): Promise<CheckedResponse> {
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) }
}

/** Starts `handler` behind {@link toNodeListener} on an ephemeral port. */
export async function startApiServer(handler: HttpHandler, basePath = '/api/v1'): Promise<ApiServer> {
  const server: Server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const check = createContractCheck(openApiDocument({ basePath }))

  async function requestPath(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<CheckedResponse> {
    const headers: Record<string, string> = { ...options.headers }
    const token = options.token === undefined ? 'admin' : options.token
    if (token !== null) headers.authorization = `Bearer ${token}`
    let body: BodyInit | undefined = options.raw
    if (options.json !== undefined) {
      body = JSON.stringify(options.json)
      headers['content-type'] ??= 'application/json'
    }
    const url = new URL(path, origin)
    const response = await readResponse(await fetch(url, { method, headers, body }))
    check(method, url, response)
    return response
  }

  return {
    origin,
    basePath,
    request: (method, path, options) => requestPath(method, `${basePath}/environments/${path}`, options),
    requestPath,
    check,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
