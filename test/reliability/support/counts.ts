import { TEST_DEPTH, depthCount, type TestDepth } from '../../support/test-depth.js'

/**
 * Run sizes for the reliability suites, by depth (`quick` for `npm test`, `ci` for `.ci/run`,
 * `long` for `npm run test:long`; see {@link TEST_DEPTH}). Any count can be overridden with its
 * own variable, `RELIABILITY_<NAME>`.
 */
export function count(name: string, counts: Readonly<Record<TestDepth, number>>): number {
  return depthCount(`RELIABILITY_${name}`, counts)
}

/** Prints one greppable line of figures for the README's "Reliability" section. */
export function report(suite: string, figures: Readonly<Record<string, number | string>>): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${value}`)
  console.log(`[reliability] ${suite} (${TEST_DEPTH}): ${parts.join(' ')}`)
}

/**
 * fast-check parameters shared by the suites: `RELIABILITY_SEED` replays a run (fast-check
 * prints the random seed and path of every failure).
 */
export function propertyParameters(numRuns: number): { numRuns: number; seed?: number } {
  const seed = Number(process.env.RELIABILITY_SEED)
  return Number.isInteger(seed) ? { numRuns, seed } : { numRuns }
}
