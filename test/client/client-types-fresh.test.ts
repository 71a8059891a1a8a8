import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { CLIENT_TYPES_FILE, renderClientTypes } from '../../scripts/client-types.js'

it("the client's types are generated from the current openapi.json (npm run client:types)", async () => {
  const committed = await readFile(CLIENT_TYPES_FILE, 'utf8')
  const fresh = await renderClientTypes()
  expect(
    committed === fresh,
    'src/client/api-types.ts has drifted: run npm run openapi && npm run client:types',
  ).toBe(true)
  expect(fresh).toContain("'/environments/{environmentKey}/experiments/{experimentId}/start/'")
})
