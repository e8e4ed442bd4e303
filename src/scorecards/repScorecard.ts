import type { ActivityCountsRow } from '../activity/activityCounts.js'
import { describeValue } from '../core/describeValue.js'
import type { GroupMetricRow } from '../core/groupMetric.js'
import { guardInput, readOptions, requireRecord } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { isDecimal } from '../core/MoneyInput.js'
import type { CxDirection } from '../cx-score/CxComponent.js'
import type { CxContribution, CxScoreMissingPolicy } from '../cx-score/cxScore.js'
import {
  type AccountMetrics,
  healthScorecard,
  type ScoreBand,
  type ScorecardComponent,
} from '../cx-score/healthScorecard.js'
import type { AverageDealSizeRow } from '../pipeline/averageDealSize.js'
import type { QuotaAttainmentResult } from '../quota/quotaAttainment.js'
import { REP_OUTCOME_RATE_NAMES, type RepOutcomeRatesResult } from './repOutcomeRates.js'

/**
 * The components {@link repScorecard} derives from its sources, in the order of
 * {@link DEFAULT_REP_SCORECARD_COMPONENTS}.
 *
 * @example
 * ```ts
 * REP_SCORECARD_COMPONENT_NAMES
 * // => ['quotaAttainment', 'winRate', 'proposalsToWin', 'leadConversionRate', 'activitiesPerPeriod', 'averageDealSize']
 * ```
 * @category Scorecards
 */
export const REP_SCORECARD_COMPONENT_NAMES = [
  'quotaAttainment',
  'winRate',
  'proposalsToWin',
  'leadConversionRate',
  'activitiesPerPeriod',
  'averageDealSize',
] as const
/**
 * One of {@link REP_SCORECARD_COMPONENT_NAMES}.
 *
 * @category Scorecards
 */
export type RepScorecardComponentName = (typeof REP_SCORECARD_COMPONENT_NAMES)[number]

/**
 * One component of a rep scorecard. `range` may be left out for the derived components:
 * then it is the team's `[0, largest value]` for `activitiesPerPeriod` and
 * `averageDealSize`, `[0, 1]` for the rates, `[0, 1.5]` for quota attainment. Another name
 * is read from the input's `values` and needs its `range` (`leadContactRate`, read from the
 * outcomes, defaults to [0, 1]).
 *
 * @category Scorecards
 */
export interface RepScorecardComponent {
  readonly name: RepScorecardComponentName | (string & {})
  /** Relative importance, > 0; default as in {@link DEFAULT_REP_SCORECARD_COMPONENTS}, else 1. */
  readonly weight?: number
  /** The scale `[min, max]`; values beyond it score as its ends. */
  readonly range?: readonly [number, number]
  /** Default `'higher-is-better'`. */
  readonly direction?: CxDirection
}

/**
 * The default components of {@link repScorecard}: quota attainment (weight 2, range
 * [0, 1.5]), win rate (shrunk; 2, [0, 1]), proposals-to-win (shrunk; 1, [0, 1]), lead
 * conversion (shrunk; 1, [0, 1]), activities per period (1, the team's [0, max]) and
 * average deal size (1, the team's [0, max]).
 *
 * @example
 * ```ts
 * DEFAULT_REP_SCORECARD_COMPONENTS.map((component) => component.weight) // => [2, 2, 1, 1, 1, 1]
 * ```
 * @category Scorecards
 */
export const DEFAULT_REP_SCORECARD_COMPONENTS: readonly RepScorecardComponent[] = [
  { name: 'quotaAttainment', weight: 2, range: [0, 1.5] },
  { name: 'winRate', weight: 2, range: [0, 1] },
  { name: 'proposalsToWin', weight: 1, range: [0, 1] },
  { name: 'leadConversionRate', weight: 1, range: [0, 1] },
  { name: 'activitiesPerPeriod', weight: 1 },
  { name: 'averageDealSize', weight: 1 },
]

