import type { HistoryFigures } from './history-bench.js'

/** The stored figures' file name for a backend, next to `<backend>.json` in `bench/results`. */
export const historyFile = (backend: 'pglite' | 'postgres') => `history-${backend}.json`

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))

/** The section of BENCHMARKS.md for every backend's latest run of the history section. */
export function historyMarkdown(runs: readonly HistoryFigures[]): string {
  if (runs.length === 0) return ''
  const rows = runs.flatMap((run) =>
    run.points.map((p) =>
      [
        run.backend === 'pglite' ? 'PGlite' : 'Postgres',
        String(p.earlier),
        p.environmentEvents.toLocaleString('en-US'),
        `${p.metricEvents.toLocaleString('en-US')} (own ${p.ownMetricEvents})`,
        `${fmt(p.results.median)} / ${fmt(p.results.p99)}`,
        p.plan.buffers.toLocaleString('en-US'),
        String(p.plan.heapFetches),
        String(p.plan.eventScansWithoutIdentity),
      ].join(' | '),
    ),
  )
  return [
    "## Results against the environment's history (`bench/history-bench.ts`, `BENCH_SECTIONS=history`)",
    `Results of the newest experiment (${runs[0]?.identities ?? 0} exposed identities) in an environment whose earlier ` +
      'experiments measured the same events on the same identities, tables never analyzed (autovacuum off on ' +
      'them), one schema per level, levels timed in rotating rounds. *buffers* and *heap fetches* are from ' +
      '`EXPLAIN (ANALYZE, BUFFERS)` of the summary statement; *scans without identity* counts scans of the events ' +
      "table whose index conditions do not name the identity (a walk over other identities' events).",
    runs.map((run) => `- ${run.backend}: ${run.date}, ${run.server}`).join('\n'),
    [
      "| backend | earlier experiments | environment events | events of the metrics' names | results median / p99 ms | buffers | heap fetches | scans without identity |",
      '|---|---|---|---|---|---|---|---|',
      ...rows.map((row) => `| ${row} |`),
    ].join('\n'),
    runs
      .map(
        (run) =>
          `**${run.backend}**: most / fewest earlier experiments, median: **${run.ratio.toFixed(2)}×** (goal ≤ 1.5×)`,
      )
      .join('; '),
  ].join('\n\n')
}
