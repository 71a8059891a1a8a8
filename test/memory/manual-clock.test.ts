import { describe, expect, it } from 'vitest'
import { createManualClock } from '../../src/memory.js'

describe('createManualClock', () => {
  it('starts at 2026-01-01T00:00:00Z unless given a start', () => {
    expect(createManualClock().now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(createManualClock('2026-03-01T12:00:00Z').now().toISOString()).toBe('2026-03-01T12:00:00.000Z')
  })

  it('advances by milliseconds or by a step whose parts add up, in fixed-length units', () => {
    const clock = createManualClock('2026-03-28T12:00:00Z')
    clock.advance(1_500)
    expect(clock.now().toISOString()).toBe('2026-03-28T12:00:01.500Z')
    clock.advance({ days: 1, hours: 2, minutes: -10, seconds: 20.9, milliseconds: 100 })
    expect(clock.now().toISOString()).toBe('2026-03-29T13:50:22.500Z')
    clock.advance({ weeks: 1 })
    expect(clock.now().toISOString()).toBe('2026-04-05T13:50:22.500Z')
  })

  it('hands out copies: moving a returned date does not move the clock', () => {
    const clock = createManualClock()
    clock.now().setUTCFullYear(1999)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })

  it('refuses an invalid start, instant or step', () => {
    expect(() => createManualClock('not a date')).toThrow(RangeError)
    const clock = createManualClock()
    expect(() => clock.set('nope')).toThrow(RangeError)
    expect(() => clock.advance({ hours: Number.NaN })).toThrow(RangeError)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })
})
