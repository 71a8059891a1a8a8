import type { components } from '../../../client/api-types.js'

type Schemas = components['schemas']

/** An experiment as the API returns it. */
export type ExperimentJson = Schemas['Experiment']
/** A page of experiments with the counts per status. */
export type ExperimentListJson = Schemas['ExperimentList']
/** A page of the metric catalogue. */
export type MetricListJson = Schemas['MetricList']
/**
 * An experiment's results. Fields a newer server adds (data-quality counts, adjusted figures)
 * are read when present and never required.
 */
export type ResultsJson = Schemas['ExperimentResults'] & { readonly data_quality?: unknown }
/** The lift over time: results snapshots, oldest day first. */
export type ResultsHistoryJson = Schemas['ResultsHistory']
/** One metric of the results. */
export type MetricResultJson = ResultsJson['metrics'][number]
/** One variant against the control on one metric. */
export type ComparisonJson = MetricResultJson['variants'][number]

/** What every view is given: where the API is, which environment, and where to draw. */
export interface ViewContext {
  /** The API's base path, e.g. `/api/v1`. */
  readonly api: string
  /** The environment key the console shows. */
  readonly environment: string
  /** Where the view draws itself. */
  readonly root: HTMLElement
  /** Says something to screen readers and sighted users alike (the status line). */
  readonly announce: (message: string) => void
}

/** The API path of the environment's collection or of an item below it. */
export function environmentPath(context: Pick<ViewContext, 'environment'>, rest: string): string {
  return `environments/${encodeURIComponent(context.environment)}/${rest}`
}
