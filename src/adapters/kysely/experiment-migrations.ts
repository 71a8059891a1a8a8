import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { ACTOR_TYPES, EXPERIMENT_STATUSES } from '../../core/domain/experiment.js'
import { auditFeedMigration } from './audit-feed-migration.js'
import { experimentDataMigration } from './experiment-data-migration.js'
import { finalResultsMigration } from './final-results-migration.js'
import { checkList } from './check-list.js'
import { designMigration } from './design-migration.js'
import { libraryTables, TABLE_NAMES } from './library-tables.js'
import { metricTrashMigration } from './metric-trash-migration.js'
import { scheduleMigration } from './schedule-migration.js'
import { trashMigration } from './trash-migration.js'

const STATUSES = checkList(EXPERIMENT_STATUSES)
const ACTORS = checkList(ACTOR_TYPES)
/** The audit actions 0001 shipped with; later ones are added by the migration that needs them. */
const ACTIONS = checkList([
  'created',
  'updated',
  'deleted',
  'restored',
  'started',
  'resumed',
  'paused',
  'completed',
])

/**
 * 0001: experiments, their status history and audit log. The tables' constraints repeat the
 * core's rules (statuses, transitions, timestamps, one active experiment per slot), so the
 * database refuses a bad row whoever writes it.
 */
function initialMigration(schema: string): Migration {
  const t = libraryTables(schema)
  const index = (name: string) => sql.id(`${TABLE_NAMES.experiments}_${name}`)
  return {
    async up(db: Kysely<unknown>) {
      await sql`create schema if not exists ${t.schema}`.execute(db)
      await sql`
        create table ${t.experiments} (
          id uuid primary key,
          environment_id text not null check (environment_id <> ''),
          feature_id text not null check (feature_id <> ''),
          name text not null check (char_length(name) between 1 and 255),
          hypothesis text not null check (char_length(hypothesis) between 1 and 10000),
          status text not null check (status in (${STATUSES})),
          created_at timestamptz not null,
          updated_at timestamptz not null check (updated_at >= created_at),
          started_at timestamptz check (started_at >= created_at),
          ended_at timestamptz check (ended_at >= started_at),
          deleted_at timestamptz check (deleted_at >= created_at),
          version integer not null check (version >= 1),
          constraint ${index('timestamps_match_status')} check (case status
            when 'created' then started_at is null and ended_at is null
            when 'running' then started_at is not null and ended_at is null
            when 'paused' then started_at is not null and ended_at is null
            else started_at is not null and ended_at is not null
          end),
          constraint ${index('running_not_deleted')} check (status <> 'running' or deleted_at is null)
        )`.execute(db)
      await sql`
        create unique index ${sql.id(TABLE_NAMES.activeSlotIndex)} on ${t.experiments} (environment_id, feature_id)
        where status <> 'completed' and deleted_at is null`.execute(db)
      await sql`
        create index ${index('list_idx')} on ${t.experiments} (environment_id, created_at desc, id desc)
        where deleted_at is null`.execute(db)
      await sql`
        create index ${index('counts_idx')} on ${t.experiments} (environment_id, feature_id, status)
        where deleted_at is null`.execute(db)
      await sql`
        create table ${t.history} (
          id bigint generated always as identity primary key,
          experiment_id uuid not null references ${t.experiments} (id),
          from_status text not null check (from_status in (${STATUSES})),
          to_status text not null check (to_status in (${STATUSES})),
          at timestamptz not null,
          actor_type text not null check (actor_type in (${ACTORS})),
          actor_id text not null check (char_length(actor_id) between 1 and 255),
          constraint ${sql.id(`${TABLE_NAMES.history}_transition_check`)} check ((from_status, to_status) in (
            ('created', 'running'), ('running', 'paused'), ('paused', 'running'),
            ('running', 'completed'), ('paused', 'completed')
          ))
        )`.execute(db)
      await sql`
        create index ${sql.id(`${TABLE_NAMES.history}_experiment_idx`)} on ${t.history} (experiment_id, id)`.execute(
        db,
      )
      await sql`
        create table ${t.audit} (
          seq bigint generated always as identity unique,
          id uuid primary key,
          experiment_id uuid not null references ${t.experiments} (id),
          environment_id text not null,
          project_id text not null,
          action text not null check (action in (${ACTIONS})),
          actor_type text not null check (actor_type in (${ACTORS})),
          actor_id text not null,
          message text not null,
          changes jsonb not null check (jsonb_typeof(changes) = 'object'),
          at timestamptz not null
        )`.execute(db)
      await sql`
        create index ${sql.id(`${TABLE_NAMES.audit}_experiment_idx`)} on ${t.audit} (experiment_id, seq)`.execute(
        db,
      )
      await sql`
        create index ${sql.id(`${TABLE_NAMES.audit}_environment_idx`)} on ${t.audit} (environment_id, seq)`.execute(
        db,
      )
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table ${t.audit}, ${t.history}, ${t.experiments}`.execute(db)
    },
  }
}

/**
 * The library's migrations, shipped as code for Kysely's `Migrator`, writing into `schema`.
 * Names sort in the order they must run; never rename or edit one that has shipped.
 */
export function experimentMigrations(schema: string): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_experiments_history_audit': initialMigration(schema),
    '0002_experiment_design': designMigration(schema),
    '0003_experiment_data': experimentDataMigration(schema),
    '0004_audit_feed': auditFeedMigration(schema),
    '0005_final_results': finalResultsMigration(schema),
    '0006_schedule': scheduleMigration(schema),
    '0007_trash': trashMigration(schema),
    '0010_metric_trash': metricTrashMigration(schema),
  }
  return { getMigrations: () => Promise.resolve(migrations) }
}
