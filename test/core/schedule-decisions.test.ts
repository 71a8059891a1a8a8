import { describe, expect, it } from 'vitest'
import { decideScheduledTransition, decideUpdate } from '../../src/core/domain/decisions.js'
import {
  decideSchedule,
  dueTransition,
  SCHEDULE_ORDER_MESSAGE,
  scheduledTransition,
  type Schedule,
  type ScheduleChange,
} from '../../src/core/domain/schedule.js'
import { applyTransition } from '../../src/core/domain/state-machine.js'
import { DEFAULT_EXPERIMENT_ANALYSIS, type ExperimentState, type ExperimentStatus } from '../../src/index.js'

const T0 = new Date('2026-03-01T12:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const NONE: Schedule = { scheduledStartAt: null, scheduledEndAt: null }

function experimentIn(status: ExperimentStatus, overrides: Partial<ExperimentState> = {}): ExperimentState {
  return {
    id: 'e1',
    environmentId: 'env',
    environmentKey: 'dev',
    featureId: 'f1',
    name: 'Checkout',
    hypothesis: 'h',
    status,
    createdAt: T0,
    updatedAt: T0,
    startedAt: status === 'created' ? null : T0,
    endedAt: status === 'completed' ? T0 : null,
    version: 3,
    deletedAt: null,
    metrics: [],
    rollout: { trafficPercentage: 100, allocations: [] },
    analysis: DEFAULT_EXPERIMENT_ANALYSIS,
    ...NONE,
    ...overrides,
  }
}

const START = { scheduledStartAt: at(10) }
const END = { scheduledEndAt: at(20) }
const CLEAR = { scheduledStartAt: null, scheduledEndAt: null }

/** status × change → the code refused with, or `ok`. */
const TABLE: readonly (readonly [ExperimentStatus, string, ScheduleChange, string])[] = [
  ['created', 'start', START, 'ok'],
  ['created', 'end', END, 'ok'],
  ['created', 'both', { ...START, ...END }, 'ok'],
  ['created', 'clear', CLEAR, 'ok'],
  ['running', 'start', START, 'invalid_transition'],
  ['running', 'end', END, 'ok'],
  ['running', 'clear', CLEAR, 'ok'],
  ['paused', 'start', START, 'invalid_transition'],
  ['paused', 'end', END, 'ok'],
  ['completed', 'start', START, 'invalid_transition'],
  ['completed', 'end', END, 'invalid_transition'],
  ['completed', 'clear', CLEAR, 'ok'],
]

describe('decideSchedule', () => {
  it.each(TABLE)('%s + %s → %s', (status, _name, change, expected) => {
    const decided = decideSchedule(experimentIn(status), change)
    expect(decided.isOk() ? 'ok' : decided._unsafeUnwrapErr().code).toBe(expected)
  })

  it('refuses a start on a started experiment with where it stands and what a schedule can still do', () => {
    expect(decideSchedule(experimentIn('paused'), START)._unsafeUnwrapErr()).toMatchObject({
      code: 'invalid_transition',
      from: 'paused',
      to: 'running',
      allowed: ['completed'],
    })
    expect(decideSchedule(experimentIn('completed'), END)._unsafeUnwrapErr()).toMatchObject({
      from: 'completed',
      to: 'completed',
      allowed: [],
    })
  })

  it.each([
    [
      'an equal start and end',
      experimentIn('created'),
      { scheduledStartAt: at(5), scheduledEndAt: at(5) },
      'scheduledEndAt',
    ],
    [
      'a start after the end',
      experimentIn('created'),
      { scheduledStartAt: at(6), scheduledEndAt: at(5) },
      'scheduledEndAt',
    ],
    [
      'an end before the stored start',
      experimentIn('created', { scheduledStartAt: at(5) }),
      { scheduledEndAt: at(4) },
      'scheduledEndAt',
    ],
    [
      'a start after the stored end',
      experimentIn('created', { scheduledEndAt: at(5) }),
      { scheduledStartAt: at(5) },
      'scheduledStartAt',
    ],
  ] as const)('refuses %s as validation_failed on the field sent', (_name, current, change, path) => {
    expect(decideSchedule(current, change)._unsafeUnwrapErr()).toMatchObject({
      code: 'validation_failed',
      issues: [{ path, message: SCHEDULE_ORDER_MESSAGE }],
    })
  })

  it('keeps what the change leaves out and clears what it sets to null', () => {
    const current = experimentIn('created', { scheduledStartAt: at(1), scheduledEndAt: at(9) })
    expect(decideSchedule(current, { scheduledEndAt: at(8) })._unsafeUnwrap()).toEqual({
      scheduledStartAt: at(1),
      scheduledEndAt: at(8),
    })
    expect(decideSchedule(current, { scheduledStartAt: null })._unsafeUnwrap()).toEqual({
      scheduledStartAt: null,
      scheduledEndAt: at(9),
    })
  })
})

describe('decideUpdate with a schedule', () => {
  it('is an ordinary update with a version bump, and unchanged when the times are equal', () => {
    const current = experimentIn('created', { scheduledStartAt: at(1) })
    const verdict = decideUpdate(current, { scheduledStartAt: new Date(at(2)) }, at(0))._unsafeUnwrap()
    expect(verdict).toMatchObject({
      kind: 'edit',
      action: 'updated',
      next: { scheduledStartAt: at(2), version: 4 },
    })
    expect(decideUpdate(current, { scheduledStartAt: new Date(at(1)) }, at(0))._unsafeUnwrap()).toEqual({
      kind: 'unchanged',
    })
    expect(decideUpdate(current, { scheduledEndAt: null }, at(0))._unsafeUnwrap()).toEqual({
      kind: 'unchanged',
    })
  })
})

describe('transitions fulfil the schedule', () => {
  it('a start clears the scheduled start and keeps the end; a pause keeps the end; a completion clears it', () => {
    const created = experimentIn('created', { scheduledStartAt: at(1), scheduledEndAt: at(9) })
    const running = applyTransition(created, 'start', at(0))._unsafeUnwrap()
    expect(running).toMatchObject({ scheduledStartAt: null, scheduledEndAt: at(9) })
    const paused = applyTransition(running, 'pause', at(0))._unsafeUnwrap()
    expect(paused).toMatchObject({ scheduledEndAt: at(9) })
    expect(applyTransition(paused, 'complete', at(0))._unsafeUnwrap()).toMatchObject({ scheduledEndAt: null })
  })
})

describe('what is due', () => {
  it.each([
    ['created with a start', experimentIn('created', { scheduledStartAt: at(1) }), 'start'],
    [
      'created with an end only (it waits for the start)',
      experimentIn('created', { scheduledEndAt: at(1) }),
      null,
    ],
    [
      'created with both: the start first',
      experimentIn('created', { scheduledStartAt: at(1), scheduledEndAt: at(2) }),
      'start',
    ],
    ['running with an end', experimentIn('running', { scheduledEndAt: at(1) }), 'complete'],
    ['paused with an end', experimentIn('paused', { scheduledEndAt: at(1) }), 'complete'],
    ['deleted', experimentIn('created', { scheduledStartAt: at(1), deletedAt: T0 }), null],
    ['unscheduled', experimentIn('running'), null],
  ] as const)('%s → %s', (_name, experiment, action) => {
    expect(scheduledTransition(experiment)?.action ?? null).toBe(action)
  })

  it('is due from its time on, not before', () => {
    const experiment = experimentIn('created', { scheduledStartAt: at(1) })
    expect(dueTransition(experiment, at(0))).toBeNull()
    expect(dueTransition(experiment, at(1))).toEqual({ action: 'start', at: at(1) })
    expect(dueTransition(experiment, at(2))).toEqual({ action: 'start', at: at(1) })
  })

  it('a scheduled transition is decided only while still due, else nothing is written', () => {
    const actor = { type: 'system', id: 'scheduler' } as const
    const due = experimentIn('created', { scheduledStartAt: at(1) })
    const verdict = decideScheduledTransition(due, 'start', actor, at(2))._unsafeUnwrap()
    expect(verdict).toMatchObject({
      kind: 'edit',
      action: 'started',
      next: { status: 'running', scheduledStartAt: null },
      statusChange: { from: 'created', to: 'running', actor },
    })
    expect(decideScheduledTransition(due, 'start', actor, at(0))._unsafeUnwrap().kind).toBe('unchanged')
    const done = experimentIn('running')
    expect(decideScheduledTransition(done, 'start', actor, at(2))._unsafeUnwrap().kind).toBe('unchanged')
    expect(decideScheduledTransition(due, 'complete', actor, at(2))._unsafeUnwrap().kind).toBe('unchanged')
  })
})
