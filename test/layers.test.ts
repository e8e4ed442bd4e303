/**
 * The layering rule of SPEC.md ("Additions for 0.2", **Layers**) as an import-graph test
 * (issue 13, "Layout that shows the layers").
 *
 * Every `src/**\/*.ts` file is parsed with the TypeScript compiler (so multi-line imports,
 * `import type`, `export … from`, `export * as … from`, `import()` and `import('…').T` types
 * are all seen, and imports inside comments or strings are not); each relative import is
 * resolved to the file it lands in, and each edge between two folders is checked against the
 * one table below. There is no allow-list: the shared records live in `records/`, survival
 * analysis in `survival/` and the shared input guards in `core/`, so any upward or sideways
 * import fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// ---------------------------------------------------------------------------------------------
// The rule, written once, as data.
// ---------------------------------------------------------------------------------------------

/**
 * Layers from the bottom up. A file may always import files of its own folder; it may import
 * another folder only when that folder's layer is in its layer's `mayImport`. Families do not
 * list `family`, so a family importing another family (sideways) is a violation; composite
 * layers and edges may import their own layer (scorecards → cx-score, sources → schemas), and
 * the folder graph must stay acyclic (checked separately). The entry layer is `src/*.ts`
 * (`src/index.ts`); nothing may import it.
 */
const LAYER_TABLE = [
  { layer: 'core', folders: ['core'], mayImport: [] },
  { layer: 'records', folders: ['records'], mayImport: ['core'] },
  { layer: 'survival', folders: ['survival'], mayImport: ['core', 'records'] },
  {
    layer: 'family',
    folders: [
      'survey',
      'retention',
      'pipeline',
      'forecast',
      'time',
      'quota',
      'activity',
      'accounts',
    ],
    mayImport: ['core', 'records', 'survival'],
  },
  {
    layer: 'composite',
    folders: ['cx-score', 'scorecards'],
    mayImport: ['core', 'records', 'survival', 'family', 'composite'],
  },
  {
    layer: 'edge',
    folders: ['schemas', 'sources', 'sql', 'sheets'],
    mayImport: ['core', 'records', 'survival', 'family', 'composite', 'edge'],
  },
  {
    layer: 'entry',
    folders: [''],
    mayImport: ['core', 'records', 'survival', 'family', 'composite'],
  },
] as const

type Layer = (typeof LAYER_TABLE)[number]['layer']

/** Folders that no file outside them may import (the spreadsheet hosts build from them). */
const CLOSED_FOLDERS: readonly string[] = ['sheets']

/** Packages only some folders may import; every other package is free. */
const PACKAGE_RULES: readonly { readonly name: string; readonly onlyIn: readonly string[] }[] = [
  // zod is the edges' validator; the core and the families take typed values (STYLE.md).
  { name: 'zod', onlyIn: ['schemas', 'sources'] },
  // The spreadsheet engine is the sheets/ edge's business alone.
  { name: 'hyperformula', onlyIn: ['sheets'] },
  // A self-import through the package name would hide every layer behind src/index.ts.
  { name: 'cx-metrics', onlyIn: [] },
]

// ---------------------------------------------------------------------------------------------
// The checker: pure functions over a graph, so synthetic graphs can prove it fails.
// ---------------------------------------------------------------------------------------------

/** One import: a relative one resolved to a `src/…` file, or a package specifier. */
type ImportEdge =
  | { readonly from: string; readonly kind: 'file'; readonly to: string }
  | { readonly from: string; readonly kind: 'package'; readonly to: string }

interface Violation {
  readonly from: string
  readonly to: string
  readonly rule: string
}

const LAYER_OF_FOLDER = new Map<string, Layer>()
for (const row of LAYER_TABLE)
  for (const folder of row.folders) LAYER_OF_FOLDER.set(folder, row.layer)
const MAY_IMPORT = new Map<Layer, readonly Layer[]>(
  LAYER_TABLE.map((row) => [row.layer, row.mayImport]),
)

/** The folder directly under src/ that holds `file` (`''` for `src/index.ts`). */
function folderOf(file: string): string {
  const parts = file.split('/')
  return parts.length <= 2 ? '' : (parts[1] ?? '')
}

