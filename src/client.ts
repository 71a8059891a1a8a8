/**
 * A typed client of the HTTP API: `flag-experiments/client`. Depends on `openapi-fetch` only;
 * none of the server side (service, adapters, zod schemas) is loaded.
 *
 * @packageDocumentation
 */
export { createExperimentsClient } from './client/create-experiments-client.js'
export type {
  ExperimentsApiPaths,
  ExperimentsApiSchemas,
  ExperimentsClient,
  ExperimentsClientOptions,
} from './client/create-experiments-client.js'
