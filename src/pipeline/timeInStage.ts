import { guardInput, readOptions, requireList } from '../core/inputGuards.js'
import { quantileOfSorted } from '../core/quantile.js'
import { requireInstant } from '../core/validate.js'
import { readStages } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { collectStageSpells } from './stageSpells.js'

/**
 * Options of {@link timeInStage}.
 *
 * @category Pipeline
 */
export interface TimeInStageOptions {
  /** Report these stages, in this order (default: every stage seen, alphabetically). */
  readonly stages?: readonly string[]
  /** Counts open deals' current spells as of this instant (reported as `inStageNow`). */
  readonly asOf?: Date
}

/**
 * Time-in-stage statistics of one stage, in days.
 *
 * @category Pipeline
 */
export interface TimeInStageRow {
  readonly stage: string
  /** Finished spells (entered, then left for another stage or closed). */
  readonly spells: number
  readonly meanDays: number | null
  readonly medianDays: number | null
  /** 90th percentile (linear, R type 7). */
  readonly p90Days: number | null
  /** Open deals in this stage at `asOf` (0 without `asOf`). */
  readonly inStageNow: number
}

/**
 * How long deals spend in each stage — where the pipeline is slow. A spell runs from
 * entering a stage to entering the next one (or closing); a deal that goes back and
 * re-enters a stage has two spells. Spells still running are not finished durations and are
 * left out of the statistics (counted in `inStageNow`).
 *
 * ```text
 * spell = next stage's enteredAt (or closedAt) − enteredAt, in days
 * per stage: count, mean, median, p90 of finished spells
 * ```
 *
 * @param opportunities - Deals with their `stageHistory` in time order.
 * @param options - `stages` (order and selection), `asOf`.
 * @returns One row per stage; statistics `null` for a stage without finished spells.
 * @throws MetricInputError `INVALID_DATE`, `END_BEFORE_START` (history out of order or after
 *   closedAt), `VALUE_OUT_OF_RANGE` (status), `INVALID_OPTION` (stages not a list of
 *   distinct names), `INVALID_RECORD` / `MISSING_VALUE` (a row that is not an opportunity).
 * @example
 * ```ts
 * const day = (d: number) => new Date(Date.UTC(2026, 0, d))
 * const rows = timeInStage([
 *   { id: '1', createdAt: day(1), amount: 1, status: 'won', closedAt: day(11),
 *     stageHistory: [{ stage: 'Demo', enteredAt: day(1) }, { stage: 'Proposal', enteredAt: day(5) }] },
 * ])
 * rows.map((row) => [row.stage, row.meanDays]) // => [['Demo', 4], ['Proposal', 6]]
 * ```
 * @see Twiddio/Recon-CRM#68 (time-in-stage and bottlenecks); docs/metric-definitions.md §3.
 * @category Pipeline
 */
export function timeInStage(
  opportunities: readonly Opportunity[],
  options?: TimeInStageOptions,
): TimeInStageRow[] {
  return guardInput('timeInStage', () => summariseTimeInStage(opportunities, options))
}

function summariseTimeInStage(
  list: readonly Opportunity[],
  given: TimeInStageOptions | undefined,
): TimeInStageRow[] {
  const metric = 'timeInStage'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  if (options.stages !== undefined) readStages(options.stages, metric)
  const asOf =
    options.asOf === undefined
      ? null
      : requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const { finished, current } = collectStageSpells(opportunities, asOf, metric)
  const nowCount = new Map<string, number>()
  for (const { stage } of current.values()) nowCount.set(stage, (nowCount.get(stage) ?? 0) + 1)
  const names = options.stages ?? [...new Set([...finished.keys(), ...nowCount.keys()])].sort()
  return names.map((stage) => {
    const spells = Float64Array.from(finished.get(stage) ?? []).sort()
    let total = 0
    for (const days of spells) total += days
    return {
      stage,
      spells: spells.length,
      meanDays: spells.length === 0 ? null : total / spells.length,
      medianDays: quantileOfSorted(spells, 0.5, 'linear'),
      p90Days: quantileOfSorted(spells, 0.9, 'linear'),
      inStageNow: nowCount.get(stage) ?? 0,
    }
  })
}
