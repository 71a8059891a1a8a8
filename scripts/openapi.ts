/**
 * Writes `openapi.json`, the OpenAPI 3.1 document of the demo server's API (basePath
 * `/api/v1`): `npm run openapi`.
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises'
import { demoOpenApiDocument } from '../demo/demo-app.js'

const target = new URL('../openapi.json', import.meta.url)
await writeFile(target, `${JSON.stringify(demoOpenApiDocument(), null, 2)}\n`)
console.log(`wrote ${target.pathname}`)
