import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely'
import { libraryTables, TABLE_NAMES, type LibraryTables } from '../library-tables.js'

/**
 * The split every experiment that existed before this migration gets: all traffic, half to
 * `control`, half to `treatment` (the variants of a feature that names none). The migration cannot
 * know a feature's own variants; a host whose features have others sets each such experiment's
 * rollout before starting it.
 */
const UPGRADE_ALLOCATIONS = JSON.stringify([
  { variant: 'control', weight: 50 },
  { variant: 'treatment', weight: 50 },
])

/**
 * The enumerations 0002 shipped with, written out (a shipped migration never follows the core:
 * a new value comes with a new migration).
 */
const SHIPPED = {
  aggregations: sql.raw(`'occurrence', 'count', 'sum'`),
  directions: sql.raw(`'up', 'down', 'informational'`),
  roles: sql.raw(`'primary', 'secondary', 'guardrail'`),
  expectedDirections: sql.raw(`'increase', 'decrease', 'not_increase', 'not_decrease'`),
  /** The (role, expected direction) pairs the core accepted. */
  roleDirections: sql.raw(
    `('primary', 'increase'), ('primary', 'decrease'), ('secondary', 'increase'), ` +
      `('secondary', 'decrease'), ('guardrail', 'not_increase'), ('guardrail', 'not_decrease')`,
  ),
  subjectTypes: sql.raw(`'experiment', 'metric'`),
  actions: sql.raw(
    `'created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed', ` +
      `'metrics_changed', 'rollout_changed', 'metric_created', 'metric_updated', 'metric_deleted', ` +
      `'metric_restored'`,
  ),
}

/** The functions 0002 creates, schema-qualified. */
function designFunctions(schema: string) {
  return {
    allocationsValid: sql.id(schema, 'flag_experiments_allocations_valid'),
    lockAttachedMetric: sql.id(schema, 'flag_experiments_lock_attached_metric'),
    guardMetricChange: sql.id(schema, 'flag_experiments_guard_metric_change'),
  }
}

/**
 * Whether a JSON value is a split the core would accept: an array of 2..100 `{ variant, weight }`,
 * variants distinct non-empty strings, weights numbers from 0 to 100 with at most two decimals,
 * summing to exactly 100, at least two above 0.
 */
async function createAllocationsCheck(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`
    create function ${designFunctions(schema).allocationsValid}(allocations jsonb) returns boolean
    language sql immutable as $fx$
      select case when jsonb_typeof(allocations) <> 'array' then false else coalesce((
        select count(*) between 2 and 100
          and count(distinct item ->> 'variant') = count(*)
          and bool_and(jsonb_typeof(item -> 'variant') = 'string'
            and char_length(item ->> 'variant') between 1 and 255
            and weight between 0 and 100 and weight * 100 = trunc(weight * 100))
          and sum(weight) = 100
          and count(*) filter (where weight > 0) >= 2
        from jsonb_array_elements(allocations) item,
          lateral (select case when jsonb_typeof(item -> 'weight') = 'number'
            then (item ->> 'weight')::numeric end as weight) w
      ), false) end
    $fx$`.execute(db)
}

/** Experiments get their rollout; every existing row the upgrade split (see {@link UPGRADE_ALLOCATIONS}). */
async function addRollout(db: Kysely<unknown>, t: LibraryTables, schema: string): Promise<void> {
  await sql`
    alter table ${t.experiments}
      add column traffic_percentage numeric(5, 2) not null default 100
        check (traffic_percentage between 0 and 100),
      add column allocations jsonb not null default ${sql.lit(UPGRADE_ALLOCATIONS)}::jsonb
        constraint ${sql.id(`${TABLE_NAMES.experiments}_allocations_check`)}
        check (${designFunctions(schema).allocationsValid}(allocations))`.execute(db)
  await sql`
    alter table ${t.experiments}
      alter column traffic_percentage drop default,
      alter column allocations drop default`.execute(db)
}

