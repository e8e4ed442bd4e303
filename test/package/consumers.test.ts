/**
 * The package as a user receives it: built with tsup into a temp dir, packed with `npm pack`,
 * unpacked into throw-away consumer projects (ESM node16, CJS node16, bundler — all strict,
 * `skipLibCheck: false`, `exactOptionalPropertyTypes: true`), type-checked with the repo's
 * TypeScript, run with node in both module systems, and bundled with esbuild.
 *
 * Offline and CI-safe: instead of `npm install`, the tarball is unpacked into
 * `node_modules/cx-metrics` and each package named in the *packed* manifest's
 * `dependencies` and `peerDependencies` is linked from the repo's `node_modules` (present
 * after `npm ci`) — so a dependency missing from the manifest still breaks the consumer.
 * Everything lives in its own temp dir; the repo's `dist/` is neither read nor written.
 */
import { execFile } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BundleSize, formatBundleSizes, measureBundleSizes } from '../../bench/bundleSizes.js'

const run = promisify(execFile)
const REPO = resolve(import.meta.dirname, '../..')
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
const TSUP = join(REPO, 'node_modules', 'tsup', 'dist', 'cli-default.js')
const SHELL = process.platform === 'win32'

/** The file every consumer type-checks: money, schemas, an aggregator, and two lines that must fail. */
const CONSUMER_SOURCE = `import {
  MetricInputError,
  netPromoterScoreAggregator,
  type Opportunity,
  sumMoney,
  weightedPipeline,
} from 'cx-metrics'
import { parseRecords, SurveyResponseSchema } from 'cx-metrics/schemas'
import { netPromoterScoreSql } from 'cx-metrics/sql'

// The SQL entry: a typed query whose finish returns typed results.
const npsQuery = netPromoterScoreSql({ dialect: 'duckdb', from: 'responses', columns: { score: 'score' } })
export const sqlText: string = npsQuery.sql
export const sqlScore: number | null | undefined = npsQuery.finish([])[0]?.result.score
// @ts-expect-error a dialect outside SQL_DIALECTS
netPromoterScoreSql({ dialect: 'mysql', from: 'responses', columns: { score: 'score' } })

// Money results are decimal.js Decimals with their methods typed.
const total = sumMoney([0.1, 0.2])
export const totalText: string = total.toFixed(2)
const deal: Opportunity = {
  id: 'a',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  amount: '10000',
  status: 'open',
  probability: 0.25,
  stageHistory: [],
}
export const weighted: string = weightedPipeline([deal]).plus(total).toString()
// @ts-expect-error a Decimal is not a number (compiles only if money decays to any)
export const wrong: number = sumMoney([0.1, 0.2])

// Schemas: parsed records are typed.
const { records, rejected } = parseRecords(
  SurveyResponseSchema,
  [{ score: '9', respondedAt: '2026-03-01' }],
  { onInvalid: 'collect' },
)
export const firstScore: number | undefined = records[0]?.score
export const firstRejected: number | undefined = rejected[0]?.index

// An aggregator: typed state in, typed result out.
const nps = netPromoterScoreAggregator()
export const npsScore = nps.result(nps.addAll(nps.initial(), [10, 9, 3])).score
// @ts-expect-error an NPS aggregator adds scores, not strings
nps.add(nps.initial(), '9')

export function codeOf(error: unknown): string | undefined {
  return error instanceof MetricInputError ? error.code : undefined
}
`

/**
 * A node script (ESM or CJS) that catches one error from each entry and checks it against
 * the class of the other: the root's `MetricInputError` for the schemas error, and the
 * schemas error's constructor for the root error.
 */