/**
 * Where {@link repScorecard} reads each rep's values: the results of the family functions
 * (each optional), and any other value by rep and component name.
 *
 * @category Scorecards
 */
export interface RepScorecardSources {
  /**
   * `repOutcomeRates`: the shrunk `winRate`, `proposalsToWin`, `leadConversionRate` (and
   * `leadContactRate`, scored when a component names it).
   */
  readonly outcomes?: RepOutcomeRatesResult
  /** `quotaAttainment` of one period: each rep's `attainment` (one row per rep). */
  readonly quotaAttainment?: QuotaAttainmentResult
  /** `activityCounts` rows by rep (`group`): activities per period = Σ n / number of periods in the rows. */
  readonly activityCounts?: readonly ActivityCountsRow[]
  /** `averageDealSize` rows by rep (`by: (deal) => deal.ownerId`), one per rep: the `mean` as a number. */
  readonly averageDealSize?: readonly AverageDealSizeRow[]
  /** Other values by rep and component name (`{ ana: { nps: 40 } }`); they override derived ones. */
  readonly values?: Readonly<Record<string, Readonly<Record<string, number | null>>>>
}

/**
 * The input of {@link repScorecard}: this period's sources and, for the change, the
 * previous period's.
 *
 * @category Scorecards
 */
export interface RepScorecardInput extends RepScorecardSources {
  readonly previous?: RepScorecardSources
}

/**
 * Options of {@link repScorecard}.
 *
 * @category Scorecards
 */
export interface RepScorecardOptions {
  /** The components; default {@link DEFAULT_REP_SCORECARD_COMPONENTS}. */
  readonly components?: readonly RepScorecardComponent[]
  /** Bands of the score; default red from 0, yellow from 50, green from 75. */
  readonly bands?: readonly ScoreBand[]
  /** What a missing component does: `'renormalize'` (default) or `'error'`. */
  readonly missing?: CxScoreMissingPolicy
  /** The reps to score, in this order; default every rep named in the sources, in code-unit order. */
  readonly reps?: readonly string[]
}

/**
 * One rep's score.
 *
 * @category Scorecards
 */
export interface RepScore {
  /** 0..100; `null` when no component has a value. */
  readonly score: number | null
  /** The band of the score; `null` when unscored. */
  readonly band: string | null
  /** Share of the weight with a value. */
  readonly coverage: number
  /** Each component's points (`value` is the rep's value as given, before clamping). */
  readonly contributions: CxContribution[]
  /** score − previous score; `null` without a previous score. */
  readonly change: number | null
  /** The component whose points moved most against the previous period. */
  readonly biggestMover: { readonly name: string; readonly pointsChange: number } | null
  /** 1 for the highest score (ties share the lower rank); `null` when unscored. */
  readonly rank: number | null
}

/**
 * One rep's row in `groupMetric`'s shape: `group` the rep, `period` `null`, `n` the
 * components with a value.
 *
 * @category Scorecards
 */
export type RepScorecardRow = GroupMetricRow<RepScore, string>

/**
 * The result of {@link repScorecard}.
 *
 * @category Scorecards
 */
export interface RepScorecardResult {
  /** One row per rep (the `reps` option's order, else by id). */
  readonly rows: RepScorecardRow[]
  /** Reps per band, and `unscored`. */
  readonly counts: Readonly<Record<string, number>>
  /** The components as scored, with the ranges taken from the team filled in (`null` when no rep had a value above 0). */
  readonly components: readonly {
    readonly name: string
    readonly weight: number
    readonly range: readonly [number, number] | null
    readonly direction: CxDirection
  }[]
}

const METRIC = 'repScorecard'

/** A rep's values by component name, in an object without a prototype (any name is a plain key). */
type Values = Record<string, number | null>

