import type { Decimal } from 'decimal.js'
import { finiteMoney, guardInput, requireRecord } from '../core/inputGuards.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'
import { requireNonNegative } from '../core/validate.js'
import { requireRate } from '../records/fieldChecks.js'

/**
 * Input of {@link salesVelocity}.
 *
 * @category Pipeline
 */
export interface SalesVelocityInput {
  /** Number of qualified opportunities in the pipeline. */
  readonly opportunities: number
  /** Average deal value (money). */
  readonly averageDealSize: MoneyInput
  /** Win rate as a fraction; `null` (from `winRate`) gives `null`. */
  readonly winRate: number | null
  /** Average sales cycle in days; `null` (from `salesCycleDays`) or 0 gives `null`. */
  readonly salesCycleDays: number | null
}

/**
 * Sales velocity: how much revenue the pipeline produces per day — the four levers of a
 * sales team (more deals, bigger deals, higher win rate, shorter cycles) in one number.
 *
 * ```text
 * velocity = opportunities × averageDealSize × winRate / salesCycleDays     (money per day)
 * ```
 * Divides by the cycle (a formula that multiplies by it is a known misprint). Exact
 * decimals: the rate and the cycle are read as their shortest decimals.
 *
 * @param input - `{ opportunities, averageDealSize, winRate, salesCycleDays }`.
 * @returns Money per day as a `Decimal`; `null` when the win rate or the cycle is `null`,
 *   or the cycle is 0.
 * @throws MetricInputError `NEGATIVE_VALUE` / `NOT_FINITE` (path the field),
 *   `RATE_OUT_OF_RANGE` (winRate: not a number in 0..1 — `true` included), `INVALID_RECORD`
 *   (input not an object), `VALUE_OUT_OF_RANGE` (a velocity too large for exact decimals).
 * @example
 * ```ts
 * salesVelocity({ opportunities: 50, averageDealSize: 20000, winRate: 0.25, salesCycleDays: 50 })?.toString() // => '5000'
 * ```
 * @see storylane.io/feeds/blog/sales-velocity; mavenlb.com/blog/sales-velocity-formula.
 * @category Pipeline
 */
export function salesVelocity(input: SalesVelocityInput): Decimal | null {
  return guardInput('salesVelocity', () => computeSalesVelocity(input))
}

function computeSalesVelocity(input: SalesVelocityInput): Decimal | null {
  const metric = 'salesVelocity'
  requireRecord(input, metric, [], 'input')
  const count = requireNonNegative(input.opportunities, metric, ['opportunities'], 'opportunities')
  const dealSize = toMoneyDecimal(
    input.averageDealSize,
    { metric, allowNegative: false },
    'averageDealSize',
  )
  if (input.winRate === null || input.salesCycleDays === null) return null
  const rate = requireRate(input.winRate, metric, ['winRate'], 'winRate')
  const cycle = requireNonNegative(
    input.salesCycleDays,
    metric,
    ['salesCycleDays'],
    'salesCycleDays',
  )
  if (cycle === 0) return null
  const velocity = dealSize
    .times(new MoneyDecimal(String(count)))
    .times(new MoneyDecimal(String(rate)))
    .div(new MoneyDecimal(String(cycle)))
  return finiteMoney(velocity, metric, 'the velocity')
}
