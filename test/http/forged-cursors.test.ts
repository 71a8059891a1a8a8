import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExperimentJson } from '../../src/http.js'
import { feedCursor } from '../contract/audit-feed-contract.js'
import { openHttpBackend, type HttpBackend } from './support/http-backend.js'

/**
 * A forged cursor is a 400 `validation_failed` naming `cursor` on every read that pages, on the
 * memory adapters and on the Kysely ones (PGlite, or the server in `DATABASE_URL`): the service
 * checks an audit cursor once, before any feed sees it, so every feed answers the same.
 */

const base64url = (raw: string) => btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const uuid = '00000000-0000-4000-8000-000000000001'
const MAX_XID8 = 2n ** 64n - 1n
const MAX_BIGINT = 2n ** 63n - 1n

/** Audit cursors no feed made: garbage, negative numbers, integers past what a feed stores. */
const FORGED_AUDIT_CURSORS = [
  ['garbage', 'not-a-cursor'],
  ['another prefix', base64url('f2:0:1')],
  ['a negative sequence number', feedCursor(0n, -1n)],
  ['a negative transaction id', feedCursor(-5n, 0n)],
  ['a sequence number past bigint', feedCursor(0n, MAX_BIGINT + 1n)],
  ['a transaction id past xid8', feedCursor(MAX_XID8 + 1n, 0n)],
  ['twenty nines', feedCursor('99999999999999999999', '99999999999999999999')],
] as const

describe.each(['memory', 'kysely'] as const)('forged cursors over HTTP on %s adapters', (kind) => {
  let backend: HttpBackend
  beforeEach(async () => {
    backend = await openHttpBackend(kind)
  })
  afterEach(() => backend.close())

  const expectRefused = async (path: string) => {
    const response = await backend.api.request('GET', path)
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'cursor' }] })
  }

  it.each(FORGED_AUDIT_CURSORS)(
    "refuses an audit cursor with %s, on the environment's and an experiment's feed",
    async (_, cursor) => {
      const created = await backend.api.request('POST', 'dev/experiments/', {
        json: { feature: 1, name: 'Checkout button', hypothesis: 'Green converts better.' },
      })
      const { id } = created.body as ExperimentJson
      await expectRefused(`dev/audit/?cursor=${cursor}`)
      await expectRefused(`dev/experiments/${id}/audit/?cursor=${cursor}`)
    },
  )

  it('answers the last position a database feed stores with a page', async () => {
    const response = await backend.api.request('GET', `dev/audit/?cursor=${feedCursor(MAX_XID8, MAX_BIGINT)}`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ results: [] })
  })

  it.each([
    ['dev/experiments/', base64url(`${Date.parse('+010000-01-01T00:00:00Z')}:${uuid}`)],
    ['dev/experiments/?deleted=true&', base64url(`999999999999999:${uuid}`)],
    ['dev/metrics/', base64url(`${Date.parse('+010000-01-01T00:00:00Z')}:${uuid}`)],
  ])('%s refuses a list cursor %s with 400 naming cursor', async (path, cursor) => {
    const separator = path.endsWith('&') ? '' : '?'
    await expectRefused(`${path}${separator}cursor=${cursor}`)
  })
})