/**
 * A rep scorecard: quota attainment, the shrunk win rate, proposals-to-win and lead
 * conversion, activities per period and average deal size — the rep performance KPIs of
 * State of Sales — scored 0..100 per rep with `healthScorecard`'s machinery, banded, with
 * each component's points and the change against a previous period.
 *
 * ```text
 * nᵢ = (clamp(valueᵢ, minᵢ, maxᵢ) − minᵢ) / (maxᵢ − minᵢ)      (1 − that for lower-is-better)
 * score = 100 · Σ wᵢ nᵢ / Σ wᵢ over components with a value    (as cxScore)
 * activitiesPerPeriod = Σ n of the rep's activityCounts rows / periods in the rows
 * team range (activitiesPerPeriod, averageDealSize without range) = [0, max over the reps]
 * ```
 * The rates are the shrunk ones, so a rep with 2 wins of 2 is not scored as 100 %. Values
 * beyond a range score as its ends (attainment of 2.3 gets the full points of 1.5). Team
 * ranges come from this period's values; the previous period is scored on the same ranges.
 *
 * @param input - `{ outcomes?, quotaAttainment?, activityCounts?, averageDealSize?, values?, previous? }`.
 * @param options - `components` ({@link DEFAULT_REP_SCORECARD_COMPONENTS}), `bands`,
 *   `missing` (`'renormalize'`), `reps`.
 * @returns `{ rows, counts, components }`; rows `{ group, period: null, result, n }`.
 * @throws MetricInputError `INVALID_OPTION` (components, bands, missing, reps, options —
 *   paths as in `healthScorecard`), `INVALID_RECORD` (the input or a source that is not the
 *   shape its function returns, a rep id that is not a string), `DUPLICATE_ID` (a rep twice
 *   in one source), `NOT_FINITE` (a value that is not a finite number or `null`), `MISSING_VALUE`
 *   (with `missing: 'error'`); paths into the input, e.g. `['quotaAttainment', 'rows', 2, 'ownerId']`.
 * @example
 * ```ts
 * const { rows } = repScorecard(
 *   { values: { ana: { quotaAttainment: 1.2, winRate: 0.5 }, ben: { quotaAttainment: 0.6, winRate: 0.25 } } },
 *   { components: [{ name: 'quotaAttainment', range: [0, 1.5] }, { name: 'winRate' }] },
 * )
 * rows.map((row) => [row.group, row.result.score, row.result.band, row.result.rank])
 * // => [['ana', 65, 'yellow', 1], ['ben', 32.5, 'red', 2]]
 * ```
 * @see healthScorecard; cxScore (ACSI 0–100 rescaling); Salesforce, "State of Sales" (6th ed.).
 * @category Scorecards
 */
export function repScorecard(
  input: RepScorecardInput,
  options?: RepScorecardOptions,
): RepScorecardResult {
  return guardInput(METRIC, () => computeRepScorecard(input, options))
}

