import type { Clock } from '../../ports/clock.js'

/**
 * A step for {@link ManualClock.advance}, in fixed-length units (a day is 24 hours, so the
 * clock never depends on a time zone); parts add up and may be negative or fractional.
 */
export interface ClockStep {
  readonly weeks?: number
  readonly days?: number
  readonly hours?: number
  readonly minutes?: number
  readonly seconds?: number
  readonly milliseconds?: number
}

/** A {@link Clock} that stands still until a test moves it. */
export interface ManualClock extends Clock {
  /** Moves the clock to this instant. */
  set(at: Date | string | number): void
  /** Moves the clock forward by milliseconds or a {@link ClockStep} (`{ minutes: 5 }`). */
  advance(by: number | ClockStep): void
}

const UNIT_MILLISECONDS = {
  weeks: 604_800_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
} as const satisfies Record<keyof ClockStep, number>

const stepMilliseconds = (step: ClockStep): number =>
  Object.entries(UNIT_MILLISECONDS).reduce(
    (total, [unit, size]) => total + (step[unit as keyof ClockStep] ?? 0) * size,
    0,
  )

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
      const step = typeof by === 'number' ? by : stepMilliseconds(by)
      const next = new Date(current.getTime() + step)
      if (Number.isNaN(next.getTime()))
        throw new RangeError(`ManualClock.advance: invalid step ${JSON.stringify(by)}`)
      current = next
    },
  }
}
