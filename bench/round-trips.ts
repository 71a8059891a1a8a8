/** One statement as it went to the server. */
export interface SentStatement {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/**
 * Counts the statements a driver really sends: every `query` of a pg pool client or of PGlite,
 * BEGIN/COMMIT/SAVEPOINT included. While `recording`, it also keeps them (for plans and labels).
 */
export interface RoundTripCounter {
  readonly count: number
  /** Keeps every statement sent until {@link RoundTripCounter.take} is called. */
  record(): void
  /** Stops recording and hands back what was sent since {@link RoundTripCounter.record}. */
  take(): SentStatement[]
  /** Called by the instrumented drivers for each statement. */
  sent(sql: string, parameters: readonly unknown[]): void
}

/** Creates a {@link RoundTripCounter} at zero. */
export function createRoundTripCounter(): RoundTripCounter {
  let count = 0
  let recorded: SentStatement[] | null = null
  return {
    get count() {
      return count
    },
    record: () => {
      recorded = []
    },
    take: () => {
      const taken = recorded ?? []
      recorded = null
      return taken
    },
    sent: (sql, parameters) => {
      count++
      recorded?.push({ sql, parameters: [...parameters] })
    },
  }
}

/** A short label for a statement: its verb, and for a CTE the verbs of its parts (`WITH→UPDATE+INSERT`). */
export function statementLabel(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim().toLowerCase()
  const verb = /^(\w+)/.exec(text)?.[1] ?? '?'
  if (verb !== 'with') return verb.toUpperCase()
  const parts = [...text.matchAll(/\bas (?:materialized )?\(\s*(insert|update|delete|select)\b/g)].map((m) =>
    (m[1] ?? '').toUpperCase(),
  )
  return `WITH(${[...new Set(parts)].join('+')})`
}
