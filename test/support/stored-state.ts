import type { AuditEntry, StoredExperiment } from '../../src/index.js'
import type { StoredState } from '../../src/testing.js'
import { parseAuditRow, parseExperimentRow } from '../../src/adapters/kysely/experiment-rows.js'
import { parseMetricRow } from '../../src/adapters/kysely/metric-rows.js'
import type { TestDatabase } from './database.js'

/*
 * The one back door into what was really stored: raw SQL on the library's tables (rows parsed
 * by the adapter's own row parsers), or the memory adapters' `getInstance()` and audit log.
 */

/** Where raw SQL reaches the test schema: the database, or a transaction still open on it. */
export type BackDoor = Pick<TestDatabase, 'schema' | 'query'>

/** Everything stored for some environments: experiments (deleted ones, with history) and audit entries. */
export interface StoredRows {
  readonly experiments: StoredExperiment[]
  readonly audit: AuditEntry[]
}

const table = (database: BackDoor, name: string) => `"${database.schema}"."${name}"`

/** Experiments matching `where` (over alias `e`), each with its history and metrics, straight from the tables. */
async function selectExperiments(
  database: BackDoor,
  where: string,
  parameters: readonly unknown[],
): Promise<StoredExperiment[]> {
  const rows = await database.query(
    `select e.*, coalesce((
       select json_agg(json_build_object('from', h.from_status, 'to', h.to_status, 'at', h.at,
         'actorType', h.actor_type, 'actorId', h.actor_id) order by h.id)
       from ${table(database, 'flag_experiments_history')} h where h.experiment_id = e.id
     ), '[]'::json) as history, coalesce((
       select json_agg(json_build_object('metricId', l.metric_id, 'role', l.role,
         'expectedDirection', l.expected_direction, 'name', m.name, 'event', m.event,
         'aggregation', m.aggregation) order by l.position)
       from ${table(database, 'flag_experiments_experiment_metrics')} l
       join ${table(database, 'flag_experiments_metrics')} m on m.id = l.metric_id
       where l.experiment_id = e.id
     ), '[]'::json) as metrics
     from ${table(database, 'flag_experiments')} e where ${where}`,
    parameters,
  )
  return rows.map(parseExperimentRow)
}

/** Reads every experiment and audit entry of the given environments (or of their experiments). */
export async function readStoredRows(
  database: BackDoor,
  environmentIds: readonly string[],
): Promise<StoredRows> {
  const envs = [...environmentIds]
  const experiments = await selectExperiments(database, 'e.environment_id = any($1)', [envs])
  const audit = await database.query(
    `select * from ${table(database, 'flag_experiments_audit')}
       where environment_id = any($1)
          or experiment_id in (select id from ${table(database, 'flag_experiments')} where environment_id = any($1))
       order by seq`,
    [envs],
  )
  return { experiments, audit: audit.map(parseAuditRow) }
}

/** The {@link StoredState} of a database: the library's tables, and the host's audit table if asked. */
export function storedState(database: BackDoor, auditTable: 'library' | 'host'): StoredState {
  const find = async (id: string) => (await selectExperiments(database, 'e.id = $1', [id]))[0] ?? null
  return {
    metric: async (id) => {
      const rows = await database.query(
        `select * from ${table(database, 'flag_experiments_metrics')} where id = $1`,
        [id],
      )
      return rows[0] === undefined ? null : parseMetricRow(rows[0])
    },
    experiment: async (id) => {
      const found = await find(id)
      if (found === null) return null
      const { history: _history, ...experiment } = found
      return experiment
    },
    history: async (id) => (await find(id))?.history ?? [],
    auditEntries: async (id) => {
      if (auditTable === 'library') {
        const rows = await database.query(
          `select * from ${table(database, 'flag_experiments_audit')} where subject_id = $1 order by seq`,
          [id],
        )
        return rows.map(parseAuditRow)
      }
      const rows = await database.query<{ entry: AuditEntry }>(
        `select entry from ${table(database, 'host_audit')} where subject_id = $1 order by seq`,
        [id],
      )
      return rows.map(({ entry }) => ({ ...entry, at: new Date(entry.at) }))
    },
  }
}
