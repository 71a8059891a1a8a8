/**
 * How deep the suites go: `quick` by default (`npm test`, a couple of minutes on two cores),
 * `ci` with `TEST_DEPTH=ci` (what `.ci/run` sets: the full rounds, on PGlite and on Postgres) and
 * `long` with `TEST_DEPTH=long` or `LONG=1` (`npm run test:long`). Every test runs at every depth;
 * only the number of rounds of the randomized, simulated and racing ones changes.
 */
export const TEST_DEPTHS = ['quick', 'ci', 'long'] as const

/** One of {@link TEST_DEPTHS}. */
export type TestDepth = (typeof TEST_DEPTHS)[number]

function depthOf(environment: NodeJS.ProcessEnv): TestDepth {
  const asked = environment.TEST_DEPTH ?? (environment.LONG === '1' ? 'long' : 'quick')
  const depth = TEST_DEPTHS.find((d) => d === asked)
  if (depth === undefined)
    throw new Error(`TEST_DEPTH must be one of ${TEST_DEPTHS.join(', ')}, got ${JSON.stringify(asked)}`)
  return depth
}

/** The depth of this run, from `TEST_DEPTH` (or `LONG=1`). */
export const TEST_DEPTH: TestDepth = depthOf(process.env)

/**
 * The rounds for this run's depth, unless the environment variable `override` holds a positive
 * integer, which wins (to replay or stretch one suite).
 */
export function depthCount(override: string, counts: Readonly<Record<TestDepth, number>>): number {
  const asked = Number(process.env[override])
  return Number.isInteger(asked) && asked > 0 ? asked : counts[TEST_DEPTH]
}