function instanceofScript(format: 'esm' | 'cjs'): string {
  const imports =
    format === 'esm'
      ? `import { MetricInputError, netPromoterScore, sumMoney } from 'cx-metrics'
import { parseRecords, SurveyResponseSchema } from 'cx-metrics/schemas'
import { salesforceOpportunities } from 'cx-metrics/sources'
import { netPromoterScoreSql } from 'cx-metrics/sql'`
      : `const { MetricInputError, netPromoterScore, sumMoney } = require('cx-metrics')
const { parseRecords, SurveyResponseSchema } = require('cx-metrics/schemas')
const { salesforceOpportunities } = require('cx-metrics/sources')
const { netPromoterScoreSql } = require('cx-metrics/sql')`
  return `${imports}
const caught = (action) => {
  try {
    action()
  } catch (error) {
    return error
  }
  return undefined
}
const fromSchemas = caught(() =>
  parseRecords(SurveyResponseSchema, [{ score: '11', respondedAt: '2026-03-02' }]),
)
const fromRoot = caught(() => netPromoterScore([11]))
const fromSources = caught(() =>
  salesforceOpportunities({ opportunities: [] }, { locale: 'xx' }),
)
const fromSql = caught(() => netPromoterScoreSql({ dialect: 'duckdb', from: 'a;b', columns: { score: 's' } }))
console.log(
  JSON.stringify({
    schemasErrorIsRootClass: fromSchemas instanceof MetricInputError,
    rootErrorIsSchemasClass: fromRoot instanceof fromSchemas.constructor,
    sameClass: fromSchemas.constructor === MetricInputError,
    sourcesErrorIsRootClass: fromSources instanceof MetricInputError,
    sourcesSameClass: fromSources.constructor === fromSchemas.constructor,
    sqlErrorIsRootClass: fromSql instanceof MetricInputError,
    sqlSameClass: fromSql.constructor === fromSchemas.constructor,
    codes: [fromSchemas.code, fromRoot.code, fromSources.code, fromSql.code],
    names: [fromSchemas.name, fromRoot.name, fromSources.name, fromSql.name],
    nps: netPromoterScore([10, 9, 3, 7]).score,
    money: sumMoney([0.1, 0.2]).toString(),
  }),
)
`
}

interface Consumer {
  readonly name: string
  readonly packageJson: Record<string, unknown>
  readonly compilerOptions: Record<string, unknown>
}

const CONSUMERS: readonly Consumer[] = [
  {
    name: 'esm-node16',
    packageJson: { type: 'module' },
    compilerOptions: { module: 'node16', moduleResolution: 'node16' },
  },
  {
    name: 'cjs-node16',
    packageJson: {},
    compilerOptions: { module: 'node16', moduleResolution: 'node16' },
  },
  {
    name: 'bundler',
    packageJson: { type: 'module' },
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler' },
  },
]

let work = ''
let packedFiles: string[] = []
const dirOf = (consumer: string) => join(work, consumer)

/** Unpacks the tarball into `dir/node_modules/cx-metrics` and links its declared dependencies. */
async function installInto(dir: string, tarball: string): Promise<void> {
  const modules = join(dir, 'node_modules')
  const target = join(modules, 'cx-metrics')
  mkdirSync(target, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'])
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
  }
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    const source = join(REPO, 'node_modules', name)
    if (!existsSync(source)) throw new Error(`${name} is not installed in the repo: run npm ci`)
    mkdirSync(dirname(join(modules, name)), { recursive: true })
    symlinkSync(source, join(modules, name), 'junction')
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cx-metrics-consumers-'))
  const pkg = join(work, 'pkg')
  mkdirSync(pkg)
  await run(process.execPath, [TSUP, '--out-dir', join(pkg, 'dist'), '--silent'], { cwd: REPO })
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'])
    writeFileSync(join(pkg, file), readFileSync(join(REPO, file)))
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
    { cwd: pkg, shell: SHELL },
  )
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[]
  if (packed === undefined) throw new Error(`npm pack printed no tarball: ${stdout}`)
  packedFiles = packed.files.map((file) => file.path)
  const tarball = join(work, packed.filename)
  for (const consumer of CONSUMERS) {
    const dir = dirOf(consumer.name)
    await installInto(dir, tarball)
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `consumer-${consumer.name}`, private: true, ...consumer.packageJson }),
    )
    const compilerOptions = {
      ...consumer.compilerOptions,
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: [],
      strict: true,
      skipLibCheck: false,
      exactOptionalPropertyTypes: true,
      noEmit: true,
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions, files: ['consumer.ts'] }),
    )
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER_SOURCE)
  }
  writeFileSync(join(dirOf('esm-node16'), 'instanceof.mjs'), instanceofScript('esm'))
  writeFileSync(join(dirOf('cjs-node16'), 'instanceof.cjs'), instanceofScript('cjs'))
}, 300_000)

