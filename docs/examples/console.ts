import { createConsole } from 'flag-experiments/console'
import { createHttpHandler } from 'flag-experiments/http'
import { actorFromToken, experiments } from './your-host.js'

export const handler = createHttpHandler({
  service: experiments,
  authenticate: async (request) => actorFromToken(request.headers.get('authorization')),
  basePath: '/api/v1',
  console: createConsole(), // at /console; createConsole({ path: '/admin/experiments' }) for another
})
