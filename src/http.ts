/**
 * HTTP endpoints for experiments: `flag-experiments/http`.
 *
 * @packageDocumentation
 */
export { createHttpHandler } from './adapters/http/create-http-handler.js'
export type { HttpHandler, HttpHandlerOptions } from './adapters/http/create-http-handler.js'
export type { HttpConsole } from './adapters/http/console-route.js'
export type { HttpTransportOptions } from './adapters/http/http-transport-options.js'
export type { CorsOptions } from './adapters/http/cors.js'
export { toNodeListener } from './adapters/http/to-node-listener.js'
export type { NodeListener, NodeListenerOptions } from './adapters/http/to-node-listener.js'
export { openApiDocument } from './adapters/http/open-api-document.js'
export type { OpenApiDocumentOptions } from './adapters/http/open-api-document.js'
export { INGEST_BODY_BYTES, MAX_BODY_BYTES } from './adapters/http/request-body.js'
export { AuditEntryJson, AuditFeedJson } from './adapters/http/json/audit-json.js'
export {
  ExperimentJson,
  ExperimentListJson,
  ExperimentMetricJson,
  RolloutJson,
} from './adapters/http/json/experiment-json.js'
export { HistoryJson, StatusChangeJson } from './adapters/http/json/history-json.js'
export { IngestOutcomeJson } from './adapters/http/json/ingest-outcome-json.js'
export { MetricDetailJson, MetricJson, MetricListJson } from './adapters/http/json/metric-json.js'
export {
  ExperimentResultsJson,
  MetricResultJson,
  VariantComparisonJson,
} from './adapters/http/json/results-json.js'
export { GuidanceJson, ResultsAnalysisJson } from './adapters/http/json/results-analysis-json.js'
export { ResultsHistoryJson } from './adapters/http/json/results-history-json.js'
export { ProblemJson, PROBLEMS, problemType } from './adapters/http/problem-json.js'
export type { HttpErrorCode, ProblemCode } from './adapters/http/problem-json.js'
