import { describe, expect, it } from 'vitest'
import { authenticateBearer, demoEnvironments, demoFeatures, demoPermissions } from '../../demo/fixture.js'
import type { ExperimentAction } from '../../src/index.js'
import { createExperimentService } from '../../src/index.js'
import { createHttpHandler } from '../../src/http.js'
import { createMemoryAdapters } from '../../src/memory.js'

/** A handler over the demo fixture whose permission policy records every question it is asked. */
function countingApi() {
  const asked: { readonly can: ExperimentAction[]; enabled: number } = { can: [], enabled: 0 }
  const adapters = createMemoryAdapters({
    environments: demoEnvironments,
    features: demoFeatures,
    permissions: {
      isEnabled: (environment) => {
        asked.enabled += 1
        return demoPermissions.isEnabled(environment)
      },
      can: (actor, action, environment) => {
        asked.can.push(action)
        return demoPermissions.can(actor, action, environment)
      },
    },
  })
  const handler = createHttpHandler({
    service: createExperimentService(adapters),
    authenticate: authenticateBearer,
    basePath: '/api/v1',
  })
  const send = async (method: string, path: string, json?: unknown, token = 'admin', ifMatch?: string) => {
    asked.can.length = 0
    asked.enabled = 0
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (json !== undefined) headers['content-type'] = 'application/json'
    if (ifMatch !== undefined) headers['if-match'] = ifMatch
    const response = await handler(
      new Request(`http://localhost/api/v1/environments/dev/${path}`, {
        method,
        headers,
        ...(json !== undefined && { body: JSON.stringify(json) }),
      }),
    )
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown, asked }
  }
  return { send }
}

describe('the handler asks the permission policy once per request', () => {
  it('for operations with a body, without one, and for lists', async () => {
    const { send } = countingApi()
    const created = await send('POST', 'experiments/', { feature: 4, name: 'n', hypothesis: 'h' })
    expect(created.status).toBe(201)
    expect(created.asked).toEqual({ can: ['create'], enabled: 1 })
    const id = (created.body as { id: string }).id

    const cases = [
      ['PATCH', `experiments/${id}/`, { name: 'renamed' }, 200, 'update'],
      [
        'PUT',
        `experiments/${id}/rollout/`,
        {
          traffic_percentage: 50,
          allocations: [
            { variant: 'control', weight: 50 },
            { variant: 'treatment', weight: 50 },
          ],
        },
        200,
        'update',
      ],
      ['POST', `experiments/${id}/start/`, undefined, 200, 'start'],
      ['GET', `experiments/${id}/`, undefined, 200, 'view'],
      ['GET', 'experiments/?status=running&limit=5', undefined, 200, 'view'],
      [
        'POST',
        'metrics/',
        { name: 'Checkout', event: 'checkout', aggregation: 'count', direction: 'up' },
        201,
        'manage_metrics',
      ],
      [
        'POST',
        'events/',
        {
          events: [{ id: crypto.randomUUID(), identity: 'u', event: 'checkout', at: '2026-01-01T00:00:00Z' }],
        },
        202,
        'ingest',
      ],
      ['GET', 'audit/?limit=2', undefined, 200, 'view'],
    ] as const
    for (const [method, path, json, status, action] of cases) {
      const answer = await send(method, path, json)
      expect(answer.status, `${method} ${path}`).toBe(status)
      expect(answer.asked, `${method} ${path}`).toEqual({ can: [action], enabled: 1 })
    }
  })

  it('also when the request is refused: forbidden, a bad query, a bad body or a bad If-Match', async () => {
    const { send } = countingApi()
    for (const [method, path, json, token, ifMatch, status] of [
      ['POST', 'experiments/', { feature: 1, name: 'n', hypothesis: 'h' }, 'viewer', undefined, 403],
      ['GET', 'experiments/?bogus=1', undefined, 'admin', undefined, 400],
      ['POST', 'experiments/', { feature: 1 }, 'admin', undefined, 400],
      ['DELETE', `experiments/${crypto.randomUUID()}/`, undefined, 'admin', 'W/"1"', 400],
    ] as const) {
      const answer = await send(method, path, json, token, ifMatch)
      expect(answer.status, `${method} ${path}`).toBe(status)
      expect(answer.asked.can, `${method} ${path}`).toHaveLength(1)
      expect(answer.asked.enabled, `${method} ${path}`).toBe(1)
    }
  })
})
