/**
 * The option vocabulary (issue 13, "One set of option words") as a test: every exported
 * `…Options` type of the entries (`cx-metrics`, `cx-metrics/schemas`, `cx-metrics/sources`, `cx-metrics/sql`) uses only the words of
 * the table in docs/option-vocabulary.md, and every choice option (a union of string
 * literals) has an exported `as const` list with exactly its values.
 *
 * The export list and the option words are read with the TypeScript type checker (inherited
 * and aliased options included), so a new export that invents a word — or writes a choice
 * inline without its constant — fails here until the table (and README) gain the word.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import * as root from '../src/index.js'
import * as schemas from '../src/schemas/index.js'
import * as sources from '../src/sources/index.js'
import * as sql from '../src/sql/index.js'
import { expectMetricError } from './helpers.js'

const ENTRY_POINTS = [
  '../src/index.ts',
  '../src/schemas/index.ts',
  '../src/sources/index.ts',
  '../src/sql/index.ts',
].map((path) => fileURLToPath(new URL(path, import.meta.url)))
const TABLE = readFileSync(
  fileURLToPath(new URL('../docs/option-vocabulary.md', import.meta.url)),
  'utf8',
)

/** The words of the table: the backticked word in the first cell of each row. */
function tableWords(markdown: string): Set<string> {
  const words = new Set<string>()
  for (const line of markdown.split('\n')) {
    const match = /^\| `([A-Za-z]+)` \|/.exec(line)
    if (match?.[1] !== undefined) words.add(match[1])
  }
  return words
}

interface OptionWord {
  readonly type: string
  readonly word: string
  /** The string literals of a choice option, sorted; `null` when it is not a choice. */
  readonly choices: string[] | null
}

/** The data fields of a forecast input object; the rest of its fields are options. */
const FORECAST_SERIES_FIELDS = new Set(['actual', 'forecast', 'weights'])

/**
 * Every property of every exported `…Options` type of the entry points, and the options
 * of every forecast input object (an exported `…Input` type with `actual` and `forecast`).
 */
function exportedOptionWords(): OptionWord[] {
  const program = ts.createProgram(ENTRY_POINTS, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
  })
  const checker = program.getTypeChecker()
  const found: OptionWord[] = []
  const seen = new Set<string>()
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(entry)
    if (source === undefined) throw new Error(`cannot read ${entry}`)
    const module = checker.getSymbolAtLocation(source)
    if (module === undefined) throw new Error(`${entry} is not a module`)
    for (const exported of checker.getExportsOfModule(module)) {
      const isOptions = exported.name.endsWith('Options')
      if (!(isOptions || exported.name.endsWith('Input')) || seen.has(exported.name)) continue
      seen.add(exported.name)
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const type = checker.getDeclaredTypeOfSymbol(symbol)
      const properties = checker.getPropertiesOfType(type)
      const names = new Set(properties.map((property) => property.name))
      const isForecastInput = !isOptions && names.has('actual') && names.has('forecast')
      if (!(isOptions || isForecastInput)) continue
      for (const property of properties) {
        if (isForecastInput && FORECAST_SERIES_FIELDS.has(property.name)) continue
        const declaration = property.valueDeclaration ?? property.declarations?.[0]
        if (declaration === undefined) continue
        const propertyType = checker.getNonNullableType(
          checker.getTypeOfSymbolAtLocation(property, declaration),
        )
        const members = propertyType.isUnion() ? propertyType.types : [propertyType]
        const literals = members.every((member) => member.isStringLiteral())
          ? members.map((member) => (member as ts.StringLiteralType).value).sort()
          : null
        found.push({
          type: exported.name,
          word: property.name,
          choices: literals !== null && literals.length >= 2 ? literals : null,
        })
      }
    }
  }
  return found
}

/** The `as const` string lists exported by the entry points, as sorted value lists. */
function exportedChoiceLists(): string[][] {
  const lists: string[][] = []
  for (const value of [
    ...Object.values(root),
    ...Object.values(schemas),
    ...Object.values(sources),
    ...Object.values(sql),
  ]) {
    if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
      lists.push([...(value as string[])].sort())
  }
  return lists
}

/**
 * Choice options written inline in files of other areas, each to be given its exported
 * constant and type (listed in notes/vocabulary.md for their owners). Empty this list as they
 * land; a new entry needs a reason.
 */
const CHOICES_WITHOUT_CONSTANT = new Set<string>([])

const words = tableWords(TABLE)
const options = exportedOptionWords()

/** `Type.word` of each option whose word is not in the table. */
function wordsOutsideTable(list: readonly OptionWord[]): string[] {
  return list.filter((option) => !words.has(option.word)).map((o) => `${o.type}.${o.word}`)
}

