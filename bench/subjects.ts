import type { ResultAsync } from 'neverthrow'
import { createExperimentService, encodeCursor, type ExperimentError } from '../src/index.js'
import { createKyselyAdapters } from '../src/kysely.js'
import { sql, type Transaction } from 'kysely'
import type { AuditLog } from '../src/index.js'
import type { Backend } from './backend.js'
import { createBaseline, type Baseline, type Outcome } from './baseline.js'
import { ACTOR, features, freshFeatureId, permissions } from './fixtures.js'

/** The commands measured, in lifecycle order. */
export const COMMANDS = [
  'create',
  'get',
  'list',
  'update',
  'start',
  'pause',
  'complete',
  'delete',
  'restore',
] as const
export type Command = (typeof COMMANDS)[number]

/** A position in the list order. */
export interface Position {
  readonly createdAt: Date
  readonly id: string
}

/**
 * One implementation under measurement (the library or the hand-written baseline). Every
 * method rejects on any outcome other than success, so a benchmark never times a failure.
 */
export interface Subject {
  readonly name: 'library' | 'library-host-audit' | 'baseline' | 'baseline-rw'
  create(environmentKey: string, featureId?: string): Promise<string>
  get(environmentKey: string, id: string): Promise<void>
  /** A page of 50 (the API's default), after `after` when given. Resolves to the number of results. */
  list(environmentKey: string, after?: Position): Promise<number>
  update(environmentKey: string, id: string, name: string): Promise<void>
  mutate(
    command: 'start' | 'pause' | 'complete' | 'delete' | 'restore',
    environmentKey: string,
    id: string,
  ): Promise<void>
}

const PAGE = 50

async function unwrap<T>(what: string, result: ResultAsync<T, ExperimentError>): Promise<T> {
  const settled = await result
  if (settled.isErr())
    throw new Error(`library ${what} failed: ${settled.error.code} ${settled.error.message}`)
  return settled.value
}

function expect<T>(what: string, outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`baseline ${what} failed: ${outcome.code}`)
  return outcome.value
}

/** A host's own audit sink: one insert into a host table, in the library's transaction. */
function hostAuditLog(schema: string): AuditLog<Transaction<unknown>> {
  return {
    append: async (entry, trx) => {
      await sql`insert into ${sql.id(schema, HOST_AUDIT_TABLE)} (id, experiment_id, action, entry)
        values (${entry.id}::uuid, ${entry.experimentId}::uuid, ${entry.action}, ${JSON.stringify(entry)}::jsonb)`.execute(
        trx,
      )
    },
  }
}

/** The table {@link hostAuditLog} writes to; {@link createHostAuditTable} creates it. */
const HOST_AUDIT_TABLE = 'host_audit'

/** Creates the host audit table in `schema`. */
export async function createHostAuditTable(backend: Backend, schema: string): Promise<void> {
  await backend.admin.query(
    `create table "${schema}".${HOST_AUDIT_TABLE} (id uuid primary key, experiment_id uuid not null, action text not null, entry jsonb not null)`,
  )
}

/**
 * The library: the service over the Kysely adapters, as a host wires it. With `host-audit`, entries go to a host audit sink (see {@link hostAuditLog}), which makes each
 * write a transaction; run {@link createHostAuditTable} first.
 */
export function librarySubject(
  backend: Backend,
  schema: string,
  variant: 'plain' | 'host-audit' = 'plain',
): Subject {
  const { repository, metrics, experimentData } =
    variant === 'host-audit'
      ? createKyselyAdapters(backend.db, { schema, auditLog: hostAuditLog(schema) })
      : createKyselyAdapters(backend.db, { schema })
  const service = createExperimentService({ repository, metrics, experimentData, features, permissions })
  return {
    name: variant === 'host-audit' ? 'library-host-audit' : 'library',
    create: async (env, feature = freshFeatureId()) =>
      (
        await unwrap(
          'create',
          service.create(ACTOR, env, {
            feature,
            name: `Checkout ${feature}`,
            hypothesis: 'Green converts better.',
          }),
        )
      ).id,
    get: async (env, id) => {
      await unwrap('get', service.get(ACTOR, env, id))
    },
    list: async (env, after) =>
      (
        await unwrap(
          'list',
          service.list(ACTOR, env, { limit: PAGE, ...(after ? { cursor: encodeCursor(after) } : {}) }),
        )
      ).results.length,
    update: async (env, id, name) => {
      await unwrap('update', service.update(ACTOR, env, id, { name }))
    },
    mutate: async (command, env, id) => {
      await unwrap(command, service[command](ACTOR, env, id))
    },
  }
}

/**
 * The hand-written baseline over the same tables and the same instrumented connection. With
 * `readFirst`, mutations take the library's shape (read, then compare-and-set write).
 */
export function baselineSubject(backend: Backend, schema: string, readFirst = false): Subject {
  const baseline = createBaseline(backend.sql, schema)
  const mutate: Baseline['mutate'] = (...args) =>
    readFirst ? baseline.mutateAfterRead(args[0], args[1], args[2], args[3]) : baseline.mutate(...args)
  return {
    name: readFirst ? 'baseline-rw' : 'baseline',
    create: async (env, feature = freshFeatureId()) =>
      expect(
        'create',
        await baseline.create(env, {
          feature,
          name: `Checkout ${feature}`,
          hypothesis: 'Green converts better.',
        }),
      ).id,
    get: async (env, id) => {
      expect('get', await baseline.get(env, id))
    },
    list: async (env, after) => expect('list', await baseline.list(env, PAGE, after)).results.length,
    update: async (env, id, name) => {
      expect('update', await mutate('update', env, id, { name }))
    },
    mutate: async (command, env, id) => {
      expect(command, await mutate(command, env, id))
    },
  }
}
