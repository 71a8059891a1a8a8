import { err, ok, safeTry, type ResultAsync } from 'neverthrow'
import type { z } from 'zod'
import { encodeCursor } from '../domain/cursor.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import {
  ListMetricsInput,
  toMetricView,
  type DeletedMetricSummary,
  type Metric,
  type MetricSummary,
  type MetricView,
} from '../domain/metric.js'
import { parseInput } from '../domain/schemas.js'
import type { MetricListQuery } from '../../ports/metric-repository.js'
import { checkAccess } from './access-check.js'
import { readCursor } from './read-experiments.js'
import type { Caller, ServiceContext } from './service-context.js'

/**
 * A page of the environment's metrics, newest first, as {@link ExperimentService.listMetrics}
 * returns it; the trash's items are {@link DeletedMetricSummary}s.
 */
export interface MetricList<M extends MetricSummary = MetricSummary> {
  readonly results: readonly M[]
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null
}

/**
 * A page of the environment's metrics that are not deleted, filtered by name; with
 * `deleted: true` the trash: deleted metrics only, each with its `deletedAt`.
 */
export function listMetrics(
  context: ServiceContext,
  caller: Caller,
  query: ListMetricsInput | undefined,
): ResultAsync<MetricList<MetricSummary | DeletedMetricSummary>, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const input = yield* parseInput(ListMetricsInput, query ?? {})
    const after = yield* readCursor(input.cursor)
    const items = await context.metrics.list(toMetricQuery(environment.id, input, after))
    const results = summariesOf(items.slice(0, input.limit), input.deleted === true)
    const last = results.at(-1)
    return ok({ results, nextCursor: items.length > input.limit && last ? encodeCursor(last) : null })
  })
}

/**
 * The summaries of a page; for the trash, each with when it was deleted, and only deleted ones
 * (whatever the repository did).
 */
function summariesOf(items: readonly Metric[], deleted: boolean): (MetricSummary | DeletedMetricSummary)[] {
  if (!deleted) return items.map(toMetricView)
  return items.flatMap(({ deletedAt, ...summary }) => (deletedAt === null ? [] : [{ ...summary, deletedAt }]))
}

/** The repository query: one item more than the page, to know whether another follows. */
function toMetricQuery(
  environmentId: string,
  input: z.output<typeof ListMetricsInput>,
  after: MetricListQuery['after'],
): MetricListQuery {
  const nameContains = input.q === undefined || input.q === '' ? null : input.q
  const trash = input.deleted === true ? { deleted: true } : {}
  return { environmentId, nameContains, after, limit: input.limit + 1, ...trash }
}

/** One metric the caller may view, with every experiment (not deleted) that lists it. */
export function getMetric(
  context: ServiceContext,
  caller: Caller,
  metricId: unknown,
): ResultAsync<MetricView, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const id = normalizeExperimentId(metricId)
    const found = id === null ? null : await context.metrics.find(environment.id, id)
    if (found === null || found.deletedAt !== null) return err(errors.metricNotFound(String(metricId)))
    return ok(toMetricView(found))
  })
}
