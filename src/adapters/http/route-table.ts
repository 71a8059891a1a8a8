import type { ProblemCode } from './problem-json.js'
import type { AllowedMethod, Route } from './route-definition.js'
import { AUDIT_ROUTES } from './routes/audit.js'
import { DESIGN_ROUTES } from './routes/experiment-design.js'
import { LIFECYCLE_ROUTES } from './routes/experiment-lifecycle.js'
import { EXPERIMENT_ROUTES } from './routes/experiments.js'
import { INGEST_ROUTES } from './routes/ingest.js'
import { METRIC_ROUTES } from './routes/metrics.js'
import { RESULTS_ROUTES } from './routes/results.js'

/** Every operation of the REST API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  ...EXPERIMENT_ROUTES,
  ...LIFECYCLE_ROUTES,
  ...DESIGN_ROUTES,
  ...METRIC_ROUTES,
  ...INGEST_ROUTES,
  ...RESULTS_ROUTES,
  ...AUDIT_ROUTES,
]

/** Problem codes every operation can answer with. */
export const COMMON_ERRORS: readonly ProblemCode[] = [
  'validation_failed',
  'unauthenticated',
  'experimentation_disabled',
  'forbidden',
  'environment_not_found',
  'internal_error',
  'unavailable',
]

/** What a request path and method resolve to; `id` is the experiment's or metric's path segment. */
export type RouteMatch =
  | {
      readonly kind: 'route'
      readonly route: Route
      readonly environmentKey: string
      readonly id: string
    }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly AllowedMethod[] }
  | { readonly kind: 'not_found' }

/** Percent-decodes a path segment; a malformed one is kept as is (and names no environment). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const splitTemplate = (template: string): string[] => template.slice(1, -1).split('/')

/** The path templates, each once, split into segments. */
const TEMPLATES = [...new Set(ROUTES.map((route) => route.path))].map((path) => ({
  path,
  segments: splitTemplate(path),
}))

/**
 * Matches request segments against a template's: literals exactly (case and encoding included),
 * parameters as any non-empty segment. The environment key is percent-decoded; ids are kept as
 * sent, since only a UUID names anything.
 */
function bind(template: readonly string[], segments: readonly string[]) {
  if (template.length !== segments.length) return null
  let environmentKey = ''
  let id = ''
  for (const [index, part] of template.entries()) {
    const segment = segments[index] ?? ''
    if (!part.startsWith('{')) {
      if (part !== segment) return null
    } else if (segment === '') return null
    else if (part === '{environmentKey}') environmentKey = decodeSegment(segment)
    else id = segment
  }
  return { environmentKey, id }
}

/** The methods of a resource's operations, with `HEAD` right after `GET`. */
function allowedMethods(routes: readonly Route[]): AllowedMethod[] {
  return routes.flatMap((route): AllowedMethod[] =>
    route.method === 'GET' ? ['GET', 'HEAD'] : [route.method],
  )
}

/**
 * Resolves a request to a route; `basePath` has no trailing slash (`''` or `/api/v1`). `HEAD`
 * resolves to the resource's `GET` route: the handler answers it as `GET` without the body.
 */
export function matchRoute(method: string, pathname: string, basePath: string): RouteMatch {
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'not_found' }
  const rest = pathname.slice(basePath.length + 1)
  const segments = (rest.endsWith('/') ? rest.slice(0, -1) : rest).split('/')
  for (const template of TEMPLATES) {
    const bound = bind(template.segments, segments)
    if (bound === null) continue
    const candidates = ROUTES.filter((route) => route.path === template.path)
    const wanted = method === 'HEAD' ? 'GET' : method
    const route = candidates.find((candidate) => candidate.method === wanted)
    if (route === undefined) return { kind: 'method_not_allowed', allow: allowedMethods(candidates) }
    return { kind: 'route', route, ...bound }
  }
  return { kind: 'not_found' }
}
