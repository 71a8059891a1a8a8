import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { authenticateBearer, demoEnvironments, demoFeatures, demoPermissions } from '../../../demo/fixture.js'
import {
  createHttpHandler,
  openApiDocument,
  type HttpHandler,
  type HttpHandlerOptions,
} from '../../../src/http.js'
import { createExperimentService } from '../../../src/index.js'
import { createMemoryAdapters } from '../../../src/memory.js'
import { readResponse } from './api-client.js'
import { createContractCheck, type CheckedResponse } from './contract-check.js'

/** Where the framework tests mount the API. */
export const BASE_PATH = '/api/v1'

/** The API's handler over fresh memory adapters seeded with the demo fixture, under {@link BASE_PATH}. */
export function demoHandler(options: Partial<HttpHandlerOptions> = {}): HttpHandler {
  const service = createExperimentService(
    createMemoryAdapters({
      environments: demoEnvironments,
      features: demoFeatures,
      permissions: demoPermissions,
    }),
  )
  return createHttpHandler({ service, authenticate: authenticateBearer, basePath: BASE_PATH, ...options })
}

/** Checks an API response against the OpenAPI document. */
export const checkContract = createContractCheck(openApiDocument({ basePath: BASE_PATH }))

/** One request of a framework test. */
export interface CallOptions {
  readonly token?: string | null
  readonly json?: unknown
  readonly raw?: BodyInit
  readonly headers?: Record<string, string>
}

/** The init of a fetch call: a bearer token (`admin` unless given) and a JSON or raw body. */
export function requestInit(method: string, options: CallOptions = {}): RequestInit {
  const headers: Record<string, string> = { ...options.headers }
  const token = options.token === undefined ? 'admin' : options.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body = options.raw
  if (options.json !== undefined) {
    body = JSON.stringify(options.json)
    headers['content-type'] ??= 'application/json'
  }
  return { method, headers, body }
}

/** Whether a path is one of the API's, whose answers the OpenAPI document describes. */
const isApiPath = (path: string) => path.startsWith(`${BASE_PATH}/environments/`)

/** A server listening on an ephemeral port, with a fetch client for it. */
export interface ListeningHost {
  readonly origin: string
  /** Fetches `path` (from the origin); an API path's answer is checked against the document. */
  call(method: string, path: string, options?: CallOptions): Promise<CheckedResponse>
  close(): Promise<void>
}

/** Starts `server` on an ephemeral port of 127.0.0.1. */
export async function listen(server: Server): Promise<ListeningHost> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    call: async (method, path, options) => {
      const url = new URL(path, origin)
      const response = await readResponse(await fetch(url, requestInit(method, options)))
      if (isApiPath(url.pathname)) checkContract(method, url, response)
      return response
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
