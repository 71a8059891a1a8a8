import { expect, it } from 'vitest'
import {
  AUDIT_FEED_MAX_LIMIT,
  createExperimentService,
  parseAuditFeedInput,
  type AuditFeed,
  type AuditFeedPage,
  type AuditFeedRequest,
  type ExperimentRepository,
  type ExperimentService,
  type MetricRepository,
} from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'

/** What the audit feed contract needs: the feed and the ports whose writes fill it. */
export interface AuditFeedFixture {
  readonly feed: AuditFeed
  readonly repository: ExperimentRepository
  readonly metrics: MetricRepository
  close(): Promise<void>
}

const ACTOR = { type: 'user', id: 'u1' } as const
const ENVIRONMENTS = [
  { id: 'env-dev', key: 'dev', name: 'Development', projectId: 'p1' },
  { id: 'env-prod', key: 'prod', name: 'Production', projectId: 'p1' },
]
const FEATURES = ['1', '2', '3'].map((id) => ({
  id,
  name: `f${id}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))

/** A service writing through the fixture's ports, with environments `dev` and `prod`. */
function serviceOver(fixture: AuditFeedFixture): ExperimentService {
  const { repository, metrics } = fixture
  const { features, permissions, clock, experimentData } = createMemoryAdapters({
    environments: ENVIRONMENTS,
    features: FEATURES,
  })
  return createExperimentService({ repository, metrics, features, permissions, clock, experimentData })
}

/** Creates an experiment in `environment` and starts it: two audit entries. Returns its id. */
async function createAndStart(service: ExperimentService, environment: string, feature: string) {
  const input = { feature, name: `Test ${feature}`, hypothesis: 'It helps.' }
  const { id } = (await service.create(ACTOR, environment, input))._unsafeUnwrap()
  ;(await service.start(ACTOR, environment, id))._unsafeUnwrap()
  return id
}

/** The request the service hands a feed for `cursor` (null: from the start) and `limit`. */
export function requestFor(cursor: string | null, limit: number): AuditFeedRequest {
  return parseAuditFeedInput({ cursor: cursor ?? undefined, limit })._unsafeUnwrap()
}

/** A feed cursor at (`major`, `minor`), spelled as a feed spells it, whatever the numbers. */
export function feedCursor(major: bigint | string, minor: bigint | string): string {
  return btoa(`f1:${major}:${minor}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Reads the whole feed in pages of `limit`, returning every entry and the last cursor. */
async function readAll(feed: AuditFeed, cursor: string | null, limit: number, environmentId?: string) {
  const ids: string[] = []
  let next = cursor
  for (;;) {
    const page = await feed.entriesSince(requestFor(next, limit), { environmentId })
    ids.push(...page.entries.map((e) => e.id))
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
    if (page.entries.length === 0) return { ids, cursor: page.nextCursor }
    next = page.nextCursor
  }
}

/** The audit feed contract, run against every shipped audit log. */
export function auditFeedContract(open: () => Promise<AuditFeedFixture>): void {
  it('returns every entry once, in order, across pages, and resumes from the cursor', async () => {
    const fixture = await open()
    try {
      const service = serviceOver(fixture)
      const first = await createAndStart(service, 'dev', '1')
      const second = await createAndStart(service, 'dev', '2')
      const { ids, cursor } = await readAll(fixture.feed, null, 3)
      const whole = (await fixture.feed.entriesSince(requestFor(null, 100))).entries
      expect(whole.map((e) => [e.subject.id, e.action])).toEqual([
        [first, 'created'],
        [first, 'started'],
        [second, 'created'],
        [second, 'started'],
      ])
      expect(ids).toEqual(whole.map((e) => e.id))
      const empty = await fixture.feed.entriesSince(requestFor(cursor, 10))
      expect(empty).toEqual({ entries: [], nextCursor: cursor })
      ;(await service.pause(ACTOR, 'dev', first))._unsafeUnwrap()
      const later = await fixture.feed.entriesSince(requestFor(cursor, 10))
      expect(later.entries.map((e) => [e.subject.id, e.action])).toEqual([[first, 'paused']])
    } finally {
      await fixture.close()
    }
  })

  it('keeps to one environment when asked, with the same cursors', async () => {
    const fixture = await open()
    try {
      const service = serviceOver(fixture)
      const dev = await createAndStart(service, 'dev', '1')
      const prod = await createAndStart(service, 'prod', '1')
      const onlyProd = await readAll(fixture.feed, null, 1, 'env-prod')
      const entries = await fixture.feed.entriesSince(requestFor(null, 100), { environmentId: 'env-prod' })
      expect(entries.entries.map((e) => e.subject.id)).toEqual([prod, prod])
      expect(onlyProd.ids).toEqual(entries.entries.map((e) => e.id))
      const devPage = await fixture.feed.entriesSince(requestFor(null, 100), { environmentId: 'env-dev' })
      expect(devPage.entries.map((e) => e.subject.id)).toEqual([dev, dev])
      const nothing = await fixture.feed.entriesSince(requestFor(null, 100), { environmentId: 'env-none' })
      expect(nothing.entries).toEqual([])
      expect(nothing.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
    } finally {
      await fixture.close()
    }
  })

  it('keeps to one experiment when asked (metric entries name none), with the same cursors', async () => {
    const fixture = await open()
    try {
      const service = serviceOver(fixture)
      const metric = (
        await service.createMetric(ACTOR, 'dev', {
          name: 'Checkout rate',
          event: 'checkout',
          aggregation: 'occurrence',
          direction: 'up',
        })
      )._unsafeUnwrap()
      const first = await createAndStart(service, 'dev', '1')
      const second = await createAndStart(service, 'dev', '2')
      ;(await service.pause(ACTOR, 'dev', first))._unsafeUnwrap()
      const options = { environmentId: 'env-dev', experimentId: first }
      const whole = await fixture.feed.entriesSince(requestFor(null, 100), options)
      expect(whole.entries.map((e) => [e.subject.id, e.action])).toEqual([
        [first, 'created'],
        [first, 'started'],
        [first, 'paused'],
      ])
      const ids: string[] = []
      let cursor: string | null = null
      for (;;) {
        const page: AuditFeedPage = await fixture.feed.entriesSince(requestFor(cursor, 1), options)
        if (page.entries.length === 0) {
          expect(page.nextCursor).toBe(cursor)
          break
        }
        ids.push(...page.entries.map((e) => e.id))
        cursor = page.nextCursor
      }
      expect(ids).toEqual(whole.entries.map((e) => e.id))
      ;(await service.complete(ACTOR, 'dev', second))._unsafeUnwrap()
      ;(await service.complete(ACTOR, 'dev', first))._unsafeUnwrap()
      const later = await fixture.feed.entriesSince(requestFor(cursor, 10), options)
      expect(later.entries.map((e) => [e.subject.id, e.action])).toEqual([[first, 'completed']])
      const ofMetric = await fixture.feed.entriesSince(requestFor(null, 100), { experimentId: metric.id })
      expect(ofMetric.entries).toEqual([])
    } finally {
      await fixture.close()
    }
  })

  it('answers every request the parser passes, up to the last position a database feed stores', async () => {
    const fixture = await open()
    try {
      await createAndStart(serviceOver(fixture), 'dev', '1')
      const whole = await fixture.feed.entriesSince({ after: null, limit: AUDIT_FEED_MAX_LIMIT })
      expect(whole.entries.map((e) => e.action)).toEqual(['created', 'started'])
      const last = requestFor(feedCursor(2n ** 64n - 1n, 2n ** 63n - 1n), 1)
      expect(last.after).toEqual({ major: '18446744073709551615', minor: '9223372036854775807' })
      const past = await fixture.feed.entriesSince(last)
      expect(past.entries).toEqual([])
      expect(parseAuditFeedInput({ cursor: past.nextCursor }).isOk()).toBe(true)
    } finally {
      await fixture.close()
    }
  })
}
