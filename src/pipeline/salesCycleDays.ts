import { guardInput, readOptions, requireList } from '../core/inputGuards.js'
import { quantileOfSorted } from '../core/quantile.js'
import {
  requireInstant,
  requireOneOf,
  SUMMARY_STATISTICS,
  type SummaryStatistic,
} from '../core/validate.js'
import { requireClosedAt, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

const DAY_MILLISECONDS = 86_400_000

/**
 * Which deals {@link salesCycleDays} measures: `'won'` only, or every `'closed'` one.
 *
 * @example
 * ```ts
 * SALES_CYCLE_OUTCOMES // => ['won', 'closed']
 * ```
 * @category Pipeline
 */
export const SALES_CYCLE_OUTCOMES = ['won', 'closed'] as const
/**
 * One of {@link SALES_CYCLE_OUTCOMES}.
 *
 * @category Pipeline
 */
export type SalesCycleOutcome = (typeof SALES_CYCLE_OUTCOMES)[number]

/**
 * Options of {@link salesCycleDays}.
 *
 * @category Pipeline
 */
export interface SalesCycleDaysOptions {
  /** `'won'` (default): won deals only; `'closed'`: won and lost. */
  readonly outcome?: SalesCycleOutcome
  /** `'mean'` (default) or `'median'` (one of {@link SUMMARY_STATISTICS}). */
  readonly statistic?: SummaryStatistic
}

/**
 * Sales cycle length: the mean (or median) time from opportunity creation to close, in
 * exact fractional days — no inclusive/exclusive day-count ambiguity (1 December 09:00 to
 * 3 December 21:00 is 2.5 days).
 *
 * ```text
 * cycle = (closedAt − createdAt) / 86 400 000 ms      over won (or won + lost) deals
 * ```
 *
 * @param opportunities - Deals; closed ones need a valid `closedAt` not before `createdAt`.
 * @param options - `outcome` (`'won'`), `statistic` (`'mean'`).
 * @returns Days as a number; `null` when no deal qualifies.
 * @throws MetricInputError `MISSING_VALUE` (closedAt), `INVALID_DATE`, `END_BEFORE_START`,
 *   `VALUE_OUT_OF_RANGE` (status; not an array), `INVALID_OPTION`, `INVALID_RECORD` (a row
 *   that is not an object).
 * @example
 * ```ts
 * const deal = (status: 'won' | 'lost', days: number) =>
 *   ({ id: String(days), createdAt: new Date('2026-01-01T00:00:00Z'), closedAt: new Date(Date.UTC(2026, 0, 1) + days * 86_400_000), amount: 1, status, stageHistory: [] })
 * salesCycleDays([deal('won', 10), deal('won', 20.5), deal('lost', 3)]) // => 15.25
 * salesCycleDays([deal('won', 10), deal('won', 20.5), deal('lost', 3)], { outcome: 'closed', statistic: 'median' }) // => 10
 * ```
 * @see fivetran/dbt_salesforce `avg(days_to_close)`; docs/metric-definitions.md §3.5.
 * @category Pipeline
 */
export function salesCycleDays(
  opportunities: readonly Opportunity[],
  options?: SalesCycleDaysOptions,
): number | null {
  return guardInput('salesCycleDays', () => computeSalesCycleDays(opportunities, options))
}

function computeSalesCycleDays(
  list: readonly Opportunity[],
  given: SalesCycleDaysOptions | undefined,
): number | null {
  const metric = 'salesCycleDays'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const outcome = requireOneOf(options.outcome ?? 'won', SALES_CYCLE_OUTCOMES, metric, 'outcome')
  const statistic = requireOneOf(
    options.statistic ?? 'mean',
    SUMMARY_STATISTICS,
    metric,
    'statistic',
  )
  const days: number[] = []
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    const status = requireStatus(opportunity, index, metric)
    if (status === 'open' || (status === 'lost' && outcome === 'won')) continue
    const closed = requireClosedAt(opportunity, index, metric)
    const created = requireInstant(
      opportunity.createdAt,
      metric,
      [index, 'createdAt'],
      `createdAt at index ${index}`,
    )
    days.push((closed - created) / DAY_MILLISECONDS)
  }
  if (days.length === 0) return null
  if (statistic === 'median') return quantileOfSorted(Float64Array.from(days).sort(), 0.5, 'linear')
  let total = 0
  for (const value of days) total += value
  return total / days.length
}
