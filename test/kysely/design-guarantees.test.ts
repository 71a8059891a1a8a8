import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_EXPERIMENT_ANALYSIS,
  type AuditEntry,
  type Experiment,
  type ExperimentMetric,
  type Metric,
} from '../../src/index.js'
import { createKyselyAdapters, type KyselyAdapters, type KyselyAuditLog } from '../../src/kysely.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'

/*
 * The design's rules the database keeps on its own, whatever a caller decided on stale state:
 * writes built by hand, as a service that lost a race would send them.
 */

let database: TestDatabase
beforeEach(async () => {
  database = await openTestDatabase()
})
afterEach(async () => {
  await database.close()
})

const onServer = Boolean(process.env.DATABASE_URL)
const ENV = 'env-guarantees'
const at = new Date('2026-01-01T00:00:00.000Z')
const actor = { type: 'user', id: 'u1' } as const

function entry(type: 'experiment' | 'metric', id: string, action: AuditEntry['action']): AuditEntry {
  return {
    id: crypto.randomUUID(),
    at,
    action,
    actor,
    subject: { type, id },
    experimentId: type === 'experiment' ? id : null,
    environmentId: ENV,
    projectId: 'p1',
    message: action,
    changes: {},
  }
}

function newMetric(name: string, environmentId = ENV): Metric {
  return {
    id: crypto.randomUUID(),
    environmentId,
    name,
    description: '',
    event: 'checkout',
    aggregation: 'occurrence',
    direction: 'up',
    createdAt: at,
    updatedAt: at,
    version: 1,
    deletedAt: null,
  }
}

let features = 0
function newExperiment(metrics: readonly ExperimentMetric[] = []): Experiment {
  return {
    id: crypto.randomUUID(),
    environmentId: ENV,
    featureId: String(features++),
    name: 'Guarded',
    hypothesis: 'The database keeps the rules.',
    status: 'created',
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    endedAt: null,
    version: 1,
    deletedAt: null,
    scheduledStartAt: null,
    scheduledEndAt: null,
    environmentKey: null,
    analysis: DEFAULT_EXPERIMENT_ANALYSIS,
    metrics,
    rollout: {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    },
  }
}

const primary = (metric: Metric): ExperimentMetric => ({
  metricId: metric.id,
  role: 'primary',
  expectedDirection: 'increase',
})

type Ports = KyselyAdapters<KyselyAuditLog>

async function insertMetric(ports: Ports, metric: Metric) {
  return ports.metrics.write({ kind: 'insert', metric, audit: entry('metric', metric.id, 'metric_created') })
}
async function insertExperiment(ports: Ports, experiment: Experiment) {
  return ports.repository.write({
    kind: 'insert',
    experiment,
    audit: entry('experiment', experiment.id, 'created'),
  })
}
function changeMetric(ports: Ports, metric: Metric, change: Partial<Metric>) {
  return ports.metrics.write({
    kind: 'update',
    metric: { ...metric, ...change, version: metric.version + 1 },
    storedVersion: metric.version,
    audit: entry('metric', metric.id, change.deletedAt ? 'metric_deleted' : 'metric_updated'),
  })
}
function changeExperiment(ports: Ports, experiment: Experiment, change: Partial<Experiment>) {
  return ports.repository.write({
    kind: 'update',
    experiment: { ...experiment, ...change, version: experiment.version + 1 },
    storedVersion: experiment.version,
    audit: entry('experiment', experiment.id, 'metrics_changed'),
    statusChange: null,
  })
}

