import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoFeatureLookup } from '../../demo/fixture.js'
import type { ResultAsync } from 'neverthrow'
import {
  createExperimentService,
  type Actor,
  type ExperimentError,
  type ExperimentService,
} from '../../src/index.js'
import { matchRoute, ROUTES } from '../../src/adapters/http/route-table.js'
import { defaultRollout } from '../../src/core/domain/rollout.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { count, report } from './support/counts.js'
import { BASE_PATH, openDemoStack, type DemoStack } from './support/demo-stack.js'
import { checkStoredInvariants } from './support/stored-invariants.js'

/**
 * The authorization matrix: every endpoint × every kind of caller → the exact status, nothing
 * changed when refused, and nothing learned about data the caller may not see.
 */
type TargetState = 'created' | 'running' | 'deleted' | 'metric' | 'deleted_metric' | null

interface Endpoint {
  /** The route's `operationId`: the matrix names every one of them (checked below). */
  readonly operationId: string
  readonly method: string
  /** The collection the path is under; an ingestion endpoint names its target in the body. */
  readonly collection: 'experiments' | 'metrics' | 'exposures' | 'events' | 'audit'
  /** The path after the id (`start`, `restore`, `results/history`, …); `null` for none. */
  readonly action: string | null
  readonly target: TargetState
  readonly success: number
  /** The problem code of an id this environment does not hold. */
  readonly notFound: 'experiment_not_found' | 'metric_not_found'
  /** The query string the request sends (`?deleted=true`), or `''`. */
  readonly query: string
}

const experimentOp = (
  operationId: string,
  method: string,
  action: string | null,
  target: TargetState,
  success: number,
): Endpoint => ({
  operationId,
  method,
  collection: 'experiments',
  action,
  target,
  success,
  notFound: 'experiment_not_found',
  query: '',
})
const metricOp = (
  operationId: string,
  method: string,
  action: string | null,
  target: TargetState,
  success: number,
): Endpoint => ({
  operationId,
  method,
  collection: 'metrics',
  action,
  target,
  success,
  notFound: 'metric_not_found',
  query: '',
})

const ENDPOINTS: readonly Endpoint[] = [
  experimentOp('listExperiments', 'GET', null, null, 200),
  experimentOp('createExperiment', 'POST', null, null, 201),
  experimentOp('getExperiment', 'GET', '', 'created', 200),
  experimentOp('updateExperiment', 'PATCH', '', 'created', 200),
  experimentOp('deleteExperiment', 'DELETE', '', 'created', 204),
  experimentOp('restoreExperiment', 'POST', 'restore', 'deleted', 200),
  experimentOp('startExperiment', 'POST', 'start', 'created', 200),
  experimentOp('pauseExperiment', 'POST', 'pause', 'running', 200),
  experimentOp('completeExperiment', 'POST', 'complete', 'running', 200),
  experimentOp('getExperimentHistory', 'GET', 'history', 'created', 200),
  experimentOp('setExperimentMetrics', 'PUT', 'metrics', 'created', 200),
  experimentOp('setExperimentRollout', 'PUT', 'rollout', 'running', 200),
  experimentOp('setExperimentAnalysis', 'PUT', 'analysis', 'created', 200),
  metricOp('listMetrics', 'GET', null, null, 200),
  metricOp('createMetric', 'POST', null, null, 201),
  metricOp('getMetric', 'GET', '', 'metric', 200),
  metricOp('updateMetric', 'PATCH', '', 'metric', 200),
  metricOp('deleteMetric', 'DELETE', '', 'metric', 204),
  metricOp('restoreMetric', 'POST', 'restore', 'deleted_metric', 200),
  experimentOp('getExperimentResults', 'GET', 'results', 'running', 200),
  experimentOp('getExperimentResultsHistory', 'GET', 'results/history', 'running', 200),
  // The experiment an exposure names is in the body; a refused caller must not learn whether it exists.
  { ...experimentOp('recordExposures', 'POST', null, 'running', 202), collection: 'exposures' },
  { ...experimentOp('recordEvents', 'POST', null, null, 202), collection: 'events' },
  { ...experimentOp('listExperiments', 'GET', null, null, 200), query: '?deleted=true' },
  { ...metricOp('listMetrics', 'GET', null, null, 200), query: '?deleted=true' },
  { ...experimentOp('getAuditFeed', 'GET', null, null, 200), collection: 'audit' },
  experimentOp('getExperimentAudit', 'GET', 'audit', 'deleted', 200),
]

