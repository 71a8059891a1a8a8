import { describe, expect, it } from 'vitest'
import { AUDIT_FEED_DEFAULT_LIMIT, parseAuditFeedInput } from '../../src/index.js'
import { encodeFeedCursor } from '../../src/core/domain/feed-cursor.js'
import { feedCursor } from '../contract/audit-feed-contract.js'

const MAX_XID8 = 2n ** 64n - 1n
const MAX_BIGINT = 2n ** 63n - 1n

describe('parseAuditFeedInput', () => {
  it('reads from the start with the default limit when given nothing', () => {
    expect(parseAuditFeedInput(undefined)._unsafeUnwrap()).toEqual({
      after: null,
      limit: AUDIT_FEED_DEFAULT_LIMIT,
    })
    expect(parseAuditFeedInput({ limit: 1000 })._unsafeUnwrap()).toEqual({ after: null, limit: 1000 })
  })

  it.each([
    [{ major: '0', minor: '0' }],
    [{ major: '0', minor: '17' }],
    [{ major: '742', minor: '9' }],
    [{ major: MAX_XID8.toString(), minor: MAX_BIGINT.toString() }],
  ])('decodes a cursor a feed made back to its exact position %j', (position) => {
    const request = parseAuditFeedInput({ cursor: encodeFeedCursor(position), limit: 5 })
    expect(request._unsafeUnwrap()).toEqual({ after: position, limit: 5 })
  })

  it.each([
    ['empty', ''],
    ['not base64url', 'not a cursor'],
    ['another prefix', 'Zm9v'],
    ['a negative number', feedCursor('-1', '2')],
    ['a leading zero', feedCursor('01', '2')],
    ['a transaction id past xid8', feedCursor(MAX_XID8 + 1n, 0n)],
    ['a sequence number past bigint', feedCursor(0n, MAX_BIGINT + 1n)],
    ['twenty nines', feedCursor('99999999999999999999', '99999999999999999999')],
    ['a third number', btoa('f1:1:2:3')],
    ['too long', 'A'.repeat(500)],
    ['not a string', 42],
  ])('refuses a cursor that is %s, naming cursor', (_, cursor) => {
    const error = parseAuditFeedInput({ cursor } as never)._unsafeUnwrapErr()
    expect(error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'cursor', message: expect.stringContaining('not a cursor of this audit feed') }],
    })
  })

  it.each([0, -1, 1.5, 1001, Number.NaN, '10'])('refuses the limit %s, naming limit', (limit) => {
    const error = parseAuditFeedInput({ limit } as never)._unsafeUnwrapErr()
    expect(error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'limit', message: 'limit must be an integer from 1 to 1000' }],
    })
  })
})