/** The package name of a bare specifier (`zod/v4` → `zod`, `@date-fns/tz/x` → `@date-fns/tz`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/** Every layering violation in `edges`, in input order. */
function checkImports(edges: readonly ImportEdge[]): Violation[] {
  const violations: Violation[] = []
  for (const edge of edges) {
    const fromFolder = folderOf(edge.from)
    const fromLayer = LAYER_OF_FOLDER.get(fromFolder)
    if (fromLayer === undefined) {
      violations.push({ ...edge, rule: `folder '${fromFolder}' is not in LAYER_TABLE` })
      continue
    }
    if (edge.kind === 'package') {
      const rule = PACKAGE_RULES.find((candidate) => candidate.name === packageName(edge.to))
      if (rule !== undefined && !rule.onlyIn.includes(fromFolder))
        violations.push({
          ...edge,
          rule: `'${rule.name}' may be imported only in ${rule.onlyIn.join(', ') || 'no folder of src'}`,
        })
      continue
    }
    if (!edge.to.startsWith('src/')) {
      violations.push({ ...edge, rule: 'a src file imports outside src/' })
      continue
    }
    const toFolder = folderOf(edge.to)
    if (toFolder === fromFolder) continue
    if (CLOSED_FOLDERS.includes(toFolder)) {
      violations.push({ ...edge, rule: `nothing outside ${toFolder}/ imports ${toFolder}/` })
      continue
    }
    const toLayer = LAYER_OF_FOLDER.get(toFolder)
    if (toLayer === undefined) {
      violations.push({ ...edge, rule: `folder '${toFolder}' is not in LAYER_TABLE` })
      continue
    }
    if (!(MAY_IMPORT.get(fromLayer) ?? []).includes(toLayer))
      violations.push({
        ...edge,
        rule:
          fromLayer === toLayer
            ? `sideways: ${fromLayer} ${fromFolder}/ imports ${toFolder}/`
            : `${fromLayer} ${fromFolder || 'src'}/ may not import ${toLayer} ${toFolder || 'src'}/`,
      })
  }
  return violations
}

/** A cycle in the folder graph (`['a', 'b', 'a']`), or `null` when it is acyclic. */
function folderCycle(edges: readonly ImportEdge[]): string[] | null {
  const next = new Map<string, Set<string>>()
  for (const edge of edges) {
    if (edge.kind !== 'file') continue
    const from = folderOf(edge.from)
    const to = folderOf(edge.to)
    if (from === to) continue
    const targets = next.get(from) ?? new Set<string>()
    targets.add(to)
    next.set(from, targets)
  }
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === 'done') return null
    if (state.get(folder) === 'open') return [...stack.slice(stack.indexOf(folder)), folder]
    state.set(folder, 'open')
    stack.push(folder)
    for (const target of next.get(folder) ?? []) {
      const cycle = visit(target)
      if (cycle !== null) return cycle
    }
    stack.pop()
    state.set(folder, 'done')
    return null
  }
  for (const folder of next.keys()) {
    const cycle = visit(folder)
    if (cycle !== null) return cycle
  }
  return null
}

/** Every module specifier `source` imports or re-exports, found by parsing it. */
function moduleSpecifiers(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier.text)
    else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      found.push(node.moduleReference.expression.text)
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0].text)
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push(node.argument.literal.text)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** The src file a relative specifier lands in (`./a.js` → `a.ts`, `./dir` → `dir/index.ts`). */
function resolveRelative(
  from: string,
  specifier: string,
  files: ReadonlySet<string>,
): string | null {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier))
  const candidates = [
    target.replace(/\.(?:js|mjs|cjs)$/, (extension) => extension.replace('js', 'ts')),
    target,
    `${target}.ts`,
    `${target}/index.ts`,
  ]
  for (const candidate of candidates) if (files.has(candidate)) return candidate
  return null
}

/** The import graph of `sources` (path → text); unresolved relative imports are returned apart. */
function importGraph(sources: ReadonlyMap<string, string>): {
  edges: ImportEdge[]
  unresolved: string[]
} {
  const files = new Set(sources.keys())
  const edges: ImportEdge[] = []
  const unresolved: string[] = []
  for (const [from, text] of sources) {
    for (const specifier of moduleSpecifiers(from, text)) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, kind: 'package', to: specifier })
        continue
      }
      const to = resolveRelative(from, specifier, files)
      if (to === null) {
        const outside = posix.normalize(posix.join(posix.dirname(from), specifier))
        if (outside.startsWith('src/')) unresolved.push(`${from} -> ${specifier}`)
        else edges.push({ from, kind: 'file', to: outside })
      } else edges.push({ from, kind: 'file', to })
    }
  }
  return { edges, unresolved }
}

const format = (violation: Violation): string =>
  `${violation.from} -> ${violation.to} (${violation.rule})`

