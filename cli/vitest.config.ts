import { defineConfig } from 'vitest/config'

/**
 * The CLI's tests run the BUILT command (`node cli/dist/cli.js`), so they need
 * `npm run build` first (the root `npm test` builds before it tests the CLI).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
