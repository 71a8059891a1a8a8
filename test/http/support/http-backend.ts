import { authenticateBearer } from '../../../demo/fixture.js'
import { createExperimentService, type ExperimentData } from '../../../src/index.js'
import { createHttpHandler } from '../../../src/http.js'
import { createKyselyAdapters } from '../../../src/kysely.js'
import { createManualClock, type ManualClock } from '../../../src/memory.js'
import { openTestDatabase } from '../../support/database.js'
import { startApiServer, type ApiServer } from './api-client.js'
import { demoMemoryAdapters } from './memory-api.js'

/** The demo API served over HTTP on one kind of storage, with a manual clock. */
export interface HttpBackend {
  readonly api: ApiServer
  readonly clock: ManualClock
  /** The data port itself: a back door that skips the service's checks, as rows stored earlier would. */
  readonly data: ExperimentData
  close(): Promise<void>
}

/**
 * The demo API on the memory adapters, or on the Kysely ones in a fresh database (PGlite, or the
 * server in `DATABASE_URL`) with the demo's features and permissions from memory.
 */
export async function openHttpBackend(kind: 'memory' | 'kysely'): Promise<HttpBackend> {
  const clock = createManualClock('2026-01-01T00:00:00.000Z')
  const memory = demoMemoryAdapters(clock)
  const database = kind === 'kysely' ? await openTestDatabase() : null
  const storage = database === null ? memory : createKyselyAdapters(database.db, { schema: database.schema })
  const service = createExperimentService({ ...memory, ...storage, clock })
  const api = await startApiServer(
    createHttpHandler({ service, authenticate: authenticateBearer, basePath: '/api/v1' }),
  )
  return {
    api,
    clock,
    data: storage.experimentData,
    close: async () => {
      await api.close()
      await database?.close()
    },
  }
}
