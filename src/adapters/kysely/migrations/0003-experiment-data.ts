import { sql, type Kysely, type Migration } from 'kysely'
import { EXPERIMENT_DATA_TABLE_NAMES, experimentDataTables } from '../experiment-data-tables.js'

const { exposures, events } = EXPERIMENT_DATA_TABLE_NAMES

/**
 * 0003: exposures and events. An exposure's key is (experiment, identity, variant), so a repeat
 * is a conflict and the first one keeps its time; it also serves the results' scan of one
 * experiment's exposures in identity order. An event's key is (environment, sender's id), the
 * idempotency key. The second index on events serves the results: an environment's events of a
 * few names, in identity order, read from the index alone (`value` included) — one range per
 * name for a whole experiment, or one probe per name and identity for a small one.
 */
export function experimentDataMigration(schema: string): Migration {
  const t = experimentDataTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create table ${t.exposures} (
          experiment_id uuid not null references ${t.experiments} (id),
          identity text not null check (char_length(identity) between 1 and 255),
          variant text not null check (char_length(variant) between 1 and 255),
          at timestamptz not null,
          constraint ${sql.id(`${exposures}_pkey`)} primary key (experiment_id, identity, variant)
        )`.execute(db)
      await sql`
        create table ${t.events} (
          environment_id text not null check (environment_id <> ''),
          id uuid not null,
          identity text not null check (char_length(identity) between 1 and 255),
          event text not null check (char_length(event) between 1 and 255),
          value double precision check (value not in ('NaN', 'Infinity', '-Infinity')),
          at timestamptz not null,
          constraint ${sql.id(`${events}_pkey`)} primary key (environment_id, id)
        )`.execute(db)
      await sql`
        create index ${sql.id(`${events}_event_idx`)}
        on ${t.events} (environment_id, event, identity, at) include (value)`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table ${t.events}, ${t.exposures}`.execute(db)
    },
  }
}
