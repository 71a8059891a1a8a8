import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type tests only; `npm run typecheck` checks every file.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], ignoreSourceErrors: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