/** The matrix with a title per row: its method, operation and query string. */
const ROWS = ENDPOINTS.map((endpoint) => ({
  ...endpoint,
  title: `${endpoint.method} ${endpoint.operationId}${endpoint.query}`,
}))

/** Whether an endpoint names its target in the body rather than in the path. */
const targetInBody = (endpoint: Endpoint) => endpoint.collection === 'exposures'

/** Each caller, where it acts, and what it must get: a status and problem code, or success. */
const CALLERS: readonly {
  who: string
  authorization: string | null
  environment: string
  expected: [number, string] | 'success'
}[] = [
  { who: 'no credentials', authorization: null, environment: 'dev', expected: [401, 'unauthenticated'] },
  {
    who: 'an unknown token',
    authorization: 'Bearer not-a-token',
    environment: 'dev',
    expected: [401, 'unauthenticated'],
  },
  {
    who: 'a malformed Authorization header',
    authorization: 'Basic YWRtaW46',
    environment: 'dev',
    expected: [401, 'unauthenticated'],
  },
  {
    who: 'a user admin nowhere',
    authorization: 'Bearer viewer',
    environment: 'dev',
    expected: [403, 'forbidden'],
  },
  {
    who: 'an admin of another environment',
    authorization: 'Bearer dev-admin',
    environment: 'prod',
    expected: [403, 'forbidden'],
  },
  {
    who: 'an admin where experimentation is disabled',
    authorization: 'Bearer admin',
    environment: 'off',
    expected: [403, 'experimentation_disabled'],
  },
  {
    who: 'an environment admin where experimentation is disabled',
    authorization: 'Bearer dev-admin',
    environment: 'off',
    expected: [403, 'experimentation_disabled'],
  },
  { who: 'a master API key', authorization: 'Bearer master-key', environment: 'dev', expected: 'success' },
  {
    who: 'an admin of this environment',
    authorization: 'Bearer dev-admin',
    environment: 'dev',
    expected: 'success',
  },
]

const FEATURE_OF: Readonly<Record<string, string>> = { dev: '1', prod: '1', other: '3', off: '5' }
const VARIANTS_OF: Readonly<Record<string, readonly string[]>> = {
  '1': ['control', 'blue', 'green'],
  '3': ['control', 'treatment'],
  '5': ['control', 'treatment'],
}
const seeder: Actor = { type: 'system', id: 'matrix' }
const UNKNOWN_ID = '7d444840-9dc0-11d1-b245-5ffdce74fad2'
const ROUNDS = count('AUTHZ_ROUNDS', { quick: 1, ci: 1, long: 5 })

let stack: DemoStack
let permissive: ExperimentService
let cells = 0
let refused = 0
let named = 0
/** A fresh metric name, so that no cell is refused for a name an earlier one took. */
const uniqueName = (label: string) => `Matrix ${label} ${++named}`

beforeAll(async () => {
  stack = await openDemoStack()
  permissive = createExperimentService({
    ...createKyselyAdapters(stack.database.db, { schema: stack.database.schema }),
    features: demoFeatureLookup,
    permissions: { isEnabled: () => Promise.resolve(true), can: () => Promise.resolve(true) },
    clock: stack.clock,
  })
})

afterAll(async () => {
  const figures = checkStoredInvariants(await stack.stored())
  await stack.close()
  report('authorization', { rounds: ROUNDS, cells, refused, dataLost: figures.dataLost })
})

