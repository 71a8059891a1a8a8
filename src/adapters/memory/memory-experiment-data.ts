import type { ExperimentData, Exposure, IngestOutcome, TrackedEvent } from '../../ports/experiment-data.js'
import { summarizeStored } from './memory-summary.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Stored exposures: experiment → identity → variant → time of the first exposure. */
type ExposureStore = Map<string, Map<string, Map<string, Date>>>

/** Outside 1..255 characters, counted in code points as a database's `char_length` counts them. */
const outsideKeyLength = (text: string) => text.length < 1 || [...text].length > 255

function exposureProblem(exposure: Exposure): string | null {
  if (!UUID.test(exposure.experimentId)) return 'experimentId must be a UUID'
  return outsideKeyLength(exposure.variant) ? 'variant must be 1..255 characters' : null
}

function eventProblem(event: TrackedEvent): string | null {
  if (!UUID.test(event.id)) return 'id must be a UUID'
  if (outsideKeyLength(event.event)) return 'event must be 1..255 characters'
  if (event.value !== null && !Number.isFinite(event.value)) return 'value must be finite or null'
  return null
}

/** Rejects what a database would refuse, before anything of the batch is stored. */
function checkBatch(items: readonly (Exposure | TrackedEvent)[]): void {
  items.forEach((item, index) => {
    const problem = outsideKeyLength(item.identity)
      ? 'identity must be 1..255 characters'
      : Number.isNaN(item.at.getTime())
        ? 'at must be a valid date'
        : 'event' in item
          ? eventProblem(item)
          : exposureProblem(item)
    if (problem !== null) throw new RangeError(`flag-experiments: item ${index}: ${problem}`)
  })
}

/** Stores the batch's new exposures (all checks done first, so the batch is all or nothing). */
function storeExposures(store: ExposureStore, exposures: readonly Exposure[]): IngestOutcome {
  checkBatch(exposures)
  let accepted = 0
  for (const { experimentId, identity, variant, at } of exposures) {
    const identities = store.get(experimentId) ?? new Map<string, Map<string, Date>>()
    store.set(experimentId, identities)
    const variants = identities.get(identity) ?? new Map<string, Date>()
    identities.set(identity, variants)
    if (variants.has(variant)) continue
    variants.set(variant, new Date(at.getTime()))
    accepted += 1
  }
  return { accepted, duplicates: exposures.length - accepted }
}

/** One environment's stored events: by id (idempotency) and by identity (what a summary reads). */
interface EnvironmentEvents {
  readonly byId: Map<string, TrackedEvent>
  readonly byIdentity: Map<string, TrackedEvent[]>
}

/** Stores the batch's events whose ids are new in the environment. */
function storeEvents(store: EnvironmentEvents, events: readonly TrackedEvent[]): IngestOutcome {
  checkBatch(events)
  let accepted = 0
  for (const event of events) {
    const id = event.id.toLowerCase()
    if (store.byId.has(id)) continue
    const stored = { ...event, id, at: new Date(event.at.getTime()) }
    store.byId.set(id, stored)
    const ofIdentity = store.byIdentity.get(stored.identity)
    if (ofIdentity === undefined) store.byIdentity.set(stored.identity, [stored])
    else ofIdentity.push(stored)
    accepted += 1
  }
  return { accepted, duplicates: events.length - accepted }
}

/**
 * An in-memory {@link ExperimentData}: batches are checked whole before anything is stored, so
 * a rejected batch leaves nothing behind; `summarize` aggregates in plain code, reading only the
 * experiment's exposures and their identities' events. For tests and demos; it keeps every event
 * in the process.
 *
 * @example
 * ```ts
 * const data = createMemoryExperimentData()
 * await data.recordExposures([{ experimentId, identity: 'u1', variant: 'control', at: new Date() }])
 * ```
 */
export function createMemoryExperimentData(): ExperimentData {
  const exposures: ExposureStore = new Map()
  const events = new Map<string, EnvironmentEvents>()
  const eventsOf = (environmentId: string) => {
    const stored = events.get(environmentId) ?? { byId: new Map(), byIdentity: new Map() }
    events.set(environmentId, stored)
    return stored
  }
  return {
    recordExposures: (batch) => Promise.resolve().then(() => storeExposures(exposures, batch)),
    recordEvents: (environmentId, batch) =>
      Promise.resolve().then(() => storeEvents(eventsOf(environmentId), batch)),
    summarize: (query) =>
      Promise.resolve().then(() => {
        const byIdentity = events.get(query.environmentId)?.byIdentity
        return summarizeStored(
          exposures.get(query.experimentId) ?? new Map(),
          (identity) => byIdentity?.get(identity) ?? [],
          query,
        )
      }),
  }
}
