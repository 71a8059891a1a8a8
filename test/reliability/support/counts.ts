/**
 * Run sizes for the reliability suites: bounded by default so `npm test` stays fast, larger
 * with `LONG=1` (`npm run test:long`). Any count can be overridden with its own variable.
 */
export const LONG = process.env.LONG === '1'

/** The count for a suite: `RELIABILITY_<NAME>` if set, else the long or the bounded figure. */
export function count(name: string, bounded: number, long: number): number {
  const override = Number(process.env[`RELIABILITY_${name}`])
  return Number.isInteger(override) && override > 0 ? override : LONG ? long : bounded
}

/** Prints one greppable line of figures for the README's "Reliability" section. */
export function report(suite: string, figures: Readonly<Record<string, number | string>>): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${value}`)
  console.log(`[reliability] ${suite}${LONG ? ' (LONG)' : ''}: ${parts.join(' ')}`)
}

/**
 * fast-check parameters shared by the suites: `RELIABILITY_SEED` replays a run (fast-check
 * prints the random seed and path of every failure).
 */
export function propertyParameters(numRuns: number): { numRuns: number; seed?: number } {
  const seed = Number(process.env.RELIABILITY_SEED)
  return Number.isInteger(seed) ? { numRuns, seed } : { numRuns }
}
