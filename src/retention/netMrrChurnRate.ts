import { guardInput } from '../core/inputGuards.js'
import type { RevenueMovementTotals } from './RevenueMovementTotals.js'
import { ratio, readAmount, readStartAndLosses, requireInput } from './retentionKernel.js'

/**
 * Net MRR churn rate (ChartMogul "Standard"): revenue lost to churn and contraction, less
 * revenue regained by expansion and reactivation, as a share of the starting MRR. Negative
 * ("net negative churn") when existing customers grow more than they leave; equals 1 − NRR.
 *
 * ```text
 * net MRR churn = (churn + contraction − expansion − reactivation) / S
 * ```
 *
 * @param input - `{ startingRevenue, expansion, contraction, churn, reactivation? }`, money ≥ 0.
 * @returns A fraction ≤ 1, possibly negative; `null` when `startingRevenue` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`, `MISSING_VALUE`;
 *   `VALUE_OUT_OF_RANGE` when the losses exceed the starting revenue.
 *   `VALUE_OUT_OF_RANGE` also for an amount or ratio no finite number holds (`'1e400'` on a
 *   start of 1); `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * netMrrChurnRate({ startingRevenue: 10000, expansion: 1500, contraction: 300, churn: 700 }) // => -0.05
 * ```
 * @see help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate.
 * @category Retention
 */
export function netMrrChurnRate(input: RevenueMovementTotals): number | null {
  return guardInput('netMrrChurnRate', () => computeNetMrrChurnRate(input))
}

function computeNetMrrChurnRate(input: RevenueMovementTotals): number | null {
  const metric = 'netMrrChurnRate'
  requireInput(input, metric)
  const { start, lost } = readStartAndLosses(input, metric)
  const regained = readAmount(input, 'expansion', metric).plus(
    readAmount(input, 'reactivation', metric, 0),
  )
  return ratio(lost.minus(regained), start, metric)
}
