import type { ClickHouseClient } from '@clickhouse/client'
import { SEED_EVENT_NAMES, SEED_START } from './data-seed.js'

/** One experiment seeded in ClickHouse with the same data `seedExperimentData` writes to Postgres. */
export interface ClickHouseSeeded {
  readonly environmentId: string
  readonly experimentId: string
  readonly identities: number
  readonly events: number
  readonly seedSeconds: number
  readonly window: { readonly from: Date; readonly to: Date }
}

const time = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '')

/**
 * Seeds inside ClickHouse (`INSERT … SELECT` from `numbers()`, no row through Node) exactly the
 * distribution of `seedExperimentData`: `identities` exposed identities split over control and
 * treatment, one in a hundred exposed to both; ten events each over five names (a third without
 * value, two before the exposure); two events each in a second environment.
 */
export async function seedClickHouse(
  client: ClickHouseClient,
  database: string,
  identities: number,
): Promise<ClickHouseSeeded> {
  const environmentId = `bench-env-${identities}-${Date.now()}`
  const experimentId = crypto.randomUUID()
  const started = performance.now()
  const start = `toDateTime64('${time(SEED_START)}', 3, 'UTC')`
  await client.command({
    query: `INSERT INTO ${database}.flag_experiments_exposures (experiment_id, identity, variant, at, batch)
      SELECT {experiment:UUID}, concat('user-', toString(i)), v, ${start} + toIntervalSecond(i % 86400), 0
      FROM (SELECT number + 1 AS i FROM numbers({n:UInt64}))
      ARRAY JOIN arrayFilter(x -> x != '', [if(i % 2 = 0, 'control', ''), if(i % 2 = 1 OR i % 100 = 0, 'treatment', '')]) AS v`,
    query_params: { experiment: experimentId, n: identities },
  })
  const names = `['${SEED_EVENT_NAMES.join("','")}']`
  for (const [environment, perIdentity] of [
    [environmentId, 10],
    [`${environmentId}-other`, 2],
  ] as const) {
    await client.command({
      query: `INSERT INTO ${database}.flag_experiments_events (environment_id, id, identity, event, value, at, batch)
        SELECT {environment:String}, generateUUIDv4(number), concat('user-', toString(i)), ${names}[1 + (i * 7 + j) % 5],
          if(j % 3 = 0, NULL, toFloat64((i * 31 + j * 17) % 100) / 4),
          ${start} + toIntervalSecond((i % 86400) + (j - 2) * 1800), 0
        FROM (SELECT number, intDiv(number, {per:UInt64}) + 1 AS i, number % {per:UInt64} AS j FROM numbers({n:UInt64}))`,
      query_params: { environment, per: perIdentity, n: identities * perIdentity },
    })
  }
  await client.command({ query: `OPTIMIZE TABLE ${database}.flag_experiments_events FINAL` })
  return {
    environmentId,
    experimentId,
    identities,
    events: identities * 10,
    seedSeconds: (performance.now() - started) / 1000,
    window: { from: SEED_START, to: new Date(SEED_START.getTime() + 2 * 86_400_000) },
  }
}

/**
 * The best hand-written ClickHouse summary found for the benchmark's fixed metrics (occurrence and
 * sum of `purchase`, count of `signup`): names and aggregations written into the SQL, each exposed
 * identity joined (inner) to its events read `FINAL` from its first exposure on, the identities
 * counted apart (an inner join drops those without events), one statement.
 */
export function handWrittenSummary(database: string, seeded: ClickHouseSeeded): string {
  const from = `toDateTime64('${time(seeded.window.from)}', 3, 'UTC')`
  const to = `toDateTime64('${time(seeded.window.to)}', 3, 'UTC')`
  const exposed = `SELECT identity AS who, any(variant) AS arm, min(at) AS first_at, uniqExact(variant) AS arms
    FROM ${database}.flag_experiments_exposures
    WHERE experiment_id = '${seeded.experimentId}' AND at >= ${from} AND at <= ${to} GROUP BY identity`
  return `SELECT if(arms = 1, arm, '') AS variant, count() AS identities, 0 AS conversions, 0 AS revenue,
      0 AS revenue_squares, 0 AS signups, 0 AS signups_squares
    FROM (${exposed}) GROUP BY variant
    UNION ALL
    SELECT arm, 0, countIf(purchases > 0), sum(revenue), sum(revenue * revenue), sum(signups), sum(signups * signups)
    FROM (
      SELECT x.who, any(x.arm) AS arm, countIf(e.event = 'purchase') AS purchases,
        sumIf(ifNull(e.value, 0), e.event = 'purchase') AS revenue, toFloat64(countIf(e.event = 'signup')) AS signups
      FROM ${database}.flag_experiments_events AS e FINAL
      INNER JOIN (SELECT who, arm, first_at FROM (${exposed}) WHERE arms = 1) AS x ON e.identity = x.who
      WHERE e.environment_id = '${seeded.environmentId}' AND e.event IN ('purchase', 'signup') AND e.at <= ${to}
        AND e.at >= x.first_at
      GROUP BY x.who
    )
    GROUP BY arm`
}