// Deleting the consumers' node_modules takes seconds on a loaded machine: a generous limit.
afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true })
}, 120_000)

describe('the packed package', () => {
  it('holds the four entries in ESM and CJS with their types, and nothing from src', () => {
    for (const entry of [
      'dist/index',
      'dist/schemas/index',
      'dist/sources/index',
      'dist/sql/index',
    ])
      for (const extension of ['.js', '.cjs', '.d.ts', '.d.cts'])
        expect(packedFiles).toContain(`${entry}${extension}`)
    expect(packedFiles).toContain('package.json')
    expect(packedFiles).toContain('README.md')
    expect(packedFiles).toContain('LICENSE')
    for (const file of packedFiles)
      expect(file, file).toMatch(/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/)
    // Only modules reachable from the two entries are compiled: the spreadsheet adapters
    // (src/sheets) reach users as the bundles scripts/build-sheets.ts adds to dist/sheets.
    expect(packedFiles).not.toContain('dist/sheets/registry.js')
    expect(packedFiles).toContain('dist/core/MetricInputError.js')
    expect(packedFiles).toContain('dist/core/MetricInputError.cjs')
  })
})

describe('the CommonJS build', () => {
  it('requires only .cjs files of its own, never the ESM .js siblings', () => {
    // Node ≥ 20.19 would load an ESM file through require() and hide the mistake; Node 20.0–20.18
    // (engines: >=20) throws ERR_REQUIRE_ESM. So check the text of every packed .cjs module.
    const dist = join(dirOf('cjs-node16'), 'node_modules', 'cx-metrics')
    const cjsFiles = packedFiles.filter((file) => file.endsWith('.cjs'))
    expect(cjsFiles.length).toBeGreaterThan(10)
    let relativeRequires = 0
    for (const file of cjsFiles) {
      const text = readFileSync(join(dist, file), 'utf8')
      for (const match of text.matchAll(/require\(["'](\.{1,2}\/[^"']+)["']\)/g)) {
        relativeRequires++
        expect(match[1], file).toMatch(/\.cjs$/)
      }
    }
    expect(relativeRequires).toBeGreaterThan(10)
  })
})

describe.concurrent('type-checks in a strict consumer (skipLibCheck: false)', () => {
  for (const consumer of CONSUMERS) {
    it(`${consumer.name}: money stays Decimal, schemas and aggregators are typed`, async () => {
      const result = await run(process.execPath, [TSC, '-p', dirOf(consumer.name)]).catch(
        (error: { stdout?: string; stderr?: string }) => error,
      )
      // tsc prints nothing and exits 0 when the file compiles and both @ts-expect-error lines
      // are errors; an unused @ts-expect-error (money typed as any) is itself an error.
      expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('')
    }, 240_000)
  }
})

