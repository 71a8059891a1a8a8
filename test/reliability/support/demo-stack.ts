import {
  demoFeatureLookup,
  demoPermissions,
  authenticateBearer,
  demoEnvironments,
} from '../../../demo/fixture.js'
import { createHttpHandler, type HttpHandler } from '../../../src/http.js'
import { createExperimentService, type Actor, type ExperimentService } from '../../../src/index.js'
import { createKyselyAdapters } from '../../../src/kysely.js'
import { createManualClock, type ManualClock } from '../../../src/memory.js'
import { openTestDatabase, type TestDatabase } from '../../support/database.js'
import { readStoredRows, type StoredRows } from '../../support/stored-state.js'

/** The demo's HTTP API on its fixture (demo/fixture.ts), over the Kysely adapters on a fresh database. */
export interface DemoStack {
  readonly database: TestDatabase
  readonly service: ExperimentService
  readonly handler: HttpHandler
  readonly clock: ManualClock
  /** Every value the handler reported through `onError` (500s and 503s). */
  readonly reported: unknown[]
  /** Experiments seeded in every environment, by `<environment key>:<feature id>:<status>`. */
  readonly seeded: Readonly<Record<string, string>>
  /** One cheap value that changes whenever anything stored changes. */
  fingerprint(): Promise<Fingerprint>
  /** Every stored experiment and audit entry of the fixture's environments. */
  stored(): Promise<StoredRows>
  close(): Promise<void>
}

/** Counts of audit entries and history rows and a digest of every experiment, metric and link row. */
export interface Fingerprint {
  readonly audit: number
  readonly history: number
  readonly rows: string
  /** A digest of every audit entry. */
  readonly entries: string
  /**
   * A digest of every stored exposure and event. Stored final results are left out: they are a
   * cache a read may fill, never a change.
   */
  readonly data: string
}

export const BASE_PATH = '/api/v1'
const seeder: Actor = { type: 'system', id: 'seed' }

/**
 * Opens the stack and seeds, through a permissive second service, one experiment per state in
 * each environment (the disabled one included), so that every route has real targets.
 */
export async function openDemoStack(): Promise<DemoStack> {
  const database = await openTestDatabase()
  const { repository, metrics, experimentData, auditFeed } = createKyselyAdapters(database.db, {
    schema: database.schema,
  })
  const clock = createManualClock('2026-01-01T00:00:00.000Z')
  const service = createExperimentService({
    repository,
    metrics,
    experimentData,
    auditFeed,
    features: demoFeatureLookup,
    permissions: demoPermissions,
    clock,
  })
  const reported: unknown[] = []
  const handler = createHttpHandler({
    service,
    authenticate: authenticateBearer,
    basePath: BASE_PATH,
    onError: (e) => reported.push(e),
  })
  const permissive = createExperimentService({
    repository,
    metrics,
    experimentData,
    features: demoFeatureLookup,
    permissions: { isEnabled: () => Promise.resolve(true), can: () => Promise.resolve(true) },
    clock,
  })
  const seeded: Record<string, string> = {}
  const plan: [string, string, ('start' | 'pause' | 'complete' | 'delete')[]][] = [
    ['dev', '1', ['start']],
    ['dev', '4', ['start', 'pause']],
    ['prod', '1', []],
    ['prod', '4', ['start', 'complete']],
    ['other', '3', ['delete']],
    ['off', '5', ['start']],
  ]
  for (const [env, feature, actions] of plan) {
    const created = await permissive.create(seeder, env, {
      feature,
      name: `Seed ${env} ${feature}`,
      hypothesis: 'seeded',
    })
    if (created.isErr()) throw new Error(`seeding failed: ${created.error.code}`)
    for (const action of actions) {
      clock.advance(1000)
      const done = await permissive[action](seeder, env, created.value.id)
      if (done.isErr()) throw new Error(`seeding ${action} failed: ${done.error.code}`)
    }
    seeded[`${env}:${feature}`] = created.value.id
  }
  const t = (name: string) => `"${database.schema}"."${name}"`
  return {
    database,
    service,
    handler,
    clock,
    reported,
    seeded,
    fingerprint: async () => {
      const [row] = await database.query<{
        audit: number
        history: number
        rows: string
        entries: string
        data: string
      }>(
        `select (select count(*)::int from ${t('flag_experiments_audit')}) as audit,
                (select count(*)::int from ${t('flag_experiments_history')}) as history,
                (select coalesce(md5(string_agg(e::text, '|' order by e.id)), '') from ${t('flag_experiments')} e)
                  || (select coalesce(md5(string_agg(m::text, '|' order by m.id)), '') from ${t('flag_experiments_metrics')} m)
                  || (select coalesce(md5(string_agg(l::text, '|' order by l.experiment_id, l.position)), '')
                        from ${t('flag_experiments_experiment_metrics')} l) as rows,
                (select coalesce(md5(string_agg(a::text, '|' order by a.seq)), '') from ${t('flag_experiments_audit')} a) as entries,
                (select coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from ${t('flag_experiments_exposures')} x)
                  || (select coalesce(md5(string_agg(v::text, '|' order by v::text)), '') from ${t('flag_experiments_events')} v) as data`,
      )
      return {
        audit: Number(row?.audit),
        history: Number(row?.history),
        rows: String(row?.rows),
        entries: String(row?.entries),
        data: String(row?.data),
      }
    },
    stored: () =>
      readStoredRows(
        database,
        demoEnvironments.map((e) => e.id),
      ),
    close: () => database.close(),
  }
}
