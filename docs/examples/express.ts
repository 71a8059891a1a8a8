import express from 'express'
import { toNodeListener } from 'flag-experiments/http'
import { handler } from './your-host.js' // basePath '/api/v1'

const app = express()
app.use('/api/v1', toNodeListener(handler)) // first: the handler reads and limits the body itself
app.use(express.json()) // your routes' body parser, after the mount
app.get('/api/v1/health', (req, res) => res.json({ ok: true })) // reached: see below
app.listen(3000)
