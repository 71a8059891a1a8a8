import type { ResultAsync } from 'neverthrow'
import { errors, type ExperimentError } from '../../core/domain/errors.js'
import type { Actor, ExperimentView } from '../../core/domain/experiment.js'
import { ListMetricsInput, type MetricSummary } from '../../core/domain/metric.js'
import { ListExperimentsInput } from '../../core/domain/schemas.js'
import { AuditFeedInput } from '../../core/domain/audit-feed-input.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import { authenticatedActor } from './authenticated-actor.js'
import { notModified } from './conditional-get.js'
import { consoleResponse, type HttpConsole } from './console-route.js'
import { corsPolicy } from './cors.js'
import { bodyLimitOf, type HttpTransportOptions } from './http-transport-options.js'
import { errorResponse, httpProblem } from './problem-response.js'
import { readJsonBody } from './request-body.js'
import { listInputOf, onlyQueryParameters, parseIfMatch } from './request-query.js'
import { carryRouteMiss, routeMiss } from './route-miss.js'
import { matchRoute, ROUTE_ACTION, type Route } from './routes.js'
import { toAuditFeedJson } from './serialize-audit.js'
import {
  etagOf,
  jsonResponse,
  toExperimentJson,
  toHistoryJson,
  toIngestOutcomeJson,
  toListJson,
  toMetricDetailJson,
  toMetricJson,
  toMetricListJson,
  toResultsHistoryJson,
  toResultsJson,
} from './serialize.js'
import { toServiceInput, toWireIssues } from './wire-names.js'

/** The query parameters each list operation defines; every other operation takes none. */
const LIST_PARAMETERS: Partial<Record<string, readonly string[]>> = {
  list: Object.keys(ListExperimentsInput.shape),
  listMetrics: Object.keys(ListMetricsInput.shape),
  auditFeed: Object.keys(AuditFeedInput.shape),
  experimentAudit: Object.keys(AuditFeedInput.shape),
}

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
  /**
   * A results console to serve under its own path, e.g. `createConsole()` of
   * `flag-experiments/console` at `/console`; it calls this API with the same authentication.
   */
  readonly console?: HttpConsole
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
  /** The experiment's or metric's id from the path; `''` on a collection. */
  readonly id: string
  readonly expectedVersion: number | undefined
  /** The request body with its fields renamed to the service's names. */
  readonly body: unknown
  readonly params: URLSearchParams
  /** The path of a new experiment or metric, for `Location`. */
  readonly location: (collection: 'experiments' | 'metrics', id: string) => string
}

type Outcome = Promise<Response | ExperimentError>

/** Answers a `Result` with `ok`'s response, or hands the error on. */
const answer = <T>(result: ResultAsync<T, ExperimentError>, ok: (value: T) => Response): Outcome =>
  result.match(ok, (error) => error)

/** A versioned resource with its `ETag`, and `Location` when it was just created. */
function versioned<T extends { id: string; version: number }>(
  call: Call,
  collection: 'experiments' | 'metrics',
  toJson: (value: T) => unknown,
  status = 200,
) {
  return (value: T): Response => {
    const headers: Record<string, string> = { etag: etagOf(value.version) }
    if (status === 201) headers.location = call.location(collection, value.id)
    return jsonResponse(status, toJson(value), headers)
  }
}

const noContent = () => new Response(null, { status: 204 })

