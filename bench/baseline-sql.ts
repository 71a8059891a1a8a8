/**
 * The hand-written SQL of the baseline: what a skilled engineer would write against the
 * library's own tables, with no query builder and no abstraction. Every command is ONE
 * statement; a mutation locks and reads the row, checks the rule, writes the row, its history
 * row and its audit entry in one data-modifying CTE.
 */

const COLUMNS = [
  'id',
  'environment_id',
  'feature_id',
  'name',
  'hypothesis',
  'status',
  'created_at',
  'updated_at',
  'started_at',
  'ended_at',
  'deleted_at',
  'version',
] as const

/** Schema-qualified table names. */
export interface Tables {
  readonly experiments: string
  readonly history: string
  readonly audit: string
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The library's tables in `schema`. */
export function tablesIn(schema: string): Tables {
  return {
    experiments: `${quote(schema)}.flag_experiments`,
    history: `${quote(schema)}.flag_experiments_history`,
    audit: `${quote(schema)}.flag_experiments_audit`,
  }
}

const historyItem = (h: string) =>
  `json_build_object('from', ${h}.from_status, 'to', ${h}.to_status, 'at', ${h}.at, 'actorType', ${h}.actor_type, 'actorId', ${h}.actor_id)`

function historyOf(t: Tables, experimentId: string, extra = ''): string {
  const rows = `select id, from_status, to_status, at, actor_type, actor_id from ${t.history} where experiment_id = ${experimentId}${extra}`
  return `(select coalesce(json_agg(${historyItem('x')} order by x.id), '[]') from (${rows}) x) as history`
}

/** `$1` id, `$2` environment id; visible experiments, or with `deleted` only deleted ones. */
export const getSql = (t: Tables, deleted = false) => `
  select e.*, ${historyOf(t, 'e.id')}
  from ${t.experiments} e
  where e.id = $1::uuid and e.environment_id = $2 and e.deleted_at is ${deleted ? 'not null' : 'null'}`

/** `$1` environment id, `$2` limit, and with `after`: `$3` created_at, `$4` id of the last row seen. */
export const listSql = (t: Tables, after: boolean) => `
  with counts as (
    select count(*) filter (where status = 'created')::int as n_created,
      count(*) filter (where status = 'running')::int as n_running,
      count(*) filter (where status = 'paused')::int as n_paused,
      count(*) filter (where status = 'completed')::int as n_completed
    from ${t.experiments} where environment_id = $1 and deleted_at is null
  ), page as (
    select * from ${t.experiments}
    where environment_id = $1 and deleted_at is null ${after ? 'and (created_at, id) < ($3::timestamptz, $4::uuid)' : ''}
    order by created_at desc, id desc limit $2
  )
  select counts.*, page.*, ${historyOf(t, 'page.id')}
  from counts left join page on true
  order by page.created_at desc, page.id desc`

/**
 * `$1` id, `$2` environment id, `$3` feature id, `$4` name, `$5` hypothesis, `$6` now,
 * `$7` audit id, `$8` project id, `$9` actor type, `$10` actor id, `$11` message, `$12` changes.
 * The partial unique index decides the active slot: a taken one inserts nothing.
 */
export const createSql = (t: Tables) => `
  with ins as (
    insert into ${t.experiments} (id, environment_id, feature_id, name, hypothesis, status, created_at, updated_at, version)
    values ($1, $2, $3, $4, $5, 'created', $6, $6, 1)
    on conflict (environment_id, feature_id) where status <> 'completed' and deleted_at is null do nothing
    returning *
  ), audit as (
    insert into ${t.audit} (id, experiment_id, environment_id, project_id, action, actor_type, actor_id, message, changes, at)
    select $7, ins.id, ins.environment_id, $8, 'created', $9, $10, $11, $12::jsonb, ins.created_at from ins
  )
  select * from ins`

/** How one mutation changes the locked row (`cur`), in SQL over `cur`, `u` (the new row) and `$3` now. */
export interface MutationSpec {
  /** Which rows it may touch: visible ones, or deleted ones (restore). */
  readonly deleted: boolean
  /** When false, nothing is written (a refused transition, or an update that changes nothing). */
  readonly guard: string
  /** SET assignments besides `updated_at` and `version`. */
  readonly set: string
  /** Writes a history row (status changes). */
  readonly history: boolean
  /** The audit action, an SQL text expression over `u`. */
  readonly action: string
  /** The audit changes, an SQL jsonb expression over `u` (with `old_*` columns). */
  readonly changes: string
}

const at = 'greatest($3::timestamptz, cur.updated_at)'
const iso = (x: string) => `to_char(${x} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const change = (field: string, from: string, to: string) =>
  `jsonb_build_object('${field}', jsonb_build_object('from', ${from}, 'to', ${to}))`
const statusChange = change('status', 'u.old_status', 'u.status')

/** The six mutations, as a skilled engineer would hand-write them. `$10`/`$11`: update's name and hypothesis. */
export const MUTATIONS = {
  update: {
    deleted: false,
    guard:
      '(coalesce($10, cur.name), coalesce($11, cur.hypothesis)) is distinct from (cur.name, cur.hypothesis)',
    set: 'name = coalesce($10, cur.name), hypothesis = coalesce($11, cur.hypothesis)',
    history: false,
    action: `'updated'`,
    changes: `(case when u.old_name <> u.name then ${change('name', 'u.old_name', 'u.name')} else '{}'::jsonb end)
      || (case when u.old_hypothesis <> u.hypothesis then ${change('hypothesis', 'u.old_hypothesis', 'u.hypothesis')} else '{}'::jsonb end)`,
  },
  start: {
    deleted: false,
    guard: `cur.status in ('created', 'paused')`,
    set: `status = 'running', started_at = coalesce(cur.started_at, ${at})`,
    history: true,
    action: `case u.old_status when 'paused' then 'resumed' else 'started' end`,
    changes: `${statusChange} || (case when u.old_started_at is null then ${change('startedAt', 'null', iso('u.started_at'))} else '{}'::jsonb end)`,
  },
  pause: {
    deleted: false,
    guard: `cur.status = 'running'`,
    set: `status = 'paused'`,
    history: true,
    action: `'paused'`,
    changes: statusChange,
  },
  complete: {
    deleted: false,
    guard: `cur.status in ('running', 'paused')`,
    set: `status = 'completed', ended_at = ${at}`,
    history: true,
    action: `'completed'`,
    changes: `${statusChange} || ${change('endedAt', 'null', iso('u.ended_at'))}`,
  },
  delete: {
    deleted: false,
    guard: `cur.status <> 'running'`,
    set: `deleted_at = ${at}`,
    history: false,
    action: `'deleted'`,
    changes: change('deletedAt', 'null', iso('u.deleted_at')),
  },
  restore: {
    deleted: true,
    guard: 'true',
    set: 'deleted_at = null',
    history: false,
    action: `'restored'`,
    changes: change('deletedAt', iso('u.old_deleted_at'), 'null'),
  },
} as const satisfies Record<string, MutationSpec>

/** The name of a mutation. */
export type MutationName = keyof typeof MUTATIONS

/**
 * One mutation as ONE statement. `$1` id, `$2` environment id, `$3` now, `$4` actor type,
 * `$5` actor id, `$6` audit id, `$7` project id, `$8` environment name, `$9` expected version
 * (null: any) and, for update only, `$10`/`$11` the new name and hypothesis (null: unchanged).
 * Selects the locked row as `c_*`, the written row as the plain columns (null when nothing
 * was written) and the history after the change.
 *
 * With `afterRead`, the caller has just read the row and passes its version: the statement
 * then neither locks nor re-reads the history; it is a compare-and-set on `$9` (the library's
 * shape: read, decide, write).
 */
export function mutationSql(t: Tables, name: MutationName, afterRead = false): string {
  const spec: MutationSpec = MUTATIONS[name]
  const history = spec.history
    ? `, h as (
      insert into ${t.history} (experiment_id, from_status, to_status, at, actor_type, actor_id)
      select u.id, u.old_status, u.status, u.updated_at, $4, $5 from u
      returning id, from_status, to_status, at, actor_type, actor_id
    )`
    : ''
  return `
    with cur as (
      select * from ${t.experiments}
      where id = $1::uuid and environment_id = $2 and deleted_at is ${spec.deleted ? 'not null' : 'null'}
      ${afterRead ? '' : 'for update'}
    ), u as (
      update ${t.experiments} e set ${spec.set}, updated_at = ${at}, version = cur.version + 1
      from cur
      where e.id = cur.id and ${afterRead ? 'e.version = $9::int' : '($9::int is null or cur.version = $9::int)'} and (${spec.guard})
      returning e.*, cur.status as old_status, cur.started_at as old_started_at, cur.deleted_at as old_deleted_at,
        cur.name as old_name, cur.hypothesis as old_hypothesis
    )${history}, a as (
      insert into ${t.audit} (id, experiment_id, environment_id, project_id, action, actor_type, actor_id, message, changes, at)
      select $6::uuid, u.id, u.environment_id, $7, ${spec.action}, $4, $5,
        'Experiment ''' || u.name || ''' ' || ${spec.action} || ' for environment ' || $8, ${spec.changes}, u.updated_at
      from u
    )
    select ${COLUMNS.map((c) => `cur.${c} as c_${c}`).join(', ')}, ${COLUMNS.map((c) => `u.${c}`).join(', ')},
      ${afterRead ? 'u.old_status' : historyOf(t, 'cur.id', spec.history ? ' union all select * from h' : '')}
    from cur left join u on true`
}
