import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { defineConfig, type Options } from 'tsup'

/** The public entry points: `cx-metrics`, `cx-metrics/schemas`, `cx-metrics/sources` and `cx-metrics/sql`. */
const ENTRIES = {
  index: 'src/index.ts',
  'schemas/index': 'src/schemas/index.ts',
  'sources/index': 'src/sources/index.ts',
  'sql/index': 'src/sql/index.ts',
}

/**
 * Every source module reachable from the entries through relative imports. Each becomes its
 * own output file (no bundling), so a consumer's bundler drops whole modules it does not use
 * (`"sideEffects": false`) — importing `netPromoterScore` no longer pulls in decimal.js — and
 * both entries load the one `core/MetricInputError` module, so `instanceof` holds whichever
 * entry threw. Walking the graph (rather than globbing `src`) keeps `src/sheets` out of dist.
 */
function reachableModules(entries: readonly string[]): string[] {
  const seen = new Set<string>()
  const pending = entries.map((entry) => resolve(entry))
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)\.js['"]/g))
      pending.push(join(dirname(file), `${match[1]}.ts`))
  }
  return [...seen].map((file) => relative(process.cwd(), file).replaceAll('\\', '/')).sort()
}

/**
 * Unbundled CommonJS keeps esbuild's `require("./x.js")`, which in this `"type": "module"`
 * package would load the ESM file: point relative requires at the `.cjs` siblings instead.
 */
const cjsRelativeRequires: NonNullable<Options['plugins']>[number] = {
  name: 'cjs-relative-requires',
  renderChunk(code) {
    if (this.format !== 'cjs') return
    return { code: code.replace(/require\("(\.{1,2}\/[^"]+)\.js"\)/g, 'require("$1.cjs")') }
  },
}

export default defineConfig({
  entry: reachableModules(Object.values(ENTRIES)),
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  bundle: false,
  dts: { entry: ENTRIES, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  splitting: false,
  treeshake: false,
  plugins: [cjsRelativeRequires],
})
