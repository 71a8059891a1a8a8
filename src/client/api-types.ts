/**
 * The HTTP API's paths, operations and schemas as TypeScript types, generated from openapi.json by
 * `npm run client:types` (openapi-typescript). Do not edit: regenerate.
 *
 * @packageDocumentation
 */
export interface paths {
  '/environments/{environmentKey}/experiments/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    /** List experiments, newest first */
    get: operations['listExperiments']
    put?: never
    /** Create an experiment */
    post: operations['createExperiment']
    delete?: never
    options?: never
    /** List experiments, newest first: headers only */
    head: operations['headExperiments']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    /** Retrieve an experiment */
    get: operations['getExperiment']
    put?: never
    post?: never
    /** Soft-delete an experiment (not while running) */
    delete: operations['deleteExperiment']
    options?: never
    /** Retrieve an experiment: headers only */
    head: operations['headExperiment']
    /** Update name, hypothesis and/or schedule */
    patch: operations['updateExperiment']
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/restore/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Undo a delete */
    post: operations['restoreExperiment']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/start/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Start or resume an experiment */
    post: operations['startExperiment']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/pause/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Pause a running experiment */
    post: operations['pauseExperiment']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/complete/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Complete a running or paused experiment */
    post: operations['completeExperiment']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/history/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    /** Status history, oldest first */
    get: operations['getExperimentHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    /** Status history, oldest first: headers only */
    head: operations['headExperimentHistory']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/metrics/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    /** Replace the experiment's metrics (the primary one is fixed once started) */
    put: operations['setExperimentMetrics']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/rollout/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    /** Set traffic and split (the split is fixed once started; traffic may ramp until completion) */
    put: operations['setExperimentRollout']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/analysis/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    get?: never
    /** Replace the analysis setting (fields left out take their defaults; fixed once started) */
    put: operations['setExperimentAnalysis']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/metrics/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    /** List the environment's metrics, newest first */
    get: operations['listMetrics']
    put?: never
    /** Create a metric */
    post: operations['createMetric']
    delete?: never
    options?: never
    /** List the environment's metrics, newest first: headers only */
    head: operations['headMetrics']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/metrics/{metricId}/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    /** Retrieve a metric with the experiments that list it */
    get: operations['getMetric']
    put?: never
    post?: never
    /** Soft-delete a metric (not while an experiment that is not completed lists it) */
    delete: operations['deleteMetric']
    options?: never
    /** Retrieve a metric with the experiments that list it: headers only */
    head: operations['headMetric']
    /** Update a metric (event and aggregation are fixed while a started experiment uses it) */
    patch: operations['updateMetric']
    trace?: never
  }
  '/environments/{environmentKey}/metrics/{metricId}/restore/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Undo a metric delete */
    post: operations['restoreMetric']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/exposures/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Record a batch of 1 to 1000 exposures (idempotent: a repeat is a duplicate) */
    post: operations['recordExposures']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/events/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    get?: never
    put?: never
    /** Record a batch of 1 to 1000 events (idempotent by event id) */
    post: operations['recordEvents']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/results/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    /** The experiment's results: exposures, sample ratio check and every metric against the control */
    get: operations['getExperimentResults']
    put?: never
    post?: never
    delete?: never
    options?: never
    /** The experiment's results: exposures, sample ratio check and every metric against the control: headers only */
    head: operations['headExperimentResults']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/results/history/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    /** The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results) */
    get: operations['getExperimentResultsHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    /** The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results): headers only */
    head: operations['headExperimentResultsHistory']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/audit/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    /** Read the environment's audit entries as a feed, oldest first, from a cursor */
    get: operations['getAuditFeed']
    put?: never
    post?: never
    delete?: never
    options?: never
    /** Read the environment's audit entries as a feed, oldest first, from a cursor: headers only */
    head: operations['headAuditFeed']
    patch?: never
    trace?: never
  }
  '/environments/{environmentKey}/experiments/{experimentId}/audit/': {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    /** Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor */
    get: operations['getExperimentAudit']
    put?: never
    post?: never
    delete?: never
    options?: never
    /** Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor: headers only */
    head: operations['headExperimentAudit']
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    CreateExperimentInput: {
      feature: string | number
      name: string
      hypothesis: string
      metrics?: {
        metric: string
        /** @enum {string} */
        role: 'primary' | 'secondary' | 'guardrail'
        /** @enum {string} */
        expected_direction: 'increase' | 'decrease' | 'not_increase' | 'not_decrease'
      }[]
      rollout?: components['schemas']['RolloutInput']
      analysis?: components['schemas']['ExperimentAnalysisInput']
      /** @description When the scheduler starts it (ISO 8601 with offset); only before the first start, before the end. */
      scheduled_start_at?: string | null
      /** @description When the scheduler completes it, once started (ISO 8601 with offset); only until completion. */
      scheduled_end_at?: string | null
    }
    UpdateExperimentInput: {
      name?: string
      hypothesis?: string
      feature?: string | number
      /** @description When the scheduler starts it (ISO 8601 with offset); only before the first start, before the end. null clears it. */
      scheduled_start_at?: string | null
      /** @description When the scheduler completes it, once started (ISO 8601 with offset); only until completion. null clears it. */
      scheduled_end_at?: string | null
    }
    SetExperimentMetricsInput: {
      metrics: {
        metric: string
        /** @enum {string} */
        role: 'primary' | 'secondary' | 'guardrail'
        /** @enum {string} */
        expected_direction: 'increase' | 'decrease' | 'not_increase' | 'not_decrease'
      }[]
    }
    RolloutInput: {
      traffic_percentage: number
      allocations: {
        variant: string
        weight: number
      }[]
    }
    ExperimentAnalysisInput: {
      /**
       * @description sequential: intervals valid however often results are read; fixed: valid for one look.
       * @default sequential
       * @enum {string}
       */
      method?: 'sequential' | 'fixed'
      /**
       * @description N*: the total sample (both arms) at which a sequential interval is tightest.
       * @default 5000
       */
      sequential_tuning?: number
      /**
       * @description Days of each identity's events before its first exposure used for CUPED; 0 turns it off.
       * @default 14
       */
      pre_exposure_days?: number
    }
    CreateMetricInput: {
      name: string
      /** @default  */
      description?: string
      event: string
      /** @enum {string} */
      aggregation: 'occurrence' | 'count' | 'sum'
      /** @enum {string} */
      direction: 'up' | 'down' | 'informational'
    }
    UpdateMetricInput: {
      name?: string
      description?: string
      event?: string
      /** @enum {string} */
      aggregation?: 'occurrence' | 'count' | 'sum'
      /** @enum {string} */
      direction?: 'up' | 'down' | 'informational'
    }
    RecordExposuresInput: {
      exposures: {
        experiment: string
        identity: string
        variant: string
        /** Format: date-time */
        at: string
      }[]
    }
    RecordEventsInput: {
      events: {
        id: string
        identity: string
        event: string
        value?: number | null
        /** Format: date-time */
        at: string
      }[]
    }
    /** ExperimentList */
    ExperimentList: {
      /** @description Newest first; in the trash (`?deleted=true`) deleted ones only, each with `deleted_at`. */
      results: components['schemas']['Experiment'][]
      /** @description Pass as `cursor` to read the next page; null on the last page. */
      next_cursor: string | null
      /** @description Per status, narrowed by `feature` and `q` but not by `status`; in the trash, of deleted experiments. */
      status_counts: {
        created: number
        running: number
        paused: number
        completed: number
      }
    }
    /** Experiment */
    Experiment: {
      /** Format: uuid */
      id: string
      /** @description The id of the host feature (flag) under test. */
      feature: string
      name: string
      hypothesis: string
      /** @enum {string} */
      status: 'created' | 'running' | 'paused' | 'completed'
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      created_at: string
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      updated_at: string
      /** @description Set on the first start; a resume keeps it. */
      started_at: string | null
      /** @description Set on completion. */
      ended_at: string | null
      /** @description When the scheduler starts it; cleared by the start, scheduled or not. */
      scheduled_start_at: string | null
      /** @description When the scheduler completes it, once started; cleared by the completion. */
      scheduled_end_at: string | null
      /** @description Whole seconds spent running, pauses excluded. */
      running_seconds: number
      /** @description Grows by one on every change; also sent as the ETag. */
      version: number
      /** @description What it measures, in the order given: at most ten, at most one primary. */
      metrics: components['schemas']['ExperimentMetric'][]
      rollout: components['schemas']['Rollout']
      analysis: components['schemas']['ExperimentAnalysis']
      /**
       * Format: date-time
       * @description Only on the items of the trash (`?deleted=true`): when the experiment was deleted.
       */
      deleted_at?: string
    }
    /** ExperimentMetric */
    ExperimentMetric: {
      /**
       * Format: uuid
       * @description The metric id.
       */
      metric: string
      /** @description The metric's current name. */
      name: string
      event: string
      /** @enum {string} */
      aggregation: 'occurrence' | 'count' | 'sum'
      /** @enum {string} */
      role: 'primary' | 'secondary' | 'guardrail'
      /** @enum {string} */
      expected_direction: 'increase' | 'decrease' | 'not_increase' | 'not_decrease'
    }
    /** Rollout */
    Rollout: {
      /** @description The share of identities that enter the experiment. */
      traffic_percentage: number
      /** @description Every variant of the feature once, in order; the weights sum to 100. */
      allocations: {
        variant: string
        /** @description A percentage with at most two decimals. */
        weight: number
      }[]
    }
    /** ExperimentAnalysis */
    ExperimentAnalysis: {
      /**
       * @description sequential: intervals valid however often results are read; fixed: valid for one look.
       * @enum {string}
       */
      method: 'sequential' | 'fixed'
      /** @description N*: the total sample at which a sequential interval is tightest. */
      sequential_tuning: number
      /** @description Days of each identity's events before its first exposure used for CUPED; 0: none. */
      pre_exposure_days: number
    }
    /** History */
    History: {
      /** @description Oldest first. */
      results: components['schemas']['StatusChange'][]
    }
    /** StatusChange */
    StatusChange: {
      /** @enum {string} */
      from: 'created' | 'running' | 'paused' | 'completed'
      /** @enum {string} */
      to: 'created' | 'running' | 'paused' | 'completed'
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      at: string
      actor: {
        /** @enum {string} */
        type: 'user' | 'api_key' | 'system'
        id: string
      }
    }
    /** MetricList */
    MetricList: {
      /** @description Newest first; in the trash (`?deleted=true`) deleted ones only, each with `deleted_at`. */
      results: components['schemas']['Metric'][]
      /** @description Pass as `cursor` to read the next page; null on the last page. */
      next_cursor: string | null
    }
    /** Metric */
    Metric: {
      /** Format: uuid */
      id: string
      /** @description Unique among the environment's metrics, ignoring case. */
      name: string
      description: string
      /** @description The event name it counts, matched case-sensitively. */
      event: string
      /** @enum {string} */
      aggregation: 'occurrence' | 'count' | 'sum'
      /** @enum {string} */
      direction: 'up' | 'down' | 'informational'
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      created_at: string
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      updated_at: string
      /** @description Grows by one on every change; also sent as the ETag. */
      version: number
      /**
       * Format: date-time
       * @description Only on the items of the trash (`?deleted=true`): when the metric was deleted.
       */
      deleted_at?: string
    }
    /** MetricDetail */
    MetricDetail: {
      /** Format: uuid */
      id: string
      /** @description Unique among the environment's metrics, ignoring case. */
      name: string
      description: string
      /** @description The event name it counts, matched case-sensitively. */
      event: string
      /** @enum {string} */
      aggregation: 'occurrence' | 'count' | 'sum'
      /** @enum {string} */
      direction: 'up' | 'down' | 'informational'
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      created_at: string
      /**
       * Format: date-time
       * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
       */
      updated_at: string
      /** @description Grows by one on every change; also sent as the ETag. */
      version: number
      /**
       * Format: date-time
       * @description Only on the items of the trash (`?deleted=true`): when the metric was deleted.
       */
      deleted_at?: string
      /** @description Every experiment that lists the metric and is not deleted. */
      used_by: {
        /** Format: uuid */
        id: string
        name: string
        /** @enum {string} */
        status: 'created' | 'running' | 'paused' | 'completed'
      }[]
    }
    /** IngestOutcome */
    IngestOutcome: {
      /** @description Items stored by this request. */
      accepted: number
      /** @description Items stored before (a retried batch), or repeated earlier in the same batch. */
      duplicates: number
    }
    /** ExperimentResults */
    ExperimentResults: {
      /**
       * Format: date-time
       * @description When the figures were computed.
       */
      as_of: string
      /** @description True once the experiment is completed: the figures are frozen, every read is the same. */
      is_final: boolean
      /** @description The data counted, both ends inclusive; null before the experiment starts. */
      window: {
        /**
         * Format: date-time
         * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
         */
        from: string
        /**
         * Format: date-time
         * @description ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.
         */
        to: string
      } | null
      /** @description The rollout's variants in its order, weight-0 ones included; empty before the start. */
      variants: {
        variant: string
        /** @description A percentage with at most two decimals. */
        weight: number
        /** @description Identities exposed, multiple exposures excluded. */
        exposures: number
      }[]
      /** @description Identities seen in two or more variants: left out of every figure. */
      multiple_exposures: number
      /** @description Sample ratio mismatch; null with no exposures or fewer than two weighted variants. */
      srm: {
        /** @description Chi-squared test of the exposures against the weights. */
        p_value: number
        /** @description p_value < 0.001: the split is suspect. */
        mismatch: boolean
      } | null
      /** @description Data stored but never counted, so a broken SDK shows; null before the start and in final results frozen before these counts existed. */
      data_quality: {
        /** @description Stored exposures of the experiment stamped before the window's start. */
        exposures_before_window: number
        /** @description Stored exposures stamped after the window's end (for example after completion). */
        exposures_after_window: number
        /** @description Events of the metrics' event names, by identities counted, stamped in the window before the identity's first exposure. */
        events_before_exposure: number
      } | null
      /** @description The experiment's metrics in their order. */
      metrics: components['schemas']['MetricResult'][]
      /** @description How the figures were computed; null for results frozen before it was recorded. */
      analysis: components['schemas']['ResultsAnalysis'] | null
    }
    /** VariantComparison */
    VariantComparison: {
      variant: string
      /** @description Identities counted in the variant. */
      n: number
      /** @description The per-identity mean; null with no identities. */
      mean: number | null
      /** @description mean − control mean. */
      absolute_lift: number | null
      /** @description (mean − control mean) / control mean. */
      relative_lift: number | null
      /** @description Lower end of the 95% interval of the relative lift. */
      ci_low: number | null
      /** @description Upper end of the 95% interval of the relative lift. */
      ci_high: number | null
      /** @description P(variant > control), whatever the expected direction. */
      chance_to_win: number | null
      /** @description Two-sided p-value of the relative lift, corrected for multiple comparisons. */
      p_value: number | null
      /** @description The p-value before the correction. */
      p_value_unadjusted: number | null
      /** @enum {string} */
      verdict: 'winning' | 'losing' | 'inconclusive' | 'ok' | 'violated' | 'insufficient_data'
      /** @description How much longer; null when the comparison has no variance yet. */
      guidance: components['schemas']['ComparisonGuidance'] | null
    }
    /** MetricResult */
    MetricResult: {
      /**
       * Format: uuid
       * @description The metric id.
       */
      metric: string
      name: string
      /** @enum {string} */
      role: 'primary' | 'secondary' | 'guardrail'
      /** @enum {string} */
      expected_direction: 'increase' | 'decrease' | 'not_increase' | 'not_decrease'
      /** @enum {string} */
      aggregation: 'occurrence' | 'count' | 'sum'
      control: {
        /** @description The rollout's first variant. */
        variant: string
        n: number
        mean: number | null
      }
      /** @description Every other variant, in the rollout's order. */
      variants: components['schemas']['VariantComparison'][]
      /** @description adjusted: pre-exposure data reduced the variance (CUPED); unadjusted: it was there but could not; no_pre_exposure_data: the data source gave none. Null in results frozen before it was recorded. */
      cuped: ('adjusted' | 'unadjusted' | 'no_pre_exposure_data') | null
    }
    /** ComparisonGuidance */
    ComparisonGuidance: {
      /** @description The relative lift (±) the figures are about. */
      minimum_effect: number
      /** @description Today's chance of an interval excluding 0 at that lift. */
      power: number
      /** @description Identities of both arms still needed for the target power, rounded up (0: enough); null if out of reach. */
      identities_needed: number | null
      /** @description Days those take at the exposure rate so far; null if out of reach or no time has passed. */
      days_needed: number | null
    }
    /** ResultsAnalysis */
    ResultsAnalysis: {
      /**
       * @description sequential: valid however often read; fixed: valid for one look.
       * @enum {string}
       */
      method: 'sequential' | 'fixed'
      /** @description N*: the total sample at which a sequential interval is tightest. */
      sequential_tuning: number
      /** @description Two-sided error rate: 0.05 gives 95% intervals. */
      alpha: number
      /**
       * @description Multiple-comparison correction of primary and secondary metrics.
       * @enum {string}
       */
      correction: 'holm' | 'benjamini-hochberg' | 'none'
      /** @description Below this a comparison shows figures but its verdict is insufficient_data. */
      minimum_sample: {
        /** @description Identities per arm before a verdict. */
        identities: number
        /** @description Converted identities per arm (occurrence metrics). */
        conversions: number
      }
      /** @description The settings behind every comparison's guidance. */
      guidance: {
        /** @description The smallest relative lift worth detecting. */
        minimum_effect: number
        /** @description The chance of detecting it that counts as enough. */
        target_power: number
      }
      /** @description Metrics whose variance pre-exposure data reduced (CUPED). */
      cuped_metrics: string[]
      /** @description Days of each identity's events before its first exposure read for CUPED (0: none); absent from results frozen before it was recorded. */
      pre_exposure_days?: number
    }
    /** ResultsHistory */
    ResultsHistory: {
      /** @description Oldest day first, at most one a day (the scheduler's daily snapshot while running); a completed experiment's last is its final results. */
      results: components['schemas']['ExperimentResults'][]
    }
    /** AuditFeed */
    AuditFeed: {
      /** @description Oldest first (newest last), after the cursor. */
      results: components['schemas']['AuditEntry'][]
      /** @description Where to resume, never null: pass it as `cursor` to read what comes next; on an empty page, the cursor that was sent (or the start of the feed). */
      next_cursor: string
    }
    /** AuditEntry */
    AuditEntry: {
      /**
       * Format: uuid
       * @description Stable: the same entry has the same id on every read (use it to spot a repeat).
       */
      id: string
      /** @description The experiment or metric changed. */
      subject: {
        /** @enum {string} */
        type: 'experiment' | 'metric'
        /** Format: uuid */
        id: string
      }
      /** @enum {string} */
      action:
        | 'created'
        | 'updated'
        | 'deleted'
        | 'restored'
        | 'started'
        | 'resumed'
        | 'paused'
        | 'completed'
        | 'metrics_changed'
        | 'rollout_changed'
        | 'analysis_changed'
        | 'metric_created'
        | 'metric_updated'
        | 'metric_deleted'
        | 'metric_restored'
      /** @description Who made the change. */
      actor: {
        /** @enum {string} */
        type: 'user' | 'api_key' | 'system'
        id: string
      }
      /** @description Human-readable; do not parse it. */
      message: string
      /** @description Each changed field (snake_case) with its value before and after; dates as ISO 8601. */
      changes: {
        [key: string]: {
          from: unknown
          to: unknown
        }
      }
      /**
       * Format: date-time
       * @description When the change was made.
       */
      created_at: string
    }
    /** Problem */
    Problem:
      | components['schemas']['ValidationFailedProblem']
      | components['schemas']['MalformedJsonProblem']
      | components['schemas']['FeatureNotFoundProblem']
      | components['schemas']['FeatureNotMultivariateProblem']
      | components['schemas']['FeatureNotInProjectProblem']
      | components['schemas']['FeatureImmutableProblem']
      | components['schemas']['UnauthenticatedProblem']
      | components['schemas']['ExperimentationDisabledProblem']
      | components['schemas']['ForbiddenProblem']
      | components['schemas']['EnvironmentNotFoundProblem']
      | components['schemas']['ExperimentNotFoundProblem']
      | components['schemas']['MetricNotFoundProblem']
      | components['schemas']['NotFoundProblem']
      | components['schemas']['MethodNotAllowedProblem']
      | components['schemas']['ActiveExperimentExistsProblem']
      | components['schemas']['InvalidTransitionProblem']
      | components['schemas']['ExperimentRunningProblem']
      | components['schemas']['MetricNameTakenProblem']
      | components['schemas']['MetricInUseProblem']
      | components['schemas']['PrimaryMetricLockedProblem']
      | components['schemas']['AllocationLockedProblem']
      | components['schemas']['AnalysisLockedProblem']
      | components['schemas']['ExperimentCompletedProblem']
      | components['schemas']['VersionMismatchProblem']
      | components['schemas']['PayloadTooLargeProblem']
      | components['schemas']['UnsupportedMediaTypeProblem']
      | components['schemas']['InternalErrorProblem']
      | components['schemas']['AuditFeedNotSupportedProblem']
      | components['schemas']['IngestionNotSupportedProblem']
      | components['schemas']['UnavailableProblem']
    ValidationFailedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:validation_failed'
      /** @constant */
      title: 'Validation failed'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'validation_failed'
      /** @description Every problem found; `path` is the dotted field path, a query parameter or `If-Match`. */
      issues: {
        path: string
        message: string
      }[]
    }
    MalformedJsonProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:malformed_json'
      /** @constant */
      title: 'Malformed JSON'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'malformed_json'
    }
    FeatureNotFoundProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:feature_not_found'
      /** @constant */
      title: 'Feature not found'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'feature_not_found'
      feature_id: string
    }
    FeatureNotMultivariateProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:feature_not_multivariate'
      /** @constant */
      title: 'Feature not multivariate'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'feature_not_multivariate'
      feature_id: string
    }
    FeatureNotInProjectProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:feature_not_in_project'
      /** @constant */
      title: 'Feature not in project'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'feature_not_in_project'
      feature_id: string
    }
    FeatureImmutableProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:feature_immutable'
      /** @constant */
      title: 'Feature immutable'
      /** @constant */
      status: 400
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'feature_immutable'
    }
    UnauthenticatedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:unauthenticated'
      /** @constant */
      title: 'Unauthenticated'
      /** @constant */
      status: 401
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'unauthenticated'
    }
    ExperimentationDisabledProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:experimentation_disabled'
      /** @constant */
      title: 'Experimentation disabled'
      /** @constant */
      status: 403
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'experimentation_disabled'
    }
    ForbiddenProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:forbidden'
      /** @constant */
      title: 'Forbidden'
      /** @constant */
      status: 403
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'forbidden'
      /** @enum {string} */
      action:
        | 'view'
        | 'create'
        | 'update'
        | 'delete'
        | 'restore'
        | 'start'
        | 'pause'
        | 'complete'
        | 'manage_metrics'
        | 'ingest'
    }
    EnvironmentNotFoundProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:environment_not_found'
      /** @constant */
      title: 'Environment not found'
      /** @constant */
      status: 404
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'environment_not_found'
      environment_key: string
    }
    ExperimentNotFoundProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:experiment_not_found'
      /** @constant */
      title: 'Experiment not found'
      /** @constant */
      status: 404
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'experiment_not_found'
      experiment_id: string
    }
    MetricNotFoundProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:metric_not_found'
      /** @constant */
      title: 'Metric not found'
      /** @constant */
      status: 404
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'metric_not_found'
      metric_id: string
    }
    NotFoundProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:not_found'
      /** @constant */
      title: 'Not found'
      /** @constant */
      status: 404
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'not_found'
    }
    MethodNotAllowedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:method_not_allowed'
      /** @constant */
      title: 'Method not allowed'
      /** @constant */
      status: 405
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'method_not_allowed'
    }
    ActiveExperimentExistsProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:active_experiment_exists'
      /** @constant */
      title: 'Active experiment exists'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'active_experiment_exists'
      feature_id: string
    }
    InvalidTransitionProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:invalid_transition'
      /** @constant */
      title: 'Invalid transition'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'invalid_transition'
      /** @enum {string} */
      from: 'created' | 'running' | 'paused' | 'completed'
      /** @enum {string} */
      to: 'created' | 'running' | 'paused' | 'completed'
      allowed: ('created' | 'running' | 'paused' | 'completed')[]
    }
    ExperimentRunningProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:experiment_running'
      /** @constant */
      title: 'Experiment running'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'experiment_running'
    }
    MetricNameTakenProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:metric_name_taken'
      /** @constant */
      title: 'Metric name taken'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'metric_name_taken'
      name: string
    }
    MetricInUseProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:metric_in_use'
      /** @constant */
      title: 'Metric in use'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'metric_in_use'
      metric_id: string
      /** @description The experiments that hold the metric. */
      experiment_ids: string[]
    }
    PrimaryMetricLockedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:primary_metric_locked'
      /** @constant */
      title: 'Primary metric locked'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'primary_metric_locked'
    }
    AllocationLockedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:allocation_locked'
      /** @constant */
      title: 'Allocation locked'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'allocation_locked'
    }
    AnalysisLockedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:analysis_locked'
      /** @constant */
      title: 'Analysis locked'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'analysis_locked'
    }
    ExperimentCompletedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:experiment_completed'
      /** @constant */
      title: 'Experiment completed'
      /** @constant */
      status: 409
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'experiment_completed'
    }
    VersionMismatchProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:version_mismatch'
      /** @constant */
      title: 'Version mismatch'
      /** @constant */
      status: 412
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'version_mismatch'
      expected_version: number
      current_version: number
    }
    PayloadTooLargeProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:payload_too_large'
      /** @constant */
      title: 'Payload too large'
      /** @constant */
      status: 413
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'payload_too_large'
    }
    UnsupportedMediaTypeProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:unsupported_media_type'
      /** @constant */
      title: 'Unsupported media type'
      /** @constant */
      status: 415
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'unsupported_media_type'
    }
    InternalErrorProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:internal_error'
      /** @constant */
      title: 'Internal error'
      /** @constant */
      status: 500
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'internal_error'
    }
    AuditFeedNotSupportedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:audit_feed_not_supported'
      /** @constant */
      title: 'Audit feed not supported'
      /** @constant */
      status: 501
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'audit_feed_not_supported'
    }
    IngestionNotSupportedProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:ingestion_not_supported'
      /** @constant */
      title: 'Ingestion not supported'
      /** @constant */
      status: 501
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'ingestion_not_supported'
    }
    UnavailableProblem: {
      /** @constant */
      type: 'urn:flag-experiments:problem:unavailable'
      /** @constant */
      title: 'Service unavailable'
      /** @constant */
      status: 503
      /** @description Human-readable; do not parse it, branch on `code`. */
      detail: string
      /** @constant */
      code: 'unavailable'
    }
  }
  responses: never
  parameters: {
    /** @description The host environment's key. */
    environmentKey: string
    /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
    experimentId: string
    /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
    metricId: string
    /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
    'If-Match': string
    /** @description Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`). */
    'If-None-Match': string
  }
  requestBodies: never
  headers: {
    /** @description The experiment or metric version, `"<version>"`; send it back as If-Match. */
    ETag: string
    /** @description The path of the new experiment or metric. */
    Location: string
    /** @description Seconds to wait before retrying (1). */
    'Retry-After': string
    /** @description The authentication challenge. */
    'WWW-Authenticate': string
  }
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  listExperiments: {
    parameters: {
      query?: {
        /** @description Keep only these statuses; repeat the parameter or separate values with commas. */
        status?: ('created' | 'running' | 'paused' | 'completed')[]
        /** @description Keep only this feature's experiments. */
        feature?: string | number
        /** @description Keep only names containing this text, ignoring case. */
        q?: string
        /** @description Page size: a plain decimal integer from 1 to 200. */
        limit?: number
        /** @description The `next_cursor` of the previous page. */
        cursor?: string
        /** @description `true`: the trash, deleted experiments only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted. */
        deleted?: boolean
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description List experiments, newest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ExperimentList']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  createExperiment: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateExperimentInput']
      }
    }
    responses: {
      /** @description Create an experiment */
      201: {
        headers: {
          ETag: components['headers']['ETag']
          Location: components['headers']['Location']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed`, `malformed_json`, `feature_not_found`, `feature_not_multivariate`, `feature_not_in_project` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ValidationFailedProblem']
            | components['schemas']['MalformedJsonProblem']
            | components['schemas']['FeatureNotFoundProblem']
            | components['schemas']['FeatureNotMultivariateProblem']
            | components['schemas']['FeatureNotInProjectProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `active_experiment_exists` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ActiveExperimentExistsProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperiments: {
    parameters: {
      query?: {
        /** @description Keep only these statuses; repeat the parameter or separate values with commas. */
        status?: ('created' | 'running' | 'paused' | 'completed')[]
        /** @description Keep only this feature's experiments. */
        feature?: string | number
        /** @description Keep only names containing this text, ignoring case. */
        q?: string
        /** @description Page size: a plain decimal integer from 1 to 200. */
        limit?: number
        /** @description The `next_cursor` of the previous page. */
        cursor?: string
        /** @description `true`: the trash, deleted experiments only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted. */
        deleted?: boolean
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description List experiments, newest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  getExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`). */
        'If-None-Match'?: components['parameters']['If-None-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Retrieve an experiment */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description Not modified: `If-None-Match` matches the current ETag; no content. */
      304: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  deleteExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Done; no content. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `experiment_running` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ExperimentRunningProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`). */
        'If-None-Match'?: components['parameters']['If-None-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Retrieve an experiment */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Not modified: `If-None-Match` matches the current ETag; no content. */
      304: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  updateExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateExperimentInput']
      }
    }
    responses: {
      /** @description Update name, hypothesis and/or schedule */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed`, `malformed_json`, `feature_immutable` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ValidationFailedProblem']
            | components['schemas']['MalformedJsonProblem']
            | components['schemas']['FeatureImmutableProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `invalid_transition` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InvalidTransitionProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  restoreExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Undo a delete */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `active_experiment_exists` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ActiveExperimentExistsProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  startExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Start or resume an experiment */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `invalid_transition`, `active_experiment_exists` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['InvalidTransitionProblem']
            | components['schemas']['ActiveExperimentExistsProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  pauseExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Pause a running experiment */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `invalid_transition` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InvalidTransitionProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  completeExperiment: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Complete a running or paused experiment */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `invalid_transition` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InvalidTransitionProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  getExperimentHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Status history, oldest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['History']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperimentHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Status history, oldest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  setExperimentMetrics: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['SetExperimentMetricsInput']
      }
    }
    responses: {
      /** @description Replace the experiment's metrics (the primary one is fixed once started) */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `primary_metric_locked`, `experiment_completed` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['PrimaryMetricLockedProblem']
            | components['schemas']['ExperimentCompletedProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  setExperimentRollout: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['RolloutInput']
      }
    }
    responses: {
      /** @description Set traffic and split (the split is fixed once started; traffic may ramp until completion) */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `allocation_locked`, `experiment_completed` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['AllocationLockedProblem']
            | components['schemas']['ExperimentCompletedProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  setExperimentAnalysis: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ExperimentAnalysisInput']
      }
    }
    responses: {
      /** @description Replace the analysis setting (fields left out take their defaults; fixed once started) */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Experiment']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `analysis_locked`, `experiment_completed` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['AnalysisLockedProblem']
            | components['schemas']['ExperimentCompletedProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  listMetrics: {
    parameters: {
      query?: {
        /** @description Keep only names containing this text, ignoring case. */
        q?: string
        /** @description Page size: a plain decimal integer from 1 to 200. */
        limit?: number
        /** @description The `next_cursor` of the previous page. */
        cursor?: string
        /** @description `true`: the trash, deleted metrics only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted. */
        deleted?: boolean
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description List the environment's metrics, newest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MetricList']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  createMetric: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMetricInput']
      }
    }
    responses: {
      /** @description Create a metric */
      201: {
        headers: {
          ETag: components['headers']['ETag']
          Location: components['headers']['Location']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Metric']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `metric_name_taken` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['MetricNameTakenProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headMetrics: {
    parameters: {
      query?: {
        /** @description Keep only names containing this text, ignoring case. */
        q?: string
        /** @description Page size: a plain decimal integer from 1 to 200. */
        limit?: number
        /** @description The `next_cursor` of the previous page. */
        cursor?: string
        /** @description `true`: the trash, deleted metrics only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted. */
        deleted?: boolean
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description List the environment's metrics, newest first */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  getMetric: {
    parameters: {
      query?: never
      header?: {
        /** @description Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`). */
        'If-None-Match'?: components['parameters']['If-None-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Retrieve a metric with the experiments that list it */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['MetricDetail']
        }
      }
      /** @description Not modified: `If-None-Match` matches the current ETag; no content. */
      304: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  deleteMetric: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Done; no content. */
      204: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `metric_in_use` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['MetricInUseProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headMetric: {
    parameters: {
      query?: never
      header?: {
        /** @description Answer 304 without a body if the experiment is still at one of these versions: `*` or ETags, weak ones included (`"3", W/"4"`). */
        'If-None-Match'?: components['parameters']['If-None-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Retrieve a metric with the experiments that list it */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description Not modified: `If-None-Match` matches the current ETag; no content. */
      304: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  updateMetric: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMetricInput']
      }
    }
    responses: {
      /** @description Update a metric (event and aggregation are fixed while a started experiment uses it) */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Metric']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `metric_name_taken`, `metric_in_use` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['MetricNameTakenProblem'] | components['schemas']['MetricInUseProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  restoreMetric: {
    parameters: {
      query?: never
      header?: {
        /** @description Write only if the experiment or metric is still at this version: `*` or the strong ETag it was read with (`"3"`). */
        'If-Match'?: components['parameters']['If-Match']
      }
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The metric id (a UUID); anything else is 404 `metric_not_found`. */
        metricId: components['parameters']['metricId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Undo a metric delete */
      200: {
        headers: {
          ETag: components['headers']['ETag']
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['Metric']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `metric_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['MetricNotFoundProblem']
        }
      }
      /** @description `metric_name_taken` */
      409: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['MetricNameTakenProblem']
        }
      }
      /** @description `version_mismatch` */
      412: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['VersionMismatchProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  recordExposures: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordExposuresInput']
      }
    }
    responses: {
      /** @description Record a batch of 1 to 1000 exposures (idempotent: a repeat is a duplicate) */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IngestOutcome']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `ingestion_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['IngestionNotSupportedProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  recordEvents: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['RecordEventsInput']
      }
    }
    responses: {
      /** @description Record a batch of 1 to 1000 events (idempotent by event id) */
      202: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['IngestOutcome']
        }
      }
      /** @description `validation_failed`, `malformed_json` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            components['schemas']['ValidationFailedProblem'] | components['schemas']['MalformedJsonProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `payload_too_large` */
      413: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description `unsupported_media_type` */
      415: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `ingestion_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['IngestionNotSupportedProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  getExperimentResults: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The experiment's results: exposures, sample ratio check and every metric against the control */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ExperimentResults']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperimentResults: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The experiment's results: exposures, sample ratio check and every metric against the control */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  getExperimentResultsHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results) */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['ResultsHistory']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperimentResultsHistory: {
    parameters: {
      query?: never
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results) */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  getAuditFeed: {
    parameters: {
      query?: {
        /** @description The `next_cursor` of a previous page; without it the feed reads from its start. Anything else is 400 `validation_failed`. */
        cursor?: string
        /** @description Page size: a plain decimal integer from 1 to 1000 (default 100). */
        limit?: number
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Read the environment's audit entries as a feed, oldest first, from a cursor */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AuditFeed']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['EnvironmentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `audit_feed_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['AuditFeedNotSupportedProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headAuditFeed: {
    parameters: {
      query?: {
        /** @description The `next_cursor` of a previous page; without it the feed reads from its start. Anything else is 400 `validation_failed`. */
        cursor?: string
        /** @description Page size: a plain decimal integer from 1 to 1000 (default 100). */
        limit?: number
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Read the environment's audit entries as a feed, oldest first, from a cursor */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `audit_feed_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
  getExperimentAudit: {
    parameters: {
      query?: {
        /** @description The `next_cursor` of a previous page; without it the feed reads from its start. Anything else is 400 `validation_failed`. */
        cursor?: string
        /** @description Page size: a plain decimal integer from 1 to 1000 (default 100). */
        limit?: number
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor */
      200: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/json': components['schemas']['AuditFeed']
        }
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ValidationFailedProblem']
        }
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthenticatedProblem']
        }
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['ExperimentationDisabledProblem']
            | components['schemas']['ForbiddenProblem']
        }
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json':
            | components['schemas']['EnvironmentNotFoundProblem']
            | components['schemas']['ExperimentNotFoundProblem']
        }
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['InternalErrorProblem']
        }
      }
      /** @description `audit_feed_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['AuditFeedNotSupportedProblem']
        }
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  headExperimentAudit: {
    parameters: {
      query?: {
        /** @description The `next_cursor` of a previous page; without it the feed reads from its start. Anything else is 400 `validation_failed`. */
        cursor?: string
        /** @description Page size: a plain decimal integer from 1 to 1000 (default 100). */
        limit?: number
      }
      header?: never
      path: {
        /** @description The host environment's key. */
        environmentKey: components['parameters']['environmentKey']
        /** @description The experiment id (a UUID); anything else is 404 `experiment_not_found`. */
        experimentId: components['parameters']['experimentId']
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor */
      200: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `validation_failed` */
      400: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unauthenticated` */
      401: {
        headers: {
          'WWW-Authenticate': components['headers']['WWW-Authenticate']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `experimentation_disabled`, `forbidden` */
      403: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `environment_not_found`, `experiment_not_found` */
      404: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `internal_error` */
      500: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `audit_feed_not_supported` */
      501: {
        headers: {
          [name: string]: unknown
        }
        content?: never
      }
      /** @description `unavailable` */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After']
          [name: string]: unknown
        }
        content?: never
      }
    }
  }
}
