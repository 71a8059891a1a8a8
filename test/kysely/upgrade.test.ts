import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, DEV, migrateTo, serviceWith } from './kysely-fixture.js'
import { DEFAULT_EXPERIMENT_ANALYSIS } from '../../src/index.js'

/*
 * A database an older release left behind: migrated by 0001 only, with experiments, their
 * history and audit entries in it, written as that release wrote them. Upgrading must keep every
 * row readable and every rule in force.
 */

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase({ migrate: false })
  await migrateTo(database, '0001_experiments_history_audit')
})
afterEach(async () => {
  await database.close()
})

const ids = {
  created: '0c000000-0000-4000-8000-000000000001',
  running: '0c000000-0000-4000-8000-000000000002',
  completed: '0c000000-0000-4000-8000-000000000003',
  deleted: '0c000000-0000-4000-8000-000000000004',
}
const t0 = new Date('2026-01-01T00:00:00.000Z')
const t1 = new Date('2026-01-02T00:00:00.000Z')
const t2 = new Date('2026-01-03T00:00:00.000Z')

/** Rows as the 0001 release wrote them, through the back door. */
async function seedOldRelease(): Promise<void> {
  const s = `"${database.schema}"`
  const experiment = (
    id: string,
    feature: string,
    status: string,
    started: Date | null,
    ended: Date | null,
    deleted: Date | null,
    version: number,
  ) =>
    database.query(
      `insert into ${s}.flag_experiments (id, environment_id, feature_id, name, hypothesis, status,
         created_at, updated_at, started_at, ended_at, deleted_at, version)
       values ($1, $2, $3, $4, 'Old hypothesis.', $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        DEV.id,
        feature,
        `Old ${status}`,
        status,
        t0,
        ended ?? started ?? deleted ?? t0,
        started,
        ended,
        deleted,
        version,
      ],
    )
  await experiment(ids.created, '1', 'created', null, null, null, 1)
  await experiment(ids.running, '2', 'running', t1, null, null, 2)
  await experiment(ids.completed, '3', 'completed', t1, t2, null, 3)
  await experiment(ids.deleted, '3', 'created', null, null, t1, 2)
  const history = (id: string, from: string, to: string, at: Date) =>
    database.query(
      `insert into ${s}.flag_experiments_history (experiment_id, from_status, to_status, at, actor_type, actor_id)
       values ($1, $2, $3, $4, 'user', 'u1')`,
      [id, from, to, at],
    )
  await history(ids.running, 'created', 'running', t1)
  await history(ids.completed, 'created', 'running', t1)
  await history(ids.completed, 'running', 'completed', t2)
  for (const [id, action] of [
    [ids.created, 'created'],
    [ids.running, 'created'],
    [ids.running, 'started'],
    [ids.completed, 'completed'],
    [ids.deleted, 'deleted'],
  ] as const) {
    await database.query(
      `insert into ${s}.flag_experiments_audit (id, experiment_id, environment_id, project_id, action,
         actor_type, actor_id, message, changes, at)
       values (gen_random_uuid(), $1, $2, 'p1', $3, 'user', 'u1', 'old entry', '{"status": {"from": "created", "to": "running"}}', $4)`,
      [id, DEV.id, action, t1],
    )
  }
}

const UPGRADE_ROLLOUT = {
  trafficPercentage: 100,
  allocations: [
    { variant: 'control', weight: 50 },
    { variant: 'treatment', weight: 50 },
  ],
}

describe('upgrading a database migrated by 0001, with data in it', () => {
  it('applies the design migration and keeps every old row readable through the repository', async () => {
    await seedOldRelease()
    const applied = await migrateToLatest(database.db, { schema: database.schema })
    expect(applied[0]).toBe('0002_experiment_design')
    const { repository, auditLog } = createKyselyAdapters(database.db, { schema: database.schema })

    expect(await repository.find(DEV.id, ids.created)).toEqual({
      id: ids.created,
      environmentId: DEV.id,
      featureId: '1',
      name: 'Old created',
      hypothesis: 'Old hypothesis.',
      status: 'created',
      createdAt: t0,
      updatedAt: t0,
      startedAt: null,
      endedAt: null,
      version: 1,
      deletedAt: null,
      metrics: [],
      rollout: UPGRADE_ROLLOUT,
      analysis: DEFAULT_EXPERIMENT_ANALYSIS,
      scheduledStartAt: null,
      scheduledEndAt: null,
      environmentKey: null,
      history: [],
    })
    expect(await repository.find(DEV.id, ids.completed)).toMatchObject({
      status: 'completed',
      startedAt: t1,
      endedAt: t2,
      version: 3,
      metrics: [],
      rollout: UPGRADE_ROLLOUT,
      history: [
        { from: 'created', to: 'running', at: t1, actor: { type: 'user', id: 'u1' } },
        { from: 'running', to: 'completed', at: t2, actor: { type: 'user', id: 'u1' } },
      ],
    })
    expect(await repository.find(DEV.id, ids.deleted)).toBeNull()
    expect(await repository.find(DEV.id, ids.deleted, { includeDeleted: true })).toMatchObject({
      deletedAt: t1,
      rollout: UPGRADE_ROLLOUT,
    })

    const page = await repository.list({
      environmentId: DEV.id,
      statuses: null,
      featureId: null,
      nameContains: null,
      after: null,
      limit: 10,
    })
    expect(page.items.map((e) => e.id).sort()).toEqual([ids.created, ids.running, ids.completed].sort())
    expect(page.statusCounts).toEqual({ created: 1, running: 1, paused: 0, completed: 1 })

    const entries = await auditLog.entries()
    expect(entries).toHaveLength(5)
    for (const entry of entries) {
      expect(entry.subject).toEqual({ type: 'experiment', id: entry.experimentId })
      expect(entry.changes).toEqual({ status: { from: 'created', to: 'running' } })
    }
    expect((await auditLog.entries(ids.running)).map((e) => e.action)).toEqual(['created', 'started'])
  })

  it('lets the service go on with old experiments under the design rules', async () => {
    await seedOldRelease()
    await migrateToLatest(database.db, { schema: database.schema })
    const adapters = createKyselyAdapters(database.db, { schema: database.schema })
    const service = serviceWith(adapters)
    const metric = (
      await service.createMetric(ACTOR, 'dev', {
        name: 'Checkout',
        event: 'checkout',
        aggregation: 'occurrence',
        direction: 'up',
      })
    )._unsafeUnwrap()
    const designed = await service.setMetrics(ACTOR, 'dev', ids.created, {
      metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
    })
    expect(designed._unsafeUnwrap()).toMatchObject({
      version: 2,
      metrics: [{ metricId: metric.id, name: 'Checkout' }],
    })
    const split = {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 20 },
        { variant: 'treatment', weight: 80 },
      ],
    }
    expect((await service.setRollout(ACTOR, 'dev', ids.created, split))._unsafeUnwrap().rollout).toEqual(
      split,
    )
    expect((await service.setRollout(ACTOR, 'dev', ids.running, split))._unsafeUnwrapErr().code).toBe(
      'allocation_locked',
    )
    const ramp = { ...UPGRADE_ROLLOUT, trafficPercentage: 10 }
    expect((await service.setRollout(ACTOR, 'dev', ids.running, ramp))._unsafeUnwrap()).toMatchObject({
      version: 3,
      rollout: ramp,
    })
    expect((await service.deleteMetric(ACTOR, 'dev', metric.id))._unsafeUnwrapErr().code).toBe(
      'metric_in_use',
    )
    expect((await adapters.auditLog.entries(ids.running)).map((e) => e.action)).toEqual([
      'created',
      'started',
      'rollout_changed',
    ])
  })

  it('holds the new checks on old rows', async () => {
    await seedOldRelease()
    await migrateToLatest(database.db, { schema: database.schema })
    const s = `"${database.schema}"`
    await expect(
      database.query(
        `update ${s}.flag_experiments set allocations = '[{"variant": "control", "weight": 100}]' where id = $1`,
        [ids.created],
      ),
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      database.query(`update ${s}.flag_experiments set traffic_percentage = 100.5 where id = $1`, [
        ids.created,
      ]),
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      database.query(`update ${s}.flag_experiments_audit set subject_id = $1 where experiment_id = $2`, [
        ids.created,
        ids.running,
      ]),
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      database.query(`update ${s}.flag_experiments_audit set experiment_id = null where experiment_id = $1`, [
        ids.running,
      ]),
    ).rejects.toMatchObject({ code: '23514' })
  })

  it('migrates back down to 0001 and up again, the old rows intact', async () => {
    await seedOldRelease()
    await migrateToLatest(database.db, { schema: database.schema })
    await migrateTo(database, '0001_experiments_history_audit')
    const columns = await database.query<{ name: string }>(
      `select column_name as name from information_schema.columns where table_schema = $1 and table_name = 'flag_experiments'`,
      [database.schema],
    )
    expect(columns.map((c) => c.name)).not.toContain('allocations')
    await migrateToLatest(database.db, { schema: database.schema })
    const { repository } = createKyselyAdapters(database.db, { schema: database.schema })
    expect(await repository.find(DEV.id, ids.running)).toMatchObject({
      status: 'running',
      version: 2,
      rollout: UPGRADE_ROLLOUT,
    })
  })
})
