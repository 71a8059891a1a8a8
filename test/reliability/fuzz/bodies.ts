import fc from 'fast-check'

/** Strings that have broken other systems: SQL injection, escapes, every corner of Unicode. */
export const NASTY_STRINGS = [
  "'; DROP TABLE flag_experiments; --",
  "1' OR '1'='1",
  'Robert"); DELETE FROM flag_experiments_audit; --',
  "$1 $$ $tag$ E'\\x00'",
  '%_\\%\\_',
  '</script><script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'Ünïcødé naïve café',
  'e\u0301 (NFD) vs é (NFC)',
  '👩🏽‍💻🎉🏳️‍🌈',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚',
  '\u202Eevil\u202C',
  'zero\u200Bwidth\u200Djoin\uFEFF',
  'ﷺ ﷽',
  'İstanbul ß ẞ ǅ',
  'Σίσυφος ΣΊΣΥΦΟΣ',
  '中文测试 日本語 한국어',
  'tab\tnewline\nreturn\r',
  '\u0085next line\u2028line sep\u2029para',
  'a'.repeat(255),
  '🎉'.repeat(255),
  '\\u0000 literally',
  'nul\u0000byte',
  'lone \uD800 high',
  'lone \uDC00 low',
  '   ',
  '',
]

/** Strings for names, hypotheses and queries: hostile ones, and random ones of every kind. */
export const fuzzString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 250, maxLength: 300 }) },
)

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 })

const encoder = new TextEncoder()
const utf8 = (text: string) => encoder.encode(text)

/** A JSON body and the strings in it the service must round-trip if it accepts them. */
export interface Body {
  readonly bytes: Uint8Array
  readonly sentStrings: Record<string, string> | null
}

const jsonBody = (value: unknown): Body => {
  const strings: Record<string, string> = {}
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of ['name', 'hypothesis'] as const) {
      const v = (value as Record<string, unknown>)[key]
      if (typeof v === 'string') strings[key] = v
    }
  }
  return { bytes: utf8(JSON.stringify(value)), sentStrings: Object.keys(strings).length > 0 ? strings : null }
}
const rawBody = (text: string): Body => ({ bytes: utf8(text), sentStrings: null })

const featureValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>('1', '4', 1, 4, '3', ' 4 ') },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      '2',
      '5',
      '999',
      0,
      -1,
      1.5,
      1e308,
      '',
      null,
      true,
      [],
      {},
      '1; DROP TABLE x',
    ),
  },
  { weight: 1, arbitrary: anyJson },
)
const validish = fc.record(
  { feature: featureValue, name: fuzzString, hypothesis: fuzzString },
  { requiredKeys: ['name', 'hypothesis'] },
)

const nested = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth)

/** Request bodies: plausible, wrong-typed, hostile, huge, deeply nested, not JSON, not UTF-8. */
export const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 24, arbitrary: validish.map(jsonBody) },
  {
    weight: 4,
    arbitrary: fc.record({ name: fuzzString, hypothesis: fuzzString }, { requiredKeys: [] }).map(jsonBody),
  },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          name: anyJson,
          hypothesis: anyJson,
          feature: anyJson,
          status: fc.constantFrom('running', 'completed'),
        },
        { requiredKeys: [] },
      )
      .map(jsonBody),
  },
  { weight: 2, arbitrary: anyJson.map(jsonBody) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '{"__proto__":{"polluted":true},"name":"proto","hypothesis":"h","feature":"1"}',
        '{"constructor":{"prototype":{"polluted":true}},"name":"ctor","hypothesis":"h","feature":"4"}',
        '{"name":"dup","name":"dup2","hypothesis":"h","feature":"1"}',
        '{"id":"00000000-0000-0000-0000-000000000000","name":"n","hypothesis":"h","feature":"1"}',
        '{"version":99,"name":"n"}',
        '{"name":"\\ud800","hypothesis":"h","feature":"1"}',
        '{"name":"\\u0000","hypothesis":"h","feature":"1"}',
        '{"name":1e999,"hypothesis":"h","feature":"1"}',
        '{"feature":12345678901234567890,"name":"n","hypothesis":"h"}',
      )
      .map(rawBody),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '',
        '   ',
        '{',
        '{"name":',
        'nul',
        'NaN',
        "{'name':'single quotes'}",
        '{"name":"x",}',
        '\uFEFF{"name":"bom"}',
        '<xml/>',
        'name=x&hypothesis=y',
      )
      .map(rawBody),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(10, 1_000, 20_000, 40_000)
      .chain((depth) =>
        fc.constantFrom(
          rawBody(nested(depth, '[', ']')),
          rawBody(nested(depth, '{"a":', '}')),
          rawBody(`{"name":${nested(depth, '[', ']')},"hypothesis":"h","feature":"1"}`),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      jsonBody({ name: 'big', hypothesis: 'h'.repeat(60_000), feature: '1' }),
      jsonBody({ name: 'x'.repeat(70_000), hypothesis: 'h', feature: '1' }),
      jsonBody({ name: 'n', hypothesis: 'é'.repeat(10_000), feature: '1' }),
      jsonBody({ name: 'n', hypothesis: 'é'.repeat(10_001), feature: '1' }),
      rawBody(' '.repeat(65_537)),
      rawBody(nested(200_000, '[', ']')),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        [0xff, 0xfe],
        [0xc3, 0x28],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
      )
      .map((bad): Body => {
        const head = utf8('{"name":"')
        const tail = utf8('","hypothesis":"h","feature":"1"}')
        return { bytes: new Uint8Array([...head, ...bad, ...tail]), sentStrings: null }
      }),
  },
)
