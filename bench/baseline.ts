import {
  DEFAULT_EXPERIMENT_ANALYSIS,
  defaultRollout,
  runningSeconds,
  type Allocation,
  type Environment,
  type ExperimentStatus,
  type ExperimentView,
  type StatusChange,
} from '../src/index.js'
import type { SqlClient } from './backend.js'
import {
  createSql,
  getSql,
  listSql,
  mutationSql,
  tablesIn,
  type MutationName,
  type Tables,
} from './baseline-sql.js'
import { ACTOR, features, permissions } from './fixtures.js'

/** How a baseline call ended: its value, or the error code the library would have given. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string }

/** A list page as the baseline returns it. */
export interface BaselinePage {
  readonly results: readonly ExperimentView[]
  readonly next: { readonly createdAt: Date; readonly id: string } | null
  readonly counts: Readonly<Record<ExperimentStatus, number>>
}

/** The hand-written equivalent of the service: same checks, one statement per command. */
export interface Baseline {
  get(environmentKey: string, id: string): Promise<Outcome<ExperimentView>>
  list(
    environmentKey: string,
    limit: number,
    after?: { readonly createdAt: Date; readonly id: string },
  ): Promise<Outcome<BaselinePage>>
  create(
    environmentKey: string,
    input: { feature: string; name: string; hypothesis: string },
  ): Promise<Outcome<ExperimentView>>
  mutate(
    name: MutationName,
    environmentKey: string,
    id: string,
    values?: { name?: string; hypothesis?: string },
    expectedVersion?: number,
  ): Promise<Outcome<ExperimentView>>
  /**
   * The same mutation in the library's shape: read the row, then the same one-statement write
   * as a compare-and-set on the version read, re-read and retried when it lost a race.
   */
  mutateAfterRead(
    name: MutationName,
    environmentKey: string,
    id: string,
    values?: { name?: string; hypothesis?: string },
  ): Promise<Outcome<ExperimentView>>
}

type Row = Record<string, unknown>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function historyOf(row: Row): StatusChange[] {
  const items = (typeof row.history === 'string' ? JSON.parse(row.history) : row.history) as {
    from: ExperimentStatus
    to: ExperimentStatus
    at: string
    actorType: 'user' | 'api_key' | 'system'
    actorId: string
  }[]
  return items.map((h) => ({
    from: h.from,
    to: h.to,
    at: new Date(h.at),
    actor: { type: h.actorType, id: h.actorId },
  }))
}

/** The rollout columns when the statement returned them; the even split every baseline experiment has otherwise. */
function rolloutOf(traffic: unknown, allocations: unknown): ExperimentView['rollout'] {
  if (traffic === undefined || allocations === undefined) return defaultRollout(['control', 'treatment'])
  const parsed = (typeof allocations === 'string' ? JSON.parse(allocations) : allocations) as Allocation[]
  return { trafficPercentage: Number(traffic), allocations: parsed }
}

function viewOf(row: Row, prefix: string, history: StatusChange[], now: Date): ExperimentView {
  const col = (c: string) => row[`${prefix}${c}`]
  const experiment = {
    id: col('id') as string,
    environmentId: col('environment_id') as string,
    featureId: col('feature_id') as string,
    name: col('name') as string,
    hypothesis: col('hypothesis') as string,
    status: col('status') as ExperimentStatus,
    createdAt: col('created_at') as Date,
    updatedAt: col('updated_at') as Date,
    startedAt: col('started_at') as Date | null,
    endedAt: col('ended_at') as Date | null,
    version: Number(col('version')),
    metrics: [],
    rollout: rolloutOf(col('traffic_percentage'), col('allocations')),
    // The baseline creates every experiment without a setting, so the column defaults give it this one.
    analysis: DEFAULT_EXPERIMENT_ANALYSIS,
    // The baseline's statements do not all select the schedule; an unscheduled experiment has none.
    scheduledStartAt: (col('scheduled_start_at') ?? null) as Date | null,
    scheduledEndAt: (col('scheduled_end_at') ?? null) as Date | null,
  }
  return { ...experiment, runningSeconds: runningSeconds(experiment, history, now) }
}

