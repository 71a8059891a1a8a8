import { RecordEventsInput, RecordExposuresInput } from '../../../core/domain/ingest-input.js'
import { INGEST_OUTCOME } from '../json/ingest-outcome-json.js'
import { INGEST_BODY_BYTES } from '../request-body.js'
import { defineRoute, serviceInput } from '../route-definition.js'
import { ENVIRONMENT_PATH } from './common.js'

/** What SDKs and servers send: batches of exposures and events, each up to 1 MiB. */
export const INGEST_ROUTES = [
  defineRoute({
    operationId: 'recordExposures',
    method: 'POST',
    path: `${ENVIRONMENT_PATH}exposures/`,
    tag: 'results',
    summary: 'Record a batch of 1 to 1000 exposures (idempotent: a repeat is a duplicate)',
    action: 'ingest',
    body: { name: 'RecordExposuresInput', schema: RecordExposuresInput, maxBytes: INGEST_BODY_BYTES },
    success: 202,
    response: INGEST_OUTCOME,
    errors: [],
    call: ({ service, actor, environmentKey, body }) =>
      service.recordExposures(actor, environmentKey, serviceInput(body)),
  }),
  defineRoute({
    operationId: 'recordEvents',
    method: 'POST',
    path: `${ENVIRONMENT_PATH}events/`,
    tag: 'results',
    summary: 'Record a batch of 1 to 1000 events (idempotent by event id)',
    action: 'ingest',
    body: { name: 'RecordEventsInput', schema: RecordEventsInput, maxBytes: INGEST_BODY_BYTES },
    success: 202,
    response: INGEST_OUTCOME,
    errors: [],
    call: ({ service, actor, environmentKey, body }) =>
      service.recordEvents(actor, environmentKey, serviceInput(body)),
  }),
]
