import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'schemas/index': 'src/schemas/index.ts' },
  format: ['esm', 'cjs'],
  target: 'es2020',
  platform: 'neutral',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  splitting: false,
  treeshake: true,
  external: ['zod', 'decimal.js', 'date-fns', '@date-fns/tz'],
})
