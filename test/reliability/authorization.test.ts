import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoFeatureLookup } from '../../demo/fixture.js'
import type { ResultAsync } from 'neverthrow'
import {
  createExperimentService,
  type Actor,
  type ExperimentError,
  type ExperimentService,
} from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { count, report } from './support/counts.js'
import { BASE_PATH, openDemoStack, type DemoStack } from './support/demo-stack.js'
import { checkStoredInvariants } from './support/stored-invariants.js'

/**
 * The authorization matrix: every endpoint × every kind of caller → the exact status, nothing
 * changed when refused, and nothing learned about data the caller may not see.
 */
type Operation =
  'list' | 'create' | 'get' | 'update' | 'delete' | 'restore' | 'start' | 'pause' | 'complete' | 'history'
type TargetState = 'created' | 'running' | 'deleted' | null

const ENDPOINTS: readonly {
  op: Operation
  method: string
  action: string | null
  target: TargetState
  success: number
}[] = [
  { op: 'list', method: 'GET', action: null, target: null, success: 200 },
  { op: 'create', method: 'POST', action: null, target: null, success: 201 },
  { op: 'get', method: 'GET', action: '', target: 'created', success: 200 },
  { op: 'update', method: 'PATCH', action: '', target: 'created', success: 200 },
  { op: 'delete', method: 'DELETE', action: '', target: 'created', success: 204 },
  { op: 'restore', method: 'POST', action: 'restore', target: 'deleted', success: 200 },
  { op: 'start', method: 'POST', action: 'start', target: 'created', success: 200 },
  { op: 'pause', method: 'POST', action: 'pause', target: 'running', success: 200 },
  { op: 'complete', method: 'POST', action: 'complete', target: 'running', success: 200 },
  { op: 'history', method: 'GET', action: 'history', target: 'created', success: 200 },
]

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
const seeder: Actor = { type: 'system', id: 'matrix' }
const UNKNOWN_ID = '7d444840-9dc0-11d1-b245-5ffdce74fad2'
const ROUNDS = count('AUTHZ_ROUNDS', 1, 5)

let stack: DemoStack
let permissive: ExperimentService
let cells = 0
let refused = 0

beforeAll(async () => {
  stack = await openDemoStack()
  const { repository, metrics } = createKyselyAdapters(stack.database.db, { schema: stack.database.schema })
  permissive = createExperimentService({
    repository,
    metrics,
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

/** Frees the environment's slot of its feature, then makes an experiment in the given state. */
async function prepare(environment: string, state: TargetState): Promise<string | null> {
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

function request(
  method: string,
  environment: string,
  id: string | null,
  action: string | null,
  authorization: string | null,
  op: Operation,
) {
  const path = `${BASE_PATH}/environments/${environment}/experiments/${id === null ? '' : `${id}/`}${action ? `${action}/` : ''}`
  const headers: Record<string, string> = {}
  if (authorization !== null) headers.authorization = authorization
  let body: string | undefined
  if (op === 'create')
    body = JSON.stringify({ feature: FEATURE_OF[environment], name: 'Matrix create', hypothesis: 'h' })
  if (op === 'update') body = JSON.stringify({ name: 'Matrix renamed' })
  if (body !== undefined) headers['content-type'] = 'application/json'
  return stack.handler(new Request(`http://matrix.test${path}`, { method, headers, body }))
}

async function send(...args: Parameters<typeof request>) {
  const response = await request(...args)
  const text = await response.text()
  return { status: response.status, type: response.headers.get('content-type'), text }
}

describe.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('authorization matrix, round %i', () => {
  describe.each(CALLERS)('$who', ({ authorization, environment, expected }) => {
    it.each(ENDPOINTS)('$method $op', async ({ op, method, action, target, success }) => {
      const id = await prepare(environment, target)
      const before = await stack.fingerprint()
      const response = await send(method, environment, id, action, authorization, op)
      cells++
      if (expected === 'success') {
        expect(response.status, response.text).toBe(success)
        if (op === 'list') {
          const { results } = JSON.parse(response.text) as { results: { id: string }[] }
          const rows = await stack.database.query<{ environment_id: string }>(
            `select distinct environment_id from "${stack.database.schema}"."flag_experiments" where id = any($1)`,
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
        const unknown = await send(method, environment, UNKNOWN_ID, action, authorization, op)
        expect(unknown, 'a refused caller cannot tell an existing experiment from a missing one').toEqual(
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

  describe('an experiment id from another environment is simply not found', () => {
    it.each(ENDPOINTS.filter((e) => e.target !== null))(
      '$method $op',
      async ({ op, method, action, target }) => {
        const foreign = await prepare('prod', target)
        for (const [authorization, environment] of [
          ['Bearer admin', 'dev'],
          ['Bearer master-key', 'other'],
          ['Bearer dev-admin', 'dev'],
        ] as const) {
          const before = await stack.fingerprint()
          const response = await send(method, environment, foreign, action, authorization, op)
          const unknown = await send(method, environment, UNKNOWN_ID, action, authorization, op)
          cells++
          refused++
          expect(response.status, response.text).toBe(404)
          expect(JSON.parse(response.text)).toMatchObject({ code: 'experiment_not_found' })
          expect(response.text.replace(foreign ?? '', '<id>'), 'indistinguishable from a missing id').toBe(
            unknown.text.replace(UNKNOWN_ID, '<id>'),
          )
          expect(await stack.fingerprint()).toEqual(before)
        }
      },
    )
  })
})
