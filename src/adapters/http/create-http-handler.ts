import { errors, type ExperimentError } from '../../core/domain/errors.js'
import type { Actor } from '../../core/domain/experiment.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import { authenticatedActor } from './authenticated-actor.js'
import { notModified } from './conditional-get.js'
import { corsPolicy } from './cors.js'
import { bodyLimitOf, type HttpTransportOptions } from './http-transport-options.js'
import { errorResponse, httpProblem } from './problem-response.js'
import { readJsonBody } from './request-body.js'
import { listInputOf, onlyQueryParameters, parseIfMatch } from './request-query.js'
import type { Route } from './route-definition.js'
import { carryRouteMiss, routeMiss } from './route-miss.js'
import { matchRoute } from './route-table.js'
import { toServiceInput, toWireIssues } from './wire-names.js'

/** A fetch-style request handler: the WHATWG `Request` in, a `Response` out. It never rejects. */
export type HttpHandler = (request: Request) => Promise<Response>

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions extends HttpTransportOptions {
  readonly service: ExperimentService
  /**
   * Who is calling; `null` or `undefined` answers 401 `unauthenticated`. A throw, or anything
   * that is not a well-formed actor, answers 500 and is reported to `onError`.
   */
  readonly authenticate: (request: Request) => Actor | null | undefined | Promise<Actor | null | undefined>
  /** Where the API is mounted, e.g. `/api/v1`; defaults to the root. */
  readonly basePath?: string
  /** The `WWW-Authenticate` challenge sent with a 401; defaults to `Bearer`. */
  readonly wwwAuthenticate?: string
  /**
   * Told about every 500 (the thrown value) and every 503 (the port's failure), for logging;
   * nothing of either reaches the client. Defaults to `console.error`.
   */
  readonly onError?: (error: unknown, request: Request) => void
}

/** Normalizes a base path to `''` or `/segment…` without a trailing slash. */
export function normalizeBasePath(basePath = ''): string {
  const trimmed = basePath.replace(/\/+$/, '')
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

/** The query parameters an operation defines: a list's, or none. */
const queryParametersOf = (route: Route): readonly string[] =>
  route.query === null ? [] : Object.keys(route.query.schema.shape)

/** The problem response of a service error, validation issues named as the request names them. */
function serviceProblem(error: ExperimentError): Response {
  return errorResponse(
    error.code === 'validation_failed' ? errors.validationFailed(toWireIssues(error.issues)) : error,
  )
}

/**
 * Creates the HTTP handler of the REST API over an {@link ExperimentService}: routing, auth,
 * body and query parsing, problem+json errors; `HEAD` is answered wherever `GET` is. Framework-free; mount it with
 * {@link toNodeListener} or hand it to any fetch-based framework.
 *
 * @example
 * ```ts
 * const handler = createHttpHandler({
 *   service: createExperimentService(adapters),
 *   authenticate: (request) => actorFromToken(request.headers.get('authorization')),
 *   basePath: '/api/v1',
 * })
 * const response = await handler(new Request('http://localhost/api/v1/environments/dev/experiments/'))
 * ```
 */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const basePath = normalizeBasePath(options.basePath)
  const challenge = options.wwwAuthenticate ?? 'Bearer'
  const cors = corsPolicy(options.cors)
  const maxBodyBytes = bodyLimitOf(options.maxBodyBytes)
  const onError = options.onError ?? ((error: unknown) => console.error('flag-experiments:', error))
  const report = (error: unknown, request: Request): void => {
    try {
      onError(error, request)
    } catch {
      // A failing logger must not change the response.
    }
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const match = matchRoute(request.method, url.pathname, basePath)
    if (match.kind === 'not_found') return routeMiss()
    if (match.kind === 'method_not_allowed')
      return (
        cors.preflight(request, match.allow) ??
        httpProblem('method_not_allowed', { allow: match.allow.join(', ') })
      )
    const { route, environmentKey, id } = match

    const actor = authenticatedActor(await options.authenticate(request))
    if (actor === null) return httpProblem('unauthenticated', { 'www-authenticate': challenge })

    /** The problem response of a service error; an `unavailable` one is reported first. */
    const failure = (error: ExperimentError): Response => {
      if (error.code === 'unavailable') report(error.cause, request)
      return serviceProblem(error)
    }
    // The one access check of the request, before anything of it is read: a caller who may not
    // do the operation gets the 403/404 of the check, never a hint about what a valid request
    // looks like, and a forbidden body is never read. The operation runs on the grant.
    const grant = await options.service.grant(actor, environmentKey, route.action)
    if (grant.isErr()) return failure(grant.error)
    const query = onlyQueryParameters(url.searchParams, queryParametersOf(route))
    if (query.isErr()) return errorResponse(errors.validationFailed(query.error))
    const ifMatch = parseIfMatch(route.ifMatch ? request.headers.get('if-match') : null)
    if (ifMatch.isErr()) return errorResponse(errors.validationFailed(ifMatch.error))
    let body: unknown
    if (route.body !== null) {
      const read = await readJsonBody(request, Math.max(maxBodyBytes, route.body.maxBytes ?? 0))
      if (read.isErr()) return read.error
      body = toServiceInput(read.value)
    }

    const call = {
      service: options.service,
      actor: grant.value.actor,
      environmentKey,
      id,
      expectedVersion: ifMatch.value,
      body,
      query: route.query === null ? {} : listInputOf(url.searchParams, route.query.multiValued),
    }
    const outcome = await route.run(call, basePath)
    return outcome instanceof Response ? outcome : failure(outcome)
  }

  return async (request) => {
    let response: Response
    try {
      response = await handle(request)
    } catch (error) {
      report(error, request)
      response = httpProblem('internal_error')
    }
    const final = cors.decorate(request, notModified(request, response))
    return carryRouteMiss(response, request.method === 'HEAD' ? withoutBody(final) : final)
  }
}

/**
 * The answer to `HEAD`: the `GET` response's status and headers (`ETag`, `Content-Type`, …)
 * without its body, which is released unread.
 */
function withoutBody(response: Response): Response {
  response.body?.cancel().catch(() => undefined)
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