async function must<T>(result: ResultAsync<T, ExperimentError>): Promise<T> {
  const r = await result
  if (r.isErr()) throw new Error(`setup failed: ${JSON.stringify(r.error)}`)
  return r.value
}

/**
 * Makes the target of a cell: a metric (deleted or not), or, once the environment's slot of its
 * feature is free, an experiment in the given state.
 */
async function prepare(environment: string, state: TargetState): Promise<string | null> {
  if (state === 'metric' || state === 'deleted_metric') {
    const metric = await must(
      permissive.createMetric(seeder, environment, {
        name: uniqueName(environment),
        event: 'matrix',
        aggregation: 'count',
        direction: 'up',
      }),
    )
    if (state === 'deleted_metric') await must(permissive.deleteMetric(seeder, environment, metric.id))
    return metric.id
  }
  const feature = FEATURE_OF[environment] ?? '1'
  const page = await must(
    permissive.list(seeder, environment, { feature, status: ['created', 'running', 'paused'] }),
  )
  for (const active of page.results) {
    if (active.status === 'running') await must(permissive.pause(seeder, environment, active.id))
    await must(permissive.delete(seeder, environment, active.id))
  }
  if (state === null) return null
  const created = await must(
    permissive.create(seeder, environment, { feature, name: `Matrix ${environment}`, hypothesis: 'h' }),
  )
  if (state === 'running') await must(permissive.start(seeder, environment, created.id))
  if (state === 'deleted') await must(permissive.delete(seeder, environment, created.id))
  return created.id
}

/** The body each writing operation sends: valid, so that an allowed caller succeeds. */
function bodyOf(operationId: string, environment: string, id: string | null): unknown {
  const feature = FEATURE_OF[environment] ?? '1'
  const variants = VARIANTS_OF[feature] ?? ['control', 'treatment']
  const at = stack.clock.now().toISOString()
  switch (operationId) {
    case 'recordExposures':
      return { exposures: [{ experiment: id, identity: `matrix-${++named}`, variant: variants[0], at }] }
    case 'recordEvents':
      return { events: [{ id: randomUUID(), identity: `matrix-${++named}`, event: 'matrix', value: 1, at }] }
    case 'createExperiment':
      return { feature, name: 'Matrix create', hypothesis: 'h' }
    case 'updateExperiment':
      return { name: 'Matrix renamed' }
    case 'setExperimentMetrics':
      return { metrics: [] }
    case 'setExperimentRollout':
      // Traffic only: a started experiment keeps its split (the default one).
      return {
        traffic_percentage: 25,
        allocations: defaultRollout(variants).allocations.map(({ variant, weight }) => ({ variant, weight })),
      }
    case 'setExperimentAnalysis':
      return { method: 'fixed', sequential_tuning: 2000, pre_exposure_days: 7 }
    case 'createMetric':
      return { name: uniqueName('create'), event: 'matrix', aggregation: 'sum', direction: 'down' }
    case 'updateMetric':
      return { description: 'Matrix update' }
    default:
      return undefined
  }
}

/** The path an endpoint's request goes to, below the base path and with its query string. */
function pathOf(endpoint: Endpoint, environment: string, id: string | null): string {
  const { collection, action, query } = endpoint
  const item = id === null || targetInBody(endpoint) ? '' : `${id}/`
  return `${BASE_PATH}/environments/${environment}/${collection}/${item}${action ? `${action}/` : ''}${query}`
}

function request(endpoint: Endpoint, environment: string, id: string | null, authorization: string | null) {
  const headers: Record<string, string> = {}
  if (authorization !== null) headers.authorization = authorization
  const json = bodyOf(endpoint.operationId, environment, id)
  const body = json === undefined ? undefined : JSON.stringify(json)
  if (body !== undefined) headers['content-type'] = 'application/json'
  const url = `http://matrix.test${pathOf(endpoint, environment, id)}`
  return stack.handler(new Request(url, { method: endpoint.method, headers, body }))
}

async function send(...args: Parameters<typeof request>) {
  const response = await request(...args)
  const text = await response.text()
  return { status: response.status, type: response.headers.get('content-type'), text }
}

