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
  /**
   * Whether the body holds {@link metricPlaceholder}s or {@link experimentPlaceholder}s, replaced
   * by real ids of the run when the request is resolved (its bytes are then valid UTF-8 JSON text).
   */
  readonly metricRefs: boolean
}

/** Stands for the `n`-th metric the run knows, in a body; see {@link Body.metricRefs}. */
export const metricPlaceholder = (n: number) => `@@metric:${n}@@`

/** Stands for the `n`-th experiment the run knows, in an exposure; see {@link Body.metricRefs}. */
export const experimentPlaceholder = (n: number) => `@@experiment:${n}@@`

/** The fields whose accepted values the service must store exactly as sent (after the trim). */
const ROUND_TRIPPED = ['name', 'hypothesis', 'description'] as const

const jsonBody = (value: unknown): Body => {
  const strings: Record<string, string> = {}
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of ROUND_TRIPPED) {
      const v = (value as Record<string, unknown>)[key]
      if (typeof v === 'string') strings[key] = v
    }
  }
  const text = JSON.stringify(value)
  return {
    bytes: utf8(text),
    sentStrings: Object.keys(strings).length > 0 ? strings : null,
    metricRefs: /@@(metric|experiment):/.test(text),
  }
}
const rawBody = (text: string): Body => ({ bytes: utf8(text), sentStrings: null, metricRefs: false })

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

/** A percentage: mostly plausible, sometimes with too many decimals, out of range or not a number. */
const percentage = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<unknown>(0, 10, 25, 33.33, 33.34, 50, 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(-1, 100.01, 33.333, 0.1 + 0.2, 1e308, -0, '50', null, NaN, [], {}),
  },
  { weight: 1, arbitrary: fc.double() },
)
const variantKey = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<unknown>('control', 'blue', 'green', 'treatment') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('Control', '', 'purple', null, 1, 'x'.repeat(300)) },
  { weight: 1, arbitrary: fuzzString },
)
const allocations = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      [
        { variant: 'control', weight: 34 },
        { variant: 'blue', weight: 33 },
        { variant: 'green', weight: 33 },
      ],
      [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
      [
        { variant: 'control', weight: 100 },
        { variant: 'treatment', weight: 0 },
      ],
    ),
  },
  {
    weight: 4,
    arbitrary: fc.array(fc.record({ variant: variantKey, weight: percentage }), { maxLength: 4 }),
  },
  { weight: 1, arbitrary: anyJson },
)
/** A rollout; now and then with a field named the service's way, which must be refused. */
const rollout = fc.oneof(
  { weight: 8, arbitrary: fc.record({ traffic_percentage: percentage, allocations }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { traffic_percentage: percentage, allocations, trafficPercentage: percentage },
      { requiredKeys: ['allocations'] },
    ),
  },
)
const metricRef = fc.oneof(
  { weight: 6, arbitrary: fc.nat(30).map(metricPlaceholder) },
  { weight: 1, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('nope', '', null, 1, metricPlaceholder(0).toUpperCase()) },
)
const attachment = fc.record(
  {
    metric: metricRef,
    role: fc.constantFrom<unknown>('primary', 'secondary', 'guardrail', 'guardrail', 'PRIMARY', null),
    expected_direction: fc.constantFrom<unknown>(
      'increase',
      'decrease',
      'not_increase',
      'not_decrease',
      'up',
      null,
    ),
  },
  { requiredKeys: ['metric', 'role', 'expected_direction'] },
)
const attachments = fc.oneof(
  { weight: 8, arbitrary: fc.array(attachment, { maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.array(
      attachment.map((a) => ({ ...a, expectedDirection: 'increase' })),
      { minLength: 1, maxLength: 3 },
    ),
  },
)

/** A number for an analysis field: in range, at its edges, or hostile (huge, fractional, not a number). */
const analysisNumber = (min: number, max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<unknown>(min, max, Math.round((min + max) / 3)) },
    { weight: 2, arbitrary: fc.integer({ min: min - 2, max: max + 2 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(
        min - 1,
        max + 1,
        min + 0.5,
        -0,
        1e300,
        -1e300,
        Number.MAX_SAFE_INTEGER + 2,
        2 ** 63,
        Number.MIN_VALUE,
        String(min),
        '',
        null,
        true,
        [min],
        { value: min },
      ),
    },
    { weight: 1, arbitrary: fc.double() },
  )

/**
 * Analysis settings: fields in the wire names, each left out, valid or hostile; now and then in
 * the service's own names or with a stray field, both of which must be refused.
 */
const analysisSetting = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        method: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom<unknown>('sequential', 'fixed') },
          { weight: 1, arbitrary: fc.constantFrom<unknown>('bayesian', 'FIXED', '', null, 1, ['fixed']) },
          { weight: 1, arbitrary: fuzzString },
        ),
        sequential_tuning: analysisNumber(100, 10_000_000),
        pre_exposure_days: analysisNumber(0, 90),
      },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      { method: fc.constant('fixed'), sequentialTuning: fc.constant(2000), status: fc.constant('running') },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ method: anyJson, sequential_tuning: anyJson, pre_exposure_days: anyJson }),
  },
)

/** Design bodies: a create with metrics, a rollout and an analysis setting, a metrics PUT, a rollout PUT. */
const design = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record(
      {
        feature: featureValue,
        name: fuzzString,
        hypothesis: fuzzString,
        metrics: attachments,
        rollout,
        analysis: analysisSetting,
      },
      { requiredKeys: ['name', 'hypothesis'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ metrics: attachments }) },
  { weight: 1, arbitrary: fc.record({ metrics: anyJson }) },
  { weight: 2, arbitrary: rollout },
)

