import type { ExperimentSummary } from '../core/domain/experiment-summary.js'

export type { DataQuality, ExperimentSummary, VariantSums } from '../core/domain/experiment-summary.js'
import type { MetricAggregation } from '../core/domain/vocabulary.js'

/**
 * One identity seeing one variant of a started experiment, as an SDK reports it. The first
 * exposure of an (experiment, identity, variant) fixes its time; a repeat is a duplicate.
 */
export interface Exposure {
  readonly experimentId: string
  /** The host's identity key, 1..255 characters, compared exactly. */
  readonly identity: string
  /** A variant key of the experiment's rollout. */
  readonly variant: string
  readonly at: Date
}

/** Something an identity did, as an SDK reports it, with the sender's idempotency key. */
export interface TrackedEvent {
  /** A UUID chosen by the sender, in lower case: the same id is stored once per environment. */
  readonly id: string
  /** The host's identity key, 1..255 characters, compared exactly. */
  readonly identity: string
  /** The event name, 1..255 characters, matched case-sensitively against metrics' events. */
  readonly event: string
  /**
   * A finite number, or `null` when the event carries none (it adds 0 to a `sum` metric). The
   * service accepts at most ±`MAX_EVENT_VALUE` (1e15); an adapter stores any finite value.
   */
  readonly value: number | null
  readonly at: Date
}

/** What a batch did: `accepted + duplicates` is always the batch's size. */
export interface IngestOutcome {
  /** Items stored by this call. */
  readonly accepted: number
  /** Items already stored before the call, or repeated earlier in the same batch. */
  readonly duplicates: number
}

/** One metric to aggregate: which events it counts and how one identity's events become a number. */
export interface SummaryMetric {
  readonly metricId: string
  readonly event: string
  readonly aggregation: MetricAggregation
}

/** What {@link ExperimentData.summarize} aggregates. */
export interface SummaryQuery {
  /** Only this environment's events count. */
  readonly environmentId: string
  readonly experimentId: string
  /** Both ends inclusive. */
  readonly window: { readonly from: Date; readonly to: Date }
  readonly metrics: readonly SummaryMetric[]
  /**
   * The pre-exposure window, a whole number of days (the service passes its setting, 14 by
   * default): every metric's every variant then carries `pre`. Absent or 0: no `pre` anywhere.
   */
  readonly preExposureDays?: number
}

/**
 * Where exposures and events go and how results read them back, already aggregated: the one
 * port a host with its own warehouse implements (a single `GROUP BY` query for
 * {@link ExperimentData.summarize}).
 *
 * Writing:
 * - A batch is stored atomically: all of it or, when the call rejects, none of it.
 * - Writes are idempotent. An event whose id is already stored in the environment is a
 *   duplicate and is never stored twice, also when the same batch is retried concurrently. An
 *   exposure whose (experiment, identity, variant) is already stored is a duplicate: the first
 *   one keeps its time. The same identity in another variant is stored (it makes the identity a
 *   multiple exposure). An item repeating an earlier item of the same batch is a duplicate too,
 *   so `accepted + duplicates` is the batch's size.
 * - The caller validates items first (experiments of the environment, variants of their
 *   rollout). An adapter still rejects a batch with an item it cannot store (an identity, event
 *   name or variant outside 1..255 characters, an id that is not a UUID, a value that is not
 *   finite, an invalid date), and then stores nothing of it.
 * - Exposures take no environment: each names its experiment, which belongs to one environment
 *   (the caller has checked it is the environment's), so an adapter keys them by experiment.
 *
 * Reading, with `from ≤ at ≤ to` for the window:
 * - An identity counts when it has an exposure in the window. One exposed to two or more
 *   variants in the window is left out of every figure and counted in `multipleExposures`.
 * - For each remaining identity and metric, the value aggregates the metric's events (same
 *   name, case-sensitive, same environment, same identity) from the identity's first exposure in
 *   the window to the window's end, both inclusive: `occurrence` is 1 if there is any such event
 *   and 0 otherwise, `count` their number, `sum` the sum of their values (a `null` value adds 0).
 *   An identity without such events has the value 0, so `n` is the variant's exposures for
 *   every metric.
 * - Per variant and metric: `n`, and the `sum` and `sumSquares` of those per-identity values.
 *   A `sum` metric whose counted events include a value outside ±`MAX_EVENT_VALUE` (stored without
 *   the service's check) has `NaN` for both in that variant; the summary never fails for a value,
 *   and within the bound the sums cannot overflow double precision (at most 2⁶³ rows of 1e15).
 * - With `preExposureDays` above 0, each counted identity also has a pre value per metric: the
 *   same aggregation (and `null` and ±`MAX_EVENT_VALUE` rules) over its events of the metric's
 *   name with `first − days ≤ at < first`, `first` being its first exposure in the window (so the
 *   pre window may reach before the window's start; an event at `first` is counted after, not
 *   before). An identity without such events has the pre value 0. Per variant and metric,
 *   `pre.sum` and `pre.sumSquares` are the sums of the pre values and of their squares, and
 *   `pre.sumProducts` the sum of pre · value over the same identities. A value outside the bound
 *   makes the sums it enters `NaN`: a pre-period one `pre.sum`, `pre.sumSquares` and
 *   `pre.sumProducts`, a counted one `sum`, `sumSquares` and `pre.sumProducts`. An adapter that
 *   cannot provide them leaves `pre` out: results are then unadjusted, and say so.
 * - `dataQuality` counts what the window leaves out (`DataQuality`): the experiment's stored
 *   exposures before the window's start and after its end, and the events of the queried names
 *   by counted identities stamped in the window before the identity's first exposure. They come
 *   from the same reads as the figures: the experiment's exposures, and per counted identity and
 *   event name its events in the window (and its pre window); never the environment's other
 *   history.
 *
 * Cost: proportional to the experiment's own exposures and their identities' events of the
 * queried names in the window (from `preExposureDays` before each one's first exposure when
 * asked), whatever else the environment holds.
 *
 * @example
 * ```ts
 * await data.recordEvents(environment.id, [
 *   { id: crypto.randomUUID(), identity: 'user-1', event: 'checkout', value: 42, at: new Date() },
 * ])
 * const summary = await data.summarize({
 *   environmentId: environment.id,
 *   experimentId: experiment.id,
 *   window: { from: experiment.startedAt, to: new Date() },
 *   metrics: [{ metricId: metric.id, event: 'checkout', aggregation: 'occurrence' }],
 *   preExposureDays: 14,
 * })
 * ```
 */
export interface ExperimentData {
  /**
   * `'read_only'` when the adapter only reads (results over a host's own tables, which the host
   * fills itself): the service then answers `ingestion_not_supported` to a batch without calling
   * the recording methods. Absent means `'read_write'`.
   */
  readonly mode?: 'read_write' | 'read_only'
  /** Stores a batch of exposures (of experiments the caller checked), atomically and idempotently. */
  recordExposures(exposures: readonly Exposure[]): Promise<IngestOutcome>
  /** Stores a batch of the environment's events, atomically and idempotently (by event id). */
  recordEvents(environmentId: string, events: readonly TrackedEvent[]): Promise<IngestOutcome>
  /** Aggregates an experiment's exposures and its environment's events over a window. */
  summarize(query: SummaryQuery): Promise<ExperimentSummary>
}
