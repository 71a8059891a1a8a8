import { ok, type Result } from 'neverthrow'
import type { ExperimentError } from '../domain/errors.js'
import type { SnapshotDue } from '../../ports/results-history.js'
import { computeResults } from './results.js'
import { saveSnapshot } from './save-snapshot.js'
import { guarded, type ServiceContext } from './service-context.js'

/** How many experiments due a snapshot are read at a time. */
const SNAPSHOT_PAGE_SIZE = 100

/** What {@link takeDailySnapshots} did: the snapshots it stored, and those it could not take. */
export interface SnapshotsTaken {
  readonly taken: SnapshotDue[]
  readonly failed: { readonly due: SnapshotDue; readonly error: ExperimentError }[]
}

/**
 * Takes today's results snapshot (the UTC day of `now`) of every running experiment that has
 * none yet, page after page, results computed as of `now`. Instances running at once may both
 * compute one experiment's; the first stored body is the day's. Nothing without a history port.
 */
export async function takeDailySnapshots(context: ServiceContext, now: Date): Promise<SnapshotsTaken> {
  const outcome: SnapshotsTaken = { taken: [], failed: [] }
  const history = context.resultsHistory
  if (history === null) return outcome
  const day = now.toISOString().slice(0, 10)
  let after: string | null = null
  for (;;) {
    const page = await history.snapshotsDue({ day, after, limit: SNAPSHOT_PAGE_SIZE })
    for (const due of page) {
      const taken = await snapshotOne(context, due, now)
      taken.match(
        (stored) => void (stored && outcome.taken.push(due)),
        (error) => void outcome.failed.push({ due, error }),
      )
    }
    const last = page.at(-1)
    if (page.length < SNAPSHOT_PAGE_SIZE || last === undefined) return outcome
    after = last.experimentId
  }
}

/** One experiment's snapshot; `false` when it stopped running since the page was read. */
function snapshotOne(
  context: ServiceContext,
  due: SnapshotDue,
  now: Date,
): PromiseLike<Result<boolean, ExperimentError>> {
  return guarded(async () => {
    const experiment = await context.repository.find(due.environmentId, due.experimentId)
    if (experiment === null || experiment.status !== 'running') return ok(false)
    const results = await computeResults(context, experiment, false, now)
    await saveSnapshot(context, experiment, results, false)
    return ok(true)
  })
}
