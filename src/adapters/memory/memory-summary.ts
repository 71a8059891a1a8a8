import { MAX_EVENT_VALUE } from '../../core/domain/ingest-input.js'
import type { MetricAggregation } from '../../core/domain/vocabulary.js'
import type {
  ExperimentSummary,
  SummaryMetric,
  SummaryQuery,
  TrackedEvent,
  VariantSums,
} from '../../ports/experiment-data.js'

const DAY_MS = 86_400_000

/** Stored exposures of one experiment: identity → variant → time of the first exposure. */
export type ExperimentExposures = ReadonlyMap<string, ReadonlyMap<string, Date>>

/** An identity counted in the window: its only variant and its first exposure. */
type Counted = { readonly variant: string; readonly firstAt: Date }

/** What the experiment's exposures say about a window: the counted identities and what is left out. */
interface Exposed {
  readonly clean: Map<string, Counted>
  readonly multiple: number
  readonly before: number
  readonly after: number
}

function exposedInWindow(identities: ExperimentExposures, window: SummaryQuery['window']): Exposed {
  const clean = new Map<string, Counted>()
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

/** One identity's events of each queried name, by name. */
type EventsByName = Map<string, TrackedEvent[]>

/** Each counted identity's events of the queried names, split at its first exposure. */
interface Sorted {
  /** By identity and name: the events from the first exposure to the window's end. */
  readonly post: Map<string, EventsByName>
  /** By identity and name: the events in the pre-exposure days before the first exposure. */
  readonly pre: Map<string, EventsByName>
  readonly eventsBeforeExposure: number
}

function push(map: Map<string, EventsByName>, event: TrackedEvent) {
  const byName = map.get(event.identity) ?? new Map<string, TrackedEvent[]>()
  map.set(event.identity, byName)
  const list = byName.get(event.event)
  if (list === undefined) byName.set(event.event, [event])
  else list.push(event)
}

/** The events of an identity, as the store indexes them. */
export type EventsOfIdentity = (identity: string) => Iterable<TrackedEvent>

function sortEvents(eventsOf: EventsOfIdentity, clean: Map<string, Counted>, query: SummaryQuery): Sorted {
  const names = new Set(query.metrics.map((metric) => metric.event))
  const preMs = (query.preExposureDays ?? 0) * DAY_MS
  const [post, pre] = [new Map<string, EventsByName>(), new Map<string, EventsByName>()]
  let eventsBeforeExposure = 0
  for (const [identity, counted] of clean) {
    for (const event of eventsOf(identity)) {
      if (!names.has(event.event) || event.at > query.window.to) continue
      if (event.at >= counted.firstAt) {
        push(post, event)
        continue
      }
      if (event.at >= query.window.from) eventsBeforeExposure += 1
      if (preMs > 0 && event.at.getTime() >= counted.firstAt.getTime() - preMs) push(pre, event)
    }
  }
  return { post, pre, eventsBeforeExposure }
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

type Totals = {
  n: number
  sum: number
  sumSquares: number
  pre: { sum: number; sumSquares: number; sumProducts: number }
}

/** One metric's sums per variant over the counted identities, with `pre` when asked. */
function metricSums(
  { event, aggregation }: SummaryMetric,
  clean: Map<string, Counted>,
  sorted: Sorted,
  variants: readonly string[],
  withPre: boolean,
): VariantSums[] {
  const totals = new Map<string, Totals>(
    variants.map((variant) => [
      variant,
      { n: 0, sum: 0, sumSquares: 0, pre: { sum: 0, sumSquares: 0, sumProducts: 0 } },
    ]),
  )
  for (const [identity, { variant }] of clean) {
    const total = totals.get(variant)
    if (total === undefined) continue
    const value = valueOf(aggregation, sorted.post.get(identity)?.get(event) ?? [])
    const pre = valueOf(aggregation, sorted.pre.get(identity)?.get(event) ?? [])
    total.n += 1
    total.sum += value
    total.sumSquares += value * value
    total.pre.sum += pre
    total.pre.sumSquares += pre * pre
    total.pre.sumProducts += pre * value
  }
  return variants.map((variant) => {
    const { n, sum, sumSquares, pre } = totals.get(variant) as Totals
    return withPre ? { variant, n, sum, sumSquares, pre } : { variant, n, sum, sumSquares }
  })
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Aggregates in plain code what the Kysely adapter aggregates in one statement, reading only the
 * experiment's exposures and, per counted identity, that identity's events.
 */
export function summarizeStored(
  identities: ExperimentExposures,
  eventsOf: EventsOfIdentity,
  query: SummaryQuery,
): ExperimentSummary {
  const { clean, multiple, before, after } = exposedInWindow(identities, query.window)
  const exposures = new Map<string, number>()
  for (const { variant } of clean.values()) exposures.set(variant, (exposures.get(variant) ?? 0) + 1)
  const variants = [...exposures.keys()].sort(byCodeUnits)
  const sorted = sortEvents(eventsOf, clean, query)
  const withPre = (query.preExposureDays ?? 0) > 0
  return {
    variants: variants.map((variant) => ({ variant, exposures: exposures.get(variant) ?? 0 })),
    multipleExposures: multiple,
    metrics: query.metrics.map((metric) => ({
      metricId: metric.metricId,
      variants: metricSums(metric, clean, sorted, variants, withPre),
    })),
    dataQuality: {
      exposuresBeforeWindow: before,
      exposuresAfterWindow: after,
      eventsBeforeExposure: sorted.eventsBeforeExposure,
    },
  }
}
