import { describe, expect, it } from 'vitest'
import {
  CreateExperimentInput,
  CreateMetricInput,
  ListExperimentsInput,
  parseInput,
  RecordEventsInput,
  RecordExposuresInput,
  UpdateExperimentInput,
} from '../../src/index.js'

/**
 * Every validation message names its field and says what it expects (and, for a wrong type or
 * value, what it got), whichever schema refused the input: no bare "Invalid input" and no zod
 * wording such as "Invalid ISO datetime".
 */
const UUID = '00000000-0000-4000-8000-000000000001'
const FEATURE = 'expected a string of 1..255 characters or an integer from 0 to 9007199254740991'
const ISO = 'must be an ISO 8601 date-time with its offset (Z or ±hh:mm), such as 2026-03-01T12:00:00Z.'

const cases: [string, Parameters<typeof parseInput>[0], unknown, { path: string; message: string }[]][] = [
  [
    'a feature of the wrong type',
    CreateExperimentInput,
    { feature: true, name: 'n', hypothesis: 'h' },
    [{ path: 'feature', message: `feature: ${FEATURE}, got boolean` }],
  ],
  [
    'a name of the wrong type and an empty hypothesis',
    CreateExperimentInput,
    { feature: 1, name: 5, hypothesis: ' ' },
    [
      { path: 'name', message: 'name: expected a string of 1..255 characters, got number' },
      { path: 'hypothesis', message: 'hypothesis: must not be empty.' },
    ],
  ],
  [
    'a schedule time without an offset',
    UpdateExperimentInput,
    { scheduledStartAt: '2026-03-01T12:00:00' },
    [{ path: 'scheduledStartAt', message: `scheduledStartAt: ${ISO}` }],
  ],
  [
    'a rollout that is no object',
    CreateExperimentInput,
    { feature: 1, name: 'n', hypothesis: 'h', rollout: 3 },
    [{ path: 'rollout', message: 'rollout: expected an object, got number' }],
  ],
  [
    'a name of the wrong type in an update',
    UpdateExperimentInput,
    { name: 1 },
    [{ path: 'name', message: 'name: expected a string of 1..255 characters, got number' }],
  ],
  [
    'an exposure without an offset and a variant of the wrong type',
    RecordExposuresInput,
    { exposures: [{ experiment: UUID, identity: 'u', variant: 5, at: '2026-03-01T12:00:00' }] },
    [
      { path: 'exposures.0.variant', message: 'exposures.0.variant: expected a string, got number' },
      { path: 'exposures.0.at', message: `exposures.0.at: ${ISO}` },
    ],
  ],
  [
    'an event at a number',
    RecordEventsInput,
    { events: [{ id: UUID, identity: 'u', event: 'e', at: 7 }] },
    [{ path: 'events.0.at', message: `events.0.at: ${ISO}` }],
  ],
  [
    'an unknown aggregation',
    CreateMetricInput,
    { name: 'n', event: 'e', aggregation: 'avg', direction: 'up' },
    [{ path: 'aggregation', message: 'aggregation: must be one of occurrence, count, sum.' }],
  ],
  [
    'a body that is no object',
    CreateMetricInput,
    'metric',
    [{ path: '', message: 'expected an object, got string' }],
  ],
  [
    'list filters, whose messages name their parameter already',
    ListExperimentsInput,
    { limit: 0, status: ['done'] },
    [
      { path: 'status.0', message: 'status must be one of created, running, paused, completed' },
      { path: 'limit', message: 'limit must be an integer from 1 to 200' },
    ],
  ],
]

describe('validation messages', () => {
  it.each(cases)('%s', (_, schema, input, issues) => {
    expect(parseInput(schema, input)._unsafeUnwrapErr().issues).toEqual(issues)
  })

  it('never answers zod wording', () => {
    for (const [, schema, input] of cases) {
      for (const { message } of parseInput(schema, input)._unsafeUnwrapErr().issues) {
        expect(message).not.toMatch(/^Invalid input|Invalid ISO|received/)
      }
    }
  })
})
