import { guardInput, readCriticalValue, readOptions, requireList } from '../core/inputGuards.js'
import { requireOneOf } from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import { furthestStage, readStages, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

/**
 * The conversion views of {@link stageConversion}.
 *
 * @category Pipeline
 */
export const STAGE_CONVERSION_MODES = ['next-step', 'cumulative'] as const
/**
 * How open deals enter the next-step rate.
 *
 * @category Pipeline
 */
export const OPEN_DEAL_POLICIES = ['exclude', 'include'] as const

/**
 * Options of {@link stageConversion}.
 *
 * @category Pipeline
 */
export interface StageConversionOptions {
  /** The pipeline's stages in order, e.g. `['Discovery', 'Proposal', 'Negotiation']`. */
  readonly stages: readonly string[]
  /** `'next-step'` (default): stage k → k + 1 (won for the last); `'cumulative'`: first → k. */
  readonly mode?: (typeof STAGE_CONVERSION_MODES)[number]
  /** Next-step mode: leave deals still open at their furthest stage out of that stage's decision (default) or count them as not advanced. */
  readonly open?: (typeof OPEN_DEAL_POLICIES)[number]
  /** Confidence of the Wilson intervals; default 0.95. */
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
  /** Deals still open whose furthest stage is this one (undecided here). */
  readonly open: number
  /** Next-step: advanced / (reached − open) (or / reached with `open: 'include'`); cumulative: reached / reached(first). `null` on a zero base. */
  readonly rate: number | null
  /** Wilson interval of `rate`; `null` on a zero base. */
  readonly interval: WilsonIntervalResult | null
}

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
 * Stages in a history that are not listed in `stages` are ignored.
 *
 * @param opportunities - Deals with their `stageHistory` in time order.
 * @param options - `stages` (required), `mode` (`'next-step'`), `open` (`'exclude'`), `confidence`.
 * @returns One row per listed stage, in order.
 * @throws MetricInputError `INVALID_OPTION` (stages, mode, open), `VALUE_OUT_OF_RANGE`
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
): StageConversionRow[] {
  return guardInput('stageConversion', () => convertStages(opportunities, options))
}

function convertStages(
  list: readonly Opportunity[],
  given: StageConversionOptions,
): StageConversionRow[] {
  const metric = 'stageConversion'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const stageIndex = readStages(options.stages, metric)
  const mode = requireOneOf(options.mode ?? 'next-step', STAGE_CONVERSION_MODES, metric, 'mode')
  const openPolicy = requireOneOf(options.open ?? 'exclude', OPEN_DEAL_POLICIES, metric, 'open')
  const z = readCriticalValue(options.confidence, metric)
  const stageCount = options.stages.length
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
  const reached = new Float64Array(stageCount + 2)
  for (let stage = stageCount; stage >= 0; stage--) {
    reached[stage] = (reached[stage + 1] as number) + (atFurthest[stage] as number)
  }
  return options.stages.map((stage, position) => {
    const reachedHere = reached[position] as number
    const advanced = reached[position + 1] as number
    const open = openAt[position] as number
    const [numerator, denominator] =
      mode === 'cumulative'
        ? [reachedHere, reached[0] as number]
        : [advanced, openPolicy === 'exclude' ? reachedHere - open : reachedHere]
    return {
      stage,
      reached: reachedHere,
      advanced,
      open,
      rate: denominator === 0 ? null : numerator / denominator,
      interval: wilsonBounds(numerator, denominator, z),
    }
  })
}
