import fc from 'fast-check'
import { bodyFor, experimentPlaceholder, fuzzString, metricPlaceholder, type Body } from './bodies.js'

/** A generated HTTP request, as bytes and strings a client could really send. */
export interface FuzzRequest {
  readonly method: string
  /** Path and query, already encoded (possibly badly, on purpose). */
  readonly target: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body: Uint8Array | null
  /** The strings of a JSON body that the service must store exactly (trimmed) if it accepts them. */
  readonly sentStrings: Readonly<Record<string, string>> | null
}

/** Real experiment and metric ids are picked by index from the ones the run knows, at send time. */
export type IdChoice =
  | { readonly kind: 'known'; readonly pick: number; readonly upper: boolean }
  | { readonly kind: 'literal'; readonly value: string }

const environmentSegment: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 24, arbitrary: fc.constant(null) },
  { weight: 12, arbitrary: fc.constantFrom('dev', 'dev', 'prod', 'other', 'off') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'nope',
      'DEV',
      '%64ev',
      '%00',
      '%ZZ',
      '..',
      '%2F',
      'd%C3%A9v',
      '%F0%9F%8E%89',
      'x'.repeat(300),
      "'%20OR%201=1",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map(encodeURIComponent),
  },
)
const idChoice = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('known' as const), pick: fc.nat(), upper: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        fc.uuid().map(String),
        fc.constantFrom(
          'abc',
          "1'%20OR%20'1'='1",
          '%00',
          'null',
          'undefined',
          '-1',
          '0',
          'x'.repeat(500),
          '%E2%82',
          '..',
        ),
      )
      .map((value): IdChoice => ({ kind: 'literal', value })),
  },
)
const action = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      '',
      '',
      'start',
      'pause',
      'complete',
      'restore',
      'history',
      'metrics',
      'rollout',
      'analysis',
      'results',
      'results/history',
      'audit',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'START',
      'stop',
      'start/extra',
      '%73tart',
      'history/x/y',
      'Rollout',
      'metrics/x',
      'ANALYSIS',
      'analysis/x',
      'analysis%2F',
    ),
  },
)
/** The collection a path is under: mostly the two real ones. */
const collection = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('experiments', 'metrics', 'exposures', 'events', 'audit') },
  { weight: 1, arbitrary: fc.constantFrom('Metrics', 'metric', 'experiments%2Fmetrics', 'events') },
)
const prefix = fc.oneof(
  { weight: 20, arbitrary: fc.constant('/api/v1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '/api/v2', '/api/v1/api/v1', '//api/v1', '/API/V1', '/api/v1/.'),
  },
)
const queryPairs = fc.array(
  fc.tuple(
    fc.constantFrom(
      'status',
      'status',
      'limit',
      'cursor',
      'q',
      'q',
      'feature',
      'deleted',
      'x',
      '__proto__',
      'constructor',
      'status[]',
      '',
    ),
    fc.oneof(
      fc.constantFrom(
        'created',
        'running,paused',
        'completed,,',
        'RUNNING',
        'bogus',
        '1',
        '0',
        '200',
        '201',
        '-1',
        '1e2',
        '2.0',
        ' 5',
        '99999999999',
        'true',
        'false',
      ),
      fuzzString,
      fc.constantFrom('MTIzOm5vdA', 'AAAA', '!!!'),
    ),
  ),
  { maxLength: 4 },
)
const query = fc.oneof(
  { weight: 30, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: queryPairs.map((pairs) =>
      pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?',
      '?&&',
      '?q=%',
      '?q=%E0%A4%A',
      '?limit',
      '?=x',
      '?status=%00',
      '?q=%27%3B%20DROP',
    ),
  },
)
const method = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT') },
  { weight: 2, arbitrary: fc.constantFrom('OPTIONS', 'HEAD', 'patch', 'put', 'PROPFIND', 'FOO') },
)
const authorization = fc.oneof(
  {
    weight: 36,
    arbitrary: fc.constantFrom('Bearer admin', 'Bearer admin', 'Bearer master-key', 'Bearer dev-admin'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Bearer viewer',
      'Bearer nope',
      'bearer admin',
      'Bearer  admin ',
      'Bearer admin extra',
      'Basic YWRtaW46YWRtaW4=',
      'Bearer',
      "Bearer ' OR 1=1 --",
      'Bearer __proto__',
      'Bearer constructor',
      'Bearer \u00ff\u00fe',
    ),
  },
  { weight: 2, arbitrary: fc.constant(null) },
)
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/merge-patch+json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.constant(null) },
)
const ifMatch = fc.oneof(
  { weight: 30, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"1"',
      '"2"',
      '"3"',
      '*',
      'W/"1"',
      '"1", "2"',
      'garbage',
      '"0"',
      '"99999999999"',
      '""',
      '1',
    ),
  },
)
const extraHeaders = fc.array(
  fc.tuple(
    fc.constantFrom(
      'x-forwarded-for',
      'x-custom',
      'accept',
      'accept-encoding',
      'origin',
      'cookie',
      'x-http-method-override',
    ),
    fc.oneof(
      fc.constantFrom('DELETE', '*/*', 'gzip', 'null', "' OR 1=1", '\u00e9\u00ff'),
      fc.string({ unit: fc.constantFrom(...'abc =;,"\'\\/'), maxLength: 30 }),
    ),
  ),
  { maxLength: 2 },
)

