/**
 * Writes `openapi.json` (the demo server's API, basePath `/api/v1`): `npm run openapi`.
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises'
import { openApiDocument } from '../src/http.js'

const target = new URL('../openapi.json', import.meta.url)
const document = openApiDocument({ basePath: '/api/v1', servers: [{ url: 'http://localhost:3000', description: 'npm start' }] })
await writeFile(target, `${JSON.stringify(document, null, 2)}\n`)
console.log(`wrote ${target.pathname}`)
