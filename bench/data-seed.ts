import type { SqlClient } from './backend.js'
import { foldName } from '../src/core/domain/fold-name.js'

/** Quoted, schema-qualified names of the tables the data benchmark uses. */
export interface DataTables {
  readonly experiments: string
  readonly metrics: string
  readonly experimentMetrics: string
  readonly exposures: string
  readonly events: string
}

/** The tables in `schema`. */
export function dataTables(schema: string): DataTables {
  const q = (name: string) => `"${schema.replace(/"/g, '""')}"."${name}"`
  return {
    experiments: q('flag_experiments'),
    metrics: q('flag_experiments_metrics'),
    experimentMetrics: q('flag_experiments_experiment_metrics'),
    exposures: q('flag_experiments_exposures'),
    events: q('flag_experiments_events'),
  }
}

/** One seeded experiment and what it holds. */
export interface SeededExperiment {
  readonly environmentId: string
  readonly experimentId: string
  /** The catalogue ids of the experiment's three metrics (see {@link SEED_METRICS}). */
  readonly metricIds: SeedMetricIds
  readonly identities: number
  readonly exposures: number
  readonly events: number
  /** The window covering every exposure. */
  readonly window: { readonly from: Date; readonly to: Date }
  /** Wall time of the inserts and the `vacuum analyze`, in milliseconds. */
  readonly seedMs: number
}

/** The seeded data starts here; exposures spread over one day, events up to six hours after. */
export const SEED_START = new Date('2030-01-01T00:00:00Z')

/** The event names the seed writes; a metric set of the benchmark reads three of them. */
export const SEED_EVENT_NAMES = ['purchase', 'signup', 'page_view', 'add_to_cart', 'search'] as const

/** The experiment's metrics, in its order: a conversion, a revenue sum, a count of signups. */
export const SEED_METRICS = [
  { key: 'conversion', event: 'purchase', aggregation: 'occurrence', role: 'primary', direction: 'increase' },
  { key: 'revenue', event: 'purchase', aggregation: 'sum', role: 'secondary', direction: 'increase' },
  { key: 'signups', event: 'signup', aggregation: 'count', role: 'guardrail', direction: 'not_decrease' },
] as const

/** One of {@link SEED_METRICS}. */
export type SeedMetric = (typeof SEED_METRICS)[number]

/** A running experiment row (control and treatment at 50/50, feature of its own), started at `startedAt`. */
export async function insertSeedExperiment(
  admin: SqlClient,
  t: DataTables,
  experiment: { readonly experimentId: string; readonly environmentId: string; readonly startedAt: Date },
): Promise<void> {
  const { experimentId, environmentId, startedAt } = experiment
  await admin.query(
    `insert into ${t.experiments} (id, environment_id, feature_id, name, hypothesis, status, created_at,
       updated_at, started_at, version, traffic_percentage, allocations)
     values ($1, $2, $3, 'Checkout', 'Shorter converts better', 'running', $4, $4, $4, 2, 100,
       '[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]')`,
    [experimentId, environmentId, `feature-${experimentId}`, startedAt.toISOString()],
  )
}

/** The environment's catalogue entries of {@link SEED_METRICS}, by key. */
export type SeedMetricIds = { readonly [K in SeedMetric['key']]: string }

/** Adds {@link SEED_METRICS} to an environment's catalogue; returns their ids. */
export async function insertSeedMetrics(
  admin: SqlClient,
  t: DataTables,
  environmentId: string,
): Promise<SeedMetricIds> {
  const metricIds = Object.fromEntries(SEED_METRICS.map((m) => [m.key, crypto.randomUUID()])) as {
    [K in SeedMetric['key']]: string
  }
  for (const metric of SEED_METRICS) {
    await admin.query(
      `insert into ${t.metrics} (id, environment_id, name, name_key, description, event, aggregation, direction,
         created_at, updated_at, version)
       values ($1, $2, $3, $8, '', $4, $5, $6, $7, $7, 1)`,
      [
        metricIds[metric.key],
        environmentId,
        metric.key,
        metric.event,
        metric.aggregation,
        metric.role === 'guardrail' ? 'informational' : 'up',
        SEED_START.toISOString(),
        foldName(metric.key),
      ],
    )
  }
  return metricIds
}

