import Fastify from 'fastify'
import { toNodeListener } from 'flag-experiments/http'
import { handler } from './your-host.js' // basePath '/api/v1'

const listener = toNodeListener(handler)
const app = Fastify()
await app.register(
  (api, _options, done) => {
    api.removeAllContentTypeParsers()
    api.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null)) // leave the body unread
    api.all('/*', (request, reply) => {
      reply.hijack()
      listener(request.raw, reply.raw)
    })
    done()
  },
  { prefix: '/api/v1' },
)
await app.listen({ port: 3000 })
