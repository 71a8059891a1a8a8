import { describe, expect, it } from 'vitest'
import { parseAuditRow, parseExperimentRow } from '../../src/adapters/kysely/experiment-rows.js'

const at = new Date('2026-01-01T00:00:01.123Z')
const row = {
  id: 'a6a1c7a0-0000-4000-8000-000000000001',
  environment_id: 'e',
  feature_id: 'f',
  name: 'n',
  hypothesis: 'h',
  status: 'running',
  created_at: new Date('2026-01-01T00:00:00.000Z'),
  updated_at: at,
  started_at: at,
  ended_at: null,
  deleted_at: null,
  version: 2,
  scheduled_start_at: null,
  scheduled_end_at: new Date('2026-02-01T00:00:00.000Z'),
  environment_key: 'dev',
  analysis_method: 'fixed',
  sequential_tuning: 20_000,
  pre_exposure_days: 7,
  traffic_percentage: '12.50',
  allocations: [
    { variant: 'control', weight: 33.34 },
    { variant: 'blue', weight: 33.33 },
    { variant: 'green', weight: 33.33 },
  ],
  metrics: [
    {
      metricId: 'a6a1c7a0-0000-4000-8000-0000000000aa',
      role: 'primary',
      expectedDirection: 'increase',
      name: 'Checkout',
      event: 'checkout',
      aggregation: 'occurrence',
    },
  ],
  history: [{ from: 'created', to: 'running', at: at.getTime(), actorType: 'user', actorId: 'u' }],
}

describe('parseExperimentRow', () => {
  it('reads driver dates, ISO strings (date parsing turned off) and JSON histories as text', () => {
    const expected = {
      id: row.id,
      environmentId: 'e',
      featureId: 'f',
      name: 'n',
      hypothesis: 'h',
      status: 'running',
      createdAt: row.created_at,
      updatedAt: at,
      startedAt: at,
      endedAt: null,
      version: 2,
      deletedAt: null,
      scheduledStartAt: null,
      scheduledEndAt: row.scheduled_end_at,
      environmentKey: 'dev',
      metrics: row.metrics,
      rollout: { trafficPercentage: 12.5, allocations: row.allocations },
      analysis: { method: 'fixed', sequentialTuning: 20_000, preExposureDays: 7 },
      history: [{ from: 'created', to: 'running', at, actor: { type: 'user', id: 'u' } }],
    }
    expect(parseExperimentRow(row)).toEqual(expected)
    const asText = {
      ...row,
      updated_at: at.toISOString(),
      started_at: '2026-01-01 00:00:01.123+00',
      version: '2',
      history: JSON.stringify(row.history),
      metrics: JSON.stringify(row.metrics),
      allocations: JSON.stringify(row.allocations),
      traffic_percentage: 12.5,
      scheduled_end_at: '2026-02-01 00:00:00+00',
    }
    expect(parseExperimentRow(asText)).toEqual(expected)
    expect(parseExperimentRow({ ...row, environment_key: null }).environmentKey).toBeNull()
  })

  it.each([
    ['an unknown status', { status: 'archived' }],
    ['a version below 1', { version: 0 }],
    ['a missing name', { name: undefined }],
    ['a timestamp that is not one', { created_at: 'yesterday' }],
    ['a history that is not a list', { history: {} }],
    ['a history item off the statuses', { history: [{ ...row.history[0], to: 'done' }] }],
    ['a history actor of an unknown type', { history: [{ ...row.history[0], actorType: 'robot' }] }],
    ['a traffic percentage that is not a number', { traffic_percentage: 'all' }],
    ['allocations that are not a list', { allocations: { control: 50 } }],
    ['an allocation without a weight', { allocations: [{ variant: 'control' }] }],
    ['metrics that are not a list', { metrics: null }],
    ['a metric of an unknown role', { metrics: [{ ...row.metrics[0], role: 'decisive' }] }],
    ['a metric of an unknown aggregation', { metrics: [{ ...row.metrics[0], aggregation: 'mean' }] }],
    ['a scheduled start that is not a timestamp', { scheduled_start_at: 'soon' }],
    ['a missing scheduled end', { scheduled_end_at: undefined }],
    ['an environment key that is not text', { environment_key: 7 }],
    ['an unknown analysis method', { analysis_method: 'bayesian' }],
    ['a sequential tuning that is not a number', { sequential_tuning: 'large' }],
    ['missing pre-exposure days', { pre_exposure_days: undefined }],
  ])('refuses %s', (_, overrides) => {
    expect(() => parseExperimentRow({ ...row, ...overrides })).toThrow(TypeError)
  })

  it.each([
    ['a boolean version', { version: true }, 'version'],
    ['a version in a list', { version: [2] }, 'version'],
    ['a hexadecimal version', { version: '0x2' }, 'version'],
    ['a padded version', { version: ' 2' }, 'version'],
    ['a fractional version', { version: 2.5 }, 'version'],
    ['a history that is not valid JSON text', { history: '[{"from":' }, 'history'],
    ['an invalid Date from the driver', { updated_at: new Date(NaN) }, 'updated_at'],
    ['a timestamp of the wrong type', { created_at: true }, 'created_at'],
    ['a big integer where text belongs', { name: 10n }, 'name'],
  ])('refuses %s with a TypeError naming the column, without coercing it', (_, overrides, column) => {
    expect(() => parseExperimentRow({ ...row, ...overrides })).toThrow(
      new RegExp(`^flag-experiments: unexpected ${column} in a database row: `),
    )
    expect(() => parseExperimentRow({ ...row, ...overrides })).toThrow(TypeError)
  })
})

describe('parseAuditRow', () => {
  const audit = {
    id: 'a6a1c7a0-0000-4000-8000-000000000002',
    at,
    action: 'started',
    actor_type: 'api_key',
    actor_id: 'k1',
    subject_type: 'experiment',
    subject_id: row.id,
    experiment_id: row.id,
    environment_id: 'e',
    project_id: 'p',
    message: 'm',
    changes: { status: { from: 'created', to: 'running' }, version: { from: 1, to: 2 } },
  }

  it('reads an audit row', () => {
    expect(parseAuditRow(audit)).toEqual({
      id: audit.id,
      at,
      action: 'started',
      actor: { type: 'api_key', id: 'k1' },
      subject: { type: 'experiment', id: row.id },
      experimentId: row.id,
      environmentId: 'e',
      projectId: 'p',
      message: 'm',
      changes: audit.changes,
    })
  })

  it("reads a metric's audit row, with JSON values in its changes", () => {
    const changes = { metrics: { from: [], to: [{ metricId: 'm', role: 'primary' }] } }
    const metricId = 'a6a1c7a0-0000-4000-8000-0000000000aa'
    expect(
      parseAuditRow({ ...audit, subject_type: 'metric', subject_id: metricId, experiment_id: null, changes }),
    ).toMatchObject({ subject: { type: 'metric', id: metricId }, experimentId: null, changes })
  })

  it.each([
    ['an unknown action', { action: 'archived' }],
    ['changes that are not a map', { changes: [] }],
    ['changes that are not valid JSON text', { changes: '{"name":' }],
    ['a change without its new value', { changes: { name: { from: 'a' } } }],
    ['a change that is not a from/to pair', { changes: { name: 'a' } }],
    ['an unknown subject type', { subject_type: 'feature' }],
    ['a missing subject', { subject_id: null }],
  ])('refuses %s', (_, overrides) => {
    expect(() => parseAuditRow({ ...audit, ...overrides })).toThrow(TypeError)
  })
})