describe('the metric catalogue in the database', () => {
  it('refuses to attach a missing, deleted or foreign metric: metric_unavailable, nothing written', async () => {
    const ports = createKyselyAdapters(database.db, { schema: database.schema })
    const deleted = { ...newMetric('Gone'), deletedAt: at }
    const foreign = newMetric('Elsewhere', 'env-other')
    expect(await insertMetric(ports, deleted)).toBe('written')
    expect(await insertMetric(ports, foreign)).toBe('written')
    for (const metric of [newMetric('Never stored'), deleted, foreign]) {
      const experiment = newExperiment([primary(metric)])
      expect(await insertExperiment(ports, experiment)).toBe('metric_unavailable')
      expect(await ports.repository.find(ENV, experiment.id)).toBeNull()
      const bare = newExperiment()
      expect(await insertExperiment(ports, bare)).toBe('written')
      expect(await changeExperiment(ports, bare, { metrics: [primary(metric)] })).toBe('metric_unavailable')
      expect(await ports.repository.find(ENV, bare.id)).toMatchObject({ version: 1, metrics: [] })
      expect(await ports.auditLog.entries(bare.id)).toHaveLength(1)
    }
  })

  it('refuses to delete a metric an open experiment lists, or to change what a started one counts', async () => {
    const ports = createKyselyAdapters(database.db, { schema: database.schema })
    const metric = newMetric('Checkout')
    await insertMetric(ports, metric)
    const experiment = newExperiment([primary(metric)])
    expect(await insertExperiment(ports, experiment)).toBe('written')
    expect(await changeMetric(ports, metric, { deletedAt: at })).toBe('in_use')
    expect(await changeMetric(ports, metric, { event: 'purchase', aggregation: 'count' })).toBe('written')
    const renamed = { ...metric, event: 'purchase', aggregation: 'count' as const, version: 2 }
    const running = { ...experiment, status: 'running' as const, startedAt: at }
    expect(await changeExperiment(ports, experiment, running)).toBe('written')
    expect(await changeMetric(ports, renamed, { event: 'checkout' })).toBe('in_use')
    expect(await changeMetric(ports, renamed, { aggregation: 'sum' })).toBe('in_use')
    expect(await changeMetric(ports, renamed, { name: 'Renamed', direction: 'down' })).toBe('written')
    const after = await ports.metrics.find(ENV, metric.id)
    expect(after).toMatchObject({ name: 'Renamed', event: 'purchase', version: 3 })
    expect(after?.usedBy).toEqual([{ id: experiment.id, name: 'Guarded', status: 'running' }])
    expect((await ports.repository.find(ENV, experiment.id))?.metrics).toEqual([
      { ...primary(metric), name: 'Renamed', event: 'purchase', aggregation: 'count' },
    ])
  })

  it('lets a completed experiment keep a metric deleted after it, and a deleted experiment release it', async () => {
    const ports = createKyselyAdapters(database.db, { schema: database.schema })
    const metric = newMetric('Kept')
    await insertMetric(ports, metric)
    const done = newExperiment([primary(metric)])
    const dropped = newExperiment([primary(metric)])
    await insertExperiment(ports, done)
    await insertExperiment(ports, dropped)
    await changeExperiment(ports, done, { status: 'completed', startedAt: at, endedAt: at })
    expect(await changeMetric(ports, metric, { deletedAt: at })).toBe('in_use')
    await changeExperiment(ports, dropped, { deletedAt: at })
    expect(await changeMetric(ports, metric, { deletedAt: at })).toBe('written')
    expect((await ports.repository.find(ENV, done.id))?.metrics).toEqual([
      { ...primary(metric), name: 'Kept', event: 'checkout', aggregation: 'occurrence' },
    ])
    expect(await ports.metrics.find(ENV, metric.id)).toBeNull()
    expect(await ports.metrics.find(ENV, metric.id, { includeDeleted: true })).toMatchObject({
      deletedAt: at,
      usedBy: [{ id: done.id, status: 'completed' }],
    })
  })

  it('keeps names unique among live metrics ignoring case; a deleted one frees its name until restored', async () => {
    const ports = createKyselyAdapters(database.db, { schema: database.schema })
    const first = newMetric('Revenue')
    await insertMetric(ports, first)
    expect(await insertMetric(ports, newMetric('REVENUE'))).toBe('name_taken')
    expect(await insertMetric(ports, newMetric('Revenue', 'env-other'))).toBe('written')
    expect(await changeMetric(ports, first, { deletedAt: at })).toBe('written')
    const second = newMetric('revenue')
    expect(await insertMetric(ports, second)).toBe('written')
    expect(await changeMetric(ports, { ...first, deletedAt: at, version: 2 }, { deletedAt: null })).toBe(
      'name_taken',
    )
    expect(await changeMetric(ports, first, { name: 'Other' })).toBe('version_conflict')
    expect(
      (await ports.metrics.list({ environmentId: ENV, nameContains: null, after: null, limit: 10 })).map(
        (m) => m.id,
      ),
    ).toEqual([second.id])
  })

  it('finds metrics in the order asked, lists them newest first by pages, and searches names literally', async () => {
    const ports = createKyselyAdapters(database.db, { schema: database.schema })
    const names = ['100% sure', '100 percent', 'snake_case', 'snakeXcase', 'back\\slash']
    const metrics = names.map((name, i) => ({
      ...newMetric(name),
      createdAt: new Date(at.getTime() + i * 1000),
    }))
    for (const metric of metrics) await insertMetric(ports, { ...metric, updatedAt: metric.createdAt })
    const ids = metrics.map((m) => m.id)
    expect(
      (await ports.metrics.findMany(ENV, [ids[3]!, crypto.randomUUID(), ids[0]!])).map((m) => m.id),
    ).toEqual([ids[3], ids[0]])
    const search = async (q: string) =>
      (await ports.metrics.list({ environmentId: ENV, nameContains: q, after: null, limit: 10 })).map(
        (m) => m.name,
      )
    expect(await search('0%')).toEqual(['100% sure'])
    expect(await search('_')).toEqual(['snake_case'])
    expect(await search('\\')).toEqual(['back\\slash'])
    expect(await search('SNAKE')).toEqual(['snakeXcase', 'snake_case'])
    const first = await ports.metrics.list({ environmentId: ENV, nameContains: null, after: null, limit: 2 })
    const last = first.at(-1)!
    const next = await ports.metrics.list({
      environmentId: ENV,
      nameContains: null,
      after: { createdAt: last.createdAt, id: last.id },
      limit: 10,
    })
    expect([...first, ...next].map((m) => m.id)).toEqual([...ids].reverse())
  })
})

