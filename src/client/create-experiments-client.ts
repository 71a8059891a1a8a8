import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './api-types.js'

/** The API's paths, relative to where it is mounted, with their operations' types. */
export type ExperimentsApiPaths = paths

/** The API's JSON schemas by name: `ExperimentsApiSchemas['Experiment']`, `…['ForbiddenProblem']`, … */
export type ExperimentsApiSchemas = components['schemas']

/**
 * A typed client of the HTTP API: the `openapi-fetch` client over {@link ExperimentsApiPaths}.
 * Each call (`GET`, `POST`, `PATCH`, `DELETE`, `HEAD`) takes a path of the API with its
 * parameters checked, and resolves to `{ data }` on success or `{ error }` (the problem
 * details, typed by status) otherwise, with the raw `response` for headers (`ETag`, `Location`).
 */
export type ExperimentsClient = Client<ExperimentsApiPaths>

/** Options of {@link createExperimentsClient}. */
export interface ExperimentsClientOptions {
  /** Where the API is mounted, origin included, e.g. `https://flags.example.com/api/v1`. */
  readonly baseUrl: string
  /**
   * The bearer token sent as `Authorization: Bearer <token>`, or a function giving it per request
   * (for tokens that expire). Leave it out to authenticate through `headers` or cookies.
   */
  readonly token?: string | (() => string | Promise<string>)
  /** Headers sent with every request. */
  readonly headers?: Record<string, string>
  /** The fetch to call; defaults to `globalThis.fetch` (also: a test's in-process handler). */
  readonly fetch?: (request: Request) => Promise<Response>
}

/**
 * Creates a typed client of the HTTP API, built on `openapi-fetch` with types generated from
 * the OpenAPI document, so that a path, a parameter or a body the API does not have is a
 * compile error. Works in browsers and any runtime with `fetch`.
 *
 * @example
 * ```ts
 * const api = createExperimentsClient({ baseUrl: 'http://localhost:3000/api/v1', token: 'admin' })
 * const { data, error } = await api.POST('/environments/{environmentKey}/experiments/', {
 *   params: { path: { environmentKey: 'dev' } },
 *   body: { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' },
 * })
 * if (error) console.error(error.code, error.detail) // e.g. 'active_experiment_exists'
 * else console.log(data.id, data.status) // …, 'created'
 * ```
 */
export function createExperimentsClient(options: ExperimentsClientOptions): ExperimentsClient {
  const client = createClient<ExperimentsApiPaths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.headers,
    ...(options.fetch && { fetch: options.fetch }),
  })
  const { token } = options
  if (token !== undefined)
    client.use({
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token
        request.headers.set('authorization', `Bearer ${value}`)
        return request
      },
    })
  return client
}
