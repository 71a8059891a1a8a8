import type { ExperimentList } from '../../core/service/experiment-service.js'
import type { ExperimentView, StatusChange } from '../../core/domain/experiment.js'
import type { ExperimentJson, ExperimentListJson, HistoryJson } from './response-schemas.js'

const iso = (date: Date): string => date.toISOString()
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString())

/** Serializes an experiment to its snake_case JSON form. */
export function toExperimentJson(experiment: ExperimentView): ExperimentJson {
  return {
    id: experiment.id,
    feature: experiment.featureId,
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    status: experiment.status,
    created_at: iso(experiment.createdAt),
    updated_at: iso(experiment.updatedAt),
    started_at: isoOrNull(experiment.startedAt),
    ended_at: isoOrNull(experiment.endedAt),
    running_seconds: experiment.runningSeconds,
    version: experiment.version,
  }
}

/** Serializes a page of experiments. */
export function toListJson(list: ExperimentList): ExperimentListJson {
  return {
    results: list.results.map(toExperimentJson),
    next_cursor: list.nextCursor,
    status_counts: { ...list.statusCounts },
  }
}

/** Serializes a status history, keeping its order (oldest first). */
export function toHistoryJson(history: readonly StatusChange[]): HistoryJson {
  return {
    results: history.map((change) => ({
      from: change.from,
      to: change.to,
      at: iso(change.at),
      actor: { type: change.actor.type, id: change.actor.id },
    })),
  }
}

/** A JSON response with the given status and extra headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** The `ETag` of an experiment's version: a strong tag, `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`
}
