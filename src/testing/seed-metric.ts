import type { Environment } from '../core/domain/experiment.js'
import type { Metric } from '../core/domain/metric.js'
import type { MetricRepository } from '../ports/metric-repository.js'
import { metricInsertOf, newMetricOf } from './metric-writes.js'
import type { TestApi } from './test-api.js'

/** Inserts a new metric of `environment` through the repository, asserting it is `written`. */
export async function seedMetric(
  test: TestApi,
  metrics: MetricRepository,
  environment: Environment,
  overrides: Partial<Metric> = {},
): Promise<Metric> {
  const insert = metricInsertOf(environment, newMetricOf(environment, overrides))
  await test.expect(metrics.write(insert)).resolves.toBe('written')
  return insert.metric
}
