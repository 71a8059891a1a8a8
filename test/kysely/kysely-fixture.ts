import { CamelCasePlugin, CompiledQuery, sql, type Kysely, type Transaction } from 'kysely'
import {
  createExperimentService,
  type AuditEntry,
  type AuditLog,
  type Experiment,
  type ExperimentRepository,
  type ExperimentService,
  type StatusChange,
} from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import type { RepositoryFixture, StoredState } from '../../src/testing.js'
import type { TestDatabase } from '../support/database.js'

/** A `flag_experiments` row, read through the back door, as an {@link Experiment}. */
function experimentOf(row: Record<string, unknown>): Experiment {
  const date = (value: unknown) => (value === null ? null : new Date(value as string))
  return {
    id: row.id as string,
    environmentId: row.environment_id as string,
    featureId: row.feature_id as string,
    name: row.name as string,
    hypothesis: row.hypothesis as string,
    status: row.status as Experiment['status'],
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
    startedAt: date(row.started_at),
    endedAt: date(row.ended_at),
    version: Number(row.version),
    deletedAt: date(row.deleted_at),
  }
}

function auditEntryOf(row: Record<string, unknown>): AuditEntry {
  return {
    id: row.id as string,
    at: new Date(row.at as string),
    action: row.action as AuditEntry['action'],
    actor: { type: row.actor_type as AuditEntry['actor']['type'], id: row.actor_id as string },
    experimentId: row.experiment_id as string,
    environmentId: row.environment_id as string,
    projectId: row.project_id as string,
    message: row.message as string,
    changes: row.changes as AuditEntry['changes'],
  }
}

/** Where raw SQL reaches the test schema: the database, or a transaction still open on it. */
export type BackDoor = Pick<TestDatabase, 'schema' | 'query'>

/** Raw SQL reads of the library's tables (and of the host's audit table when there is one). */
export function storedState(database: BackDoor, auditTable: 'library' | 'host'): StoredState {
  const s = `"${database.schema}"`
  return {
    experiment: async (id) => {
      const [row] = await database.query(`select * from ${s}.flag_experiments where id = $1`, [id])
      return row === undefined ? null : experimentOf(row)
    },
    history: async (id) => {
      const rows = await database.query(
        `select * from ${s}.flag_experiments_history where experiment_id = $1 order by id`,
        [id],
      )
      return rows.map((row): StatusChange => ({
        from: row.from_status as StatusChange['from'],
        to: row.to_status as StatusChange['to'],
        at: new Date(row.at as string),
        actor: { type: row.actor_type as StatusChange['actor']['type'], id: row.actor_id as string },
      }))
    },
    auditEntries: async (id) => {
      if (auditTable === 'host') {
        const rows = await database.query<{ entry: AuditEntry }>(
          `select entry from ${s}.host_audit where experiment_id = $1 order by seq`,
          [id],
        )
        return rows.map(({ entry }) => ({ ...entry, at: new Date(entry.at) }))
      }
      const rows = await database.query(
        `select * from ${s}.flag_experiments_audit where experiment_id = $1 order by seq`,
        [id],
      )
      return rows.map(auditEntryOf)
    },
  }
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
  hostAudit: { experimentId: string; entry: string }
}

/** The host's own audit table, in the test schema. */
export async function createHostAuditTable(database: TestDatabase): Promise<void> {
  await sql`create table ${sql.id(database.schema, 'host_audit')} (
    seq bigint generated always as identity, experiment_id uuid not null, entry jsonb not null)`.execute(
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
          .values({ experimentId: entry.experimentId, entry: JSON.stringify(entry) })
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
): Promise<RepositoryFixture> {
  if (mode === 'library audit') {
    return {
      repository: createKyselyAdapters(database.db, { schema: database.schema }).repository,
      stored: storedState(database, 'library'),
      breakAudit: () => breakLibraryAudit(database),
      close: () => database.close(),
    }
  }
  if (mode === 'host audit') {
    await createHostAuditTable(database)
    const host = createHostAuditLog()
    const db = hostKysely(database.db, database.schema)
    return {
      repository: createKyselyAdapters(db, { schema: database.schema, auditLog: host.auditLog }).repository,
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
  return {
    repository: createKyselyAdapters(trx, { schema: database.schema }).repository,
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
export function serviceWith(ports: { readonly repository: ExperimentRepository }): ExperimentService {
  const features = ['1', '2', '3'].map((id) => ({
    id,
    name: `f${id}`,
    projectId: 'p1',
    type: 'multivariate' as const,
  }))
  return createExperimentService({ ...createMemoryAdapters({ environments: [DEV], features }), ...ports })
}
