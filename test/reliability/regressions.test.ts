import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateExperimentInput, ListExperimentsInput, parseInput } from '../../src/index.js'
import { BASE_PATH, openDemoStack, type DemoStack } from './support/demo-stack.js'

/**
 * Defects the reliability suites found, pinned as exact reproductions so they stay fixed.
 *
 * 1. (Fixed in b4e81ef.) An unknown body field or query parameter named like an
 *    `Object.prototype` member (`constructor`, `toString`, …) got a `validation_failed` issue
 *    without a string `message` (`unknownKeyMessage` used `key in READ_ONLY_HINTS`).
 * 2. (Fixed in 66db034.) `?__proto__=x` on the list was silently accepted (200) where every
 *    other unknown query parameter is refused (400): the HTTP layer assigned into a plain `{}`,
 *    so `query['__proto__'] = …` set the prototype instead of adding a key.
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
