/** Latency figures of one series of timed calls. */
export interface LatencySummary {
  readonly samples: number
  /** Milliseconds. */
  readonly median: number
  /** Milliseconds. */
  readonly p99: number
  /** Milliseconds. */
  readonly mean: number
  /** Calls per second one client achieves back to back: 1000 / mean. */
  readonly opsPerSec: number
}

/** The value below which `q` of the sorted samples fall (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

/** Median, p99, mean and single-client throughput of latencies in milliseconds. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  const mean = sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length)
  return {
    samples: sorted.length,
    median: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean,
    opsPerSec: mean > 0 ? 1000 / mean : Number.NaN,
  }
}

/** Times one call in milliseconds. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}
