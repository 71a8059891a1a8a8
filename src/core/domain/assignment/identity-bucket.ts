import { fnv1a32, fnv1a32Decimal } from './fnv1a32.js'

/**
 * Where an identity falls for a seed: a number in [0, 1) with four decimals, uniform over
 * identities. It is GrowthBook's hash version 2: FNV-1a of `seed + identity`, FNV-1a again of
 * that number written in decimal, then the last four decimal digits divided by 10 000.
 * The second pass removes the bias a single FNV-1a pass shows in its low digits.
 *
 * @example
 * ```ts
 * identityBucket('2eb5293f-9c84-49b6-a9cb-8ca56b2cd4bc', 'user-880065') // 0.7997
 * ```
 */
export function identityBucket(seed: string, identity: string): number {
  return identityBucketAfterSeed(fnv1a32(seed), identity)
}

/**
 * {@link identityBucket} when `seed` has already been hashed: `seedState` is `fnv1a32(seed)`,
 * so callers bucketing many identities for one seed hash it once.
 *
 * @example
 * ```ts
 * const seedState = fnv1a32(seed)
 * identityBucketAfterSeed(seedState, 'user-1') === identityBucket(seed, 'user-1') // true
 * ```
 */
export function identityBucketAfterSeed(seedState: number, identity: string): number {
  return (fnv1a32Decimal(fnv1a32(identity, seedState)) % 10000) / 10000
}
