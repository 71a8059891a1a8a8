import { createServer } from 'node:http'
import { createExperimentService } from 'flag-experiments'
import { createHttpHandler, toNodeListener } from 'flag-experiments/http'
import { createKyselyAdapters } from 'flag-experiments/kysely'
import { actorFromToken, db, features, logger, permissions } from './your-host.js'

const handler = createHttpHandler({
  service: createExperimentService({ ...createKyselyAdapters(db), features, permissions }),
  authenticate: async (request) => actorFromToken(request.headers.get('authorization')), // null → 401
  basePath: '/api/v1',
  onError: (error) => logger.error(error), // 500s and 503s; never sent to the client
})
createServer(toNodeListener(handler)).listen(3000)
