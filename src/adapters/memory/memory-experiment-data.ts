import { MAX_EVENT_VALUE } from '../../core/domain/ingest-input.js'
import type { MetricAggregation } from '../../core/domain/vocabulary.js'
import type {
  ExperimentData,
  ExperimentSummary,
  Exposure,
  IngestOutcome,
  SummaryQuery,
  TrackedEvent,
  VariantSums,
} from '../../ports/experiment-data.js'

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

/** Stores the batch's events whose ids are new in the environment. */
function storeEvents(store: Map<string, TrackedEvent>, events: readonly TrackedEvent[]): IngestOutcome {
  checkBatch(events)
  let accepted = 0
  for (const event of events) {
    const id = event.id.toLowerCase()
    if (store.has(id)) continue
    store.set(id, { ...event, id, at: new Date(event.at.getTime()) })
    accepted += 1
  }
  return { accepted, duplicates: events.length - accepted }
}

/** What the experiment's exposures say about a window: the counted identities and what is left out. */
interface Exposed {
  /** Identities with exactly one variant in the window, with it and their first exposure. */
  readonly clean: Map<string, { variant: string; firstAt: Date }>
  readonly multiple: number
  readonly before: number
  readonly after: number
}

function exposedInWindow(
  identities: ReadonlyMap<string, ReadonlyMap<string, Date>>,
  window: SummaryQuery['window'],
): Exposed {
  const clean = new Map<string, { variant: string; firstAt: Date }>()
  let [multiple, before, after] = [0, 0, 0]
  for (const [identity, variants] of identities) {
    const all = [...variants]
    before += all.filter(([, at]) => at < window.from).length
    after += all.filter(([, at]) => at > window.to).length
    const [only, ...others] = all.filter(([, at]) => at >= window.from && at <= window.to)
    if (only === undefined) continue
    if (others.length > 0) multiple += 1
    else clean.set(identity, { variant: only[0], firstAt: only[1] })
  }
  return { clean, multiple, before, after }
}

/** One identity's value of a metric from its counted events. */
function valueOf(aggregation: MetricAggregation, events: readonly TrackedEvent[]): number {
  if (aggregation === 'occurrence') return events.length > 0 ? 1 : 0
  if (aggregation === 'count') return events.length
  return events.reduce((sum, event) => sum + valueOfEvent(event), 0)
}

/** An event's value in a sum: `NaN` outside the bound, as the port says (no figure from it). */
function valueOfEvent({ value }: TrackedEvent): number {
  if (value === null) return 0
  return Math.abs(value) <= MAX_EVENT_VALUE ? value : Number.NaN
}

/** Aggregates in plain code what the Kysely adapter aggregates in one statement. */
function summarizeStored(
  identities: ReadonlyMap<string, ReadonlyMap<string, Date>>,
  events: Iterable<TrackedEvent>,
  query: SummaryQuery,
): ExperimentSummary {
  const { clean, multiple, before, after } = exposedInWindow(identities, query.window)
  const names = new Set(query.metrics.map((metric) => metric.event))
  let eventsBeforeExposure = 0
  const exposures = new Map<string, number>()
  for (const { variant } of clean.values()) exposures.set(variant, (exposures.get(variant) ?? 0) + 1)
  const variants = [...exposures.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const byIdentityAndName = new Map<string, TrackedEvent[]>()
  for (const event of events) {
    const exposed = clean.get(event.identity)
    if (exposed === undefined || event.at < query.window.from || event.at > query.window.to) continue
    if (event.at < exposed.firstAt) {
      if (names.has(event.event)) eventsBeforeExposure += 1
      continue
    }
    const key = JSON.stringify([event.identity, event.event])
    const counted = byIdentityAndName.get(key) ?? []
    counted.push(event)
    byIdentityAndName.set(key, counted)
  }
  const metrics = query.metrics.map(({ metricId, event, aggregation }) => {
    const sums = new Map(variants.map((variant) => [variant, { sum: 0, sumSquares: 0 }]))
    for (const [identity, { variant }] of clean) {
      const value = valueOf(aggregation, byIdentityAndName.get(JSON.stringify([identity, event])) ?? [])
      const total = sums.get(variant)
      if (total === undefined) continue
      total.sum += value
      total.sumSquares += value * value
    }
    return {
      metricId,
      variants: variants.map((variant): VariantSums => ({
        variant,
        n: exposures.get(variant) ?? 0,
        sum: sums.get(variant)?.sum ?? 0,
        sumSquares: sums.get(variant)?.sumSquares ?? 0,
      })),
    }
  })
  return {
    variants: variants.map((variant) => ({ variant, exposures: exposures.get(variant) ?? 0 })),
    multipleExposures: multiple,
    metrics,
    dataQuality: { exposuresBeforeWindow: before, exposuresAfterWindow: after, eventsBeforeExposure },
  }
}

/**
 * An in-memory {@link ExperimentData}: batches are checked whole before anything is stored, so
 * a rejected batch leaves nothing behind; `summarize` aggregates in plain code. For tests and
 * demos; it keeps every event in the process.
 *
 * @example
 * ```ts
 * const data = createMemoryExperimentData()
 * await data.recordExposures([{ experimentId, identity: 'u1', variant: 'control', at: new Date() }])
 * ```
 */
export function createMemoryExperimentData(): ExperimentData {
  const exposures: ExposureStore = new Map()
  const events = new Map<string, Map<string, TrackedEvent>>()
  const eventsOf = (environmentId: string) => {
    const stored = events.get(environmentId) ?? new Map<string, TrackedEvent>()
    events.set(environmentId, stored)
    return stored
  }
  return {
    recordExposures: (batch) => Promise.resolve().then(() => storeExposures(exposures, batch)),
    recordEvents: (environmentId, batch) =>
      Promise.resolve().then(() => storeEvents(eventsOf(environmentId), batch)),
    summarize: (query) =>
      Promise.resolve().then(() =>
        summarizeStored(
          exposures.get(query.experimentId) ?? new Map(),
          events.get(query.environmentId)?.values() ?? [],
          query,
        ),
      ),
  }
}
