import { describe, expect, it } from 'vitest'
import {
  applyTransition,
  DEFAULT_EXPERIMENT_ANALYSIS,
  nextStatus,
  TRANSITIONS,
  type ExperimentStatus,
  type TransitionAction,
} from '../../src/index.js'
import { admin, createExperiment, fail, ok, setup } from './fixture.js'

type Refused = { allowed: ExperimentStatus[]; message: string }

const table: [ExperimentStatus, TransitionAction, ExperimentStatus | Refused][] = [
  ['created', 'start', 'running'],
  [
    'created',
    'pause',
    { allowed: ['running'], message: 'cannot pause: the experiment is created; allowed: start' },
  ],
  [
    'created',
    'complete',
    { allowed: ['running'], message: 'cannot complete: the experiment is created; allowed: start' },
  ],
  [
    'running',
    'start',
    {
      allowed: ['paused', 'completed'],
      message: 'cannot start: the experiment is running; allowed: pause, complete',
    },
  ],
  ['running', 'pause', 'paused'],
  ['running', 'complete', 'completed'],
  ['paused', 'start', 'running'],
  [
    'paused',
    'pause',
    {
      allowed: ['running', 'completed'],
      message: 'cannot pause: the experiment is paused; allowed: start, complete',
    },
  ],
  ['paused', 'complete', 'completed'],
  [
    'completed',
    'start',
    { allowed: [], message: 'cannot start: the experiment is completed; allowed: none' },
  ],
  [
    'completed',
    'pause',
    { allowed: [], message: 'cannot pause: the experiment is completed; allowed: none' },
  ],
  [
    'completed',
    'complete',
    { allowed: [], message: 'cannot complete: the experiment is completed; allowed: none' },
  ],
]

const targetOf = { start: 'running', pause: 'paused', complete: 'completed' } as const

/** The shortest path of actions from `created` to each status. */
const pathTo: Record<ExperimentStatus, TransitionAction[]> = {
  created: [],
  running: ['start'],
  paused: ['start', 'pause'],
  completed: ['start', 'complete'],
}

describe('state machine', () => {
  it('covers every status × action pair', () => {
    expect(table).toHaveLength(12)
    expect(Object.keys(TRANSITIONS)).toEqual(['created', 'running', 'paused', 'completed'])
  })

  it.each(table)('%s + %s → %j (pure)', (from, action, expected) => {
    const result = nextStatus(from, action)
    if (typeof expected === 'string') expect(result._unsafeUnwrap()).toBe(expected)
    else expect(result._unsafeUnwrapErr()).toEqual({ from, to: targetOf[action], allowed: expected.allowed })
  })

  it.each(table)('%s + %s → %j (through the service)', async (from, action, expected) => {
    const { service, adapters } = setup()
    const experiment = await createExperiment(service)
    for (const step of pathTo[from]) await ok(service[step](admin, 'dev', experiment.id))
    const before = adapters.auditLog.entries().length

    const result = await service[action](admin, 'dev', experiment.id)

    if (typeof expected === 'string') {
      expect(result._unsafeUnwrap().status).toBe(expected)
      expect(adapters.auditLog.entries()).toHaveLength(before + 1)
    } else {
      expect(result._unsafeUnwrapErr()).toEqual({
        code: 'invalid_transition',
        message: expected.message,
        from,
        to: targetOf[action],
        allowed: expected.allowed,
      })
      expect(adapters.auditLog.entries()).toHaveLength(before)
      const current = await ok(service.get(admin, 'dev', experiment.id))
      expect(current.status).toBe(from)
    }
  })

  it('applyTransition is pure: it returns a new state and leaves its input alone', () => {
    const now = new Date('2026-01-01T00:00:00Z')
    const experiment = {
      id: 'x',
      environmentId: 'e',
      featureId: 'f',
      name: 'n',
      hypothesis: 'h',
      status: 'created' as const,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      endedAt: null,
      version: 1,
      deletedAt: null,
      metrics: [],
      rollout: { trafficPercentage: 100, allocations: [] },
      analysis: DEFAULT_EXPERIMENT_ANALYSIS,
      scheduledStartAt: null,
      scheduledEndAt: null,
      environmentKey: null,
    }
    const frozen = Object.freeze({ ...experiment })
    const later = new Date('2026-01-02T00:00:00Z')
    const next = applyTransition(frozen, 'start', later)._unsafeUnwrap()
    expect(next).toMatchObject({ status: 'running', startedAt: later, updatedAt: later, version: 2 })
    expect(frozen).toEqual(experiment)
  })

  it('a second start of a running experiment is refused, not a silent double start', async () => {
    const { service } = setup()
    const experiment = await createExperiment(service)
    const [first, second] = await Promise.all([
      service.start(admin, 'dev', experiment.id),
      service.start(admin, 'dev', experiment.id),
    ])
    expect([first.isOk(), second.isOk()].sort()).toEqual([false, true])
    const loser = first.isErr() ? first : second
    expect(await fail(Promise.resolve(loser))).toMatchObject({ code: 'invalid_transition', from: 'running' })
  })
})
