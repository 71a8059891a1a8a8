import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One worker per core: vitest's default keeps a core for itself, which is one worker on two
    // cores, and its main process mostly waits.
    maxWorkers: availableParallelism(),
    // On a Postgres server the files run one at a time: each suite migrates a fresh schema and
    // drops it at the end, and Kysely's migrator reads the catalogue of every schema, which fails
    // now and then ("schema … does not exist") while another file drops its own at that moment.
    fileParallelism: process.env.DATABASE_URL === undefined,
    // The files of a worker share their imports (the library, zod's schemas) and its one embedded
    // PGlite instead of loading them again per file: about a third less CPU. Suites keep no
    // module-level state and each database suite works in its own schema, so they cannot see each
    // other's data.
    isolate: false,
    // Type tests only; `npm run typecheck` checks every file.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], ignoreSourceErrors: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
