import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateExperimentInput, ListExperimentsInput, parseInput } from '../../src/index.js'
import { BASE_PATH, openDemoStack, type DemoStack } from './support/demo-stack.js'

/**
 * Defects the reliability suites found, pinned as exact reproductions so they stay fixed.
 *
 * 1. A request with an unknown field or query parameter named like an `Object.prototype` member
 *    (`constructor`, `toString`, `__proto__`, `hasOwnProperty`) gets a `validation_failed`
 *    problem whose issue has no string `message` (the `constructor` function is serialized away,
 *    `__proto__` becomes `{}`), so the body breaks the documented problem schema. Cause:
 *    `unknownKeyMessage` in src/core/schemas.ts looks the key up with `key in READ_ONLY_HINTS`,
 *    which sees inherited members; `Object.hasOwn(READ_ONLY_HINTS, key)` fixes it.
 */
const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']

describe('regressions found by the reliability suites', () => {
  let stack: DemoStack
  beforeAll(async () => {
    stack = await openDemoStack()
  })
  afterAll(() => stack.close())

  it.each(PROTOTYPE_KEYS)('an unknown body field named %s gets a string message', (key) => {
    const input = JSON.parse(`{"feature":"1","name":"n","hypothesis":"h","${key}":1}`) as CreateExperimentInput
    const parsed = parseInput(CreateExperimentInput, input)
    expect(parsed.isErr()).toBe(true)
    const issues = parsed.isErr() ? parsed.error.issues : []
    expect(issues).toEqual([{ path: key, message: expect.any(String) as string }])
  })

  it.each(PROTOTYPE_KEYS)('an unknown query parameter named %s gets a problem+json with a message', async (key) => {
    expect(parseInput(ListExperimentsInput, { [key]: 'x' }).isErr()).toBe(true)
    const response = await stack.handler(
      new Request(`http://x${BASE_PATH}/environments/dev/experiments/?${key}=x`, { headers: { authorization: 'Bearer admin' } }),
    )
    expect(response.status).toBe(400)
    const body = (await response.json()) as { code: string; issues: unknown[] }
    expect(body.code).toBe('validation_failed')
    expect(body.issues).toEqual([{ path: key, message: expect.any(String) as string }])
  })
})