/** A request before its experiment id is resolved against the ids the run knows. */
export interface RequestPlan {
  readonly method: string
  readonly prefix: string
  /** The environment segment; `null` is the known experiment's own environment (or `dev`). */
  readonly environment: string | null
  readonly collection: string
  readonly id: IdChoice
  readonly hasId: boolean
  readonly action: string
  readonly trailingSlash: boolean
  readonly query: string
  readonly authorization: string | null
  readonly contentType: string | null
  readonly ifMatch: string | null
  readonly extraHeaders: readonly (readonly [string, string])[]
  readonly body: Body | null
}

/** The documented operations as (method, collection, has an id, action), weighted towards writes. */
const OPERATIONS: readonly {
  weight: number
  method: string
  collection: string
  hasId: boolean
  action: string
}[] = [
  { weight: 2, method: 'GET', collection: 'experiments', hasId: false, action: '' },
  { weight: 5, method: 'POST', collection: 'experiments', hasId: false, action: '' },
  { weight: 1, method: 'GET', collection: 'experiments', hasId: true, action: '' },
  { weight: 3, method: 'PATCH', collection: 'experiments', hasId: true, action: '' },
  { weight: 2, method: 'DELETE', collection: 'experiments', hasId: true, action: '' },
  { weight: 1, method: 'POST', collection: 'experiments', hasId: true, action: 'restore' },
  { weight: 3, method: 'POST', collection: 'experiments', hasId: true, action: 'start' },
  { weight: 2, method: 'POST', collection: 'experiments', hasId: true, action: 'pause' },
  { weight: 2, method: 'POST', collection: 'experiments', hasId: true, action: 'complete' },
  { weight: 1, method: 'GET', collection: 'experiments', hasId: true, action: 'history' },
  { weight: 3, method: 'PUT', collection: 'experiments', hasId: true, action: 'metrics' },
  { weight: 3, method: 'PUT', collection: 'experiments', hasId: true, action: 'rollout' },
  { weight: 3, method: 'PUT', collection: 'experiments', hasId: true, action: 'analysis' },
  { weight: 1, method: 'GET', collection: 'metrics', hasId: false, action: '' },
  { weight: 3, method: 'POST', collection: 'metrics', hasId: false, action: '' },
  { weight: 1, method: 'GET', collection: 'metrics', hasId: true, action: '' },
  { weight: 2, method: 'PATCH', collection: 'metrics', hasId: true, action: '' },
  { weight: 2, method: 'DELETE', collection: 'metrics', hasId: true, action: '' },
  { weight: 1, method: 'POST', collection: 'metrics', hasId: true, action: 'restore' },
  { weight: 4, method: 'POST', collection: 'exposures', hasId: false, action: '' },
  { weight: 4, method: 'POST', collection: 'events', hasId: false, action: '' },
  { weight: 2, method: 'GET', collection: 'experiments', hasId: true, action: 'results' },
  { weight: 1, method: 'GET', collection: 'experiments', hasId: true, action: 'results/history' },
  { weight: 1, method: 'GET', collection: 'audit', hasId: false, action: '' },
  { weight: 1, method: 'GET', collection: 'experiments', hasId: true, action: 'audit' },
]
const route = fc.oneof(
  ...OPERATIONS.map(({ weight, ...rest }) => ({ weight: weight * 4, arbitrary: fc.constant(rest) })),
  { weight: 6, arbitrary: fc.record({ method, collection, hasId: fc.boolean(), action }) },
)

