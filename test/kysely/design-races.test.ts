import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExperimentService } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { openRacingServices } from './kysely-fixture.js'

/**
 * The design's races, between two service instances on two pools of one database: what the
 * database must decide (a delete racing an attach, a rename racing a create) and what the
 * compare-and-set decides (two design writes from one version, a start racing a new split). On
 * PGlite (one connection) a smaller run that still takes every code path.
 */
const onServer = Boolean(process.env.DATABASE_URL)
const sizes = onServer ? { rounds: 40, attachers: 4, racers: 6 } : { rounds: 4, attachers: 3, racers: 4 }
const actor = { type: 'user', id: 'racer' } as const
const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
const features = Array.from({ length: 400 }, (_, i) => ({
  id: String(i),
  name: `f${i}`,
  projectId: 'p1',
  type: 'multivariate' as const,
}))
const metricInput = (name: string) =>
  ({ name, event: 'checkout', aggregation: 'occurrence', direction: 'up' }) as const
const split = (control: number) => ({
  trafficPercentage: 100,
  allocations: [
    { variant: 'control', weight: control },
    { variant: 'treatment', weight: 100 - control },
  ],
})

describe.each(['library audit table', 'host audit sink'] as const)(
  `design races between two service instances on ${onServer ? 'Postgres, two pools' : 'PGlite, one connection'}: %s`,
  (audit) => {
    let database: TestDatabase
    let services: [ExperimentService, ExperimentService]
    let nextFeature = 0
    const s = () => `"${database.schema}"`

    /** Audit actions stored about one subject, oldest first, in whichever table they go to. */
    const auditActions = async (subjectId: string) => {
      const rows =
        audit === 'library audit table'
          ? await database.query<{ action: string }>(
              `select action from ${s()}.flag_experiments_audit where subject_id = $1 order by seq`,
              [subjectId],
            )
          : await database.query<{ action: string }>(
              `select entry->>'action' as action from ${s()}.host_audit where subject_id = $1 order by seq`,
              [subjectId],
            )
      return rows.map((row) => row.action)
    }
    const newExperiment = async (name: string) =>
      (
        await services[0].create(actor, 'dev', {
          feature: String(nextFeature++),
          name,
          hypothesis: 'Races.',
        })
      )._unsafeUnwrap()

    beforeAll(async () => {
      database = await openTestDatabase()
      services = await openRacingServices(database, audit, { environments: [environment], features })
    })

    afterAll(async () => {
      // Whatever the races did, no open experiment lists a deleted metric.
      const stale = await database.query(
        `select l.experiment_id from ${s()}.flag_experiments_experiment_metrics l
         join ${s()}.flag_experiments e on e.id = l.experiment_id
         join ${s()}.flag_experiments_metrics m on m.id = l.metric_id
         where m.deleted_at is not null and e.status <> 'completed' and e.deleted_at is null`,
      )
      expect(stale).toEqual([])
      await database.close()
    })

    it(`${sizes.rounds} rounds of a metric delete against ${sizes.attachers} attaches: one side wins whole`, async () => {
      let deletes = 0
      for (let round = 0; round < sizes.rounds; round++) {
        const metric = (
          await services[0].createMetric(actor, 'dev', metricInput(`Race ${round}`))
        )._unsafeUnwrap()
        const experiments = await Promise.all(
          Array.from({ length: sizes.attachers }, (_, i) => newExperiment(`Attach ${round}.${i}`)),
        )
        const attach = (id: string, i: number) =>
          services[(round + i) % 2]!.setMetrics(actor, 'dev', id, {
            metrics: [
              {
                metric: metric.id,
                role: i % 2 === 0 ? 'primary' : 'guardrail',
                expectedDirection: i % 2 === 0 ? 'increase' : 'not_increase',
              },
            ],
          })
        const [deleted, ...attached] = await Promise.all([
          services[(round + 1) % 2]!.deleteMetric(actor, 'dev', metric.id),
          ...experiments.map((e, i) => attach(e.id, i)),
        ])
        if (deleted.isOk()) {
          deletes++
          expect(attached.map((r) => r._unsafeUnwrapErr().code)).toEqual(
            experiments.map(() => 'metric_not_found'),
          )
          expect(await auditActions(metric.id)).toEqual(['metric_created', 'metric_deleted'])
        } else {
          expect(deleted._unsafeUnwrapErr().code).toBe('metric_in_use')
          expect(attached.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).toEqual([])
          expect(await auditActions(metric.id)).toEqual(['metric_created'])
        }
        for (const [i, e] of experiments.entries()) {
          const stored = (await services[1].get(actor, 'dev', e.id))._unsafeUnwrap()
          expect(stored.metrics.map((m) => m.metricId)).toEqual(attached[i]!.isOk() ? [metric.id] : [])
          expect(stored.version).toBe(attached[i]!.isOk() ? 2 : 1)
          expect(await auditActions(e.id)).toEqual(
            attached[i]!.isOk() ? ['created', 'metrics_changed'] : ['created'],
          )
        }
      }
      // Both sides must be able to win; on one connection the order is fixed, so only on a server.
      if (onServer) expect(deletes).toBeGreaterThan(0)
    })

    it(`${sizes.rounds} rounds of a metric delete against a restore of a deleted experiment listing it: one wins`, async () => {
      const wins = { delete: 0, restore: 0 }
      for (let round = 0; round < sizes.rounds; round++) {
        const metric = (
          await services[0].createMetric(actor, 'dev', metricInput(`Restore race ${round}`))
        )._unsafeUnwrap()
        const experiment = (
          await services[0].create(actor, 'dev', {
            feature: String(nextFeature++),
            name: `Restore ${round}`,
            hypothesis: 'Races.',
            metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
          })
        )._unsafeUnwrap()
        ;(await services[0].delete(actor, 'dev', experiment.id))._unsafeUnwrap()
        const [deleted, restored] = await Promise.all([
          services[round % 2]!.deleteMetric(actor, 'dev', metric.id),
          services[(round + 1) % 2]!.restore(actor, 'dev', experiment.id),
        ])
        if (deleted.isOk()) {
          wins.delete++
          expect(restored._unsafeUnwrapErr()).toMatchObject({ code: 'metric_not_found', metricId: metric.id })
          expect(await auditActions(experiment.id)).toEqual(['created', 'deleted'])
        } else {
          wins.restore++
          expect(deleted._unsafeUnwrapErr().code).toBe('metric_in_use')
          expect(restored._unsafeUnwrap().metrics.map((m) => m.metricId)).toEqual([metric.id])
          expect(await auditActions(experiment.id)).toEqual(['created', 'deleted', 'restored'])
        }
      }
      expect(wins.delete + wins.restore).toBe(sizes.rounds)
    })

    it(`${sizes.rounds} rounds of ${sizes.racers} design PUTs from one If-Match: one wins, the rest version_mismatch`, async () => {
      const metric = (
        await services[0].createMetric(actor, 'dev', metricInput('Shared goal'))
      )._unsafeUnwrap()
      for (let round = 0; round < sizes.rounds; round++) {
        const { id } = await newExperiment(`Design ${round}`)
        const results = await Promise.all(
          Array.from({ length: sizes.racers }, (_, i) =>
            i % 2 === 0
              ? services[i % 2]!.setRollout(actor, 'dev', id, split(10 + i), { expectedVersion: 1 })
              : services[i % 2]!.setMetrics(
                  actor,
                  'dev',
                  id,
                  {
                    metrics: [
                      {
                        metric: metric.id,
                        role: 'secondary',
                        expectedDirection: i % 4 === 1 ? 'increase' : 'decrease',
                      },
                    ],
                  },
                  { expectedVersion: 1 },
                ),
          ),
        )
        const winners = results.filter((r) => r.isOk()).map((r) => r._unsafeUnwrap())
        expect(winners).toHaveLength(1)
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual(
          Array.from({ length: sizes.racers - 1 }, () => 'version_mismatch'),
        )
        const stored = (await services[1].get(actor, 'dev', id))._unsafeUnwrap()
        expect(stored).toMatchObject({
          version: 2,
          rollout: winners[0]!.rollout,
          metrics: winners[0]!.metrics,
        })
        expect((await auditActions(id)).length).toBe(2)
      }
    })

    it(`${sizes.rounds} rounds of start against a new split: the split it starts with is the one it keeps`, async () => {
      for (let round = 0; round < sizes.rounds; round++) {
        const { id } = await newExperiment(`Start ${round}`)
        const wanted = split(30)
        const [started, changed] = await Promise.all([
          services[round % 2]!.start(actor, 'dev', id),
          services[(round + 1) % 2]!.setRollout(actor, 'dev', id, wanted),
        ])
        expect(started._unsafeUnwrap().status).toBe('running')
        const stored = (await services[1].get(actor, 'dev', id))._unsafeUnwrap()
        if (changed.isOk()) {
          expect(stored.rollout).toEqual(wanted)
          expect(await auditActions(id)).toEqual(['created', 'rollout_changed', 'started'])
        } else {
          expect(changed._unsafeUnwrapErr().code).toBe('allocation_locked')
          expect(stored.rollout).toEqual(split(50))
          expect(await auditActions(id)).toEqual(['created', 'started'])
        }
        expect(started._unsafeUnwrap().rollout).toEqual(stored.rollout)
      }
    })

    it(`${sizes.rounds} rounds of a metric rename against a create of the same name: exactly one gets it`, async () => {
      for (let round = 0; round < sizes.rounds; round++) {
        const existing = (
          await services[0].createMetric(actor, 'dev', metricInput(`Old name ${round}`))
        )._unsafeUnwrap()
        const name = `Wanted name ${round}`
        const [renamed, created] = await Promise.all([
          services[round % 2]!.updateMetric(actor, 'dev', existing.id, { name }),
          services[(round + 1) % 2]!.createMetric(actor, 'dev', metricInput(name.toUpperCase())),
        ])
        const results = [renamed, created]
        expect(results.filter((r) => r.isOk())).toHaveLength(1)
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().code)).toEqual([
          'metric_name_taken',
        ])
        const holders = await database.query(
          `select id from ${s()}.flag_experiments_metrics
           where environment_id = $1 and lower(name) = lower($2) and deleted_at is null`,
          [environment.id, name],
        )
        expect(holders).toHaveLength(1)
        expect(await auditActions(existing.id)).toEqual(
          renamed.isOk() ? ['metric_created', 'metric_updated'] : ['metric_created'],
        )
      }
    })
  },
)
