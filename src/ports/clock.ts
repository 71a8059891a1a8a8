/** The only source of time for the core. */
export interface Clock {
  now(): Date
}

/** A {@link Clock} reading the system time. */
export const systemClock: Clock = { now: () => new Date() }