/** Runs an operation and turns its `Result` into a response. */
function dispatch(route: Route, call: Call): Outcome {
  const { service, actor, environmentKey: env, id } = call
  const options = { expectedVersion: call.expectedVersion }
  const experiment = (status = 200) =>
    versioned<ExperimentView>(call, 'experiments', toExperimentJson, status)
  const metric = (status = 200) => versioned<MetricSummary>(call, 'metrics', toMetricJson, status)
  // The service validates every body itself: it is handed over typed as the parameter it fills.
  const body = <T>(): T => call.body as T
  switch (route.serviceMethod) {
    case 'list':
      return answer(service.list(actor, env, listInputOf(call.params, ['status'])), (list) =>
        jsonResponse(200, toListJson(list)),
      )
    case 'history':
      return answer(service.history(actor, env, id), (history) => jsonResponse(200, toHistoryJson(history)))
    case 'delete':
      return answer(service.delete(actor, env, id, options), noContent)
    case 'create':
      return answer(service.create(actor, env, body()), experiment(201))
    case 'update':
      return answer(service.update(actor, env, id, body(), options), experiment())
    case 'get':
      return answer(service.get(actor, env, id), experiment())
    case 'restore':
    case 'start':
    case 'pause':
    case 'complete':
      return answer(service[route.serviceMethod](actor, env, id, options), experiment())
    case 'setMetrics':
      return answer(service.setMetrics(actor, env, id, body(), options), experiment())
    case 'setRollout':
      return answer(service.setRollout(actor, env, id, body(), options), experiment())
    case 'listMetrics':
      return answer(service.listMetrics(actor, env, listInputOf(call.params, [])), (list) =>
        jsonResponse(200, toMetricListJson(list)),
      )
    case 'getMetric':
      return answer(service.getMetric(actor, env, id), versioned(call, 'metrics', toMetricDetailJson))
    case 'createMetric':
      return answer(service.createMetric(actor, env, body()), metric(201))
    case 'updateMetric':
      return answer(service.updateMetric(actor, env, id, body(), options), metric())
    case 'deleteMetric':
      return answer(service.deleteMetric(actor, env, id, options), noContent)
    case 'restoreMetric':
      return answer(service.restoreMetric(actor, env, id, options), metric())
    case 'recordExposures':
      return answer(service.recordExposures(actor, env, body()), (outcome) =>
        jsonResponse(202, toIngestOutcomeJson(outcome)),
      )
    case 'recordEvents':
      return answer(service.recordEvents(actor, env, body()), (outcome) =>
        jsonResponse(202, toIngestOutcomeJson(outcome)),
      )
    case 'results':
      return answer(service.results(actor, env, id), (results) => jsonResponse(200, toResultsJson(results)))
    case 'resultsHistory':
      return answer(service.resultsHistory(actor, env, id), (history) =>
        jsonResponse(200, toResultsHistoryJson(history)),
      )
    case 'auditFeed':
      return answer(service.auditFeed(actor, env, listInputOf(call.params, [])), (page) =>
        jsonResponse(200, toAuditFeedJson(page)),
      )
    case 'experimentAudit':
      return answer(service.experimentAudit(actor, env, id, listInputOf(call.params, [])), (page) =>
        jsonResponse(200, toAuditFeedJson(page)),
      )
  }
}

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
    const page = consoleResponse(options.console, request, url.pathname, basePath)
    if (page !== null) return page
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

    /** The refusal of a caller who may not do the operation at all, or `null`. */
    const denial = async (): Promise<Response | null> => {
      const access = await options.service.authorize(actor, environmentKey, ROUTE_ACTION[route.serviceMethod])
      if (access.isOk()) return null
      if (access.error.code === 'unavailable') report(access.error.cause, request)
      return errorResponse(access.error)
    }
    /** A malformed request is refused only once the caller may do the operation at all. */
    const refuse = async (problem: Response): Promise<Response> => (await denial()) ?? problem
    const query = onlyQueryParameters(url.searchParams, LIST_PARAMETERS[route.serviceMethod] ?? [])
    if (query.isErr()) return refuse(errorResponse(errors.validationFailed(query.error)))
    const ifMatch = route.ifMatch ? parseIfMatch(request.headers.get('if-match')) : parseIfMatch(null)
    if (ifMatch.isErr()) return refuse(errorResponse(errors.validationFailed(ifMatch.error)))
    let body: unknown
    if (route.body !== null) {
      // Permission first: the body of a caller who may not do this is never read.
      const denied = await denial()
      if (denied !== null) return denied
      const read = await readJsonBody(request, Math.max(maxBodyBytes, route.maxBodyBytes ?? 0))
      if (read.isErr()) return read.error
      body = toServiceInput(read.value)
    }

    const outcome = await dispatch(route, {
      service: options.service,
      actor,
      environmentKey,
      id,
      expectedVersion: ifMatch.value,
      body,
      params: url.searchParams,
      location: (collection, newId) =>
        `${basePath}/environments/${encodeURIComponent(environmentKey)}/${collection}/${encodeURIComponent(newId)}/`,
    })
    if (outcome instanceof Response) return outcome
    if (outcome.code === 'unavailable') report(outcome.cause, request)
    return serviceProblem(outcome)
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
