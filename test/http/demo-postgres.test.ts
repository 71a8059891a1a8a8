import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHEMA, createDemoService, openDemoDatabase } from '../../demo/demo-app.js'
import { demoTokens } from '../../demo/fixture.js'

/**
 * The demo on a Postgres server (`DATABASE_URL`) keeps its tables in a schema of its own, so a
 * shared database's `public` schema is never touched. Runs in a throwaway database.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? ''
const admin = demoTokens.admin!

describe.runIf(DATABASE_URL !== '')('the demo database on Postgres', () => {
  const name = `fx_demo_schema_${randomUUID().replace(/-/g, '').slice(0, 10)}`
  let server: pg.Client
  let client: pg.Client
  let url = ''

  beforeAll(async () => {
    server = new pg.Client({ connectionString: DATABASE_URL })
    await server.connect()
    await server.query(`create database ${name}`)
    const inside = new URL(DATABASE_URL)
    inside.pathname = `/${name}`
    url = inside.toString()
    client = new pg.Client({ connectionString: url })
    await client.connect()
  })
  afterAll(async () => {
    await client.end()
    await server.query(`drop database if exists ${name} with (force)`)
    await server.end()
  })

  /** Which schemas hold the library's tables, and how many experiments each holds. */
  async function experimentsBySchema(): Promise<Record<string, number>> {
    const { rows } = await client.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables where table_name = 'flag_experiments'`,
    )
    const counts: Record<string, number> = {}
    for (const { schema } of rows) {
      const counted = await client.query<{ n: number }>(
        `select count(*)::int as n from ${client.escapeIdentifier(schema)}.flag_experiments`,
      )
      counts[schema] = counted.rows[0]?.n ?? 0
    }
    return counts
  }

  it.each([
    ['its default schema', undefined, DEMO_SCHEMA],
    ['the schema DEMO_SCHEMA names', 'demo_elsewhere', 'demo_elsewhere'],
  ])('puts its tables in %s, not public', async (_label, configured, expected) => {
    const database = await openDemoDatabase({ DATABASE_URL: url, DEMO_SCHEMA: configured })
    try {
      expect(database.schema).toBe(expected)
      expect(database.description).toContain(expected)
      const created = await createDemoService(database).create(admin, 'dev', {
        feature: 1,
        name: 'Demo',
        hypothesis: 'It stays in its schema.',
      })
      expect(created.isOk()).toBe(true)
      const counts = await experimentsBySchema()
      expect(counts[expected]).toBe(1)
      expect(counts.public).toBeUndefined()
    } finally {
      await database.close()
    }
  })
})