describe('the matrix covers the route table', () => {
  it('names every operation of the API, so that a new route cannot be left out', () => {
    const named = [...new Set(ENDPOINTS.map((endpoint) => endpoint.operationId))].sort()
    expect(named).toEqual(ROUTES.map((route) => route.operationId).sort())
  })

  it.each(ROWS)('sends $title to that operation', (endpoint) => {
    const id = endpoint.target === null ? null : UNKNOWN_ID
    const { pathname } = new URL(`http://matrix.test${pathOf(endpoint, 'dev', id)}`)
    const match = matchRoute(endpoint.method, pathname, BASE_PATH)
    expect(match.kind === 'route' ? match.route.operationId : match.kind).toBe(endpoint.operationId)
  })
})

describe.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('authorization matrix, round %i', () => {
  describe.each(CALLERS)('$who', ({ authorization, environment, expected }) => {
    it.each(ROWS)('$title', async (endpoint) => {
      const { operationId, target, success } = endpoint
      const id = await prepare(environment, target)
      const before = await stack.fingerprint()
      const response = await send(endpoint, environment, id, authorization)
      cells++
      if (expected === 'success') {
        expect(response.status, response.text).toBe(success)
        if (operationId === 'listExperiments' || operationId === 'listMetrics') {
          const { results } = JSON.parse(response.text) as { results: { id: string }[] }
          const table = operationId === 'listMetrics' ? 'flag_experiments_metrics' : 'flag_experiments'
          const rows = await stack.database.query<{ environment_id: string }>(
            `select distinct environment_id from "${stack.database.schema}"."${table}" where id = any($1)`,
            [results.map((r) => r.id)],
          )
          expect(
            rows.map((r) => r.environment_id),
            'a list shows only its own environment',
          ).toEqual(results.length ? ['env-dev'] : [])
        }
        return
      }
      refused++
      expect(response.status, response.text).toBe(expected[0])
      expect(response.type).toBe('application/problem+json')
      expect(JSON.parse(response.text)).toMatchObject({ status: expected[0], code: expected[1] })
      expect(await stack.fingerprint(), 'a refused request changes nothing').toEqual(before)
      if (id !== null) {
        const unknown = await send(endpoint, environment, UNKNOWN_ID, authorization)
        expect(unknown, 'a refused caller cannot tell an existing resource from a missing one').toEqual(
          response,
        )
      }
      const invalid = await stack.handler(
        new Request(`http://matrix.test${BASE_PATH}/environments/${environment}/experiments/`, {
          method: 'POST',
          headers: {
            ...(authorization === null ? {} : { authorization }),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ feature: 'nope', name: '', status: 'running' }),
        }),
      )
      expect(invalid.status, 'refused before the input is validated').toBe(expected[0])
    })
  })

  describe('an experiment or metric id from another environment is simply not found', () => {
    it.each(ROWS.filter((e) => e.target !== null))('$title', async (endpoint) => {
      const foreign = await prepare('prod', endpoint.target)
      for (const [authorization, environment] of [
        ['Bearer admin', 'dev'],
        ['Bearer master-key', 'other'],
        ['Bearer dev-admin', 'dev'],
      ] as const) {
        const before = await stack.fingerprint()
        const response = await send(endpoint, environment, foreign, authorization)
        const unknown = await send(endpoint, environment, UNKNOWN_ID, authorization)
        cells++
        refused++
        // An exposure naming it is a refused batch item; a path naming it a missing resource.
        const [status, code] = targetInBody(endpoint) ? [400, 'validation_failed'] : [404, endpoint.notFound]
        expect(response.status, response.text).toBe(status)
        expect(JSON.parse(response.text)).toMatchObject({ code })
        expect(response.text.replace(foreign ?? '', '<id>'), 'indistinguishable from a missing id').toBe(
          unknown.text.replace(UNKNOWN_ID, '<id>'),
        )
        expect(await stack.fingerprint()).toEqual(before)
      }
    })
  })
})
