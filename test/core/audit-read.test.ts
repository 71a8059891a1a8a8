import { describe, expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'
import { admin, createExperiment, createMetric, environments, fail, features, ok, setup } from './fixture.js'

describe('auditFeed', () => {
  it("reads the environment's entries oldest first, in pages, resuming where it stopped", async () => {
    const { service } = setup()
    const metric = await createMetric(service)
    const experiment = await createExperiment(service)
    await ok(service.start(admin, 'dev', experiment.id))
    await createExperiment(service, { environment: 'prod' })
    const whole = await ok(service.auditFeed(admin, 'dev'))
    expect(whole.entries.map((e) => [e.subject.id, e.action])).toEqual([
      [metric.id, 'metric_created'],
      [experiment.id, 'created'],
      [experiment.id, 'started'],
    ])
    const first = await ok(service.auditFeed(admin, 'dev', { limit: 2 }))
    expect(first.entries.map((e) => e.id)).toEqual(whole.entries.slice(0, 2).map((e) => e.id))
    const rest = await ok(service.auditFeed(admin, 'dev', { cursor: first.nextCursor, limit: 2 }))
    expect(rest.entries.map((e) => e.id)).toEqual([whole.entries[2]?.id])
    const empty = await ok(service.auditFeed(admin, 'dev', { cursor: rest.nextCursor }))
    expect(empty).toEqual({ entries: [], nextCursor: rest.nextCursor })
    await ok(service.pause(admin, 'dev', experiment.id))
    const later = await ok(service.auditFeed(admin, 'dev', { cursor: rest.nextCursor }))
    expect(later.entries.map((e) => e.action)).toEqual(['paused'])
  })

  it('names a bad cursor or limit as validation issues, after the access check', async () => {
    const { service } = setup()
    for (const [query, path, message] of [
      [{ cursor: 'nope' }, 'cursor', 'cursor is not a cursor of this audit feed'],
      [{ limit: 0 }, 'limit', 'limit must be an integer from 1 to 1000'],
      [{ limit: 1001 }, 'limit', 'limit must be an integer from 1 to 1000'],
      [{ limit: 2.5 }, 'limit', 'limit must be an integer from 1 to 1000'],
    ] as const) {
      const error = await fail(service.auditFeed(admin, 'dev', query))
      expect(error.code).toBe('validation_failed')
      expect(error).toMatchObject({ issues: [{ path, message: expect.stringContaining(message) }] })
    }
    const unknown = await fail(service.auditFeed(admin, 'dev', { since: 'x' } as never))
    expect(unknown).toMatchObject({ code: 'validation_failed', issues: [{ path: 'since' }] })
    const denied = setup({ can: () => false }).service
    expect((await fail(denied.auditFeed(admin, 'dev', { cursor: 'nope' }))).code).toBe('forbidden')
    expect((await fail(service.auditFeed(admin, 'nowhere'))).code).toBe('environment_not_found')
  })

  it("answers audit_feed_not_supported when the host's audit sink is not a feed", async () => {
    const adapters = createMemoryAdapters({
      environments,
      features,
      auditLog: { append: () => Promise.resolve() },
    })
    expect(adapters.auditFeed).toBeUndefined()
    const service = createExperimentService(adapters)
    const experiment = await createExperiment(service)
    expect((await fail(service.auditFeed(admin, 'dev'))).code).toBe('audit_feed_not_supported')
    const error = await fail(service.experimentAudit(admin, 'dev', experiment.id))
    expect(error.code).toBe('audit_feed_not_supported')
  })
})

describe('experimentAudit', () => {
  it("reads one experiment's entries, a deleted one's too; unknown or foreign ones are not found", async () => {
    const { service } = setup()
    const experiment = await createExperiment(service)
    const other = await createExperiment(service, { feature: '4' })
    await ok(service.start(admin, 'dev', experiment.id))
    await ok(service.pause(admin, 'dev', experiment.id))
    await ok(service.delete(admin, 'dev', experiment.id))
    const page = await ok(service.experimentAudit(admin, 'dev', experiment.id.toUpperCase()))
    expect(page.entries.map((e) => [e.subject.id, e.action])).toEqual([
      [experiment.id, 'created'],
      [experiment.id, 'started'],
      [experiment.id, 'paused'],
      [experiment.id, 'deleted'],
    ])
    const first = await ok(service.experimentAudit(admin, 'dev', experiment.id, { limit: 3 }))
    const rest = await ok(service.experimentAudit(admin, 'dev', experiment.id, { cursor: first.nextCursor }))
    expect(rest.entries.map((e) => e.action)).toEqual(['deleted'])
    expect((await ok(service.experimentAudit(admin, 'dev', other.id))).entries).toHaveLength(1)
    for (const [environment, id] of [
      ['dev', crypto.randomUUID()],
      ['dev', 'not-a-uuid'],
      ['prod', experiment.id],
    ] as const) {
      const error = await fail(service.experimentAudit(admin, environment, id))
      expect(error).toMatchObject({ code: 'experiment_not_found', experimentId: id })
    }
  })
})