describe('the option vocabulary', () => {
  it('reads a table of words and finds the options of the exports', () => {
    // Rows of docs/option-vocabulary.md, counted by hand when the table was written.
    expect(words.size).toBe(84)
    expect(words.has('basis')).toBe(true)
    // A sample of options the checker must see, inherited ones included.
    const names = new Set(options.map((option) => `${option.type}.${option.word}`))
    for (const expected of [
      'WinRateOptions.basis',
      'WinRateOptions.rates',
      'KaplanMeierOptions.method',
      'TimeToQuoteSurvivalOptions.asOf',
      'TimeToQuoteSurvivalOptions.method',
      'SlaAttainmentOptions.openDurations',
      'SlaAttainmentAggregatorOptions.target',
      'CohortRetentionOptions.timeZone',
      'GroupMetricPeriodOptions.fill',
      'ParseRecordsOptions.onInvalid',
      'SymmetricMeanAbsolutePercentageErrorInput.variant',
      'ForecastHitRateInput.tolerance',
      'MeanAbsoluteScaledErrorInput.seasonality',
    ]) {
      expect(names).toContain(expected)
    }
  })

  it('every exported …Options type uses only words of the table', () => {
    expect(wordsOutsideTable(options)).toEqual([])
  })

  it('every choice option has an exported as-const list with exactly its values', () => {
    const lists = exportedChoiceLists().map((list) => list.join('|'))
    const missing = options
      .filter(
        (option) =>
          option.choices !== null &&
          !CHOICES_WITHOUT_CONSTANT.has(`${option.type}.${option.word}`) &&
          !lists.includes(option.choices.join('|')),
      )
      .map((option) => `${option.type}.${option.word}: ${option.choices?.join(' | ')}`)
    expect(missing).toEqual([])
  })

  it('the exceptions above are still needed (a stale entry fails)', () => {
    const lists = exportedChoiceLists().map((list) => list.join('|'))
    for (const name of CHOICES_WITHOUT_CONSTANT) {
      const option = options.find((candidate) => `${candidate.type}.${candidate.word}` === name)
      expect(option?.choices ?? null, name).not.toBeNull()
      expect(lists.includes(option?.choices?.join('|') ?? ''), name).toBe(false)
    }
  })

  it('would fail on an invented word', () => {
    // The check above, run on made-up options: `by` is in the table, `per` is not.
    const invented = [
      { type: 'MadeUpOptions', word: 'by', choices: null },
      { type: 'MadeUpOptions', word: 'per', choices: null },
    ]
    expect(wordsOutsideTable(invented)).toEqual(['MadeUpOptions.per'])
  })
})

describe('the choice constants', () => {
  it('match the documented examples', () => {
    expect(root.METRIC_BASES).toEqual(['count', 'amount'])
    expect(root.SUMMARY_STATISTICS).toEqual(['mean', 'median'])
    expect(root.WIN_RATE_BASES).toEqual(['count', 'amount'])
    expect(root.COHORT_BASES).toEqual(['count', 'amount', 'logo', 'revenue'])
    expect(root.CES_STATISTICS).toEqual(['mean', 'agree-share'])
    expect(root.SALES_CYCLE_OUTCOMES).toEqual(['won', 'closed'])
    expect(root.SMAPE_VARIANTS).toEqual(['m4', 'bounded'])
  })

  it('list only values their functions accept, each giving its own documented result', () => {
    const day = 86_400_000
    const deal = (status: 'won' | 'lost', days: number, amount: number) => ({
      id: `${status}${days}`,
      createdAt: new Date(0),
      closedAt: new Date(days * day),
      amount,
      status,
      stageHistory: [],
    })
    const deals = [deal('won', 10, 100), deal('won', 20, 100), deal('lost', 3, 300)]
    // Hand arithmetic: by count 2 / 3; by amount 200 / 500.
    expect(root.WIN_RATE_BASES.map((basis) => root.winRate(deals, { basis }).rate)).toEqual([
      2 / 3,
      0.4,
    ])
    // Won cycles 10, 20 → mean 15, median 15; closed 10, 20, 3 → mean 11, median 10.
    expect(
      root.SALES_CYCLE_OUTCOMES.flatMap((outcome) =>
        root.SUMMARY_STATISTICS.map((statistic) =>
          root.salesCycleDays(deals, { outcome, statistic }),
        ),
      ),
    ).toEqual([15, 15, 11, 10])
    // Ratings 7, 6, 5, 2: mean 5; 3 of 4 at or above 5.
    expect(
      root.CES_STATISTICS.map(
        (statistic) => root.customerEffortScore([7, 6, 5, 2], { statistic }).score,
      ),
    ).toEqual([5, 0.75])
    // A = 100, F = 50: m4 2·50/150 = 2/3; bounded 50/150 = 1/3.
    const smape = root.SMAPE_VARIANTS.map((variant) =>
      root.symmetricMeanAbsolutePercentageError({ actual: [100], forecast: [50], variant }),
    )
    expect(smape[0]).toBeCloseTo(2 / 3, 15)
    expect(smape[1]).toBeCloseTo(1 / 3, 15)
    // Customer a active in January and February, b only in January: age 1 keeps 1 of 2.
    const activity = [
      { customerId: 'a', at: new Date('2026-01-05T00:00:00Z'), revenue: 10 },
      { customerId: 'b', at: new Date('2026-01-06T00:00:00Z'), revenue: 30 },
      { customerId: 'a', at: new Date('2026-02-05T00:00:00Z'), revenue: 10 },
    ]
    // count/logo: 1 of 2 customers; amount/revenue: 10 of 40.
    expect(
      root.COHORT_BASES.map(
        (basis) => root.cohortRetention(activity, { basis }).cohorts[0]?.retention[1],
      ),
    ).toEqual([0.5, 0.25, 0.5, 0.25])
  })
})

