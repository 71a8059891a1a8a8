/** State of 32-bit FNV-1a before it has read anything (the offset basis). */
export const FNV1A32_OFFSET_BASIS = 0x811c9dc5

const FNV1A32_PRIME = 0x01000193

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text` (what `charCodeAt` returns, so an emoji
 * counts as its two surrogate halves, not as UTF-8 bytes), as an unsigned integer.
 *
 * FNV-1a reads its input one unit at a time, so hashing `a + b` equals hashing `b` starting from
 * the state left by `a`: pass that state as `state` to hash a shared prefix only once.
 *
 * @example
 * ```ts
 * fnv1a32('a') // 0xe40c292c
 * fnv1a32('world', fnv1a32('hello ')) === fnv1a32('hello world') // true
 * ```
 */
export function fnv1a32(text: string, state: number = FNV1A32_OFFSET_BASIS): number {
  let hash = state | 0
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), FNV1A32_PRIME)
  }
  return hash >>> 0
}

/**
 * 32-bit FNV-1a of the decimal digits of a non-negative integer below 2³², i.e.
 * `fnv1a32(String(value))`, computed without building the string.
 *
 * @example
 * ```ts
 * fnv1a32Decimal(4294967295) === fnv1a32('4294967295') // true
 * ```
 */
export function fnv1a32Decimal(value: number, state: number = FNV1A32_OFFSET_BASIS): number {
  let hash = state | 0
  let divisor = 1_000_000_000
  while (divisor > value && divisor > 1) divisor /= 10
  // Powers of ten and integers below 2³² are exact doubles, so this peels digits exactly.
  for (let rest = value; divisor >= 1; divisor /= 10) {
    const digit = Math.floor(rest / divisor)
    rest -= digit * divisor
    hash = Math.imul(hash ^ (48 + digit), FNV1A32_PRIME)
  }
  return hash >>> 0
}