/** The same permission and environment checks the service makes, through the same in-memory ports. */
async function authorize(environmentKey: string, action: 'view' | 'create' | MutationName) {
  const env = await features.environmentByKey(environmentKey)
  if (env === null) return null
  const [enabled, allowed] = await Promise.all([
    permissions.isEnabled(env),
    permissions.can(ACTOR, action, env),
  ])
  return enabled && allowed ? env : null
}

function text(value: string | undefined, max: number): string | null | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed.length === 0 || trimmed.length > max || trimmed.includes('\u0000') ? null : trimmed
}

const REFUSAL: Record<MutationName, string> = {
  update: 'unchanged',
  start: 'invalid_transition',
  pause: 'invalid_transition',
  complete: 'invalid_transition',
  delete: 'experiment_running',
  restore: 'unchanged',
}

/** Creates the baseline over a raw client and the library's tables in `schema`. */
export function createBaseline(client: SqlClient, schema: string): Baseline {
  const t: Tables = tablesIn(schema)
  const statements = {
    get: getSql(t),
    getDeleted: getSql(t, true),
    listFirst: listSql(t, false),
    listAfter: listSql(t, true),
    create: createSql(t),
    mutations: Object.fromEntries(
      (['update', 'start', 'pause', 'complete', 'delete', 'restore'] as const).map((m) => [
        m,
        mutationSql(t, m),
      ]),
    ) as Record<MutationName, string>,
    casMutations: Object.fromEntries(
      (['update', 'start', 'pause', 'complete', 'delete', 'restore'] as const).map((m) => [
        m,
        mutationSql(t, m, true),
      ]),
    ) as Record<MutationName, string>,
  }

  /**
   * One mutation statement; with `expectedVersion`, a compare-and-set on it. With `read` (the
   * row just read, its version expected), the lighter compare-and-set statement, whose history
   * is the one read plus the new row.
   */
  async function write(
    mutation: MutationName,
    env: Environment,
    id: string,
    values: { name?: string; hypothesis?: string } | undefined,
    expectedVersion: number | undefined,
    read?: { readonly history: StatusChange[] },
  ): Promise<Outcome<ExperimentView>> {
    const parameters: unknown[] = [
      id,
      env.id,
      new Date(),
      ACTOR.type,
      ACTOR.id,
      crypto.randomUUID(),
      env.projectId,
      env.name,
      expectedVersion ?? null,
    ]
    if (mutation === 'update') {
      const name = text(values?.name, 255)
      const hypothesis = text(values?.hypothesis, 10_000)
      if (name === null || hypothesis === null) return { ok: false, code: 'validation_failed' }
      parameters.push(name ?? null, hypothesis ?? null)
    }
    let rows: Row[]
    try {
      ;({ rows } = await client.query(
        (read ? statements.casMutations : statements.mutations)[mutation],
        parameters,
      ))
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505')
        return { ok: false, code: 'active_experiment_exists' }
      throw error
    }
    const row = rows[0]
    if (row === undefined) return { ok: false, code: 'experiment_not_found' }
    const now = new Date()
    const history = read === undefined ? historyOf(row) : [...read.history]
    if (read !== undefined && row.id !== null && row.old_status !== row.status) {
      history.push({
        from: row.old_status as ExperimentStatus,
        to: row.status as ExperimentStatus,
        at: row.updated_at as Date,
        actor: ACTOR,
      })
    }
    if (row.id !== null) return { ok: true, value: viewOf(row, '', history, now) }
    if (expectedVersion !== undefined && Number(row.c_version) !== expectedVersion)
      return { ok: false, code: 'version_mismatch' }
    const refusal = REFUSAL[mutation]
    return refusal === 'unchanged'
      ? { ok: true, value: viewOf(row, 'c_', history, now) }
      : { ok: false, code: refusal }
  }

  const baseline: Baseline = {
    get: async (environmentKey, id) => {
      const env = await authorize(environmentKey, 'view')
      if (env === null) return { ok: false, code: 'forbidden' }
      if (!UUID.test(id)) return { ok: false, code: 'experiment_not_found' }
      const { rows } = await client.query(statements.get, [id, env.id])
      const row = rows[0]
      return row === undefined
        ? { ok: false, code: 'experiment_not_found' }
        : { ok: true, value: viewOf(row, '', historyOf(row), new Date()) }
    },

    list: async (environmentKey, limit, after) => {
      const env = await authorize(environmentKey, 'view')
      if (env === null) return { ok: false, code: 'forbidden' }
      const { rows } = after
        ? await client.query(statements.listAfter, [env.id, limit + 1, after.createdAt, after.id])
        : await client.query(statements.listFirst, [env.id, limit + 1])
      const now = new Date()
      const first = rows[0] ?? {}
      const items = rows.filter((row) => row.id !== null && row.id !== undefined)
      const results = items.slice(0, limit).map((row) => viewOf(row, '', historyOf(row), now))
      const last = results.at(-1)
      return {
        ok: true,
        value: {
          results,
          next: items.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
          counts: {
            created: Number(first.n_created ?? 0),
            running: Number(first.n_running ?? 0),
            paused: Number(first.n_paused ?? 0),
            completed: Number(first.n_completed ?? 0),
          },
        },
      }
    },

    create: async (environmentKey, input) => {
      const env = await authorize(environmentKey, 'create')
      if (env === null) return { ok: false, code: 'forbidden' }
      const name = text(input.name, 255)
      const hypothesis = text(input.hypothesis, 10_000)
      if (typeof name !== 'string' || typeof hypothesis !== 'string')
        return { ok: false, code: 'validation_failed' }
      const feature = await features.featureById(input.feature)
      if (feature === null) return { ok: false, code: 'feature_not_found' }
      if (feature.projectId !== env.projectId) return { ok: false, code: 'feature_not_in_project' }
      if (feature.type !== 'multivariate') return { ok: false, code: 'feature_not_multivariate' }
      const now = new Date()
      const changes = {
        featureId: { from: null, to: feature.id },
        name: { from: null, to: name },
        hypothesis: { from: null, to: hypothesis },
        status: { from: null, to: 'created' },
      }
      const message = `Experiment '${name}' created for environment ${env.name}`
      const { rows } = await client.query(statements.create, [
        crypto.randomUUID(),
        env.id,
        feature.id,
        name,
        hypothesis,
        now,
        crypto.randomUUID(),
        env.projectId,
        ACTOR.type,
        ACTOR.id,
        message,
        JSON.stringify(changes),
      ])
      const row = rows[0]
      return row === undefined
        ? { ok: false, code: 'active_experiment_exists' }
        : { ok: true, value: viewOf(row, '', [], now) }
    },

    mutate: async (mutation, environmentKey, id, values, expectedVersion) => {
      const env = await authorize(environmentKey, mutation)
      if (env === null) return { ok: false, code: 'forbidden' }
      if (!UUID.test(id)) return { ok: false, code: 'experiment_not_found' }
      return write(mutation, env, id, values, expectedVersion)
    },

    mutateAfterRead: async (mutation, environmentKey, id, values) => {
      const env = await authorize(environmentKey, mutation)
      if (env === null) return { ok: false, code: 'forbidden' }
      if (!UUID.test(id)) return { ok: false, code: 'experiment_not_found' }
      for (let attempt = 0; attempt < 10; attempt++) {
        const { rows } = await client.query(mutation === 'restore' ? statements.getDeleted : statements.get, [
          id,
          env.id,
        ])
        const current = rows[0]
        if (current === undefined) return { ok: false, code: 'experiment_not_found' }
        const outcome = await write(mutation, env, id, values, Number(current.version), {
          history: historyOf(current),
        })
        if (outcome.ok || outcome.code !== 'version_mismatch') return outcome
      }
      return { ok: false, code: 'unavailable' }
    },
  }
  return baseline
}