// ---------------------------------------------------------------------------------------------
// The real source tree.
// ---------------------------------------------------------------------------------------------

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SOURCES = new Map<string, string>()
for (const entry of readdirSync(posix.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
  const relative = `src/${entry.split('\\').join('/')}`
  if (relative.endsWith('.ts'))
    SOURCES.set(relative, readFileSync(posix.join(ROOT, relative), 'utf8'))
}
const GRAPH = importGraph(SOURCES)
const VIOLATIONS = checkImports(GRAPH.edges)

describe('layers: the import graph of src/', () => {
  it('parses every src file and resolves every relative import to a src file', () => {
    // 100+ files in nine folders today (ls src/*); a broken walk would find few or none.
    expect(SOURCES.size).toBeGreaterThan(100)
    expect(SOURCES.has('src/index.ts')).toBe(true)
    expect(GRAPH.unresolved).toEqual([])
    // The `import type { Lead } from '../records/Lead.js'` read by hand in the file.
    expect(GRAPH.edges).toContainEqual({
      from: 'src/time/timeToQuoteSurvival.ts',
      kind: 'file',
      to: 'src/records/Lead.ts',
    })
  })

  it('every folder of src/ is in the layer table', () => {
    const folders = [...new Set([...SOURCES.keys()].map(folderOf))].sort()
    expect(folders.filter((folder) => !LAYER_OF_FOLDER.has(folder))).toEqual([])
  })

  it('no import breaks the layering rule (there is no allow-list)', () => {
    expect(VIOLATIONS.map(format)).toEqual([])
  })

  it('no file in core/ or a family imports zod (only schemas/ and sources/ may)', () => {
    // Read straight off the edges, independently of checkImports.
    const importers = GRAPH.edges
      .filter((edge) => edge.kind === 'package' && packageName(edge.to) === 'zod')
      .map((edge) => edge.from)
    expect(importers.length).toBeGreaterThan(0) // schemas/ does use zod today
    expect(importers.filter((from) => !['schemas', 'sources'].includes(folderOf(from)))).toEqual([])
  })

  it('no file outside sheets/ imports sheets/', () => {
    const importers = GRAPH.edges
      .filter((edge) => edge.kind === 'file' && folderOf(edge.to) === 'sheets')
      .map((edge) => edge.from)
    expect(importers.length).toBeGreaterThan(0) // sheets/ imports itself today
    expect(importers.filter((from) => folderOf(from) !== 'sheets')).toEqual([])
  })

  it('the folder graph has no cycle', () => {
    expect(folderCycle(GRAPH.edges)).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------
// The checker can fail: synthetic graphs.
// ---------------------------------------------------------------------------------------------

const file = (from: string, to: string): ImportEdge => ({ from, kind: 'file', to })
const pkg = (from: string, to: string): ImportEdge => ({ from, kind: 'package', to })

describe('layers: the checker on synthetic graphs', () => {
  it('reports an upward import (core → survey) and a sideways one (survey → pipeline)', () => {
    const violations = checkImports([
      file('src/core/validate.ts', 'src/survey/netPromoterScore.ts'),
      file('src/survey/netPromoterScore.ts', 'src/pipeline/winRate.ts'),
    ])
    expect(violations.map(format)).toEqual([
      'src/core/validate.ts -> src/survey/netPromoterScore.ts (core core/ may not import family survey/)',
      'src/survey/netPromoterScore.ts -> src/pipeline/winRate.ts (sideways: family survey/ imports pipeline/)',
    ])
  })

  it('passes the allowed directions: edges → families, composites → families, families → core and shared', () => {
    expect(
      checkImports([
        file('src/schemas/SurveyResponseSchema.ts', 'src/records/SurveyResponse.ts'),
        file('src/sheets/coreFunctions.ts', 'src/survey/netPromoterScore.ts'),
        file('src/sources/hubspot.ts', 'src/schemas/parseRecords.ts'),
        file('src/cx-score/components.ts', 'src/pipeline/winRate.ts'),
        file('src/scorecards/healthScorecard.ts', 'src/cx-score/cxScore.ts'),
        file('src/time/leadToCash.ts', 'src/records/Lead.ts'),
        file('src/time/timeToQuoteSurvival.ts', 'src/survival/kaplanMeier.ts'),
        file('src/survival/kaplanMeier.ts', 'src/core/validate.ts'),
        file('src/records/Lead.ts', 'src/core/validate.ts'),
        file('src/survey/csat.ts', 'src/survey/ratingKernel.ts'),
        file('src/core/quantile.ts', 'src/core/validate.ts'),
        file('src/index.ts', 'src/survey/index.ts'),
        pkg('src/schemas/fields.ts', 'zod'),
        pkg('src/sources/csv.ts', 'zod/v4'),
        pkg('src/core/sumMoney.ts', 'decimal.js'),
        pkg('src/sheets/hyperformula.ts', 'hyperformula'),
      ]),
    ).toEqual([])
  })

  it('reports every other rule: shared → family, family → composite/edge, zod, sheets, entry, unknown folder', () => {
    const violations = checkImports([
      file('src/records/Lead.ts', 'src/pipeline/winRate.ts'),
      file('src/survival/kaplanMeier.ts', 'src/retention/retentionKernel.ts'),
      file('src/survey/npsTrend.ts', 'src/cx-score/cxScore.ts'),
      file('src/pipeline/winRate.ts', 'src/schemas/OpportunitySchema.ts'),
      file('src/cx-score/cxScore.ts', 'src/sheets/registry.ts'),
      file('src/schemas/fields.ts', 'src/sheets/sheetValues.ts'),
      file('src/index.ts', 'src/sheets/registry.ts'),
      file('src/survey/npsTrend.ts', 'src/index.ts'),
      file('src/survey/npsTrend.ts', 'test/helpers.ts'),
      file('src/widgets/chart.ts', 'src/core/validate.ts'),
      file('src/core/validate.ts', 'src/widgets/chart.ts'),
      pkg('src/survey/csat.ts', 'zod'),
      pkg('src/core/validate.ts', 'zod/mini'),
      pkg('src/time/networkDays.ts', 'hyperformula'),
      pkg('src/schemas/fields.ts', 'cx-metrics'),
    ])
    expect(violations.map((violation) => violation.rule)).toEqual([
      'records records/ may not import family pipeline/',
      'survival survival/ may not import family retention/',
      'family survey/ may not import composite cx-score/',
      'family pipeline/ may not import edge schemas/',
      'nothing outside sheets/ imports sheets/',
      'nothing outside sheets/ imports sheets/',
      'nothing outside sheets/ imports sheets/',
      'family survey/ may not import entry src/',
      'a src file imports outside src/',
      "folder 'widgets' is not in LAYER_TABLE",
      "folder 'widgets' is not in LAYER_TABLE",
      "'zod' may be imported only in schemas, sources",
      "'zod' may be imported only in schemas, sources",
      "'hyperformula' may be imported only in sheets",
      "'cx-metrics' may be imported only in no folder of src",
    ])
  })

  it('finds a cycle between folders, even between two composites', () => {
    expect(
      folderCycle([
        file('src/scorecards/healthScorecard.ts', 'src/cx-score/cxScore.ts'),
        file('src/cx-score/cxScore.ts', 'src/scorecards/healthScorecard.ts'),
      ]),
    ).toEqual(['scorecards', 'cx-score', 'scorecards'])
    expect(
      folderCycle([
        file('src/survey/a.ts', 'src/survey/b.ts'),
        file('src/survey/b.ts', 'src/survey/a.ts'),
      ]),
    ).toBeNull()
  })

  it('the parser sees multi-line, type-only, re-export and dynamic imports, not comments or strings', () => {
    const source = [
      'import type {',
      '  Lead,',
      '  Opportunity,',
      "} from '../pipeline/Lead.js'",
      "import {\n  type Quote,\n  networkDays,\n} from '../time/index.js'",
      "export { winRate } from '../pipeline/winRate.js'",
      "export * as survey from '../survey/index.js'",
      "export type { Tally } from './Tally.js'",
      "import './sideEffect.js'",
      "import legacy = require('../retention/kaplanMeier.js')",
      "const later = await import('../forecast/forecastBias.js')",
      "type Calendar = import('../time/BusinessCalendar.js').BusinessCalendar",
      "// import { hidden } from '../sheets/registry.js'",
      "/* export * from '../sheets/excel.js' */",
      'const text = "import { quoted } from \'../sheets/excel.js\'"',
      "import { z } from 'zod'",
    ].join('\n')
    expect(moduleSpecifiers('src/core/example.ts', source)).toEqual([
      '../pipeline/Lead.js',
      '../time/index.js',
      '../pipeline/winRate.js',
      '../survey/index.js',
      './Tally.js',
      './sideEffect.js',
      '../retention/kaplanMeier.js',
      '../forecast/forecastBias.js',
      '../time/BusinessCalendar.js',
      'zod',
    ])
  })

  it('resolves .js specifiers, extensionless specifiers and folder indexes to src files', () => {
    const { edges, unresolved } = importGraph(
      new Map([
        [
          'src/time/a.ts',
          "import { x } from '../pipeline/Lead.js'\nimport '../survey'\nimport './missing.js'",
        ],
        ['src/pipeline/Lead.ts', "export * from '../core/validate'"],
        ['src/survey/index.ts', ''],
        ['src/core/validate.ts', ''],
      ]),
    )
    expect(edges).toEqual([
      file('src/time/a.ts', 'src/pipeline/Lead.ts'),
      file('src/time/a.ts', 'src/survey/index.ts'),
      file('src/pipeline/Lead.ts', 'src/core/validate.ts'),
    ])
    expect(unresolved).toEqual(['src/time/a.ts -> ./missing.js'])
    // Both cross-family edges of this graph are reported as sideways.
    expect(checkImports(edges).map((violation) => violation.rule)).toEqual([
      'sideways: family time/ imports pipeline/',
      'sideways: family time/ imports survey/',
    ])
  })
})
