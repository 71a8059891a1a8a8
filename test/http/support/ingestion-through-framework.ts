import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { MAX_INGEST_BATCH } from '../../../src/index.js'
import type { CheckedResponse } from './contract-check.js'
import { BASE_PATH, type CallOptions } from './framework-host.js'

/** The demo's events endpoint, under {@link BASE_PATH}. */
export const EVENTS = `${BASE_PATH}/environments/dev/events/`

/** A fetch through a framework: method, path from the origin, and a JSON or raw body. */
export type FrameworkCall = (method: string, path: string, options?: CallOptions) => Promise<CheckedResponse>

/**
 * A full batch of events, as an SDK sends it: {@link MAX_INGEST_BATCH} items, well over the 100 KB
 * a body parser such as `express.json()` accepts by default.
 */
export function fullEventBatch(): { readonly events: readonly Record<string, unknown>[] } {
  const events = Array.from({ length: MAX_INGEST_BATCH }, (_, i) => ({
    id: randomUUID(),
    identity: `visitor-${String(i).padStart(6, '0')}`,
    event: 'purchase',
    value: 42.5,
    at: '2026-03-01T12:00:00.000Z',
  }))
  return { events }
}

/**
 * Proves a framework recipe leaves ingestion to the handler: a full batch is accepted (202, every
 * item counted) and JSON with a trailing comma is the handler's 400 `malformed_json` problem, not
 * the framework's own error page.
 */
export async function expectIngestionThrough(call: FrameworkCall): Promise<void> {
  const batch = fullEventBatch()
  expect(JSON.stringify(batch).length).toBeGreaterThan(100 * 1024)
  const accepted = await call('POST', EVENTS, { json: batch })
  expect(accepted.status).toBe(202)
  expect(accepted.body).toEqual({ accepted: MAX_INGEST_BATCH, duplicates: 0 })

  const malformed = await call('POST', EVENTS, {
    raw: '{"events": [],}',
    headers: { 'content-type': 'application/json' },
  })
  expect(malformed.status).toBe(400)
  expect(malformed.headers.get('content-type')).toBe('application/problem+json')
  expect(malformed.body.code).toBe('malformed_json')
}
