/**
 * Sums of the per-identity values of one metric in one variant, enough for a mean and a variance.
 * `sum` and `sumSquares` are `NaN` when a counted event's value lies outside ±`MAX_EVENT_VALUE`
 * (only data stored without the ingestion check can hold one): such figures are reported as not
 * finite rather than computed into an overflow.
 */
export interface VariantSums {
  readonly variant: string
  /** Identities counted: the variant's exposures (identities without events count 0). */
  readonly n: number
  readonly sum: number
  readonly sumSquares: number
  /**
   * The same metric per identity in the days before each identity's first exposure (the query's
   * `preExposureDays`), when the data source provides it: results then reduce the variance with
   * it (CUPED). Absent: the metric is compared unadjusted.
   */
  readonly pre?: PrePeriodSums
}

/** Over a variant's identities, the sums of one metric before exposure and of its products with the value after. */
export interface PrePeriodSums {
  readonly sum: number
  readonly sumSquares: number
  /** Σ pre·post over the identities. */
  readonly sumProducts: number
}

/**
 * Data that is stored but never counted in a window, counted so that a broken SDK (a wrong clock,
 * events sent before the exposure) shows in the results instead of silently thinning them.
 */
export interface DataQuality {
  /** Stored exposures of the experiment (one per identity and variant) stamped before the window's start. */
  readonly exposuresBeforeWindow: number
  /** Stored exposures of the experiment stamped after the window's end (for example after completion). */
  readonly exposuresAfterWindow: number
  /**
   * Events of the queried metrics' event names (each stored event once, whatever the number of
   * metrics on its name), by identities counted in the window (exposed to one variant only),
   * stamped in the window but before that identity's first exposure in the window.
   */
  readonly eventsBeforeExposure: number
}

/** The aggregates of an experiment's exposures and events in a window, as `ExperimentData.summarize` returns them. */
export interface ExperimentSummary {
  /**
   * The variants with at least one counted exposure, in ascending code-unit order of their keys,
   * each with its number of identities (multiple-exposure identities excluded).
   */
  readonly variants: readonly { readonly variant: string; readonly exposures: number }[]
  /** Identities exposed to two or more variants in the window: left out of every other figure. */
  readonly multipleExposures: number
  /** One entry per queried metric, in the query's order, with the same variants as `variants`. */
  readonly metrics: readonly { readonly metricId: string; readonly variants: readonly VariantSums[] }[]
  /** What the window leaves out of the figures above. */
  readonly dataQuality: DataQuality
}
