import { readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    memory: 'src/memory.ts',
    kysely: 'src/kysely.ts',
    http: 'src/http.ts',
    testing: 'src/testing.ts',
    client: 'src/client.ts',
    clickhouse: 'src/clickhouse.ts',
    console: 'src/console.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps in the package: the output is unminified, readable ESM/CJS with the same
  // names and layout as the sources, so a stack trace already points at recognisable code, and
  // maps (with or without sourcesContent) were most of the unpacked size.
  sourcemap: false,
  clean: true,
  target: 'node20',
  treeshake: true,
  splitting: true,
  esbuildPlugins: [
    {
      // The sources read the version from package.json; the package carries only the string.
      name: 'package-version',
      setup(build) {
        build.onLoad({ filter: /[\\/]package-version\.ts$/ }, () => ({
          contents: `export const PACKAGE_VERSION = ${JSON.stringify(version)}`,
          loader: 'ts',
        }))
      },
    },
  ],
})