function computeRepScorecard(
  input: RepScorecardInput,
  given: RepScorecardOptions | undefined,
): RepScorecardResult {
  requireRecord(input, METRIC, [], 'input')
  const options = readOptions(given, METRIC)
  const components = readComponents(options.components)
  const current = readSources(input, [])
  const previous =
    input.previous === undefined
      ? null
      : readSources(requireRecord(input.previous, METRIC, ['previous'], 'previous'), ['previous'])
  const reps = readReps(options.reps) ?? [...current.reps].sort()

  // Team ranges: [0, the largest value this period] where no range was given.
  const ranges = components.map((component) => {
    if (component.range !== undefined) return component.range
    let max = 0
    for (const rep of reps) {
      const value = current.values.get(rep)?.[component.name] ?? null
      if (value !== null && value > max) max = value
    }
    return max > 0 ? ([0, max] as const) : null
  })
  const scored: ScorecardComponent[] = []
  for (let index = 0; index < components.length; index++) {
    const component = components[index] as Component
    scored.push({
      name: component.name,
      weight: component.weight,
      // A component without a range (no rep has a value above 0) is scored as missing.
      range: ranges[index] ?? [0, 1],
      ...(component.direction === undefined ? {} : { direction: component.direction }),
    })
  }
  const score = asRepScorecard(() =>
    healthScorecard({
      components: scored,
      ...(options.bands === undefined ? {} : { bands: options.bands }),
      ...(options.missing === undefined ? {} : { missing: options.missing }),
    }),
  )
  const clamped = (values: Values | undefined): Values => {
    const out: Values = Object.create(null)
    for (let index = 0; index < components.length; index++) {
      const name = (components[index] as Component).name
      const range = ranges[index] ?? null
      const value = values?.[name] ?? null
      out[name] =
        value === null || range === null ? null : Math.min(range[1], Math.max(range[0], value))
    }
    return out
  }
  const accounts: AccountMetrics[] = reps.map((rep) => ({
    id: rep,
    values: clamped(current.values.get(rep)),
    ...(previous === null ? {} : { previous: clamped(previous.values.get(rep)) }),
  }))
  const health = asRepScorecard(() => score(accounts))

  // Ranks by score, 1 = best; equal scores share the lower rank.
  const order = health.accounts.map((_, index) => index)
  const scoreOf = (index: number) => health.accounts[index]?.score ?? null
  order.sort((a, b) => (scoreOf(b) ?? -1) - (scoreOf(a) ?? -1) || a - b)
  const rank = new Array<number | null>(reps.length).fill(null)
  for (let position = 0; position < order.length; position++) {
    const index = order[position] as number
    if (scoreOf(index) === null) continue
    const before = position === 0 ? null : (order[position - 1] as number)
    rank[index] =
      before !== null && scoreOf(before) === scoreOf(index)
        ? (rank[before] as number)
        : position + 1
  }
  const rows: RepScorecardRow[] = health.accounts.map((account, index) => {
    const raw = current.values.get(account.id)
    let present = 0
    const contributions = account.contributions.map((contribution) => {
      if (contribution.normalized !== null) present++
      return contribution.value === null
        ? contribution
        : { ...contribution, value: raw?.[contribution.name] ?? contribution.value }
    })
    return {
      group: account.id,
      period: null,
      result: {
        score: account.score,
        band: account.band,
        coverage: account.coverage,
        contributions,
        change: account.change,
        biggestMover: account.biggestMover,
        rank: rank[index] ?? null,
      },
      n: present,
    }
  })
  return {
    rows,
    counts: health.counts,
    components: components.map((component, index) => ({
      name: component.name,
      weight: component.weight,
      range: ranges[index] ?? null,
      direction: component.direction ?? 'higher-is-better',
    })),
  }
}

interface Component {
  readonly name: string
  readonly weight: number
  readonly range?: readonly [number, number]
  readonly direction?: CxDirection
}

function invalidOption(path: MetricInputPath, message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric: METRIC,
    path,
    message: `${METRIC}: ${message}`,
  })
}

/** Option `components` with the default weights and ranges filled in (ranges of the team left out). */
function readComponents(given: readonly RepScorecardComponent[] | undefined): Component[] {
  const list = given ?? DEFAULT_REP_SCORECARD_COMPONENTS
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidOption(
      ['components'],
      'option components must be a list of at least one component',
    )
  }
  const components: Component[] = []
  for (let index = 0; index < list.length; index++) {
    const component = list[index] as RepScorecardComponent
    if (typeof component !== 'object' || component === null) {
      throw invalidOption(
        ['components', index],
        `component ${index} is ${describeValue(component)}; it must be { name, weight?, range?, direction? }`,
      )
    }
    const name: unknown = component.name
    if (typeof name !== 'string') {
      throw invalidOption(
        ['components', index, 'name'],
        `component ${index} name ${describeValue(name)} must be a string`,
      )
    }
    const known = DEFAULT_REP_SCORECARD_COMPONENTS.find((candidate) => candidate.name === name)
    const isRate = (REP_OUTCOME_RATE_NAMES as readonly string[]).includes(name)
    const range = component.range ?? known?.range ?? (isRate ? ([0, 1] as const) : undefined)
    if (range === undefined && !(name === 'activitiesPerPeriod' || name === 'averageDealSize')) {
      throw invalidOption(
        ['components', index, 'range'],
        `component ${JSON.stringify(name)} needs a range [min, max]`,
      )
    }
    components.push({
      name,
      weight: component.weight ?? known?.weight ?? 1,
      ...(range === undefined ? {} : { range }),
      ...(component.direction === undefined ? {} : { direction: component.direction }),
    })
  }
  return components
}

