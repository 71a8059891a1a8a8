import { expect } from 'vitest'
import {
  AuditFeedJson,
  ExperimentJson,
  ExperimentListJson,
  ExperimentResultsJson,
  HistoryJson,
  IngestOutcomeJson,
  MetricDetailJson,
  MetricJson,
  MetricListJson,
  PROBLEMS,
  ProblemJson,
  ResultsHistoryJson,
} from '../../../src/http.js'
import type { DemoStack, Fingerprint } from '../support/demo-stack.js'
import type { FuzzRequest } from './requests.js'

/** A response read whole, so it can be checked and reported. */
export interface ReadResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

const SUCCESS_SCHEMAS = [
  AuditFeedJson,
  ExperimentJson,
  ExperimentListJson,
  HistoryJson,
  MetricJson,
  MetricDetailJson,
  MetricListJson,
  IngestOutcomeJson,
  ExperimentResultsJson,
  ResultsHistoryJson,
]

/** The table each collection is stored in, and the strings a body sets that it stores as sent. */
const STORED = {
  experiments: { table: 'flag_experiments', strings: ['name', 'hypothesis'] },
  metrics: { table: 'flag_experiments_metrics', strings: ['name', 'description'] },
} as const
const encoder = new TextEncoder()
const bytesOf = (value: string) => Buffer.from(encoder.encode(value)).toString('hex')

/** Where a request landed and what it did, for the report. */
export type Verdict = 'rejected' | 'read' | 'changed' | 'unchanged-write' | 'ingested'

/**
 * Checks one response: never a 5xx; every error a valid problem+json whose `status` is the
 * response's; every success a documented shape.
 */
export function checkResponse(request: FuzzRequest, response: ReadResponse): unknown {
  const label = `${request.method} ${request.target.slice(0, 200)} → ${response.status} ${response.text.slice(0, 300)}`
  expect(response.status, label).toBeLessThan(500)
  if (response.status === 204 || (request.method === 'HEAD' && response.text === '')) {
    expect(response.text, label).toBe('')
    return null
  }
  const contentType = response.headers.get('content-type')
  const body: unknown = JSON.parse(response.text)
  if (response.status >= 400) {
    expect(contentType, label).toBe('application/problem+json')
    const problem = ProblemJson.safeParse(body)
    expect(problem.success, `${label}: ${problem.error?.message ?? ''}`).toBe(true)
    const { code, status } = body as { code: keyof typeof PROBLEMS; status: number }
    expect(status, label).toBe(response.status)
    expect(PROBLEMS[code].status, label).toBe(response.status)
    if (code === 'method_not_allowed')
      expect(response.headers.get('allow'), label).toMatch(/^[A-Z]+(, [A-Z]+)*$/)
    if (code === 'unauthenticated') expect(response.headers.get('www-authenticate'), label).toBeTruthy()
    return body
  }
  expect(contentType, label).toMatch(/^application\/json/)
  expect(
    SUCCESS_SCHEMAS.some((schema) => schema.safeParse(body).success),
    `${label}: documented shape`,
  ).toBe(true)
  return body
}

/**
 * Checks what a request did to the stored state: nothing when it was refused or a read;
 * otherwise at most one change, with exactly its audit entry (and, for a status change, its
 * history row); accepted strings stored and returned byte for byte (after the documented trim).
 */
export async function checkEffects(
  stack: DemoStack,
  request: FuzzRequest,
  response: ReadResponse,
  body: unknown,
  before: Fingerprint,
  after: Fingerprint,
): Promise<Verdict> {
  const label = `${request.method} ${request.target.slice(0, 200)} → ${response.status}`
  const write = !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && response.status < 300
  if (!write) {
    expect(after, `${label}: nothing changed`).toEqual(before)
    return response.status >= 400 ? 'rejected' : 'read'
  }
  if (response.status === 202) {
    // An ingestion batch: stored data only, never an experiment, a metric or an audit entry.
    const { accepted } = IngestOutcomeJson.parse(body)
    expect({ ...after, data: '' }, `${label}: only exposures and events change`).toEqual({
      ...before,
      data: '',
    })
    expect(after.data !== before.data, `${label}: data changed iff something was accepted`).toBe(accepted > 0)
    return 'ingested'
  }
  const audit = after.audit - before.audit
  const history = after.history - before.history
  expect([0, 1], `${label}: at most one audit entry`).toContain(audit)
  if (audit === 0) {
    expect(after, `${label}: no audit entry, no change`).toEqual(before)
    return 'unchanged-write'
  }
  expect(after.rows, `${label}: a change with its audit entry`).not.toBe(before.rows)
  const statusChange = /\/(start|pause|complete)\/?(\?|$)/.test(
    new URL(request.target, 'http://x').pathname + '?',
  )
  expect(history, `${label}: history row iff status change`).toBe(statusChange ? 1 : 0)
  const readsBody = response.status === 201 || request.method === 'PATCH'
  if (
    readsBody &&
    request.sentStrings !== null &&
    body !== null &&
    typeof body === 'object' &&
    'id' in body
  ) {
    const json = body as Record<string, unknown>
    const { pathname } = new URL(request.target, 'http://x')
    const { table, strings } = STORED[/\/metrics(\/|$)/.test(pathname) ? 'metrics' : 'experiments']
    const [stored] = await stack.database.query<Record<string, string>>(
      `select ${strings.join(', ')} from "${stack.database.schema}"."${table}" where id = $1`,
      [json.id],
    )
    for (const [key, sent] of Object.entries(request.sentStrings)) {
      if (!(strings as readonly string[]).includes(key)) continue
      expect(bytesOf(String(json[key])), `${label}: ${key} returned byte for byte`).toBe(bytesOf(sent.trim()))
      expect(bytesOf(String(stored?.[key])), `${label}: ${key} stored byte for byte`).toBe(
        bytesOf(sent.trim()),
      )
    }
  }
  return 'changed'
}