describe.concurrent('one MetricInputError class whichever entry threw it', () => {
  // Expected values worked by hand: a score of 11 is outside 0–10, so parseRecords in throw
  // mode refuses it with INVALID_RECORD and netPromoterScore with SCORE_OUT_OF_RANGE (the
  // codes SPEC.md documents for each); salesforceOpportunities refuses locale 'xx' with
  // INVALID_OPTION;
  // NPS of [10, 9, 3, 7]: (2 promoters − 1 detractor) / 4 × 100 = 25; 0.1 + 0.2 in exact
  // decimal arithmetic = 0.3.
  for (const [consumer, script] of [
    ['esm-node16', 'instanceof.mjs'],
    ['cjs-node16', 'instanceof.cjs'],
  ] as const) {
    it(`${script} (${consumer})`, async () => {
      const { stdout } = await run(process.execPath, [script], { cwd: dirOf(consumer) })
      const report = JSON.parse(stdout) as {
        schemasErrorIsRootClass: boolean
        rootErrorIsSchemasClass: boolean
        sameClass: boolean
        sourcesErrorIsRootClass: boolean
        sourcesSameClass: boolean
        sqlErrorIsRootClass: boolean
        sqlSameClass: boolean
        codes: [string, string, string, string]
        names: [string, string, string, string]
        nps: number
        money: string
      }
      expect(report.schemasErrorIsRootClass).toBe(true)
      expect(report.rootErrorIsSchemasClass).toBe(true)
      expect(report.sameClass).toBe(true)
      expect(report.sourcesErrorIsRootClass).toBe(true)
      expect(report.sourcesSameClass).toBe(true)
      expect(report.sqlErrorIsRootClass).toBe(true)
      expect(report.sqlSameClass).toBe(true)
      // An unknown locale is a bad option value, and so is the table name 'a;b' (a semicolon):
      // INVALID_OPTION both (option vocabulary).
      expect(report.codes).toEqual([
        'INVALID_RECORD',
        'SCORE_OUT_OF_RANGE',
        'INVALID_OPTION',
        'INVALID_OPTION',
      ])
      expect(report.names).toEqual([
        'MetricInputError',
        'MetricInputError',
        'MetricInputError',
        'MetricInputError',
      ])
      expect(report.nps).toBe(25)
      expect(report.money).toBe('0.3')
    }, 60_000)
  }
})

describe('tree-shaking (esbuild --bundle --minify --format=esm against the packed package)', () => {
  let sizes: BundleSize[] = []
  const sizeOf = (name: string): BundleSize => {
    const size = sizes.find((candidate) => candidate.name === name)
    if (size === undefined) throw new Error(`no bundle case ${name}`)
    return size
  }

  beforeAll(async () => {
    sizes = await measureBundleSizes(dirOf('bundler'))
    console.log(formatBundleSizes(sizes))
  }, 60_000)

  it('netPromoterScore alone is at most 3 KB, without decimal.js or @date-fns/tz', () => {
    const nps = sizeOf('netPromoterScore')
    expect(nps.bytes).toBeGreaterThan(0)
    expect(nps.bytes).toBeLessThanOrEqual(3 * 1024)
    expect(nps.decimal).toBe(false)
    expect(nps.dateFnsTz).toBe(false)
  })

  it('cxScore alone is at most 6 KB, without decimal.js', () => {
    const cx = sizeOf('cxScore')
    expect(cx.bytes).toBeGreaterThan(0)
    expect(cx.bytes).toBeLessThanOrEqual(6 * 1024)
    expect(cx.decimal).toBe(false)
  })

  it('decimal.js comes along only with money', () => {
    expect(sizeOf('sumMoney').decimal).toBe(true)
    expect(sizeOf('weightedPipeline').decimal).toBe(true)
    expect(sizeOf('everything (import * as all)').decimal).toBe(true)
    expect(sizeOf('meanAbsoluteError').decimal).toBe(false)
    expect(sizeOf('parseRecords + SurveyResponseSchema').decimal).toBe(false)
  })

  it('a single import costs less than everything', () => {
    const everything = sizeOf('everything (import * as all)').bytes
    for (const size of sizes)
      if (size.name !== 'everything (import * as all)') expect(size.bytes).toBeLessThan(everything)
  })
})
