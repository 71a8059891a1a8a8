import { z } from 'zod'
import type { IngestOutcome } from '../../../ports/experiment-data.js'
import type { Representation } from './representation.js'

/** What an ingestion batch did: `accepted + duplicates` is the batch's size. */
export const IngestOutcomeJson = z
  .strictObject({
    accepted: z.int().nonnegative().describe('Items stored by this request.'),
    duplicates: z
      .int()
      .nonnegative()
      .describe('Items stored before (a retried batch), or repeated earlier in the same batch.'),
  })
  .meta({ title: 'IngestOutcome' })
/** What an ingestion batch did, as the HTTP API returns it. */
export type IngestOutcomeJson = z.output<typeof IngestOutcomeJson>

/** Serializes what an ingestion batch did. */
export function toIngestOutcomeJson(outcome: IngestOutcome): IngestOutcomeJson {
  return { accepted: outcome.accepted, duplicates: outcome.duplicates }
}

/** What an ingestion batch did, on the wire. */
export const INGEST_OUTCOME: Representation<IngestOutcome> = {
  name: 'IngestOutcome',
  schema: IngestOutcomeJson,
  toJson: toIngestOutcomeJson,
}