/** Lists the catalogue's {@link SEED_METRICS} on an experiment, in their order. */
export async function attachSeedMetrics(
  admin: SqlClient,
  t: DataTables,
  experimentId: string,
  metricIds: SeedMetricIds,
): Promise<void> {
  for (const [position, metric] of SEED_METRICS.entries()) {
    await admin.query(
      `insert into ${t.experimentMetrics} (experiment_id, metric_id, position, role, expected_direction)
       values ($1, $2, $3, $4, $5)`,
      [experimentId, metricIds[metric.key], position, metric.role, metric.direction],
    )
  }
}

/**
 * Seeds one running experiment in a fresh environment with `generate_series` (never row by
 * row): `identities` exposed identities split over control and treatment, one in a hundred
 * also exposed to the other variant, each with `eventsPerIdentity` events over five names
 * (a third without value, two of them before the identity's exposure). The experiment lists
 * {@link SEED_METRICS} from its environment's catalogue, so results can be read. A second environment
 * gets two events per identity under the same identities, which `summarize` must not read.
 */
export async function seedExperimentData(
  admin: SqlClient,
  schema: string,
  identities: number,
  eventsPerIdentity = 10,
): Promise<SeededExperiment> {
  const t = dataTables(schema)
  const environmentId = `bench-env-${identities}-${Date.now()}`
  const experimentId = crypto.randomUUID()
  const started = performance.now()
  await insertSeedExperiment(admin, t, { experimentId, environmentId, startedAt: SEED_START })
  const metricIds = await insertSeedMetrics(admin, t, environmentId)
  await attachSeedMetrics(admin, t, experimentId, metricIds)
  await admin.query(
    `insert into ${t.exposures} (experiment_id, identity, variant, at)
     select $1::uuid, 'user-' || i, v.variant, $2::timestamptz + (i % 86400) * interval '1 second'
     from generate_series(1, $3::int) i
     cross join lateral (values ('control', i % 2 = 0), ('treatment', i % 2 = 1 or i % 100 = 0)) v(variant, seen)
     where v.seen`,
    [experimentId, SEED_START.toISOString(), identities],
  )
  const names = `array['${SEED_EVENT_NAMES.join("','")}']`
  for (const [environment, count] of [
    [environmentId, eventsPerIdentity],
    [`${environmentId}-other`, 2],
  ] as const) {
    await admin.query(
      `insert into ${t.events} (environment_id, id, identity, event, value, at)
       select $1, gen_random_uuid(), 'user-' || i, (${names})[1 + (i * 7 + j) % 5],
         case when j % 3 = 0 then null else ((i * 31 + j * 17) % 100)::float8 / 4 end,
         $2::timestamptz + ((i % 86400) + (j - 2) * 1800) * interval '1 second'
       from generate_series(1, $3::int) i cross join generate_series(0, $4::int - 1) j`,
      [environment, SEED_START.toISOString(), identities, count],
    )
  }
  await admin.query(`vacuum analyze ${t.exposures}`)
  await admin.query(`vacuum analyze ${t.events}`)
  const [counts] = (
    await admin.query<{ exposures: number; events: number }>(
      `select (select count(*)::int from ${t.exposures} where experiment_id = $1) as exposures,
              (select count(*)::int from ${t.events} where environment_id = $2) as events`,
      [experimentId, environmentId],
    )
  ).rows
  return {
    environmentId,
    experimentId,
    metricIds,
    identities,
    exposures: counts?.exposures ?? 0,
    events: counts?.events ?? 0,
    window: { from: SEED_START, to: new Date(SEED_START.getTime() + 2 * 86_400_000) },
    seedMs: performance.now() - started,
  }
}
