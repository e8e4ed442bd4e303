import { defineConfig } from 'tsup'

/**
 * The command is one ESM file for Node 20. Its dependencies (the library, vega, vega-lite,
 * csv-parse, zod) stay external: they are installed next to it, and the library is loaded
 * from its own build so the CLI runs exactly the code a library user runs.
 */
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  external: [
    'cx-metrics',
    'cx-metrics/schemas',
    'cx-metrics/sources',
    'cx-metrics/sql',
    '@duckdb/node-api',
    'vega',
    'vega-lite',
    'csv-parse',
    'zod',
  ],
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
})
