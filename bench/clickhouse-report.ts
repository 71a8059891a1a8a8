import type { ClickHouseBench, ClickHouseScale } from './clickhouse-bench.js'
import { label } from './targets.js'

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
const cell = (x: number | null | undefined) => (x === null || x === undefined ? '—' : ms(x))
const yes = (met: boolean) => (met ? 'yes' : '**no**')

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/** The goals, checked against the run. */
function targets(scales: readonly ClickHouseScale[]): string[][] {
  const at = (n: number) => scales.find((s) => s.identities === n)
  const million = at(1_000_000)
  const rows: string[][] = []
  if (million?.summarize.postgres) {
    const speedup = million.summarize.postgres.median / million.summarize.library.median
    rows.push([
      '≥ 10× faster than Postgres at 1M identities (summarize)',
      `${speedup.toFixed(1)}×`,
      yes(speedup >= 10),
    ])
  }
  if (million) {
    const median = million.summarize.library.median
    rows.push(['10M events ≤ 1.5 s (summarize, 1M identities)', `${ms(median)} ms`, yes(median <= 1500)])
  }
  for (let i = 1; i < scales.length; i++) {
    const [a, b] = [scales[i - 1]!, scales[i]!]
    const growth = b.summarize.library.median / a.summarize.library.median
    const tenfold = growth ** (1 / Math.log10(b.identities / a.identities))
    rows.push([
      `growth per tenfold ≤ 11× (${label(a.identities)} → ${label(b.identities)})`,
      `${tenfold.toFixed(1)}×`,
      yes(tenfold <= 11),
    ])
  }
  for (const s of scales) {
    const ratio = s.summarize.library.median / s.summarize.handWritten.median
    rows.push([
      `library ≤ 1.2× hand-written (${label(s.identities)})`,
      `${ratio.toFixed(2)}×`,
      yes(ratio <= 1.2),
    ])
  }
  const heap = Math.max(...scales.map((s) => s.heapGrowthMiB))
  rows.push([
    'Node memory flat (heap growth during one summarize, largest scale)',
    `${heap.toFixed(1)} MiB`,
    yes(heap < 16),
  ])
  return rows
}

/** The ClickHouse section of BENCHMARKS.md. */
export function clickHouseMarkdown(run: ClickHouseBench): string {
  return [
    '## ClickHouse adapter (`BENCH_SECTIONS=clickhouse`)',
    `- **Date**: ${run.date}; ${run.clickhouse} against ${run.postgres}, same run, same data (ten events per identity); load average at the end ${run.load.map((x) => x.toFixed(1)).join(', ')} on a machine shared with other runs, so figures are high and noisy.`,
    '- `summarize` and results (summarize, then the statistics) in medians of milliseconds; the hand-written query is the best found for the fixed metrics (no data-quality counts, no pre window); Postgres is the Kysely adapter. *pre 14 d* is the library with `preExposureDays: 14` (the CUPED sums in the same statement).',
    '',
    table(
      [
        'identities',
        'events',
        'CH library',
        'CH library, pre 14 d',
        'CH hand-written',
        'Postgres',
        'CH results',
        'Postgres results',
        'seed CH / PG (s)',
        'heap +MiB',
        'same as hand-written',
      ],
      run.scales.map((s) => [
        label(s.identities),
        label(s.events),
        ms(s.summarize.library.median),
        ms(s.summarize.libraryPre.median),
        ms(s.summarize.handWritten.median),
        cell(s.summarize.postgres?.median),
        ms(s.results.clickhouse.median),
        cell(s.results.postgres?.median),
        `${s.seedSeconds.clickhouse.toFixed(0)} / ${s.seedSeconds.postgres === null ? '—' : s.seedSeconds.postgres.toFixed(0)}`,
        s.heapGrowthMiB.toFixed(1),
        s.sameAsHandWritten ? 'yes' : '**no**',
      ]),
    ),
    '',
    table(['goal', 'measured', 'met'], targets(run.scales)),
  ].join('\n')
}
