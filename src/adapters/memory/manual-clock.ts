import { add, type Duration } from 'date-fns'
import type { Clock } from '../../ports/clock.js'

/** A {@link Clock} that stands still until a test moves it. */
export interface ManualClock extends Clock {
  /** Moves the clock to this instant. */
  set(at: Date | string | number): void
  /** Moves the clock forward by milliseconds or a date-fns `Duration` (`{ minutes: 5 }`). */
  advance(by: number | Duration): void
}

/**
 * Creates a {@link ManualClock}, by default at 2026-01-01T00:00:00Z.
 *
 * @example
 * ```ts
 * const clock = createManualClock('2026-03-01T12:00:00Z')
 * clock.advance({ hours: 1 })
 * ```
 */
export function createManualClock(start: Date | string | number = '2026-01-01T00:00:00.000Z'): ManualClock {
  let current = new Date(start)
  if (Number.isNaN(current.getTime()))
    throw new RangeError(`createManualClock: invalid start ${String(start)}`)
  return {
    now: () => new Date(current),
    set: (at) => {
      const next = new Date(at)
      if (Number.isNaN(next.getTime())) throw new RangeError(`ManualClock.set: invalid date ${String(at)}`)
      current = next
    },
    advance: (by) => {
      current = typeof by === 'number' ? new Date(current.getTime() + by) : add(current, by)
    },
  }
}
