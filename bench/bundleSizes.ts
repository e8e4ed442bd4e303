/**
 * Bundle sizes a consumer pays for single imports from the built package: each case is a
 * one-line file bundled with esbuild (`--bundle --minify --format=esm`, zod external) against
 * the package as installed, the way an application bundler sees it.
 *
 * `npm run bench:size` (after `npm run build`) prints the table for this checkout;
 * `test/package/consumers.test.ts` runs the same cases against the packed tarball and asserts
 * the targets (netPromoterScore ≤ 3 KB, cxScore ≤ 6 KB, decimal.js only with money).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

/** One single-import consumer file. */
export interface BundleCase {
  readonly name: string
  readonly source: string
}

/** What one case costs once bundled. */
export interface BundleSize {
  readonly name: string
  /** Minified ESM bundle, bytes. */
  readonly bytes: number
  /** Whether any module of decimal.js went into the bundle. */
  readonly decimal: boolean
  /** Whether any module of @date-fns/tz went into the bundle. */
  readonly dateFnsTz: boolean
}

const single = (name: string, entry = 'cx-metrics'): BundleCase => ({
  name,
  source: `import { ${name} } from '${entry}'\nconsole.log(${name})\n`,
})

/** The measured cases: one per metric family plus the schemas entry and everything. */
export const BUNDLE_CASES: readonly BundleCase[] = [
  single('netPromoterScore'),
  single('cxScore'),
  single('sumMoney'),
  single('weightedPipeline'),
  single('winRate'),
  single('npsTrend'),
  single('customerRetentionRate'),
  single('meanAbsoluteError'),
  single('businessHoursBetween'),
  {
    name: 'parseRecords + SurveyResponseSchema',
    source:
      "import { parseRecords, SurveyResponseSchema } from 'cx-metrics/schemas'\n" +
      'console.log(parseRecords, SurveyResponseSchema)\n',
  },
  {
    name: 'everything (import * as all)',
    source: "import * as all from 'cx-metrics'\nconsole.log(all)\n",
  },
]

/**
 * Bundles every case with `cx-metrics` resolved from `resolveDir` (a directory whose
 * `node_modules` holds the package and its dependencies).
 */
export async function measureBundleSizes(
  resolveDir: string,
  cases: readonly BundleCase[] = BUNDLE_CASES,
): Promise<BundleSize[]> {
  const sizes: BundleSize[] = []
  for (const bundleCase of cases) {
    const result = await build({
      stdin: { contents: bundleCase.source, resolveDir, loader: 'js' },
      absWorkingDir: resolveDir,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      external: ['zod'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    // Inputs that contributed bytes (metafile.inputs also lists modules tree-shaken away).
    const inputs: string[] = []
    for (const output of Object.values(result.metafile.outputs))
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
        if (bytesInOutput > 0) inputs.push(input)
    sizes.push({
      name: bundleCase.name,
      bytes: result.outputFiles[0]?.contents.byteLength ?? 0,
      decimal: inputs.some((input) => input.includes('decimal.js/')),
      dateFnsTz: inputs.some((input) => input.includes('@date-fns/tz/')),
    })
  }
  return sizes
}

/** The sizes as a markdown table. */
export function formatBundleSizes(sizes: readonly BundleSize[]): string {
  const rows = sizes.map(
    (size) =>
      `| ${size.name} | ${(size.bytes / 1024).toFixed(1)} KB | ${size.decimal ? 'yes' : 'no'} | ${size.dateFnsTz ? 'yes' : 'no'} |`,
  )
  return [
    '| import | minified ESM | decimal.js | @date-fns/tz |',
    '| --- | ---: | :---: | :---: |',
    ...rows,
  ].join('\n')
}

/** Measures this checkout's `dist` (run `npm run build` first). */
async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..')
  const dir = mkdtempSync(join(tmpdir(), 'cx-metrics-size-'))
  try {
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(root, join(dir, 'node_modules', 'cx-metrics'), 'dir')
    const sizes = await measureBundleSizes(dir)
    console.log(`esbuild --bundle --minify --format=esm, zod external, against ${root}/dist\n`)
    console.log(formatBundleSizes(sizes))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) await main()
