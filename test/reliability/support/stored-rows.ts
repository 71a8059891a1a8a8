import type { Actor, AuditEntry, ExperimentStatus, StoredExperiment } from '../../../src/index.js'
import type { TestDatabase } from '../../support/database.js'

/** Raw-SQL reads of the library's tables: what is really stored, no adapter involved. */
export interface StoredRows {
  readonly experiments: StoredExperiment[]
  readonly audit: AuditEntry[]
}

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)))
const toDateOrNull = (value: unknown): Date | null => (value === null ? null : toDate(value))
const actorOf = (type: unknown, id: unknown): Actor => ({ type: type as Actor['type'], id: String(id) })

/**
 * Reads every experiment (deleted ones included, with history) and every audit entry that
 * belongs to the given environments, or to experiments of them, straight from the tables.
 */
export async function readStoredRows(
  database: Pick<TestDatabase, 'schema' | 'query'>,
  environmentIds: readonly string[],
): Promise<StoredRows> {
  const t = (name: string) => `"${database.schema}"."${name}"`
  const envs = [...environmentIds]
  const rows = await database.query(`select * from ${t('flag_experiments')} where environment_id = any($1)`, [
    envs,
  ])
  const history = await database.query(
    `select h.* from ${t('flag_experiments_history')} h
       where h.experiment_id in (select id from ${t('flag_experiments')} where environment_id = any($1))
       order by h.id`,
    [envs],
  )
  const audit = await database.query(
    `select * from ${t('flag_experiments_audit')}
       where environment_id = any($1)
          or experiment_id in (select id from ${t('flag_experiments')} where environment_id = any($1))
       order by seq`,
    [envs],
  )
  const experiments = rows.map((r): StoredExperiment => ({
    id: String(r.id),
    environmentId: String(r.environment_id),
    featureId: String(r.feature_id),
    name: String(r.name),
    hypothesis: String(r.hypothesis),
    status: r.status as ExperimentStatus,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    startedAt: toDateOrNull(r.started_at),
    endedAt: toDateOrNull(r.ended_at),
    deletedAt: toDateOrNull(r.deleted_at),
    version: Number(r.version),
    history: history
      .filter((h) => String(h.experiment_id) === String(r.id))
      .map((h) => ({
        from: h.from_status as ExperimentStatus,
        to: h.to_status as ExperimentStatus,
        at: toDate(h.at),
        actor: actorOf(h.actor_type, h.actor_id),
      })),
  }))
  return {
    experiments,
    audit: audit.map((a): AuditEntry => ({
      id: String(a.id),
      at: toDate(a.at),
      action: a.action as AuditEntry['action'],
      actor: actorOf(a.actor_type, a.actor_id),
      experimentId: String(a.experiment_id),
      environmentId: String(a.environment_id),
      projectId: String(a.project_id),
      message: String(a.message),
      changes: (typeof a.changes === 'string' ? JSON.parse(a.changes) : a.changes) as AuditEntry['changes'],
    })),
  }
}
