import type {
  ExperimentData,
  Exposure,
  SummaryMetric,
  SummaryQuery,
  TrackedEvent,
} from '../ports/experiment-data.js'

/** What a host's factory hands {@link testExperimentData} for one test: fresh, empty state. */
export interface ExperimentDataFixture {
  readonly data: ExperimentData
  /**
   * Makes a started experiment of the environment that exposures may name (a row the adapter's
   * foreign key accepts, say) and returns its id, a UUID.
   */
  readonly createExperiment: (environmentId: string) => Promise<string>
  /** Releases what the fixture holds (a schema, a pool); called after each test. */
  readonly close?: () => Promise<void>
}

/** Creates a fresh {@link ExperimentDataFixture}; called before every test. */
export type ExperimentDataFactory = () => ExperimentDataFixture | Promise<ExperimentDataFixture>

/** One fixed instant plus `minutes`, so window edges are exact. */
export const minute = (minutes: number): Date => new Date(Date.UTC(2030, 0, 1) + minutes * 60_000)

/** One millisecond after (or, with `-1`, before) an instant. */
export const shift = (at: Date, milliseconds: number): Date => new Date(at.getTime() + milliseconds)

/** A fresh environment id, so tests never see each other's events. */
export const freshEnvironmentId = (): string => `env-${crypto.randomUUID()}`

/** An exposure of `experimentId`, at minute 0 unless told. */
export function exposure(experimentId: string, identity: string, variant: string, at = minute(0)): Exposure {
  return { experimentId, identity, variant, at }
}

/** An event with a fresh id, at minute 10 unless told. */
export function trackedEvent(
  identity: string,
  event: string,
  options: { readonly value?: number | null; readonly at?: Date; readonly id?: string } = {},
): TrackedEvent {
  return {
    id: options.id ?? crypto.randomUUID(),
    identity,
    event,
    value: options.value ?? null,
    at: options.at ?? minute(10),
  }
}

/** A query over minutes 0..60 of one experiment with the given metrics. */
export function queryOf(
  environmentId: string,
  experimentId: string,
  metrics: SummaryQuery['metrics'],
  window: SummaryQuery['window'] = { from: minute(0), to: minute(60) },
): SummaryQuery {
  return { environmentId, experimentId, window, metrics }
}

/** A metric of `event` (`purchase` unless told) with `aggregation`, its id naming both. */
export const summaryMetric = (
  aggregation: SummaryMetric['aggregation'],
  event = 'purchase',
): SummaryMetric => ({
  metricId: `${aggregation}-${event}`,
  event,
  aggregation,
})

/** The current fixture with a fresh environment and a started experiment of it. */
export async function withExperiment(
  fixture: ExperimentDataFixture,
): Promise<ExperimentDataFixture & { readonly environmentId: string; readonly experimentId: string }> {
  const environmentId = freshEnvironmentId()
  return { ...fixture, environmentId, experimentId: await fixture.createExperiment(environmentId) }
}
