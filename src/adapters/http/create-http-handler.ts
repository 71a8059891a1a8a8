import type { ResultAsync } from 'neverthrow'
import { errors, type ExperimentError } from '../../core/domain/errors.js'
import type { Actor, ExperimentView } from '../../core/domain/experiment.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import { authenticatedActor } from './authenticated-actor.js'
import { notModified } from './conditional-get.js'
import { corsPolicy } from './cors.js'
import { bodyLimitOf, type HttpTransportOptions } from './http-transport-options.js'
import { errorResponse, httpProblem } from './problem-response.js'
import { readJsonBody } from './request-body.js'
import { listInputOf, noQuery, parseIfMatch } from './request-query.js'
import { carryRouteMiss, routeMiss } from './route-miss.js'
import { matchRoute, ROUTE_ACTION, type Route } from './routes.js'
import { etagOf, jsonResponse, toExperimentJson, toHistoryJson, toListJson } from './serialize.js'

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

interface Call {
  readonly service: ExperimentService
  readonly actor: Actor
  readonly environmentKey: string
  readonly experimentId: string
  readonly expectedVersion: number | undefined
  readonly body: unknown
  readonly query: Record<string, unknown>
}

/** Runs an operation and turns its `Result` into a response. */
async function dispatch(
  route: Route,
  call: Call,
  location: (id: string) => string,
): Promise<Response | ExperimentError> {
  const { service, actor, environmentKey: env, experimentId: id } = call
  const options = { expectedVersion: call.expectedVersion }
  const experiment = (result: ResultAsync<ExperimentView, ExperimentError>, status = 200) =>
    result.match(
      (view) => {
        const headers: Record<string, string> = { etag: etagOf(view.version) }
        if (status === 201) headers.location = location(view.id)
        return jsonResponse(status, toExperimentJson(view), headers)
      },
      (error) => error,
    )
  switch (route.serviceMethod) {
    case 'list':
      return service.list(actor, env, call.query).match(
        (list) => jsonResponse(200, toListJson(list)),
        (e) => e,
      )
    case 'history':
      return service.history(actor, env, id).match(
        (history) => jsonResponse(200, toHistoryJson(history)),
        (e) => e,
      )
    case 'delete':
      return service.delete(actor, env, id, options).match(
        () => new Response(null, { status: 204 }),
        (e) => e,
      )
    case 'create':
      return experiment(
        service.create(actor, env, call.body as Parameters<ExperimentService['create']>[2]),
        201,
      )
    case 'update':
      return experiment(
        service.update(actor, env, id, call.body as Parameters<ExperimentService['update']>[3], options),
      )
    case 'get':
      return experiment(service.get(actor, env, id))
    case 'restore':
    case 'start':
    case 'pause':
    case 'complete':
      return experiment(service[route.serviceMethod](actor, env, id, options))
  }
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
    const { route, environmentKey, experimentId } = match

    const actor = authenticatedActor(await options.authenticate(request))
    if (actor === null) return httpProblem('unauthenticated', { 'www-authenticate': challenge })

    /** The refusal of a caller who may not do the operation at all, or `null`. */
    const denial = async (): Promise<Response | null> => {
      const access = await options.service.authorize(actor, environmentKey, ROUTE_ACTION[route.serviceMethod])
      if (access.isOk()) return null
      if (access.error.code === 'unavailable') report(access.error.cause, request)
      return errorResponse(access.error)
    }
    /** A malformed request is refused only once the caller may do the operation at all. */
    const refuse = async (problem: Response): Promise<Response> => (await denial()) ?? problem
    const query =
      route.serviceMethod === 'list'
        ? listInputOf(url.searchParams)
        : noQuery(url.searchParams).map((): Record<string, unknown> => ({}))
    if (query.isErr()) return refuse(errorResponse(errors.validationFailed(query.error)))
    const ifMatch = route.ifMatch ? parseIfMatch(request.headers.get('if-match')) : parseIfMatch(null)
    if (ifMatch.isErr()) return refuse(errorResponse(errors.validationFailed(ifMatch.error)))
    let body: unknown
    if (route.body !== null) {
      // Permission first: the body of a caller who may not do this is never read.
      const denied = await denial()
      if (denied !== null) return denied
      const read = await readJsonBody(request, maxBodyBytes)
      if (read.isErr()) return read.error
      body = read.value
    }

    const location = (id: string) =>
      `${basePath}/environments/${encodeURIComponent(environmentKey)}/experiments/${encodeURIComponent(id)}/`
    const call = {
      service: options.service,
      actor,
      environmentKey,
      experimentId,
      expectedVersion: ifMatch.value,
      body,
      query: query.value,
    }
    const outcome = await dispatch(route, call, location)
    if (outcome instanceof Response) return outcome
    if (outcome.code === 'unavailable') report(outcome.cause, request)
    return errorResponse(outcome)
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
