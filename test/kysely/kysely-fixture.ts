import { CamelCasePlugin, CompiledQuery, Migrator, sql, type Kysely, type Transaction } from 'kysely'
import {
  createExperimentService,
  type AuditLog,
  type ExperimentRepository,
  type ExperimentService,
  type MetricRepository,
} from '../../src/index.js'
import { createMemoryAdapters, type MemoryAdaptersOptions } from '../../src/memory.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import type { RepositoryFixture, ResultsHistoryFixture } from '../../src/testing.js'
import { experimentMigrations } from '../../src/adapters/kysely/experiment-migrations.js'
import { TABLE_NAMES } from '../../src/adapters/kysely/library-tables.js'
import type { TestDatabase } from '../support/database.js'
import { storedState, type BackDoor } from '../support/stored-state.js'

export { storedState, type BackDoor } from '../support/stored-state.js'

/**
 * Runs the library's migrations up to and including `name`, or back down to it, as a database an
 * older release left behind would be.
 */
export async function migrateTo(database: TestDatabase, name: string): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: experimentMigrations(database.schema),
    migrationTableName: TABLE_NAMES.migration,
    migrationLockTableName: TABLE_NAMES.migrationLock,
    migrationTableSchema: database.schema,
  })
  const { error } = await migrator.migrateTo(name)
  if (error !== undefined) throw new Error(`migrating to ${name} failed`, { cause: error })
}

/** Makes every insert into the library's audit table raise, as a broken audit store would. */
export async function breakLibraryAudit(database: BackDoor): Promise<void> {
  const s = `"${database.schema}"`
  await database.query(`create function ${s}.refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit store down'; end $$`)
  await database.query(`create trigger refuse_audit before insert on ${s}.flag_experiments_audit
    for each row execute function ${s}.refuse_audit()`)
}

/** A host's database types, written in camelCase as a host with `CamelCasePlugin` would. */
export interface HostDatabase {
  hostAudit: { subjectId: string; entry: string }
}

/** The host's own audit table, in the test schema. */
export async function createHostAuditTable(database: TestDatabase): Promise<void> {
  await sql`create table ${sql.id(database.schema, 'host_audit')} (
    seq bigint generated always as identity, subject_id uuid not null, entry jsonb not null)`.execute(
    database.db,
  )
}

/** A host's Kysely: camelCase plugin, its schema as the default. */
export function hostKysely(db: Kysely<unknown>, schema: string): Kysely<HostDatabase> {
  return (db as Kysely<HostDatabase>).withPlugin(new CamelCasePlugin()).withSchema(schema)
}

/**
 * A host's own audit sink, writing its table through its own camelCase Kysely, in the
 * transaction the repository hands it. After `break()` it rejects (after writing).
 */
export function createHostAuditLog(): { auditLog: AuditLog<Transaction<HostDatabase>>; break(): void } {
  let broken = false
  return {
    break: () => {
      broken = true
    },
    auditLog: {
      append: async (entry, trx) => {
        await trx
          .insertInto('hostAudit')
          .values({ subjectId: entry.subject.id, entry: JSON.stringify(entry) })
          .execute()
        if (broken) throw new Error('host audit sink down')
      },
    },
  }
}

/**
 * A repository fixture on a fresh schema: with the library's audit table, with a host's sink,
 * or with the library's audit table inside a host transaction that stays open for the whole
 * test (read through that transaction, rolled back at the end).
 */
export async function kyselyRepositoryFixture(
  database: TestDatabase,
  mode: 'library audit' | 'host audit' | 'host transaction',
): Promise<RepositoryFixture & ResultsHistoryFixture> {
  if (mode === 'library audit') {
    const { repository, metrics, resultsHistory } = createKyselyAdapters(database.db, {
      schema: database.schema,
    })
    return {
      repository,
      metrics,
      resultsHistory,
      stored: storedState(database, 'library'),
      breakAudit: () => breakLibraryAudit(database),
      close: () => database.close(),
    }
  }
  if (mode === 'host audit') {
    await createHostAuditTable(database)
    const host = createHostAuditLog()
    const db = hostKysely(database.db, database.schema)
    const { repository, metrics, resultsHistory } = createKyselyAdapters(db, {
      schema: database.schema,
      auditLog: host.auditLog,
    })
    return {
      repository,
      metrics,
      resultsHistory,
      stored: storedState(database, 'host'),
      breakAudit: () => Promise.resolve(host.break()),
      close: () => database.close(),
    }
  }
  const trx = await database.db.startTransaction().execute()
  const inTransaction: BackDoor = {
    schema: database.schema,
    query: async <T>(text: string, parameters: readonly unknown[] = []) =>
      (await trx.executeQuery<T>(CompiledQuery.raw(text, [...parameters]))).rows,
  }
  const { repository, metrics, resultsHistory } = createKyselyAdapters(trx, { schema: database.schema })
  return {
    repository,
    metrics,
    resultsHistory,
    stored: storedState(inTransaction, 'library'),
    breakAudit: () => breakLibraryAudit(inTransaction),
    close: async () => {
      await trx.rollback().execute()
      await database.close()
    },
  }
}

/** The actor of the Kysely integration tests. */
export const ACTOR = { type: 'user', id: 'u1' } as const

/** The environment of the Kysely integration tests, with features `1`–`3` (multivariate). */
export const DEV = { id: 'env-dev', key: 'dev', name: 'Development', projectId: 'p1' }

/** A service over the given Kysely ports and an in-memory lookup and policy. */
export function serviceWith(ports: {
  readonly repository: ExperimentRepository
  readonly metrics: MetricRepository
}): ExperimentService {
  const features = ['1', '2', '3'].map((id) => ({
    id,
    name: `f${id}`,
    projectId: 'p1',
    type: 'multivariate' as const,
  }))
  return createExperimentService({ ...createMemoryAdapters({ environments: [DEV], features }), ...ports })
}

/** Where the racing services of a suite send their audit entries. */
export type RaceAudit = 'library audit table' | 'host audit sink'

/**
 * Two service instances on two pools of one database (one connection on PGlite), as two
 * instances of a host would run: storage in the Kysely adapters, with the library's audit table
 * or a host's sink (whose table this creates), and the host's lookups and clock from `host`.
 */
export async function openRacingServices(
  database: TestDatabase,
  audit: RaceAudit,
  host: MemoryAdaptersOptions,
): Promise<[ExperimentService, ExperimentService]> {
  if (audit === 'host audit sink') await createHostAuditTable(database)
  const serviceOn = (db: Kysely<unknown>) =>
    createExperimentService({
      ...createMemoryAdapters(host),
      ...(audit === 'library audit table'
        ? createKyselyAdapters(db, { schema: database.schema })
        : createKyselyAdapters(hostKysely(db, database.schema), {
            schema: database.schema,
            auditLog: createHostAuditLog().auditLog,
          })),
    })
  return [serviceOn(database.db), serviceOn(database.openSecondPool())]
}