async function createMetrics(db: Kysely<unknown>, t: LibraryTables): Promise<void> {
  const index = (name: string) => sql.id(`${TABLE_NAMES.metrics}_${name}`)
  await sql`
    create table ${t.metrics} (
      id uuid primary key,
      environment_id text not null check (environment_id <> ''),
      name text not null check (char_length(name) between 1 and 255),
      description text not null check (char_length(description) <= 2000),
      event text not null check (char_length(event) between 1 and 255),
      aggregation text not null check (aggregation in (${SHIPPED.aggregations})),
      direction text not null check (direction in (${SHIPPED.directions})),
      created_at timestamptz not null,
      updated_at timestamptz not null check (updated_at >= created_at),
      deleted_at timestamptz check (deleted_at >= created_at),
      version integer not null check (version >= 1)
    )`.execute(db)
  await sql`
    create unique index ${sql.id(TABLE_NAMES.metricNameIndex)} on ${t.metrics} (environment_id, lower(name))
    where deleted_at is null`.execute(db)
  await sql`
    create index ${index('list_idx')} on ${t.metrics} (environment_id, created_at desc, id desc)
    where deleted_at is null`.execute(db)
}

/**
 * The experiment ↔ metric links, in order (at most ten: positions 0..9), each metric once, at most
 * one primary, a direction that fits the role.
 */
async function createExperimentMetrics(db: Kysely<unknown>, t: LibraryTables): Promise<void> {
  const name = (suffix: string) => sql.id(`${TABLE_NAMES.experimentMetrics}_${suffix}`)
  await sql`
    create table ${t.experimentMetrics} (
      experiment_id uuid not null references ${t.experiments} (id),
      metric_id uuid not null references ${t.metrics} (id),
      position smallint not null check (position between 0 and 9),
      role text not null check (role in (${SHIPPED.roles})),
      expected_direction text not null check (expected_direction in (${SHIPPED.expectedDirections})),
      primary key (experiment_id, metric_id),
      constraint ${name('position_key')} unique (experiment_id, position),
      constraint ${name('direction_fits_role')} check ((role, expected_direction) in (${SHIPPED.roleDirections}))
    )`.execute(db)
  await sql`
    create unique index ${name('primary_key')} on ${t.experimentMetrics} (experiment_id)
    where role = 'primary'`.execute(db)
  await sql`create index ${name('metric_idx')} on ${t.experimentMetrics} (metric_id)`.execute(db)
}

/**
 * The two triggers that keep a deleted metric from staying attached to an open experiment, which
 * a foreign key alone cannot (a soft-deleted row still exists). Attaching takes a share lock on
 * the metric row and refuses a missing, deleted or foreign one; changing a metric (which holds its
 * row lock, so an attach in flight has committed or waits) looks at the links with a fresh
 * snapshot and refuses to delete a metric an open experiment lists, or to change the event or
 * aggregation of one a started experiment uses. Each refusal names its own constraint.
 */