const eventName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>('checkout', 'purchase', 'page_load_ms', ' signup ') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('', 'tab\there', 'bell\u0007', 'x'.repeat(256), 1, null) },
  { weight: 1, arbitrary: fuzzString },
)

const metricFields = {
  name: fuzzString,
  description: fc.oneof(
    { weight: 8, arbitrary: fuzzString },
    { weight: 1, arbitrary: fc.constantFrom('d'.repeat(2000), 'd'.repeat(2001)) },
  ),
  event: eventName,
  aggregation: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<unknown>('occurrence', 'count', 'sum') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('avg', '', null, 'SUM') },
  ),
  direction: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<unknown>('up', 'down', 'informational') },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('sideways', null, 'UP') },
  ),
}

/** Metric bodies: a create (every field), an update (any of them, sometimes a read-only one). */
const metric = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record(metricFields, { requiredKeys: ['name', 'event', 'aggregation', 'direction'] }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ ...metricFields, version: fc.constant(3), id: fc.uuid() }, { requiredKeys: [] }),
  },
)

const experimentRef = fc.oneof(
  { weight: 8, arbitrary: fc.nat(30).map(experimentPlaceholder) },
  { weight: 1, arbitrary: fc.uuid().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('nope', '', null, 7, experimentPlaceholder(0).toUpperCase()),
  },
)
const identity = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>('u1', 'u2', 'u3', 'user-42', 'ÜSER 🎉') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>('', 'x'.repeat(255), 'x'.repeat(256), 'nul\u0000', 1, null),
  },
  { weight: 1, arbitrary: fuzzString },
)
const at = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<unknown>(
      '2026-01-01T00:00:05Z',
      '2026-01-01T00:10:00.123Z',
      '2026-01-01T02:00:00+02:00',
      '2030-06-01T00:00:00Z',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      '2026-01-01',
      '2026-01-01T00:00:05',
      '2026-13-01T00:00:00Z',
      'yesterday',
      '',
      0,
      null,
      '+275760-09-13T00:00:00.001Z',
    ),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
)
const eventValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>(0, 1, 19.99, -5, 1e6) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, '12', 1e308, -0, [], {}) },
  { weight: 1, arbitrary: fc.double() },
)
const exposureItem = fc.record(
  { experiment: experimentRef, identity, variant: variantKey, at },
  { requiredKeys: ['experiment', 'identity', 'variant', 'at'] },
)
const eventItem = fc.record(
  {
    id: fc.oneof(
      { weight: 8, arbitrary: fc.uuid().map(String) },
      // A few fixed ids, so that retries and duplicates happen.
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '0d9bc2de-5f0e-4c8a-9a53-9d3c1f3a2b10',
          'AB2C1E4F-0000-4000-8000-000000000001',
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom<unknown>('nope', '', null, 12) },
    ),
    identity,
    event: eventName,
    value: eventValue,
    at,
  },
  { requiredKeys: ['id', 'identity', 'event', 'at'] },
)
const batchOf = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: item.map((one) => Array.from({ length: 1001 }, () => one)) },
  )

/** Ingestion bodies: batches of exposures or events, mostly well formed, now and then not. */
const ingest = fc.oneof(
  { weight: 4, arbitrary: fc.record({ exposures: batchOf(exposureItem) }) },
  { weight: 4, arbitrary: fc.record({ events: batchOf(eventItem) }) },
  { weight: 1, arbitrary: fc.record({ exposures: anyJson, events: anyJson }, { requiredKeys: [] }) },
)

const nested = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth)

/** Request bodies: plausible, wrong-typed, hostile, huge, deeply nested, not JSON, not UTF-8. */
export const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 24, arbitrary: validish.map(jsonBody) },
  { weight: 12, arbitrary: design.map(jsonBody) },
  { weight: 10, arbitrary: metric.map(jsonBody) },
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
      rawBody(`{"events":[]}${' '.repeat(1024 * 1024)}`),
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
        return { bytes: new Uint8Array([...head, ...bad, ...tail]), sentStrings: null, metricRefs: false }
      }),
  },
)

/**
 * Bodies for the analysis PUT: settings, and junk in its place (not an object, a number JSON
 * cannot hold as a double, a setting nested in itself, a setting wrapped as the create sends it).
 */
const analysis = fc.oneof(
  { weight: 6, arbitrary: analysisSetting.map(jsonBody) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<unknown>(null, 'fixed', 5000, true, [], [{ method: 'fixed' }], {
        analysis: { method: 'fixed' },
      })
      .map(jsonBody),
  },
  { weight: 1, arbitrary: anyJson.map(jsonBody) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '{"sequential_tuning":1e999}',
        '{"pre_exposure_days":-1e999}',
        '{"sequential_tuning":123456789012345678901234567890}',
        '{"pre_exposure_days":14.0000000000000001}',
        '{"sequential_tuning":5000,"sequential_tuning":"5000"}',
        '{"method":"fixed","__proto__":{"method":"sequential"}}',
        `{"method":${nested(5_000, '{"method":', '}', '"fixed"')}}`,
        `{"pre_exposure_days":${nested(5_000, '[', ']')}}`,
      )
      .map(rawBody),
  },
)

/** The body a route expects, most of the time; any body otherwise. */
export function bodyFor(
  kind: 'experiment' | 'design' | 'analysis' | 'metric' | 'ingest' | 'other',
): fc.Arbitrary<Body> {
  if (kind === 'analysis') return fc.oneof({ weight: 3, arbitrary: analysis }, { weight: 1, arbitrary: body })
  const own = { experiment: validish, design, metric, ingest, other: null }[kind]
  return own === null
    ? body
    : fc.oneof({ weight: 3, arbitrary: own.map(jsonBody) }, { weight: 1, arbitrary: body })
}
