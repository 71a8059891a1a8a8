import { describe, expect, it } from 'vitest'
import { classifyFailure, isRetryable, type FailureKind } from '../../src/adapters/kysely/postgres-errors.js'

const driverError = (code: string, constraint?: string) =>
  Object.assign(new Error(`driver error ${code}`), { code, constraint })

describe('classifyFailure', () => {
  const cases: [string, unknown, FailureKind, boolean][] = [
    [
      'unique violation on the active slot',
      driverError('23505', 'flag_experiments_active_slot_key'),
      'active_slot_taken',
      false,
    ],
    [
      'unique violation on the experiment id',
      driverError('23505', 'flag_experiments_pkey'),
      'duplicate_id',
      false,
    ],
    [
      'unique violation elsewhere (an audit id)',
      driverError('23505', 'flag_experiments_audit_pkey'),
      'other',
      false,
    ],
    [
      'unique violation on the metric id',
      driverError('23505', 'flag_experiments_metrics_pkey'),
      'duplicate_id',
      false,
    ],
    [
      'unique violation on a live metric name',
      driverError('23505', 'flag_experiments_metrics_name_key'),
      'metric_name_taken',
      false,
    ],
    [
      'the attach trigger: metric missing, deleted or foreign',
      driverError('23503', 'flag_experiments_experiment_metrics_metric_available'),
      'metric_unavailable',
      false,
    ],
    [
      'the link foreign key to the catalogue',
      driverError('23503', 'flag_experiments_experiment_metrics_metric_id_fkey'),
      'metric_unavailable',
      false,
    ],
    [
      'another foreign key (a history row without its experiment)',
      driverError('23503', 'flag_experiments_history_experiment_id_fkey'),
      'other',
      false,
    ],
    [
      'the metric trigger: in use by an experiment',
      driverError('23001', 'flag_experiments_metrics_in_use'),
      'metric_in_use',
      false,
    ],
    ['a restrict violation elsewhere', driverError('23001', 'elsewhere'), 'other', false],
    ['serialization failure', driverError('40001'), 'conflict', true],
    ['deadlock', driverError('40P01'), 'conflict', true],
    ['connection exception class', driverError('08006'), 'connection', true],
    ['server shutting down', driverError('57P01'), 'connection', true],
    ['refused connection', driverError('ECONNREFUSED'), 'connection', true],
    ['reset connection', driverError('ECONNRESET'), 'connection', true],
    ['pg pool: connection terminated', new Error('Connection terminated unexpectedly'), 'connection', true],
    ['check violation', driverError('23514'), 'other', false],
    ['a raising trigger', driverError('P0001'), 'other', false],
    ['a plain error of a host audit sink', new Error('audit sink down'), 'other', false],
    ['not an error at all', 'boom', 'other', false],
    ['null', null, 'other', false],
  ]

  it.each(cases)('%s', (_, error, kind, retryable) => {
    expect(classifyFailure(error)).toBe(kind)
    expect(isRetryable(kind)).toBe(retryable)
  })
})
