/**
 * The one rule by which two metric names are "the same ignoring case", in every adapter: NFKC
 * normalization (so `ﬁ` is `fi`, full-width `Ａ` is `A`, `e` + combining acute is `é`), then
 * Unicode's default lower-casing (JavaScript's locale-independent `toLowerCase`, so `ẞ` is `ß`
 * and `Σ` is `σ`), then the final sigma `ς` as `σ` (so `ΣΟΦΟΣ` and `σοφος` agree), then NFKC
 * again. It is not full case folding: `ß` stays apart from `ss`, and the Turkish `ı` and `İ`
 * apart from `i`. Adapters compare these keys, never a database's own `lower()`, whose answer
 * depends on the server's locale. See docs/rules.md#metric-catalogue.
 *
 * @example
 * ```ts
 * foldName('ΣΟΦΟΣ x') === foldName('σοφος x') // true
 * foldName('ﬁle') === foldName('FILE') // true
 * ```
 */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/ς/g, 'σ').normalize('NFKC')
}
