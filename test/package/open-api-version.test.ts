import { describe, expect, it } from 'vitest'
import packageJson from '../../package.json' with { type: 'json' }
import { openApiDocument } from '../../src/http.js'

const infoVersion = (document: Record<string, unknown>): unknown =>
  (document.info as { version?: unknown }).version

describe('openApiDocument info.version', () => {
  it("is the package's version unless the host sets one", () => {
    expect(infoVersion(openApiDocument())).toBe(packageJson.version)
    expect(infoVersion(openApiDocument({ version: '2026.3' }))).toBe('2026.3')
  })
})