async function createMetricGuards(db: Kysely<unknown>, t: LibraryTables, schema: string): Promise<void> {
  const fn = designFunctions(schema)
  await sql`
    create function ${fn.lockAttachedMetric}() returns trigger language plpgsql as $fx$
    begin
      perform 1 from ${t.metrics} m
        where m.id = new.metric_id and m.deleted_at is null
          and m.environment_id = (select e.environment_id from ${t.experiments} e where e.id = new.experiment_id)
        for share of m;
      if not found then
        raise exception 'flag-experiments: metric % is missing, deleted or of another environment', new.metric_id
          using errcode = 'foreign_key_violation', constraint = ${sql.lit(TABLE_NAMES.metricAvailable)};
      end if;
      return new;
    end $fx$`.execute(db)
  await sql`
    create trigger ${sql.id(`${TABLE_NAMES.experimentMetrics}_lock_metric`)}
    before insert or update on ${t.experimentMetrics}
    for each row execute function ${fn.lockAttachedMetric}()`.execute(db)
  const listedBy = (statuses: RawBuilder<unknown>) => sql`exists (
    select 1 from ${t.experimentMetrics} l join ${t.experiments} e on e.id = l.experiment_id
    where l.metric_id = new.id and e.deleted_at is null and e.status in (${statuses}))`
  await sql`
    create function ${fn.guardMetricChange}() returns trigger language plpgsql as $fx$
    begin
      if new.deleted_at is not null and old.deleted_at is null
        and ${listedBy(sql.raw(`'created', 'running', 'paused'`))} then
        raise exception 'flag-experiments: metric % is listed by an experiment that is not completed', new.id
          using errcode = 'restrict_violation', constraint = ${sql.lit(TABLE_NAMES.metricInUse)};
      end if;
      if (new.event, new.aggregation) is distinct from (old.event, old.aggregation)
        and ${listedBy(sql.raw(`'running', 'paused'`))} then
        raise exception 'flag-experiments: metric % is used by a started experiment', new.id
          using errcode = 'restrict_violation', constraint = ${sql.lit(TABLE_NAMES.metricInUse)};
      end if;
      return new;
    end $fx$`.execute(db)
  await sql`
    create trigger ${sql.id(`${TABLE_NAMES.metrics}_guard_change`)}
    before update on ${t.metrics}
    for each row execute function ${fn.guardMetricChange}()`.execute(db)
}

/**
 * Audit entries name their subject (an experiment or a metric); existing entries are about
 * their experiment. `experiment_id` stays for experiment entries and is null for metric ones.
 */
async function addAuditSubject(db: Kysely<unknown>, t: LibraryTables): Promise<void> {
  const name = (suffix: string) => sql.id(`${TABLE_NAMES.audit}_${suffix}`)
  await sql`
    alter table ${t.audit}
      add column subject_type text not null default 'experiment',
      add column subject_id uuid,
      alter column experiment_id drop not null`.execute(db)
  await sql`update ${t.audit} set subject_id = experiment_id`.execute(db)
  await sql`
    alter table ${t.audit}
      alter column subject_type drop default,
      alter column subject_id set not null,
      add constraint ${name('subject_type_check')} check (subject_type in (${SHIPPED.subjectTypes})),
      add constraint ${name('subject_check')} check (case subject_type
        when 'experiment' then experiment_id is not null and experiment_id = subject_id
        else experiment_id is null
      end),
      drop constraint ${name('action_check')},
      add constraint ${name('action_check')} check (action in (${SHIPPED.actions}))`.execute(db)
  await sql`create index ${name('subject_idx')} on ${t.audit} (subject_type, subject_id, seq)`.execute(db)
}

/**
 * 0002: experiment design. The metric catalogue, the experiments' metrics and rollout, and audit
 * entries about either. Upgrades a database 0001 made, data included.
 */
export function designMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await createAllocationsCheck(db, schema)
      await addRollout(db, t, schema)
      await createMetrics(db, t)
      await createExperimentMetrics(db, t)
      await createMetricGuards(db, t, schema)
      await addAuditSubject(db, t)
    },
    async down(db: Kysely<unknown>) {
      const fn = designFunctions(schema)
      const name = (suffix: string) => sql.id(`${TABLE_NAMES.audit}_${suffix}`)
      await sql`delete from ${t.audit} where subject_type <> 'experiment' or action not in (
        'created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed')`.execute(db)
      await sql`drop index ${sql.id(schema, `${TABLE_NAMES.audit}_subject_idx`)}`.execute(db)
      await sql`
        alter table ${t.audit}
          drop constraint ${name('action_check')},
          add constraint ${name('action_check')} check (action in (
            'created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed')),
          drop column subject_type,
          drop column subject_id,
          alter column experiment_id set not null`.execute(db)
      await sql`drop table ${t.experimentMetrics}, ${t.metrics}`.execute(db)
      await sql`drop function ${fn.lockAttachedMetric}(), ${fn.guardMetricChange}()`.execute(db)
      await sql`alter table ${t.experiments} drop column traffic_percentage, drop column allocations`.execute(
        db,
      )
      await sql`drop function ${fn.allocationsValid}(jsonb)`.execute(db)
    },
  }
}
