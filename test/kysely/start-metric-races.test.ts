import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExperimentService } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { openRacingServices } from './kysely-fixture.js'

/**
 * A start racing a change of what one of its metrics measures (`event`, `aggregation`): the
 * change is refused once the experiment has started, so the start must hold its metrics until it
 * commits. Either the change commits first (the experiment starts measuring the new way) or it is
 * refused with `metric_in_use`; a running experiment never sees its metric change. Two service
 * instances on two pools of one database; on PGlite (one connection) a smaller run that still
 * takes every code path, and the held-transaction cases only on a server.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const rounds = onServer ? 60 : 4
const actor = { type: 'user', id: 'racer' } as const
const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
const features = Array.from({ length: 2 * rounds + 10 }, (_, i) => ({
  id: String(i),
  name: `f${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))

describe.each(['library audit table', 'host audit sink'] as const)(
  `a start racing its metric's aggregation change on ${onServer ? 'Postgres, two pools' : 'PGlite, one connection'}: %s`,
  (audit) => {
    let database: TestDatabase
    let services: [ExperimentService, ExperimentService]
    let nextFeature = 0
    const s = () => `"${database.schema}"`

    /** Every audit entry about either subject, in the order they were stored, as `action`. */
    const auditOrder = async (experimentId: string, metricId: string) => {
      const rows =
        audit === 'library audit table'
          ? await database.query<{ action: string }>(
              `select action from ${s()}.flag_experiments_audit where subject_id in ($1, $2) order by seq`,
              [experimentId, metricId],
            )
          : await database.query<{ action: string }>(
              `select entry->>'action' as action from ${s()}.host_audit
               where subject_id in ($1, $2) order by seq`,
              [experimentId, metricId],
            )
      return rows.map((row) => row.action)
    }

    /** A metric counted by occurrence, and a created experiment listing it as its primary. */
    const experimentWithMetric = async (name: string) => {
      const metric = (
        await services[0].createMetric(actor, 'dev', {
          name,
          event: 'checkout',
          aggregation: 'occurrence',
          direction: 'up',
        })
      )._unsafeUnwrap()
      const experiment = (
        await services[0].create(actor, 'dev', {
          feature: String(nextFeature++),
          name,
          hypothesis: 'Races.',
          metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
        })
      )._unsafeUnwrap()
      return { metric, experiment }
    }

    const aggregationOf = async (metricId: string) =>
      (await services[1].getMetric(actor, 'dev', metricId))._unsafeUnwrap().aggregation

    /** Resolves once a backend of this schema's database waits on a row lock, or `done` settles. */
    const blockedOrDone = async (done: Promise<unknown>) => {
      let settled = false
      void done.then(() => (settled = true))
      while (!settled) {
        const waiting = await database.query(
          `select pid from pg_stat_activity
           where wait_event_type = 'Lock' and datname = current_database() and query like $1`,
          [`%${database.schema}%`],
        )
        if (waiting.length > 0) return 'blocked'
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      return 'done'
    }

    beforeAll(async () => {
      database = await openTestDatabase()
      services = await openRacingServices(database, audit, { environments: [environment], features })
    })

    afterAll(async () => {
      await database.close()
    })

    it(`${rounds} rounds: the change is refused, or stored before the start`, async () => {
      const wins = { change: 0, start: 0 }
      for (let round = 0; round < rounds; round++) {
        const { metric, experiment } = await experimentWithMetric(`Race ${round}`)
        const [started, changed] = await Promise.all([
          services[round % 2]!.start(actor, 'dev', experiment.id),
          services[(round + 1) % 2]!.updateMetric(actor, 'dev', metric.id, { aggregation: 'count' }),
        ])
        expect(started._unsafeUnwrap().status).toBe('running')
        const order = await auditOrder(experiment.id, metric.id)
        if (changed.isOk()) {
          wins.change++
          expect(order).toEqual(['metric_created', 'created', 'metric_updated', 'started'])
          expect(await aggregationOf(metric.id)).toBe('count')
        } else {
          wins.start++
          expect(changed._unsafeUnwrapErr()).toMatchObject({
            code: 'metric_in_use',
            metricId: metric.id,
            experimentIds: [experiment.id],
          })
          expect(order).toEqual(['metric_created', 'created', 'started'])
          expect(await aggregationOf(metric.id)).toBe('occurrence')
        }
      }
      expect(wins.change + wins.start).toBe(rounds)
    })

    // Holding a transaction open needs a second connection, which PGlite does not have.
    if (!onServer) return

    it('a change waiting on a start in flight is refused once the start commits', async () => {
      const { metric, experiment } = await experimentWithMetric('Held start')
      let changedWhileHeld = false
      let change: Promise<Awaited<ReturnType<ExperimentService['updateMetric']>>> | undefined
      await database.db.transaction().execute(async (trx) => {
        // The start's row change, held uncommitted while the metric change arrives.
        await sql`update ${sql.id(database.schema, 'flag_experiments')}
          set status = 'running', started_at = now(), updated_at = now(), version = version + 1
          where id = ${experiment.id}::uuid`.execute(trx)
        change = (async () => services[1].updateMetric(actor, 'dev', metric.id, { aggregation: 'count' }))()
        changedWhileHeld = (await blockedOrDone(change)) === 'done'
      })
      expect(changedWhileHeld).toBe(false)
      const changed = await change!
      expect(changed._unsafeUnwrapErr()).toMatchObject({ code: 'metric_in_use', metricId: metric.id })
      expect(await aggregationOf(metric.id)).toBe('occurrence')
    })

    it('a start waiting on a metric change in flight commits after it', async () => {
      const { metric, experiment } = await experimentWithMetric('Held change')
      let startedWhileHeld = false
      let start: Promise<Awaited<ReturnType<ExperimentService['start']>>> | undefined
      await database.db.transaction().execute(async (trx) => {
        await sql`update ${sql.id(database.schema, 'flag_experiments_metrics')}
          set aggregation = 'count', version = version + 1 where id = ${metric.id}::uuid`.execute(trx)
        start = (async () => services[1].start(actor, 'dev', experiment.id))()
        startedWhileHeld = (await blockedOrDone(start)) === 'done'
      })
      expect(startedWhileHeld).toBe(false)
      expect((await start!)._unsafeUnwrap().status).toBe('running')
      expect(await aggregationOf(metric.id)).toBe('count')
    })
  },
)
