import type { RunResult } from './run-result.js'

/** One design goal checked against a run. */
export interface TargetCheck {
  readonly target: string
  readonly measured: string
  readonly met: boolean
}

const READS = new Set(['get', 'list'])
const fmt = (x: number, digits = 2) => x.toFixed(digits)

/** Checks the issue's targets against what the run measured (skipping sections it did not run). */
export function checkTargets(run: RunResult): TargetCheck[] {
  const checks: TargetCheck[] = []
  if (run.commands !== null) {
    const reads = run.commands.filter((c) => READS.has(c.command))
    const writes = run.commands.filter((c) => !READS.has(c.command))
    checks.push({
      target: 'reads: 1 round trip',
      measured: reads.map((c) => `${c.command} ${fmt(c.library.roundTrips)}`).join(', '),
      met: reads.every((c) => c.library.roundTrips <= 1),
    })
    checks.push({
      target: 'mutations: ≤ 2 round trips',
      measured: writes.map((c) => `${c.command} ${fmt(c.library.roundTrips)}`).join(', '),
      met: writes.every((c) => c.library.roundTrips <= 2),
    })
    const over = run.commands.filter((c) => c.ratio > 1.3)
    checks.push({
      target: 'library/baseline median latency ≤ 1.3×',
      measured:
        over.length === 0
          ? `all ≤ 1.3× (max ${fmt(Math.max(...run.commands.map((c) => c.ratio)))}×)`
          : `over: ${over.map((c) => `${c.command} ${fmt(c.ratio)}×`).join(', ')}`,
      met: over.length === 0,
    })
  }
  if (run.scaling !== null && run.scaling.length >= 2) {
    const small = run.scaling[0]!
    const large = run.scaling.at(-1)!
    for (const key of ['listFirst', 'listDeep'] as const) {
      const ratio = large[key].library.median / small[key].library.median
      checks.push({
        target: `list (${key === 'listFirst' ? 'first page' : 'deep page'}) at ${label(large.rows)} ≤ 1.5× of ${label(small.rows)}`,
        measured: `${fmt(ratio, 3)}×`,
        met: ratio <= 1.5,
      })
    }
    checks.push({
      target: 'no Seq Scan on the experiments table (list plans)',
      measured: run.scaling
        .map((p) => `${label(p.rows)}: ${p.seqScan ? 'Seq Scan' : 'index only'}`)
        .join(', '),
      met: run.scaling.every((p) => !p.seqScan || p.rows <= 1_000),
    })
  }
  if (run.concurrency !== null) {
    const most = Math.max(...run.concurrency.map((p) => p.clients))
    for (const point of run.concurrency.filter((p) => p.clients === most)) {
      checks.push({
        target: `${most}-client throughput ≥ 0.8× baseline (${point.scenario})`,
        measured: `${fmt(point.ratio, 3)}×${run.connections === 1 ? ' (single connection)' : ''}`,
        met: point.ratio >= 0.8,
      })
    }
  }
  if (run.assignment) {
    checks.push({
      target: 'assignVariant throughput ≥ 5× GrowthBook (fastest way, same answers)',
      measured: `${fmt(run.assignment.ratioToGrowthbook, 1)}×`,
      met: run.assignment.ratioToGrowthbook >= 5,
    })
  }
  return checks
}

/** `1000` → `1k`, `1000000` → `1M`. */
export function label(rows: number): string {
  if (rows >= 1_000_000 && rows % 1_000_000 === 0) return `${rows / 1_000_000}M`
  if (rows >= 1_000 && rows % 1_000 === 0) return `${rows / 1_000}k`
  return String(rows)
}
