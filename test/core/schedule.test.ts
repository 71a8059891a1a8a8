import { describe, expect, it } from 'vitest'
import { createExperimentService, SCHEDULER_ACTOR, type ExperimentView } from '../../src/index.js'
import { createManualClock, createMemoryAdapters } from '../../src/memory.js'
import { admin, environments, fail, features, ok } from './fixture.js'

const T0 = Date.parse('2026-03-01T12:00:00.000Z')
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString()
const date = (minutes: number) => new Date(T0 + minutes * 60_000)

/** Multivariate features `m0`, `m1`, … of project p1, for many experiments at once. */
const many = Array.from({ length: 110 }, (_, i) => ({
  id: `m${i}`,
  name: `many ${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))

/**
 * A service whose environments the test can take away (by id), rename (give another key), or
 * answer wrongly for (another environment for the id), as a host could.
 */
function schedulingSetup() {
  const clock = createManualClock('2026-03-01T12:00:00.000Z')
  const adapters = createMemoryAdapters({ environments, features: [...features, ...many], clock })
  const gone = new Set<string>()
  /** Environment id → the key the host now gives it. */
  const renamed = new Map<string, string>()
  /** Environment id → the id of the environment the host wrongly answers with. */
  const confused = new Map<string, string>()
  const lookup = adapters.features
  const service = createExperimentService({
    ...adapters,
    features: {
      environmentByKey: (key) => lookup.environmentByKey(key),
      environmentById: async (id) => {
        const found = gone.has(id) ? null : await lookup.environmentById(confused.get(id) ?? id)
        return found && { ...found, key: renamed.get(found.id) ?? found.key }
      },
      featureById: (id) => lookup.featureById(id),
    },
  })
  return { clock, adapters, service, gone, renamed, confused }
}

type Service = ReturnType<typeof schedulingSetup>['service']

function create(
  service: Service,
  schedule: { scheduledStartAt?: string | null; scheduledEndAt?: string | null },
  feature = '1',
  environment = 'dev',
): Promise<ExperimentView> {
  return ok(
    service.create(admin, environment, {
      feature,
      name: 'Scheduled',
      hypothesis: 'It runs itself.',
      ...schedule,
    }),
  )
}

describe('schedule fields', () => {
  it('are stored on create and returned, and default to none', async () => {
    const { service } = schedulingSetup()
    const scheduled = await create(service, {
      scheduledStartAt: iso(10),
      scheduledEndAt: '2026-03-01T14:20:00+02:00',
    })
    expect(scheduled).toMatchObject({ scheduledStartAt: date(10), scheduledEndAt: date(20) })
    const plain = await create(service, {}, '4')
    expect(plain).toMatchObject({ scheduledStartAt: null, scheduledEndAt: null })
    expect(plain).not.toHaveProperty('environmentKey')
  })

  it('a change is an audited update with a version bump; an equal one writes nothing; null clears', async () => {
    const { service, adapters } = schedulingSetup()
    const experiment = await create(service, { scheduledStartAt: iso(10) })
    const moved = await ok(
      service.update(admin, 'dev', experiment.id, { scheduledStartAt: iso(15), scheduledEndAt: iso(30) }),
    )
    expect(moved).toMatchObject({ version: 2, scheduledStartAt: date(15), scheduledEndAt: date(30) })
    const entry = adapters.auditLog.entries(experiment.id).at(-1)
    expect(entry).toMatchObject({
      action: 'updated',
      changes: {
        scheduledStartAt: { from: iso(10), to: iso(15) },
        scheduledEndAt: { from: null, to: iso(30) },
      },
    })
    const same = await ok(service.update(admin, 'dev', experiment.id, { scheduledStartAt: iso(15) }))
    expect(same.version).toBe(2)
    expect(adapters.auditLog.entries(experiment.id)).toHaveLength(2)
    const cleared = await ok(service.update(admin, 'dev', experiment.id, { scheduledStartAt: null }))
    expect(cleared).toMatchObject({ version: 3, scheduledStartAt: null, scheduledEndAt: date(30) })
  })

  it('refuses a start at or after the end as validation_failed, on create and update', async () => {
    const { service } = schedulingSetup()
    const refused = await fail(
      service.create(admin, 'dev', {
        feature: '1',
        name: 'n',
        hypothesis: 'h',
        scheduledStartAt: iso(10),
        scheduledEndAt: iso(10),
      }),
    )
    expect(refused).toMatchObject({ code: 'validation_failed', issues: [{ path: 'scheduledEndAt' }] })
    const experiment = await create(service, { scheduledEndAt: iso(10) })
    expect(
      await fail(service.update(admin, 'dev', experiment.id, { scheduledStartAt: iso(11) })),
    ).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'scheduledStartAt' }],
    })
  })

  it('refuses a time that is not ISO 8601 with an offset', async () => {
    const { service } = schedulingSetup()
    for (const value of [
      '2026-03-01 12:00',
      '2026-03-01T12:00:00',
      '2026-02-30T12:00:00Z',
      '0000-12-31T23:00:00Z',
      'tomorrow',
      1_700_000_000_000,
    ]) {
      const refused = await fail(
        service.create(admin, 'dev', {
          feature: '1',
          name: 'n',
          hypothesis: 'h',
          scheduledStartAt: value as string,
        }),
      )
      expect(refused).toEqual(
        expect.objectContaining({
          code: 'validation_failed',
          issues: [expect.objectContaining({ path: 'scheduledStartAt' })],
        }),
      )
    }
  })

  it('refuses a scheduled start once started and a scheduled end once completed (invalid_transition)', async () => {
    const { service } = schedulingSetup()
    const experiment = await create(service, {})
    await ok(service.start(admin, 'dev', experiment.id))
    expect(
      await fail(service.update(admin, 'dev', experiment.id, { scheduledStartAt: iso(10) })),
    ).toMatchObject({
      code: 'invalid_transition',
      from: 'running',
      to: 'running',
    })
    await ok(service.update(admin, 'dev', experiment.id, { scheduledEndAt: iso(10) }))
    await ok(service.complete(admin, 'dev', experiment.id))
    expect(
      await fail(service.update(admin, 'dev', experiment.id, { scheduledEndAt: iso(20) })),
    ).toMatchObject({
      code: 'invalid_transition',
      from: 'completed',
      to: 'completed',
    })
  })

  it('a manual start clears a pending scheduled start; a manual complete clears the scheduled end', async () => {
    const { service, adapters } = schedulingSetup()
    const experiment = await create(service, { scheduledStartAt: iso(10), scheduledEndAt: iso(20) })
    const started = await ok(service.start(admin, 'dev', experiment.id))
    expect(started).toMatchObject({ scheduledStartAt: null, scheduledEndAt: date(20) })
    expect(adapters.auditLog.entries(experiment.id).at(-1)?.changes.scheduledStartAt).toEqual({
      from: iso(10),
      to: null,
    })
    const completed = await ok(service.complete(admin, 'dev', experiment.id))
    expect(completed.scheduledEndAt).toBeNull()
    expect(await ok(service.runScheduled(date(60)))).toEqual({
      started: [],
      completed: [],
      snapshots: [],
      failed: [],
    })
  })
})

describe('runScheduled', () => {
  it('starts what is due as the system scheduler, with its audit entry and history row, and leaves the rest', async () => {
    const { service, adapters, clock } = schedulingSetup()
    const due = await create(service, { scheduledStartAt: iso(5) })
    const later = await create(service, { scheduledStartAt: iso(15) }, '4')
    clock.set(date(10))
    expect(await ok(service.runScheduled())).toEqual({
      started: [{ experimentId: due.id, environmentId: 'env-dev' }],
      completed: [],
      // Once started, it is running: the same run takes its first daily results snapshot.
      snapshots: [{ experimentId: due.id, environmentId: 'env-dev' }],
      failed: [],
    })
    const started = await ok(service.get(admin, 'dev', due.id))
    expect(started).toMatchObject({
      status: 'running',
      startedAt: date(10),
      scheduledStartAt: null,
      version: 2,
    })
    expect(await ok(service.history(admin, 'dev', due.id))).toEqual([
      { from: 'created', to: 'running', at: date(10), actor: SCHEDULER_ACTOR },
    ])
    expect(adapters.auditLog.entries(due.id).at(-1)).toMatchObject({
      action: 'started',
      actor: { type: 'system', id: 'scheduler' },
      message: "Experiment 'Scheduled' started for environment Development",
    })
    expect((await ok(service.get(admin, 'dev', later.id))).status).toBe('created')
    expect(await ok(service.runScheduled())).toEqual({
      started: [],
      completed: [],
      snapshots: [],
      failed: [],
    })
  })

  it('completes a running or paused experiment whose end is due, and clears the end', async () => {
    const { service, adapters } = schedulingSetup()
    const running = await create(service, { scheduledEndAt: iso(5) })
    const paused = await create(service, { scheduledEndAt: iso(6) }, '4')
    await ok(service.start(admin, 'dev', running.id))
    await ok(service.start(admin, 'dev', paused.id))
    await ok(service.pause(admin, 'dev', paused.id))
    const run = await ok(service.runScheduled(date(10)))
    expect(run.completed.map((c) => c.experimentId)).toEqual([running.id, paused.id])
    for (const id of [running.id, paused.id]) {
      expect(await ok(service.get(admin, 'dev', id))).toMatchObject({
        status: 'completed',
        endedAt: date(10),
        scheduledEndAt: null,
      })
      expect(adapters.auditLog.entries(id).at(-1)).toMatchObject({
        action: 'completed',
        actor: SCHEDULER_ACTOR,
      })
    }
  })

  it('an end on an experiment that never started waits for its start, then follows in the same run', async () => {
    const { service } = schedulingSetup()
    const waiting = await create(service, { scheduledEndAt: iso(5) })
    expect(await ok(service.runScheduled(date(10)))).toEqual({
      started: [],
      completed: [],
      snapshots: [],
      failed: [],
    })
    await ok(service.update(admin, 'dev', waiting.id, { scheduledStartAt: iso(1) }))
    const both = await create(service, { scheduledStartAt: iso(2), scheduledEndAt: iso(3) }, '4')
    const run = await ok(service.runScheduled(date(10)))
    expect(run.started.map((c) => c.experimentId)).toEqual([waiting.id, both.id])
    expect(run.completed.map((c) => c.experimentId).sort()).toEqual([waiting.id, both.id].sort())
    expect((await ok(service.history(admin, 'dev', both.id))).map((h) => h.to)).toEqual([
      'running',
      'completed',
    ])
  })

  it('works in every environment and pages through more than one page of due experiments', async () => {
    const { service } = schedulingSetup()
    const ids: string[] = []
    for (let i = 0; i < 105; i++) {
      const experiment = await ok(
        service.create(admin, i % 2 === 0 ? 'dev' : 'prod', {
          feature: `m${i}`,
          name: `Scheduled ${i}`,
          hypothesis: 'h',
          scheduledStartAt: iso(1),
          scheduledEndAt: iso(100 + i),
        }),
      )
      ids.push(experiment.id)
      await ok(service.start(admin, i % 2 === 0 ? 'dev' : 'prod', experiment.id))
    }
    const run = await ok(service.runScheduled(date(300)))
    expect(run.completed).toHaveLength(105)
    expect(new Set(run.completed.map((c) => c.experimentId))).toEqual(new Set(ids))
    expect(new Set(run.completed.map((c) => c.environmentId))).toEqual(new Set(['env-dev', 'env-prod']))
  })

  it('reports a due transition it cannot perform in failed, leaves it due, and performs it once it can', async () => {
    const { service, gone } = schedulingSetup()
    const experiment = await create(service, { scheduledStartAt: iso(1) })
    const other = await create(service, { scheduledStartAt: iso(2) }, '1', 'prod')
    gone.add('env-dev')
    const run = await ok(service.runScheduled(date(10)))
    expect(run).toEqual({
      started: [{ experimentId: other.id, environmentId: 'env-prod' }],
      completed: [],
      snapshots: [{ experimentId: other.id, environmentId: 'env-prod' }],
      failed: [
        {
          experimentId: experiment.id,
          environmentId: 'env-dev',
          action: 'start',
          error: { code: 'environment_not_found', message: 'Environment not found.' },
        },
      ],
    })
    expect(await ok(service.runScheduled(date(10)))).toMatchObject({
      started: [],
      failed: [{ experimentId: experiment.id }],
    })
    gone.delete('env-dev')
    expect((await ok(service.runScheduled(date(10)))).started).toEqual([
      { experimentId: experiment.id, environmentId: 'env-dev' },
    ])
  })

  it('finds the environment by id, so a key renamed since the last write does not matter', async () => {
    const { service, renamed } = schedulingSetup()
    const experiment = await create(service, { scheduledStartAt: iso(1) })
    renamed.set('env-dev', 'development')
    expect(await ok(service.runScheduled(date(10)))).toEqual({
      started: [{ experimentId: experiment.id, environmentId: 'env-dev' }],
      completed: [],
      snapshots: [{ experimentId: experiment.id, environmentId: 'env-dev' }],
      failed: [],
    })
  })

  it('refuses to act when the host answers another environment for the id', async () => {
    const { service, confused } = schedulingSetup()
    const experiment = await create(service, { scheduledStartAt: iso(1) })
    confused.set('env-dev', 'env-prod')
    expect((await ok(service.runScheduled(date(10)))).failed).toEqual([
      {
        experimentId: experiment.id,
        environmentId: 'env-dev',
        action: 'start',
        error: { code: 'environment_not_found', message: 'Environment not found.' },
      },
    ])
  })

  it('reports a failing store per transition as unavailable and carries on', async () => {
    const { service, adapters } = schedulingSetup()
    const first = await create(service, { scheduledStartAt: iso(1) })
    const second = await create(service, { scheduledStartAt: iso(2) }, '4')
    const failing = createExperimentService({
      ...adapters,
      repository: {
        ...adapters.repository,
        dueScheduled: (query) => adapters.repository.dueScheduled(query),
        find: (environmentId, id, options) =>
          id === first.id
            ? Promise.reject(new Error('disk on fire'))
            : adapters.repository.find(environmentId, id, options),
      },
    })
    const run = await ok(failing.runScheduled(date(10)))
    expect(run.failed).toMatchObject([
      { experimentId: first.id, action: 'start', error: { code: 'unavailable' } },
    ])
    expect(run.started).toEqual([{ experimentId: second.id, environmentId: 'env-dev' }])
  })

  it('answers unavailable when the due query fails, and validation_failed for an invalid now', async () => {
    const { adapters } = schedulingSetup()
    const broken = createExperimentService({
      ...adapters,
      repository: { ...adapters.repository, dueScheduled: () => Promise.reject(new Error('down')) },
    })
    expect((await fail(broken.runScheduled())).code).toBe('unavailable')
    expect(await fail(broken.runScheduled(new Date(Number.NaN)))).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'now' }],
    })
  })

  it('performs each due transition once when many runs race: one audit entry, one history row, reported once', async () => {
    const { service, adapters } = schedulingSetup()
    const created: string[] = []
    for (const [i, feature] of ['1', '4', '5'].entries()) {
      created.push(
        (await create(service, { scheduledStartAt: iso(i), scheduledEndAt: iso(5 + i) }, feature)).id,
      )
      created.push((await create(service, { scheduledStartAt: iso(i) }, feature, 'prod')).id)
    }
    const runs = await Promise.all(Array.from({ length: 8 }, () => ok(service.runScheduled(date(30)))))
    const started = runs.flatMap((run) => run.started.map((c) => c.experimentId))
    const completed = runs.flatMap((run) => run.completed.map((c) => c.experimentId))
    expect(runs.flatMap((run) => run.failed)).toEqual([])
    expect(started.sort()).toEqual([...created].sort())
    expect(completed).toHaveLength(3)
    expect(new Set(completed).size).toBe(3)
    for (const id of created) {
      const entries = adapters.auditLog.entries(id).map((entry) => entry.action)
      expect(entries.filter((action) => action === 'started')).toHaveLength(1)
      expect(entries.filter((action) => action === 'completed')).toHaveLength(completed.includes(id) ? 1 : 0)
      const stored = adapters.repository.getInstance().experiments.get(id)
      expect(stored?.history.filter((h) => h.to === 'running')).toHaveLength(1)
    }
  })
})
