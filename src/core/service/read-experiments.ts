import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import type { z } from 'zod'
import { decodeCursor, encodeCursor, type ListPosition } from '../domain/cursor.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import {
  type DeletedExperimentView,
  type ExperimentView,
  type StatusChange,
  type StoredExperiment,
} from '../domain/experiment.js'
import {
  ActiveExperimentInput,
  LIST_FILTER_MESSAGES,
  ListExperimentsInput,
  parseInput,
} from '../domain/schemas.js'
import type { ExperimentPage, ListQuery } from '../../ports/experiment-repository.js'
import { checkAccess } from './access-check.js'
import { toView, type Caller, type ServiceContext } from './service-context.js'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../domain/vocabulary.js'

/**
 * A page of experiments as {@link ExperimentService.list} returns it; the trash
 * (`deleted: true`) lists {@link DeletedExperimentView}s.
 */
export interface ExperimentList<View extends ExperimentView = ExperimentView> {
  readonly results: readonly View[]
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null
  /** Per status, narrowed by `feature` and `q` but not by `status`; the trash counts deleted ones. */
  readonly statusCounts: Readonly<Record<ExperimentStatus, number>>
}

/** Where one experiment is looked up: its environment and the id as the caller sent it. */
export interface ExperimentLookup {
  readonly environmentId: string
  /** The caller's id, unchecked; anything but a UUID finds nothing. */
  readonly experimentId: unknown
  readonly includeDeleted: boolean
}

/**
 * The experiment the lookup names, if the caller may see it: deleted ones only when asked.
 * The id is checked and made canonical here, so repositories receive only lower-case UUIDs.
 */
export async function findVisibleExperiment(
  context: ServiceContext,
  lookup: ExperimentLookup,
): Promise<StoredExperiment | null> {
  const id = normalizeExperimentId(lookup.experimentId)
  if (id === null) return null
  const { environmentId, includeDeleted } = lookup
  return keepVisible(await context.repository.find(environmentId, id, { includeDeleted }), includeDeleted)
}

/** `found` unless it is deleted and deleted ones were not asked for (whatever the repository did). */
export function keepVisible(
  found: StoredExperiment | null,
  includeDeleted: boolean,
): StoredExperiment | null {
  return found !== null && (includeDeleted || found.deletedAt === null) ? found : null
}

/** One experiment the caller may view, or `experiment_not_found`. */
function findViewable(
  context: ServiceContext,
  caller: Caller,
  experimentId: string,
): ResultAsync<StoredExperiment, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const lookup = { environmentId: environment.id, experimentId, includeDeleted: false }
    const found = await findVisibleExperiment(context, lookup)
    return found === null ? err(errors.experimentNotFound(String(experimentId))) : ok(found)
  })
}

/** One experiment as the caller may view it. */
export function getExperiment(context: ServiceContext, caller: Caller, experimentId: string) {
  return findViewable(context, caller, experimentId).map((found) => toView(found, context.clock.now()))
}

/** An experiment's status history, oldest first. */
export function getExperimentHistory(
  context: ServiceContext,
  caller: Caller,
  experimentId: string,
): ResultAsync<readonly StatusChange[], ExperimentError> {
  return findViewable(context, caller, experimentId).map((found) => found.history)
}

/**
 * A page of the environment's experiments, filtered, with its status counts; with `deleted: true`
 * the trash: deleted experiments only, each with its `deletedAt`.
 */
export function listExperiments(
  context: ServiceContext,
  caller: Caller,
  query: ListExperimentsInput | undefined,
): ResultAsync<ExperimentList<ExperimentView | DeletedExperimentView>, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const input = yield* parseInput(ListExperimentsInput, query ?? {})
    const after = yield* readCursor(input.cursor)
    const page = await context.repository.list(toListQuery(environment.id, input, after))
    return ok(toExperimentList(page, input, context.clock.now()))
  })
}

/**
 * The feature's active experiment (not completed, not deleted) in the environment, or `null`: for
 * hosts that lock a flag while its experiment runs. At most one can exist.
 */
export function getActiveExperiment(
  context: ServiceContext,
  caller: Caller,
  featureId: unknown,
): ResultAsync<ExperimentView | null, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const { feature } = yield* parseInput(ActiveExperimentInput, { feature: featureId })
    const page = await context.repository.list({
      environmentId: environment.id,
      statuses: ['created', 'running', 'paused'],
      featureId: feature,
      nameContains: null,
      after: null,
      limit: 1,
    })
    const active = page.items[0]
    return ok(active === undefined ? null : toView(active, context.clock.now()))
  })
}

/** Reads a list cursor; anything this list did not hand out is a validation error. */
export function readCursor(cursor: string | undefined): Result<ListPosition | null, ExperimentError> {
  if (cursor === undefined) return ok(null)
  return decodeCursor(cursor).mapErr(() =>
    errors.validationFailed([{ path: 'cursor', message: LIST_FILTER_MESSAGES.cursor }]),
  )
}

/** The repository query for a parsed list input: one item more than the page, to know if another follows. */
function toListQuery(
  environmentId: string,
  input: z.output<typeof ListExperimentsInput>,
  after: ListPosition | null,
): ListQuery {
  const { status, feature, q, limit, deleted } = input
  return {
    environmentId,
    statuses: status === undefined || status.length === 0 ? null : [...new Set(status)],
    featureId: feature ?? null,
    nameContains: q === undefined || q === '' ? null : q,
    after,
    limit: limit + 1,
    ...(deleted === true ? { deleted: true } : {}),
  }
}

/**
 * The views of a page; for the trash, each with when it was deleted, and only deleted ones
 * (whatever the repository did).
 */
function viewsOf(
  items: readonly StoredExperiment[],
  deleted: boolean,
  now: Date,
): (ExperimentView | DeletedExperimentView)[] {
  if (!deleted) return items.map((item) => toView(item, now))
  return items.flatMap((item) =>
    item.deletedAt === null ? [] : [{ ...toView(item, now), deletedAt: item.deletedAt }],
  )
}

function toExperimentList(
  page: ExperimentPage,
  input: { readonly limit: number; readonly deleted?: boolean | undefined },
  now: Date,
): ExperimentList<ExperimentView | DeletedExperimentView> {
  const { limit } = input
  const results = viewsOf(page.items.slice(0, limit), input.deleted === true, now)
  const last = results.at(-1)
  const statusCounts = Object.fromEntries(
    EXPERIMENT_STATUSES.map((status) => [status, page.statusCounts[status] ?? 0]),
  ) as Record<ExperimentStatus, number>
  return {
    results,
    nextCursor: page.items.length > limit && last ? encodeCursor(last) : null,
    statusCounts,
  }
}
