/**
 * Seeded random numbers for simulations: xoshiro128** (128-bit state, period 2¹²⁸ − 1) seeded
 * through splitmix32, so a run is reproducible from one integer and long runs never cycle.
 */
export type Random = () => number

/** splitmix32: spreads one 32-bit seed over the four state words. */
function splitmix32(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let t = state ^ (state >>> 16)
    t = Math.imul(t, 0x21f0aafd)
    t ^= t >>> 15
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k))

/**
 * A uniform generator on [0, 1) with 32 random bits per draw.
 *
 * @example
 * ```ts
 * const random = seededRandom(42)
 * random() // same value on every run
 * ```
 */
export function seededRandom(seed: number): Random {
  const init = splitmix32(seed)
  let s0 = init()
  let s1 = init()
  let s2 = init()
  let s3 = init()
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 11)
    return result / 4294967296
  }
}

/**
 * The Binomial(n, p) probabilities P(X = k), k = 0..n, from the recurrence
 * P(k + 1) = P(k)·(n − k)/(k + 1)·p/(1 − p), walked out from the mode so nothing underflows
 * where it matters, then normalised.
 */
export function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1)
  if (p <= 0 || p >= 1) {
    pmf[p <= 0 ? 0 : n] = 1
    return pmf
  }
  const odds = p / (1 - p)
  const mode = Math.min(n, Math.floor((n + 1) * p))
  pmf[mode] = 1
  for (let k = mode; k < n; k += 1) pmf[k + 1] = ((pmf[k] as number) * (n - k) * odds) / (k + 1)
  for (let k = mode; k > 0; k -= 1) pmf[k - 1] = ((pmf[k] as number) * k) / ((n - k + 1) * odds)
  const total = pmf.reduce((a, b) => a + b, 0)
  return pmf.map((x) => x / total)
}

/**
 * An exact Binomial(n, p) sampler by inversion: the cumulative table is built once, and each draw
 * is one uniform and a binary search (so a million identities cost the same as ten).
 */
export function binomialSampler(n: number, p: number): (random: Random) => number {
  const cdf = new Float64Array(n + 1)
  let running = 0
  binomialPmf(n, p).forEach((x, k) => {
    running += x
    cdf[k] = running
  })
  return (random) => {
    const u = random() * running
    let low = 0
    let high = n
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((cdf[middle] as number) > u) high = middle
      else low = middle + 1
    }
    return low
  }
}

/** A standard normal draw (Box–Muller; 1 − u keeps the logarithm away from 0). */
export function standardNormal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/**
 * A generator of v4-shaped UUIDs drawn from `random`, so that ids made by a seeded run (an
 * experiment's id seeds its bucketing) repeat with the seed.
 */
export function seededUuids(random: Random): () => string {
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('')
  return () =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`
}
