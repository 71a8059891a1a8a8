import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INSTANT_RANGE, type ExperimentService } from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, serviceWith } from './kysely-fixture.js'

/**
 * Instants out of the accepted range are refused as the caller's mistake (400 naming the item),
 * never passed on to fail in the database (503, retried forever); the range's own ends are stored
 * and read back exactly.
 */
let database: TestDatabase
let service: ExperimentService
let experimentId: string
beforeAll(async () => {
  database = await openTestDatabase()
  service = serviceWith(createKyselyAdapters(database.db, { schema: database.schema }))
  const input = { feature: '1', name: 'Checkout', hypothesis: 'Shorter converts better.' }
  experimentId = (await service.create(ACTOR, 'dev', input))._unsafeUnwrap().id
  ;(await service.start(ACTOR, 'dev', experimentId))._unsafeUnwrap()
})
afterAll(async () => {
  await database.close()
})

const OUT_OF_RANGE = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '1969-12-31T23:59:59.999Z',
  '2200-01-01T00:00:00Z',
  '2199-12-31T23:59:59-00:01',
]
const RANGE_MESSAGE = 'must be from 1970-01-01T00:00:00Z up to, not including, 2200-01-01T00:00:00Z.'
const FIRST = INSTANT_RANGE.from
const LAST = '2199-12-31T23:59:59.999Z'
let n = 0
const eventId = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`

describe('instants out of range', () => {
  it.each(OUT_OF_RANGE)('refuses an exposure or event at %s naming the item', async (at) => {
    const exposures = [
      { experiment: experimentId, identity: 'a', variant: 'control', at: '2026-01-01T00:00:00Z' },
      { experiment: experimentId, identity: 'b', variant: 'control', at },
    ]
    expect((await service.recordExposures(ACTOR, 'dev', { exposures }))._unsafeUnwrapErr()).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'exposures.1.at', message: expect.stringContaining(RANGE_MESSAGE) }],
    })
    const events = [{ id: eventId(), identity: 'a', event: 'purchase', at }]
    expect((await service.recordEvents(ACTOR, 'dev', { events }))._unsafeUnwrapErr()).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'events.0.at', message: expect.stringContaining(RANGE_MESSAGE) }],
    })
    const asDate = [{ id: eventId(), identity: 'a', event: 'purchase', at: new Date(Date.parse(at)) }]
    expect((await service.recordEvents(ACTOR, 'dev', { events: asDate }))._unsafeUnwrapErr()).toMatchObject({
      issues: [{ path: 'events.0.at', message: expect.stringContaining(RANGE_MESSAGE) }],
    })
  })

  it.each([...OUT_OF_RANGE, '+010000-01-01T00:00:00Z'])('refuses a scheduled time of %s', async (at) => {
    const input = { feature: '1', name: 'Later', hypothesis: 'h', scheduledEndAt: at }
    const refused = (
      await service.update(ACTOR, 'dev', experimentId, { scheduledEndAt: at })
    )._unsafeUnwrapErr()
    expect(refused).toMatchObject({ code: 'validation_failed', issues: [{ path: 'scheduledEndAt' }] })
    expect((await service.create(ACTOR, 'dev', input))._unsafeUnwrapErr()).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'scheduledEndAt' }],
    })
  })

  it('stores the first and last instants of the range and reads them back exactly', async () => {
    const exposures = [FIRST, LAST].map((at, i) => ({
      experiment: experimentId,
      identity: `edge${i}`,
      variant: 'treatment',
      at,
    }))
    expect((await service.recordExposures(ACTOR, 'dev', { exposures }))._unsafeUnwrap()).toEqual({
      accepted: 2,
      duplicates: 0,
    })
    const events = [FIRST, LAST].map((at) => ({ id: eventId(), identity: 'edge0', event: 'purchase', at }))
    expect((await service.recordEvents(ACTOR, 'dev', { events }))._unsafeUnwrap()).toEqual({
      accepted: 2,
      duplicates: 0,
    })
    const stored = await database.query<{ at: Date }>(
      `select at from "${database.schema}".flag_experiments_exposures where identity like 'edge%' order by at`,
    )
    expect(stored.map((row) => row.at.toISOString())).toEqual([FIRST, LAST])
    const scheduled = (
      await service.update(ACTOR, 'dev', experimentId, { scheduledEndAt: LAST })
    )._unsafeUnwrap()
    expect(scheduled.scheduledEndAt?.toISOString()).toBe(LAST)
    expect(
      (await service.get(ACTOR, 'dev', experimentId))._unsafeUnwrap().scheduledEndAt?.toISOString(),
    ).toBe(LAST)
  })
})
