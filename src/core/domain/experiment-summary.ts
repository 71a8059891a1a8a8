/** Sums of the per-identity values of one metric in one variant, enough for a mean and a variance. */
export interface VariantSums {
  readonly variant: string
  /** Identities counted: the variant's exposures (identities without events count 0). */
  readonly n: number
  readonly sum: number
  readonly sumSquares: number
  /**
   * The same metric per identity in the window before each identity's first exposure, when the
   * data source provides it: results then reduce the variance with it (CUPED).
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
}
