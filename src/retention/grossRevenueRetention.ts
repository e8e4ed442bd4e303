import { guardInput } from '../core/inputGuards.js'
import type { RevenueMovementTotals } from './RevenueMovementTotals.js'
import { ratio, readStartAndLosses, requireInput } from './retentionKernel.js'

/**
 * Input of {@link grossRevenueRetention}: expansion is not needed.
 *
 * @category Retention
 */
export type GrossRevenueRetentionInput = Pick<
  RevenueMovementTotals,
  'startingRevenue' | 'contraction' | 'churn'
>

/**
 * Gross revenue retention (GRR): the share of starting recurring revenue kept, counting
 * losses only — expansion cannot lift it, so it never exceeds 100 %.
 *
 * ```text
 * GRR = (S − contraction − churn) / S
 * ```
 * New customers are excluded. Computed in exact decimals, returned as a number.
 *
 * @param input - `{ startingRevenue, contraction, churn }`, money ≥ 0.
 * @returns A fraction in [0, 1]; `null` when `startingRevenue` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`, `MISSING_VALUE` (path the field);
 *   `VALUE_OUT_OF_RANGE` when contraction + churn exceed the starting revenue.
 *   `VALUE_OUT_OF_RANGE` also for an amount or ratio no finite number holds (`'1e400'` on a
 *   start of 1); `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * grossRevenueRetention({ startingRevenue: 10000, contraction: 300, churn: 700 }) // => 0.9
 * ```
 * @see pulserevops.com/sales-trainings/q97; orm-tech.com gross revenue retention formula.
 * @category Retention
 */
export function grossRevenueRetention(input: GrossRevenueRetentionInput): number | null {
  return guardInput('grossRevenueRetention', () => computeGrossRevenueRetention(input))
}

function computeGrossRevenueRetention(input: GrossRevenueRetentionInput): number | null {
  const metric = 'grossRevenueRetention'
  requireInput(input, metric)
  const { start, lost } = readStartAndLosses(input, metric)
  return ratio(start.minus(lost), start, metric)
}
