import { describe, expect, it } from 'vitest'
import { toServiceInput, toWireIssues, toWireSchema } from '../../src/adapters/http/wire-names.js'

describe('JSON names ↔ service names', () => {
  it('renames the design fields where a body holds them, and nothing else', () => {
    const body = {
      feature: 1,
      name: 'n',
      metrics: [{ metric: 'm', role: 'primary', expected_direction: 'increase' }, 'not an object'],
      rollout: { traffic_percentage: 50, allocations: [{ variant: 'control', weight: 50 }] },
      nested: { traffic_percentage: 1 },
    }
    expect(toServiceInput(body)).toEqual({
      feature: 1,
      name: 'n',
      metrics: [{ metric: 'm', role: 'primary', expectedDirection: 'increase' }, 'not an object'],
      rollout: { trafficPercentage: 50, allocations: [{ variant: 'control', weight: 50 }] },
      nested: { traffic_percentage: 1 },
    })
    expect(toServiceInput({ traffic_percentage: 5, allocations: [] })).toEqual({
      trafficPercentage: 5,
      allocations: [],
    })
  })

  it('swaps the camelCase names the other way, so the service refuses them as unknown', () => {
    expect(toServiceInput({ trafficPercentage: 5, traffic_percentage: 6 })).toEqual({
      traffic_percentage: 5,
      trafficPercentage: 6,
    })
  })

  it('leaves non-objects, arrays and hostile keys as they are, without touching prototypes', () => {
    for (const value of [null, 1, 'x', [1, { traffic_percentage: 1 }]])
      expect(toServiceInput(value)).toEqual(value)
    const hostile = JSON.parse(
      '{"__proto__":{"polluted":true},"rollout":{"__proto__":{"polluted":true}}}',
    ) as object
    const renamed = toServiceInput(hostile) as Record<string, unknown>
    expect(Object.keys(renamed)).toEqual(['__proto__', 'rollout'])
    expect(Object.getPrototypeOf(renamed)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('does not walk a deeply nested body', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    expect(() => toServiceInput({ metrics: [deep], rollout: deep })).not.toThrow()
  })

  it('names issue paths and field names in messages as the request does', () => {
    expect(
      toWireIssues([
        { path: 'metrics.0.expectedDirection', message: 'A guardrail metric expects not_increase.' },
        { path: 'rollout.trafficPercentage', message: 'Must have at most two decimals.' },
        { path: 'traffic_percentage', message: 'traffic_percentage is not a known field; remove it.' },
        { path: '', message: 'Expected object' },
      ]),
    ).toEqual([
      { path: 'metrics.0.expected_direction', message: 'A guardrail metric expects not_increase.' },
      { path: 'rollout.traffic_percentage', message: 'Must have at most two decimals.' },
      { path: 'trafficPercentage', message: 'trafficPercentage is not a known field; remove it.' },
      { path: '', message: 'Expected object' },
    ])
  })

  it('renames properties and required names in a JSON Schema at any depth, and nothing else', () => {
    const schema = {
      type: 'object',
      properties: {
        trafficPercentage: { type: 'number', description: 'trafficPercentage' },
        metrics: {
          type: 'array',
          items: {
            properties: { expectedDirection: { enum: ['increase'] } },
            required: ['expectedDirection'],
          },
        },
      },
      required: ['trafficPercentage', 'metrics'],
    }
    expect(toWireSchema(schema)).toEqual({
      type: 'object',
      properties: {
        traffic_percentage: { type: 'number', description: 'trafficPercentage' },
        metrics: {
          type: 'array',
          items: {
            properties: { expected_direction: { enum: ['increase'] } },
            required: ['expected_direction'],
          },
        },
      },
      required: ['traffic_percentage', 'metrics'],
    })
  })
})