/** Option `reps`: `null` when absent, else distinct strings (`INVALID_OPTION`). */
function readReps(reps: readonly string[] | undefined): readonly string[] | null {
  if (reps === undefined) return null
  if (!Array.isArray(reps)) {
    throw invalidOption(
      ['reps'],
      `option reps is ${describeValue(reps)}; it must be a list of rep ids or be left out`,
    )
  }
  const seen = new Set<string>()
  for (let index = 0; index < reps.length; index++) {
    const rep: unknown = reps[index]
    if (typeof rep !== 'string' || seen.has(rep)) {
      throw invalidOption(
        ['reps', index],
        `reps[${index}] is ${describeValue(rep)}; each rep must be a distinct string`,
      )
    }
    seen.add(rep)
  }
  return [...reps]
}

/** The values of each rep read from one set of sources, and the reps they name. */
function readSources(
  sources: RepScorecardSources,
  at: MetricInputPath,
): { values: Map<string, Values>; reps: Set<string> } {
  const values = new Map<string, Values>()
  const set = (rep: string, name: string, value: number | null) => {
    let row = values.get(rep)
    if (row === undefined) {
      row = Object.create(null) as Values
      values.set(rep, row)
    }
    row[name] = value
  }
  const outcomes = sources.outcomes
  if (outcomes !== undefined) {
    const rows = readRows(requireRecord(outcomes, METRIC, [...at, 'outcomes'], 'outcomes').rows, [
      ...at,
      'outcomes',
    ])
    const seen = new Set<string>()
    for (let index = 0; index < rows.length; index++) {
      const path = [...at, 'outcomes', 'rows', index]
      const row = requireRecord(
        rows[index] as NonNullable<(typeof rows)[number]>,
        METRIC,
        path,
        `outcomes.rows[${index}]`,
      )
      const rep = readRep(row.group, [...path, 'group'], seen)
      const result = requireRecord(row.result, METRIC, [...path, 'result'], 'result')
      for (const name of REP_OUTCOME_RATE_NAMES) {
        const rate = result[name]
        if (rate === null || rate === undefined) continue
        const shrunk = requireRecord(rate, METRIC, [...path, 'result', name], name).shrunk
        set(rep, name, readValue(shrunk, [...path, 'result', name, 'shrunk']))
      }
      values.get(rep) ?? values.set(rep, Object.create(null))
    }
  }
  const attainment = sources.quotaAttainment
  if (attainment !== undefined) {
    const at2 = [...at, 'quotaAttainment']
    const rows = readRows(requireRecord(attainment, METRIC, at2, 'quotaAttainment').rows, at2)
    const seen = new Set<string>()
    for (let index = 0; index < rows.length; index++) {
      const path = [...at2, 'rows', index]
      const row = requireRecord(
        rows[index] as NonNullable<(typeof rows)[number]>,
        METRIC,
        path,
        `quotaAttainment.rows[${index}]`,
      )
      const rep = readRep(row.ownerId, [...path, 'ownerId'], seen)
      set(rep, 'quotaAttainment', readValue(row.attainment, [...path, 'attainment']))
    }
  }
  const activity = sources.activityCounts
  if (activity !== undefined) {
    const rows = readRows(activity, [...at, 'activityCounts'])
    const totals = new Map<string, number>()
    const periods = new Set<string | null>()
    for (let index = 0; index < rows.length; index++) {
      const path = [...at, 'activityCounts', index]
      const row = requireRecord(
        rows[index] as NonNullable<(typeof rows)[number]>,
        METRIC,
        path,
        `activityCounts[${index}]`,
      )
      const period =
        row.period === null
          ? null
          : requireRecord(row.period, METRIC, [...path, 'period'], 'period').label
      periods.add(typeof period === 'string' ? period : null)
      const n = readValue(row.n, [...path, 'n'])
      if (row.group === null) continue
      const rep = readRep(row.group, [...path, 'group'], null)
      totals.set(rep, (totals.get(rep) ?? 0) + (n ?? 0))
    }
    for (const [rep, total] of totals) set(rep, 'activitiesPerPeriod', total / periods.size)
  }
  const dealSize = sources.averageDealSize
  if (dealSize !== undefined) {
    const rows = readRows(dealSize, [...at, 'averageDealSize'])
    const seen = new Set<string>()
    for (let index = 0; index < rows.length; index++) {
      const path = [...at, 'averageDealSize', index]
      const row = requireRecord(
        rows[index] as NonNullable<(typeof rows)[number]>,
        METRIC,
        path,
        `averageDealSize[${index}]`,
      )
      if (row.group === null) continue
      const rep = readRep(row.group, [...path, 'group'], seen)
      const mean = requireRecord(row.result, METRIC, [...path, 'result'], 'result').mean
      const value = isDecimal(mean) ? mean.toNumber() : (mean as unknown)
      set(rep, 'averageDealSize', readValue(value, [...path, 'result', 'mean']))
    }
  }
  const extra = sources.values
  if (extra !== undefined) {
    const path = [...at, 'values']
    requireRecord(extra, METRIC, path, 'values')
    for (const rep of Object.keys(extra)) {
      const given = requireRecord(
        extra[rep] as Readonly<Record<string, number | null>>,
        METRIC,
        [...path, rep],
        `values.${rep}`,
      )
      values.get(rep) ?? values.set(rep, Object.create(null))
      for (const name of Object.keys(given)) {
        set(rep, name, readValue(given[name], [...path, rep, name]))
      }
    }
  }
  return { values, reps: new Set(values.keys()) }
}

