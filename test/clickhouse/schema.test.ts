import { afterAll, describe, expect, it } from 'vitest'
import { CLICKHOUSE_TABLE_NAMES, clickHouseSchema, migrateClickHouse } from '../../src/clickhouse.js'
import { clickHouseEngine, openTestClickHouse, type TestClickHouse } from '../support/clickhouse.js'

describe('clickHouseSchema: the statements migrateClickHouse runs', () => {
  it('creates the database and two local MergeTree tables ordered for the per-identity aggregation', () => {
    const statements = clickHouseSchema({ database: 'flags' })
    expect(statements).toHaveLength(3)
    expect(statements[0]).toBe('CREATE DATABASE IF NOT EXISTS `flags`')
    expect(statements[1]).toMatch(
      /^CREATE TABLE IF NOT EXISTS `flags`\.`flag_experiments_exposures` \([\s\S]*\) ENGINE = MergeTree ORDER BY \(experiment_id, identity, variant\) SETTINGS non_replicated_deduplication_window = 10000$/,
    )
    expect(statements[2]).toMatch(
      /^CREATE TABLE IF NOT EXISTS `flags`\.`flag_experiments_events` \([\s\S]*\) ENGINE = ReplacingMergeTree ORDER BY \(environment_id, event, identity, id\) SETTINGS/,
    )
    for (const statement of statements) expect(statement).not.toContain('ON CLUSTER')
  })

  it('on a cluster: replicated local tables and Distributed tables sharded by identity, all ON CLUSTER', () => {
    const statements = clickHouseSchema({ database: 'flags', cluster: 'main' })
    expect(statements).toHaveLength(5)
    expect(statements[0]).toBe('CREATE DATABASE IF NOT EXISTS `flags` ON CLUSTER `main`')
    for (const [index, name] of [
      [1, CLICKHOUSE_TABLE_NAMES.exposures],
      [3, CLICKHOUSE_TABLE_NAMES.events],
    ] as const) {
      const engine =
        name === CLICKHOUSE_TABLE_NAMES.events ? 'ReplicatedReplacingMergeTree' : 'ReplicatedMergeTree'
      expect(statements[index]).toContain(
        `CREATE TABLE IF NOT EXISTS \`flags\`.\`${name}_local\` ON CLUSTER \`main\` (`,
      )
      expect(statements[index]).toContain(
        `ENGINE = ${engine}('/clickhouse/tables/{shard}/flags/${name}_local', '{replica}')`,
      )
      expect(statements[index + 1]).toBe(
        `CREATE TABLE IF NOT EXISTS \`flags\`.\`${name}\` ON CLUSTER \`main\` AS \`flags\`.\`${name}_local\` ` +
          `ENGINE = Distributed('main', 'flags', '${name}_local', cityHash64(identity))`,
      )
    }
  })

  it('refuses a database or cluster name that is not an identifier, before any SQL', () => {
    for (const database of ['', 'a.b', 'x`; DROP TABLE t; --', '1abc', 'a'.repeat(128)]) {
      expect(() => clickHouseSchema({ database })).toThrow(RangeError)
    }
    expect(() => clickHouseSchema({ database: 'flags', cluster: "main') --" })).toThrow(RangeError)
  })
})

describe(`migrateClickHouse on ${clickHouseEngine}`, () => {
  let opened: TestClickHouse | undefined
  afterAll(async () => {
    await opened?.close()
  })

  it('creates the local form for real, and running it again changes nothing', async () => {
    opened = await openTestClickHouse()
    const { client, database } = opened
    await migrateClickHouse(client, { database })
    const tables = await opened.rows<{ name: string; engine: string; sorting_key: string }>(
      `SELECT name, engine, sorting_key FROM system.tables WHERE database = {database:String} ORDER BY name`,
      { database },
    )
    expect(tables).toEqual([
      {
        name: 'flag_experiments_events',
        engine: 'ReplacingMergeTree',
        sorting_key: 'environment_id, event, identity, id',
      },
      {
        name: 'flag_experiments_exposures',
        engine: 'MergeTree',
        sorting_key: 'experiment_id, identity, variant',
      },
    ])
    const columns = await opened.rows<{ table: string; name: string; type: string }>(
      `SELECT table, name, type FROM system.columns WHERE database = {database:String} AND name IN ('at', 'value', 'variant', 'event')
       ORDER BY table, name`,
      { database },
    )
    expect(columns).toEqual([
      { table: 'flag_experiments_events', name: 'at', type: "DateTime64(3, 'UTC')" },
      { table: 'flag_experiments_events', name: 'event', type: 'LowCardinality(String)' },
      { table: 'flag_experiments_events', name: 'value', type: 'Nullable(Float64)' },
      { table: 'flag_experiments_exposures', name: 'at', type: "DateTime64(3, 'UTC')" },
      { table: 'flag_experiments_exposures', name: 'variant', type: 'LowCardinality(String)' },
    ])
  })

  it('refuses, in the table itself, rows the library would not store (for whoever else writes them)', async () => {
    opened ??= await openTestClickHouse()
    const { client, database } = opened
    const insert = (identity: string, value: string) =>
      client.command({
        query: `INSERT INTO ${database}.${CLICKHOUSE_TABLE_NAMES.events} (environment_id, id, identity, event, value, at, batch)
          VALUES ('env', generateUUIDv4(), {identity:String}, 'purchase', ${value}, now64(3), 1)`,
        query_params: { identity },
      })
    await expect(insert('', '1')).rejects.toThrow(/identity_length/)
    await expect(insert('u1', 'inf')).rejects.toThrow(/value_finite/)
    await expect(insert('u1', 'NULL')).resolves.toBeDefined()
  })
})
