/** The assertions the contract suites make on a value, a subset of vitest's and jest's `expect(value)`. */
export interface ContractMatchers<R = void> {
  toBe(expected: unknown): R
  toEqual(expected: unknown): R
  toMatchObject(expected: object): R
  toBeNull(): R
  toBeDefined(): R
  toContain(item: unknown): R
  toHaveLength(length: number): R
  toBeGreaterThan(value: number): R
  toBeCloseTo(expected: number, digits?: number): R
  toThrow(expected?: unknown): R
}

/** `expect` as the contract suites use it: matchers, `.resolves`/`.rejects`, `expect.objectContaining`. */
export interface ContractExpect {
  (actual: unknown): ContractMatchers & {
    readonly resolves: ContractMatchers<Promise<unknown>>
    readonly rejects: ContractMatchers<Promise<unknown>>
  }
  objectContaining(expected: object): unknown
}

/**
 * The test functions a contract suite registers its tests with: vitest's and jest's have this
 * shape, so the suites run under either and the package itself depends on neither (a host's
 * production install never pulls in a test runner, and `flag-experiments/testing` loads with
 * `require` as well as `import`).
 *
 * @example
 * ```ts
 * // vitest
 * import * as vitest from 'vitest'
 * testFeatureLookup(vitest, () => ({ lookup, environments, features }))
 *
 * // jest (globals, or the same names from '@jest/globals')
 * testFeatureLookup({ describe, it, expect, beforeEach, afterEach }, () => ({ lookup, environments, features }))
 * ```
 */
export interface TestApi {
  readonly describe: (name: string, body: () => void) => unknown
  readonly it: (name: string, body: () => Promise<void> | void) => unknown
  readonly beforeEach: (hook: () => Promise<void> | void) => unknown
  readonly afterEach: (hook: () => Promise<void> | void) => unknown
  readonly expect: ContractExpect
}