/** Random requests, mostly aimed at real routes so the checks reach the service and the database. */
export const requestPlan: fc.Arbitrary<RequestPlan> = route.chain((r) =>
  fc
    .record({
      prefix,
      environment: environmentSegment,
      id: idChoice,
      trailingSlash: fc.boolean(),
      query,
      authorization,
      contentType,
      ifMatch,
      extraHeaders,
      body: fc.option(bodyFor(bodyKind(r)), { freq: 8 }),
    })
    .map((rest) => ({ ...rest, ...r })),
)

/** Which body a route takes: a metric's, a design PUT's, an analysis PUT's, an experiment's, or none in particular. */
function bodyKind(r: { collection: string; action: string; method: string }) {
  if (r.collection === 'metrics') return 'metric'
  if (r.collection === 'exposures' || r.collection === 'events') return 'ingest'
  if (r.action === 'metrics' || r.action === 'rollout') return 'design'
  if (r.action === 'analysis') return 'analysis'
  return r.method === 'POST' || r.method === 'PATCH' ? 'experiment' : 'other'
}

/** An experiment or metric the run created, and the key of its environment. */
export interface KnownResource {
  readonly id: string
  readonly environment: string
  readonly collection: 'experiments' | 'metrics'
}

/**
 * Replaces a body's metric and experiment placeholders with ids of metrics and experiments the
 * run knows in `environment`.
 */
function withMetricIds(body: Body, known: readonly KnownResource[], environment: string): Uint8Array {
  if (!body.metricRefs) return body.bytes
  const text = new TextDecoder()
    .decode(body.bytes)
    .replace(/@@(metric|experiment):(\d+)@@/g, (_match, kind: string, n: string) => {
      const all = known.filter((k) => k.collection === (kind === 'metric' ? 'metrics' : 'experiments'))
      const local = all.filter((k) => k.environment === environment)
      // Now and then one of another environment, which must be refused.
      const pool = Number(n) % 7 === 6 || local.length === 0 ? all : local
      const placeholder = kind === 'metric' ? metricPlaceholder(Number(n)) : experimentPlaceholder(Number(n))
      return pool[Number(n) % Math.max(pool.length, 1)]?.id ?? placeholder
    })
  return new TextEncoder().encode(text)
}

/** Turns a plan into a request, picking a known id of its collection where the plan asks for one. */
export function resolvePlan(plan: RequestPlan, known: readonly KnownResource[]): FuzzRequest {
  let id = ''
  let ownEnvironment = 'dev'
  if (plan.hasId || plan.action !== '') {
    const candidates = known.filter((k) => k.collection === plan.collection)
    if (plan.id.kind === 'literal' || candidates.length === 0)
      id = plan.id.kind === 'literal' ? plan.id.value : 'abc'
    else {
      const picked = candidates[plan.id.pick % candidates.length]
      ownEnvironment = picked?.environment ?? 'dev'
      id = plan.id.upper ? (picked?.id ?? '').toUpperCase() : (picked?.id ?? '')
    }
  }
  const environment = plan.environment ?? ownEnvironment
  const segments = [plan.prefix, 'environments', environment, plan.collection]
  if (id !== '') segments.push(id)
  if (id !== '' && plan.action !== '') segments.push(plan.action)
  const path = segments.join('/') + (plan.trailingSlash ? '/' : '')
  const headers: [string, string][] = []
  if (plan.authorization !== null) headers.push(['authorization', plan.authorization])
  if (plan.contentType !== null) headers.push(['content-type', plan.contentType])
  if (plan.ifMatch !== null) headers.push(['if-match', plan.ifMatch])
  headers.push(...plan.extraHeaders.map(([k, v]): [string, string] => [k, v]))
  const canHaveBody = plan.method !== 'GET' && plan.method !== 'HEAD'
  return {
    method: plan.method,
    target: path + plan.query,
    headers,
    body: canHaveBody && plan.body !== null ? withMetricIds(plan.body, known, environment) : null,
    sentStrings: canHaveBody && plan.body !== null ? plan.body.sentStrings : null,
  }
}
