/**
 * Generates `src/client/api-types.ts`, the types of the typed client, from `openapi.json` (the
 * document `npm run openapi` writes): `npm run client:types`. Run both after changing an
 * endpoint; a test regenerates the types and fails when the file has drifted.
 *
 * The document's paths carry the demo's base path (`/api/v1`); the client's are taken relative
 * to it, so that a host mounting the API anywhere passes its own mount point in `baseUrl`.
 *
 * @packageDocumentation
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { format, resolveConfig } from 'prettier'
import { DEMO_BASE_PATH } from '../demo/demo-app.js'

/** The generated file. */
export const CLIENT_TYPES_FILE = fileURLToPath(new URL('../src/client/api-types.ts', import.meta.url))

const SOURCE = new URL('../openapi.json', import.meta.url)

const HEADER = `/**
 * The HTTP API's paths, operations and schemas as TypeScript types, generated from openapi.json by
 * \`npm run client:types\` (openapi-typescript). Do not edit: regenerate.
 *
 * @packageDocumentation
 */
`

/** The document with its paths taken relative to the base path, and without the demo's servers. */
function relativeToBasePath(document: OpenAPI3): OpenAPI3 {
  const paths = Object.entries(document.paths ?? {}).map(([path, item]) => {
    if (!path.startsWith(`${DEMO_BASE_PATH}/`)) throw new Error(`${path} is not under ${DEMO_BASE_PATH}`)
    return [path.slice(DEMO_BASE_PATH.length), item] as const
  })
  const { servers: _servers, ...rest } = document
  return { ...rest, paths: Object.fromEntries(paths) }
}

/** The contents `src/client/api-types.ts` must have for the current `openapi.json`, formatted. */
export async function renderClientTypes(): Promise<string> {
  const document = JSON.parse(await readFile(SOURCE, 'utf8')) as OpenAPI3
  // A default in the document only ever describes what a client may leave out of a request
  // (request schemas are the input side of the core's zod schemas; responses carry no default),
  // so a property with one stays optional instead of becoming required.
  const types = await openapiTS(relativeToBasePath(document), { defaultNonNullable: false })
  const source = HEADER + astToString(types)
  const config = await resolveConfig(CLIENT_TYPES_FILE)
  return format(source, { ...config, filepath: CLIENT_TYPES_FILE })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(CLIENT_TYPES_FILE, await renderClientTypes())
  console.log(`wrote ${CLIENT_TYPES_FILE}`)
}