describe('a metric delete racing an attach, both decided on the same stale state', () => {
  const rounds = onServer ? 60 : 6

  it(`${rounds} rounds: exactly one is written, the other refused by the database`, async () => {
    const left = createKyselyAdapters(database.db, { schema: database.schema })
    const right = createKyselyAdapters(database.openSecondPool(), { schema: database.schema })
    const wins = { delete: 0, attach: 0 }
    for (let round = 0; round < rounds; round++) {
      const metric = newMetric(`Race ${round}`)
      await insertMetric(left, metric)
      const experiment = newExperiment()
      await insertExperiment(left, experiment)
      const [attached, deleted] = await Promise.all(
        round % 2 === 0
          ? [
              changeExperiment(left, experiment, { metrics: [primary(metric)] }),
              changeMetric(right, metric, { deletedAt: at }),
            ]
          : [
              changeExperiment(right, experiment, { metrics: [primary(metric)] }),
              changeMetric(left, metric, { deletedAt: at }),
            ],
      )
      expect([attached, deleted].filter((outcome) => outcome === 'written')).toHaveLength(1)
      if (deleted === 'written') {
        wins.delete++
        expect(attached).toBe('metric_unavailable')
      } else {
        wins.attach++
        expect(deleted).toBe('in_use')
      }
      const stored = await left.repository.find(ENV, experiment.id)
      expect(stored?.metrics.map((m) => m.metricId)).toEqual(attached === 'written' ? [metric.id] : [])
    }
    expect(wins.delete + wins.attach).toBe(rounds)
    console.log(`[design race] delete vs attach on stale state: ${JSON.stringify(wins)}`)
  })
})