describe('bad option values', () => {
  const at = (iso: string) => new Date(iso)
  const won = {
    id: 'w',
    createdAt: at('2026-01-01'),
    closedAt: at('2026-02-01'),
    amount: 1,
    status: 'won' as const,
    stageHistory: [{ stage: 'A', enteredAt: at('2026-01-01') }],
  }
  const asOf = at('2026-03-01')
  // [function, option, a bad value, the call]: every one is INVALID_OPTION at [option],
  // naming the function called — never a data code (NEGATIVE_VALUE, NOT_FINITE).
  const cases: [string, string, unknown, (value: never) => unknown][] = [
    ['winRate', 'basis', 'logo', (basis) => root.winRate([won], { basis })],
    ['winRate', 'confidence', 1, (confidence) => root.winRate([won], { confidence })],
    ['winRateAggregator', 'basis', 'deals', (basis) => root.winRateAggregator({ basis })],
    ['csat', 'threshold', 9, (threshold) => root.csat([5], { threshold })],
    ['csatAggregator', 'confidence', -0.5, (confidence) => root.csatAggregator({ confidence })],
    [
      'customerEffortScore',
      'statistic',
      'median',
      (statistic) => root.customerEffortScore([7], { statistic }),
    ],
    ['npsInterval', 'method', 'exact', (method) => root.npsInterval([9], { method })],
    ['compareNps', 'confidence', 0, (confidence) => root.compareNps([9], [1], { confidence })],
    ['salesCycleDays', 'outcome', 'lost', (outcome) => root.salesCycleDays([won], { outcome })],
    [
      'salesCycleDays',
      'statistic',
      'mode',
      (statistic) => root.salesCycleDays([won], { statistic }),
    ],
    [
      'stalledOpportunities',
      'quantile',
      1.5,
      (quantile) => root.stalledOpportunities([won], { asOf, quantile }),
    ],
    [
      'stalledOpportunities',
      'minimumSpells',
      -1,
      (minimumSpells) => root.stalledOpportunities([won], { asOf, minimumSpells }),
    ],
    ['timeInStage', 'stages', 'A', (stages) => root.timeInStage([won], { stages })],
    ['cohortRetention', 'basis', 'seats', (basis) => root.cohortRetention([], { basis })],
    [
      'kaplanMeier',
      'method',
      'arcsine',
      (method) => root.kaplanMeier({ durations: [1], events: [1] }, { method }),
    ],
    ['quantile', 'method', 'type9', (method) => root.quantile([1, 2], 0.5, { method })],
    [
      'leadToQuoteSummary',
      'target',
      -1,
      (target) => root.leadToQuoteSummary([], [], { asOf, target }),
    ],
    [
      'leadToQuoteSummary',
      'method',
      'type9',
      (method) => root.leadToQuoteSummary([], [], { asOf, method }),
    ],
    ['leadToQuoteTimes', 'unit', 'weeks', (unit) => root.leadToQuoteTimes([], [], { asOf, unit })],
    [
      'slaAttainment',
      'openDurations',
      5,
      (openDurations) => root.slaAttainment([1], 2, { openDurations }),
    ],
    [
      'slaAttainmentAggregator',
      'target',
      Number.NaN,
      (target) => root.slaAttainmentAggregator({ target }),
    ],
    [
      'networkDays',
      'timeZone',
      'Mars/Olympus',
      (timeZone) => root.networkDays('2026-01-01', '2026-01-02', { timeZone }),
    ],
    [
      'symmetricMeanAbsolutePercentageError',
      'variant',
      'mean',
      (variant) =>
        root.symmetricMeanAbsolutePercentageError({ actual: [1], forecast: [1], variant }),
    ],
    [
      'forecastHitRate',
      'tolerance',
      -0.1,
      (tolerance) => root.forecastHitRate({ actual: [1], forecast: [1], tolerance }),
    ],
  ]

  it.each(cases)('%s refuses a bad %s as INVALID_OPTION', (metric, option, value, call) => {
    expectMetricError(() => call(value as never), 'INVALID_OPTION', { path: [option], metric })
  })

  it.each([
    ['winRateAggregator', root.winRateAggregator],
    ['csatAggregator', root.csatAggregator],
    ['weightedPipelineAggregator', root.weightedPipelineAggregator],
    ['netPromoterScoreAggregator', root.netPromoterScoreAggregator],
    ['customerRetentionAggregator', root.customerRetentionAggregator],
    ['revenueMovementsAggregator', root.revenueMovementsAggregator],
    ['slaAttainmentAggregator', root.slaAttainmentAggregator],
  ] as [string, (options: never) => unknown][])(
    '%s refuses options that are not an object',
    (metric, factory) => {
      for (const options of [null, 'x', []]) {
        expectMetricError(() => factory(options as never), 'INVALID_OPTION', { path: [], metric })
      }
    },
  )
})
