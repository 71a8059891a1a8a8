import { Hono } from 'hono'
import { handler } from './your-host.js' // basePath '/api/v1'

const app = new Hono()
app.get('/api/v1/health', (c) => c.json({ ok: true })) // your own routes under the prefix first
app.all('/api/v1/*', (c) => handler(c.req.raw))
export default app