function readRows<T>(rows: readonly T[], path: MetricInputPath): readonly T[] {
  if (Array.isArray(rows)) return rows
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path,
    message: `${METRIC}: ${path.join('.')} is ${describeValue(rows)}; it must be the rows its function returns`,
  })
}

/** A rep id (a string), once per source when `seen` is given (`DUPLICATE_ID`). */
function readRep(rep: unknown, path: MetricInputPath, seen: Set<string> | null): string {
  if (typeof rep !== 'string') {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric: METRIC,
      path,
      message: `${METRIC}: ${path.join('.')} is ${describeValue(rep)}; a rep id must be a string`,
    })
  }
  if (seen !== null) {
    if (seen.has(rep)) {
      throw new MetricInputError({
        code: 'DUPLICATE_ID',
        metric: METRIC,
        path,
        message: `${METRIC}: rep ${JSON.stringify(rep)} appears twice at ${path.join('.')}; pass one row per rep (one period)`,
      })
    }
    seen.add(rep)
  }
  return rep
}

/** A finite number or `null` (`NOT_FINITE` otherwise); −0 read as 0. */
function readValue(value: unknown, path: MetricInputPath): number | null {
  if (value === null) return null
  if (typeof value === 'number' && Number.isFinite(value)) return value + 0
  throw new MetricInputError({
    code: 'NOT_FINITE',
    metric: METRIC,
    path,
    message: `${METRIC}: ${path.join('.')} is ${describeValue(value)}; it must be a finite number or null`,
  })
}

/** Runs `healthScorecard`'s machinery so that its errors name `repScorecard`. */
function asRepScorecard<T>(compute: () => T): T {
  try {
    return compute()
  } catch (error) {
    if (!(error instanceof MetricInputError) || error.metric === METRIC) throw error
    throw new MetricInputError({
      code: error.code,
      metric: METRIC,
      ...(error.path === undefined ? {} : { path: error.path }),
      message: error.message.replaceAll(error.metric, METRIC),
    })
  }
}
