import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      'cx-metrics/schemas': fileURLToPath(new URL('./src/schemas/index.ts', import.meta.url)),
      'cx-metrics/sources': fileURLToPath(new URL('./src/sources/index.ts', import.meta.url)),
      'cx-metrics/sql': fileURLToPath(new URL('./src/sql/index.ts', import.meta.url)),
      'cx-metrics': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
  },
})
