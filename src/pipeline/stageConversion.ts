import { guardInput, readCriticalValue, readOptions, requireList } from '../core/inputGuards.js'
import { requireOneOf } from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import { furthestStage, readStages, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

/**
 * The conversion views of {@link stageConversion}: `'next-step'` (stage k → k + 1) and
 * `'cumulative'` (first stage → k).
 *
 * @category Pipeline
 */
export const STAGE_CONVERSION_MODES = ['next-step', 'cumulative'] as const
/**
 * One of {@link STAGE_CONVERSION_MODES}: how stages are compared.
 *
 * @category Pipeline
 */
export type StageConversionMode = (typeof STAGE_CONVERSION_MODES)[number]
/**
 * How open deals enter the next-step rate: `'exclude'` leaves deals still open at their
 * furthest stage out of that stage's decision, `'include'` counts them as not advanced.
 *
 * @category Pipeline
 */
export const OPEN_DEAL_POLICIES = ['exclude', 'include'] as const
/**
 * One of {@link OPEN_DEAL_POLICIES}: the policy about undecided (open) deals.
 *
 * @category Pipeline
 */
export type OpenDealPolicy = (typeof OPEN_DEAL_POLICIES)[number]

/**
 * Options of {@link stageConversion}.
 *
 * @category Pipeline
 */
export interface StageConversionOptions {
  /** The pipeline's stages in order, e.g. `['Discovery', 'Proposal', 'Negotiation']`. */
  readonly stages: readonly string[]
  /** `'next-step'` (default): stage k → k + 1 (won for the last); `'cumulative'`: first → k. */
  readonly mode?: StageConversionMode
  /** Next-step mode: leave deals still open at their furthest stage out of that stage's decision (`'exclude'`, default) or count them as not advanced (`'include'`). */
  readonly open?: OpenDealPolicy
  /** Confidence of the Wilson intervals, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
}

/**
 * One stage of the funnel.
 *
 * @category Pipeline
 */
export interface StageConversionRow {
  readonly stage: string
  /** Deals that reached this stage (its history holds it or a later stage, or it was won). */
  readonly reached: number
  /** Deals that reached the next stage (the last stage: deals won). */
  readonly advanced: number
  /** Deals still open whose furthest stage is this one (undecided here): a count. */
  readonly open: number
  /** Next-step: advanced / (reached − open) (or / reached with `open: 'include'`); cumulative: reached / reached(first). `null` on a zero base. */
  readonly rate: number | null
  /** Lower bound of the Wilson interval of `rate`; `null` on a zero base. */
  readonly lower: number | null
  /** Upper bound of the Wilson interval of `rate`; `null` on a zero base. */
  readonly upper: number | null
  /** The confidence level of `lower` and `upper`. */
  readonly confidence: number
  /**
   * The Wilson interval of `rate` as `{ lower, upper }`; `null` on a zero base.
   *
   * @deprecated Read the flat `lower` and `upper`; `interval` stays for 0.2 (SPEC names it).
   */
  readonly interval: WilsonIntervalResult | null
}

/**
 * The result of {@link stageConversion}: one row per listed stage, in order.
 *
 * @category Pipeline
 */
export type StageConversionResult = StageConversionRow[]

/**
 * The sales funnel: for each stage, how many deals reached it and what share moved on —
 * HubSpot's next-step and cumulative conversion. Skipped stages count as passed (a deal
 * that jumped from Discovery to Negotiation reached Proposal too), a won deal passed every
 * stage, and a deal that moved backwards counts once, at its furthest stage.
 *
 * ```text
 * furthest(o) = last listed stage in o's history (every stage if won)
 * reached(k)  = #{o : furthest(o) ≥ k}
 * advanced(k) = reached(k + 1),  advanced(last) = #won
 * open(k)     = #{o open : furthest(o) = k}
 * next-step:  rate(k) = advanced(k) / (reached(k) − open(k))      (open: 'exclude')
 * cumulative: rate(k) = reached(k) / reached(first)
 * ```
 * Stages in a history that are not listed in `stages` are ignored. `lower`/`upper` are the
 * Wilson interval of the rate (R `prop.test(x, n, correct = FALSE)`).
 *
 * @param opportunities - Deals with their `stageHistory` in time order.
 * @param options - `stages` (required), `mode` (`'next-step'`), `open` (`'exclude'`), `confidence`.
 * @returns One row per listed stage, in order: `{ stage, reached, advanced, open, rate,
 *   lower, upper, confidence, interval }` (`interval` is the deprecated nested form of
 *   `lower`/`upper`). Per owner, segment or month: `groupMetric` with
 *   {@link stageConversionAggregator}.
 * @throws MetricInputError `INVALID_OPTION` (stages, mode, open, confidence), `VALUE_OUT_OF_RANGE`
 *   (status), `END_BEFORE_START` / `INVALID_DATE` (a history out of time order),
 *   `INVALID_RECORD` / `MISSING_VALUE` (a row that is not an opportunity, a history entry
 *   without a string stage, a stageHistory that is not an array).
 * @example
 * ```ts
 * const deal = (status: 'open' | 'won' | 'lost', ...stages: string[]) => ({
 *   id: stages.join(), createdAt: new Date('2026-01-01'), amount: 1, status,
 *   stageHistory: stages.map((stage, day) => ({ stage, enteredAt: new Date(Date.UTC(2026, 0, day + 1)) })),
 * })
 * const funnel = stageConversion(
 *   [deal('won', 'A'), deal('lost', 'A', 'C'), deal('lost', 'A'), deal('open', 'A', 'B')],
 *   { stages: ['A', 'B', 'C'] },
 * )
 * funnel.map((row) => [row.stage, row.reached, row.rate]) // => [['A', 4, 0.75], ['B', 3, 1], ['C', 2, 0.5]]
 * ```
 * @see knowledge.hubspot.com — funnel report types; sightfull.com funnel progression rate.
 * @category Pipeline
 */
export function stageConversion(
  opportunities: readonly Opportunity[],
  options: StageConversionOptions,
): StageConversionResult {
  return guardInput('stageConversion', () => convertStages(opportunities, options))
}

function convertStages(
  list: readonly Opportunity[],
  given: StageConversionOptions,
): StageConversionResult {
  const metric = 'stageConversion'
  const opportunities = requireList(list, metric, 'opportunities')
  const settings = readStageConversionOptions(given, metric)
  const counts = emptyStageCounts(settings.stages.length)
  countStages(counts, opportunities, settings.stageIndex, metric)
  return stageConversionRows(counts, settings)
}

/** The checked options of {@link stageConversion} and its aggregator. Internal. */
export interface StageConversionSettings {
  readonly stages: readonly string[]
  readonly stageIndex: ReadonlyMap<string, number>
  readonly mode: StageConversionMode
  readonly openPolicy: OpenDealPolicy
  readonly confidence: number
  /** The two-sided critical value of `confidence`. */
  readonly z: number
}

/** Reads and checks the options (`INVALID_OPTION` at `['stages']`, `['mode']`, …). Internal. */
export function readStageConversionOptions(
  given: StageConversionOptions,
  metric: string,
): StageConversionSettings {
  const options = readOptions(given, metric)
  const stageIndex = readStages(options.stages, metric)
  const mode = requireOneOf(options.mode ?? 'next-step', STAGE_CONVERSION_MODES, metric, 'mode')
  const openPolicy = requireOneOf(options.open ?? 'exclude', OPEN_DEAL_POLICIES, metric, 'open')
  const z = readCriticalValue(options.confidence, metric)
  return {
    stages: [...options.stages],
    stageIndex,
    mode,
    openPolicy,
    confidence: options.confidence ?? 0.95,
    z,
  }
}

/**
 * Per-stage counts, all additive over deals (so two parts merge by sums): `reached[k]`,
 * `advanced[k]` (reached k + 1; won for the last stage) and `open[k]` (open deals whose
 * furthest stage is k). Internal.
 */
export interface StageCounts {
  readonly reached: number[]
  readonly advanced: number[]
  readonly open: number[]
}

/** Zero counts for `stageCount` stages. Internal. */
export function emptyStageCounts(stageCount: number): StageCounts {
  const zeros = () => new Array<number>(stageCount).fill(0)
  return { reached: zeros(), advanced: zeros(), open: zeros() }
}

/**
 * Adds every deal of `opportunities` to `counts` (mutated) in one pass: one furthest stage
 * per deal, then the running sums from the last stage down. Errors carry the deal's index
 * in `opportunities`. Internal.
 */
export function countStages(
  counts: StageCounts,
  opportunities: ArrayLike<Opportunity>,
  stageIndex: ReadonlyMap<string, number>,
  metric: string,
): void {
  const stageCount = counts.reached.length
  // atFurthest[k] = deals whose furthest stage is k (k = stageCount: won).
  const atFurthest = new Float64Array(stageCount + 1)
  const openAt = new Float64Array(stageCount)
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    const status = requireStatus(opportunity, index, metric)
    const furthest = furthestStage(opportunity, index, stageIndex, metric)
    if (furthest < 0) continue
    atFurthest[furthest] = (atFurthest[furthest] as number) + 1
    if (status === 'open') openAt[furthest] = (openAt[furthest] as number) + 1
  }
  let beyond = atFurthest[stageCount] as number
  for (let stage = stageCount - 1; stage >= 0; stage--) {
    const reachedHere = beyond + (atFurthest[stage] as number)
    counts.reached[stage] = (counts.reached[stage] as number) + reachedHere
    counts.advanced[stage] = (counts.advanced[stage] as number) + beyond
    counts.open[stage] = (counts.open[stage] as number) + (openAt[stage] as number)
    beyond = reachedHere
  }
}

/** The rows of {@link stageConversion} from the per-stage counts. Internal. */
export function stageConversionRows(
  counts: StageCounts,
  settings: StageConversionSettings,
): StageConversionResult {
  const { stages, mode, openPolicy, z, confidence } = settings
  const rows: StageConversionRow[] = []
  const first = counts.reached[0] ?? 0
  for (let position = 0; position < stages.length; position++) {
    const reached = counts.reached[position] as number
    const advanced = counts.advanced[position] as number
    const open = counts.open[position] as number
    const numerator = mode === 'cumulative' ? reached : advanced
    const denominator =
      mode === 'cumulative' ? first : openPolicy === 'exclude' ? reached - open : reached
    const interval = wilsonBounds(numerator, denominator, z)
    rows.push({
      stage: stages[position] as string,
      reached,
      advanced,
      open,
      rate: denominator === 0 ? null : numerator / denominator,
      lower: interval === null ? null : interval.lower,
      upper: interval === null ? null : interval.upper,
      confidence,
      interval,
    })
  }
  return rows
}
