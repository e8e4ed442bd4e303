import { guardInput } from '../core/inputGuards.js'
import type { RevenueMovementTotals } from './RevenueMovementTotals.js'
import { ratio, readAmount, readStartAndLosses, requireInput } from './retentionKernel.js'

/**
 * Net revenue retention (NRR, also NDR): starting recurring revenue plus expansion and
 * reactivation, less contraction and churn, as a share of the start — above 100 % when
 * existing customers grow faster than they leave.
 *
 * ```text
 * NRR = (S + expansion + reactivation − contraction − churn) / S
 * ```
 * New customers are excluded. Reactivation defaults to 0; set it to 0 explicitly to follow
 * peers that leave returning customers out. Exact decimals, returned as a number.
 *
 * @param input - `{ startingRevenue, expansion, contraction, churn, reactivation? }`, money ≥ 0.
 * @returns A fraction ≥ 0 (1.08 = 108 %); `null` when `startingRevenue` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`, `MISSING_VALUE`;
 *   `VALUE_OUT_OF_RANGE` when contraction + churn exceed the starting revenue.
 *   `VALUE_OUT_OF_RANGE` also for an amount or ratio no finite number holds (`'1e400'` on a
 *   start of 1); `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * netRevenueRetention({ startingRevenue: 10000, expansion: 1500, contraction: 300, churn: 700 }) // => 1.05
 * ```
 * @see ChartMogul "Net MRR Churn Rate" (Standard); pulserevops.com/sales-trainings/q97.
 * @category Retention
 */
export function netRevenueRetention(input: RevenueMovementTotals): number | null {
  return guardInput('netRevenueRetention', () => computeNetRevenueRetention(input))
}

function computeNetRevenueRetention(input: RevenueMovementTotals): number | null {
  const metric = 'netRevenueRetention'
  requireInput(input, metric)
  const { start, lost } = readStartAndLosses(input, metric)
  const gained = readAmount(input, 'expansion', metric).plus(
    readAmount(input, 'reactivation', metric, 0),
  )
  return ratio(start.plus(gained).minus(lost), start, metric)
}
