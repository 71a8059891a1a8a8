import { describe, expect, it } from 'vitest'
import { buildAuditEntry } from '../../../src/core/domain/audit-entry.js'
import {
  decideMetricDelete,
  decideMetricRestore,
  decideMetricUpdate,
  newMetric,
} from '../../../src/core/domain/metric-decisions.js'
import type { StoredMetric } from '../../../src/core/domain/metric.js'
import type { ExperimentStatus } from '../../../src/core/domain/vocabulary.js'

const T0 = new Date('2026-01-01T00:00:00.000Z')
const NOW = new Date('2026-01-02T00:00:00.000Z')
const environment = { id: 'env', key: 'dev', name: 'Development', projectId: 'p1' }

function metricUsedBy(statuses: readonly ExperimentStatus[], deleted = false): StoredMetric {
  return {
    ...newMetric(
      'm1',
      environment,
      {
        name: 'Checkout rate',
        description: '',
        event: 'checkout',
        aggregation: 'occurrence',
        direction: 'up',
      },
      T0,
    ),
    deletedAt: deleted ? T0 : null,
    usedBy: statuses.map((status, index) => ({ id: `e${index}`, name: `E${index}`, status })),
  }
}

const outcome = (decision: ReturnType<typeof decideMetricDelete>) =>
  decision.match(
    (verdict) => verdict.kind,
    (error) => error.code,
  )

describe('decideMetricUpdate', () => {
  it.each([
    // used by, change, outcome
    [[], { name: 'Checkout rate' }, 'unchanged'],
    [[], {}, 'unchanged'],
    [['running'], { name: 'Conversion', description: 'd', direction: 'down' }, 'edit'],
    [['created', 'completed'], { event: 'purchase', aggregation: 'count' }, 'edit'],
    [['running'], { event: 'checkout' }, 'unchanged'],
    [['running'], { event: 'purchase' }, 'metric_in_use'],
    [['paused'], { aggregation: 'sum' }, 'metric_in_use'],
    [['completed', 'running'], { aggregation: 'count', name: 'x' }, 'metric_in_use'],
  ] as const)('used by %j, %j → %s', (statuses, input, want) => {
    expect(outcome(decideMetricUpdate(metricUsedBy(statuses), input, NOW))).toBe(want)
  })

  it('metric_in_use names the started experiments that hold it', () => {
    const refused = decideMetricUpdate(metricUsedBy(['created', 'running', 'paused']), { event: 'x' }, NOW)
    expect(refused._unsafeUnwrapErr()).toMatchObject({
      code: 'metric_in_use',
      metricId: 'm1',
      experimentIds: ['e1', 'e2'],
    })
  })

  it('an edit bumps the version and is audited with the metric as subject and no experiment', () => {
    const current = metricUsedBy([])
    const verdict = decideMetricUpdate(
      current,
      { name: 'Conversion', event: 'purchase' },
      NOW,
    )._unsafeUnwrap()
    if (verdict.kind !== 'edit') throw new Error('expected an edit')
    expect(verdict.next).toMatchObject({ version: 2, updatedAt: NOW, name: 'Conversion', event: 'purchase' })
    expect(verdict.next).not.toHaveProperty('usedBy')
    const actor = { type: 'user', id: 'u1' } as const
    const entry = buildAuditEntry({
      subject: 'metric',
      id: 'a',
      action: verdict.action,
      actor,
      environment,
      before: current,
      after: verdict.next,
    })
    expect(entry).toMatchObject({
      action: 'metric_updated',
      subject: { type: 'metric', id: 'm1' },
      experimentId: null,
      message: "Metric 'Conversion' updated for environment Development",
      changes: {
        name: { from: 'Checkout rate', to: 'Conversion' },
        event: { from: 'checkout', to: 'purchase' },
      },
    })
    const created = buildAuditEntry({
      subject: 'metric',
      id: 'b',
      action: 'metric_created',
      actor,
      environment,
      before: null,
      after: current,
    })
    expect(created.message).toBe("Metric 'Checkout rate' created for environment Development")
  })
})

describe('decideMetricDelete', () => {
  it.each([
    [[], 'edit'],
    [['completed', 'completed'], 'edit'],
    [['created'], 'metric_in_use'],
    [['running'], 'metric_in_use'],
    [['completed', 'paused'], 'metric_in_use'],
  ] as const)('used by %j → %s', (statuses, want) => {
    expect(outcome(decideMetricDelete(metricUsedBy(statuses), NOW))).toBe(want)
  })

  it('marks the metric deleted, audited as metric_deleted', () => {
    const verdict = decideMetricDelete(metricUsedBy([]), NOW)._unsafeUnwrap()
    expect(verdict).toMatchObject({
      kind: 'edit',
      action: 'metric_deleted',
      next: { deletedAt: NOW, version: 2 },
    })
  })
})

describe('decideMetricRestore', () => {
  it.each([
    [false, 'unchanged'],
    [true, 'edit'],
  ] as const)('deleted %s → %s', (deleted, want) => {
    expect(outcome(decideMetricRestore(metricUsedBy([], deleted), NOW))).toBe(want)
  })
})
