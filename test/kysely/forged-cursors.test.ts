import fc from 'fast-check'
import type { ResultAsync } from 'neverthrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExperimentError, type ExperimentService } from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, serviceWith } from './kysely-fixture.js'

/**
 * A cursor the caller forged is the caller's mistake: whatever it decodes to (integers past what
 * the feed stores, times past the year 9999), each read answers a page or `validation_failed`
 * naming `cursor`, never `unavailable` from the database.
 */
let database: TestDatabase
let service: ExperimentService
let experimentId: string
beforeAll(async () => {
  database = await openTestDatabase()
  service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
  const input = { feature: '1', name: 'Checkout', hypothesis: 'Shorter converts better.' }
  experimentId = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap().id
})
afterAll(async () => {
  await database.close()
})

const base64url = (raw: string) => btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const feedCursor = (major: bigint | string, minor: bigint | string) => base64url(`f1:${major}:${minor}`)
const listCursor = (ms: number | bigint | string, id: string) => base64url(`${ms}:${id}`)

/** Every read that takes a cursor, sent `cursor`. */
const reads = (cursor: string): Record<string, ResultAsync<unknown, ExperimentError>> => ({
  auditFeed: service.auditFeed(ACTOR, 'dev', { cursor }),
  experimentAudit: service.experimentAudit(ACTOR, 'dev', experimentId, { cursor }),
  list: service.list(ACTOR, 'dev', { cursor }),
  trash: service.list(ACTOR, 'dev', { cursor, deleted: true }),
  listMetrics: service.listMetrics(ACTOR, 'dev', { cursor }),
})

/** What each read answered: `page`, or the error code with the path of its first issue. */
async function outcomes(cursor: string): Promise<Record<string, string>> {
  const answered = await Promise.all(
    Object.entries(reads(cursor)).map(async ([name, read]) => {
      const result = await read
      if (result.isOk()) return [name, 'page']
      const error = result.error
      return [
        name,
        error.code === 'validation_failed' ? `validation_failed:${error.issues[0]?.path}` : error.code,
      ]
    }),
  )
  return Object.fromEntries(answered) as Record<string, string>
}

const REFUSED = 'validation_failed:cursor'
const MAX_XID8 = 2n ** 64n - 1n
const MAX_BIGINT = 2n ** 63n - 1n

describe('forged cursors', () => {
  it.each([
    ['a transaction id past xid8', feedCursor(MAX_XID8 + 1n, 0n)],
    ['a sequence number past bigint', feedCursor(0n, MAX_BIGINT + 1n)],
    ['twenty nines', feedCursor('99999999999999999999', '99999999999999999999')],
  ])('refuses an audit cursor with %s', async (_, cursor) => {
    const answered = await outcomes(cursor)
    expect([answered.auditFeed, answered.experimentAudit]).toEqual([REFUSED, REFUSED])
  })

  it('accepts the largest positions a feed stores', async () => {
    const answered = await outcomes(feedCursor(MAX_XID8, MAX_BIGINT))
    expect([answered.auditFeed, answered.experimentAudit]).toEqual(['page', 'page'])
  })

  it.each([
    ['the year 10000', Date.parse('+010000-01-01T00:00:00Z')],
    ['the largest time a cursor spells', 999_999_999_999_999],
    ['the year 2200', Date.parse('2200-01-01T00:00:00Z')],
  ])('refuses a list cursor at %s', async (_, ms) => {
    const answered = await outcomes(listCursor(ms, crypto.randomUUID()))
    expect([answered.list, answered.trash, answered.listMetrics]).toEqual([REFUSED, REFUSED, REFUSED])
  })

  it('answers any forged cursor with a page or a validation error naming cursor, never unavailable', async () => {
    const forged = fc.oneof(
      fc
        .tuple(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 2n ** 70n }))
        .map(([a, b]) => feedCursor(a, b)),
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.uuid()).map(([ms, id]) => listCursor(ms, id)),
      fc
        .tuple(fc.string({ maxLength: 24 }), fc.string({ maxLength: 24 }))
        .map(([a, b]) => base64url(`${a}:${b}`.replace(/[^\x00-\xff]/g, ''))),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
      fc.string({ maxLength: 100 }),
    )
    await fc.assert(
      fc.asyncProperty(forged, async (cursor) => {
        for (const answer of Object.values(await outcomes(cursor)))
          expect(['page', REFUSED]).toContain(answer)
      }),
      { numRuns: 60 },
    )
  })
})
