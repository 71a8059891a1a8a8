import { quoteIdentifier, quoteTable } from './clickhouse-identifier.js'
import type { SummarySource } from './clickhouse-summary-query.js'

/**
 * The host's own exposures and events tables, for results without re-ingesting (warehouse-
 * native): each a table (`table` or `database.table`) and which of its columns holds what.
 * Every name must be an identifier (see `IDENTIFIER_PATTERN`); the adapter quotes them and never
 * puts anything else of the host's into SQL.
 */
export interface ClickHouseSources {
  readonly exposures: {
    readonly table: string
    readonly columns: {
      readonly experimentId: string
      readonly identity: string
      readonly variant: string
      readonly at: string
    }
    /** How the experiment id column is typed: `UUID` (the default) or `String`. */
    readonly experimentIdType?: 'UUID' | 'String'
  }
  readonly events: {
    readonly table: string
    readonly columns: {
      /** Leave out when the table holds one environment's events only. */
      readonly environmentId?: string
      readonly identity: string
      readonly event: string
      /** A numeric column; leave out when events carry no value (every `sum` is then 0). */
      readonly value?: string
      readonly at: string
    }
  }
}

/** A source column, quoted; the adapter's own aliases start with `fx_`, so a host's may not. */
function column(name: string, what: string): string {
  if (name.toLowerCase().startsWith('fx_')) {
    throw new RangeError(`flag-experiments: ${what} must not start with fx_ (the adapter's own names)`)
  }
  return quoteIdentifier(name, what)
}

/** What `summarize` reads for the host's tables, every name checked and quoted. */
export function hostSource(sources: ClickHouseSources, database: string): SummarySource {
  const { exposures, events } = sources
  const x = exposures.columns
  const e = events.columns
  const experimentIdType = exposures.experimentIdType ?? 'UUID'
  if (experimentIdType !== 'UUID' && experimentIdType !== 'String') {
    throw new RangeError('flag-experiments: sources.exposures.experimentIdType must be UUID or String')
  }
  return {
    exposures: {
      table: quoteTable(exposures.table, database, 'sources.exposures.table'),
      experimentId: column(x.experimentId, 'sources.exposures.columns.experimentId'),
      experimentIdType,
      identity: column(x.identity, 'sources.exposures.columns.identity'),
      variant: column(x.variant, 'sources.exposures.columns.variant'),
      at: column(x.at, 'sources.exposures.columns.at'),
    },
    events: {
      table: quoteTable(events.table, database, 'sources.events.table'),
      final: false,
      environmentId:
        e.environmentId === undefined
          ? null
          : column(e.environmentId, 'sources.events.columns.environmentId'),
      identity: column(e.identity, 'sources.events.columns.identity'),
      event: column(e.event, 'sources.events.columns.event'),
      value: e.value === undefined ? null : column(e.value, 'sources.events.columns.value'),
      at: column(e.at, 'sources.events.columns.at'),
    },
    cluster: null,
  }
}
