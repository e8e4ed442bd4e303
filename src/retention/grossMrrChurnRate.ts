import { guardInput } from '../core/inputGuards.js'
import type { RevenueMovementTotals } from './RevenueMovementTotals.js'
import { ratio, readStartAndLosses, requireInput } from './retentionKernel.js'

/**
 * Gross MRR churn rate (ChartMogul "Standard"): recurring revenue lost to churn and
 * contraction as a share of the starting MRR. Equals 1 − GRR.
 *
 * ```text
 * gross MRR churn = (churn + contraction) / S
 * ```
 *
 * @param input - `{ startingRevenue, contraction, churn, … }` (expansion and reactivation
 *   are ignored), money ≥ 0.
 * @returns A fraction in [0, 1]; `null` when `startingRevenue` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`, `MISSING_VALUE`;
 *   `VALUE_OUT_OF_RANGE` when the losses exceed the starting revenue.
 *   `VALUE_OUT_OF_RANGE` also for an amount or ratio no finite number holds (`'1e400'` on a
 *   start of 1); `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * grossMrrChurnRate({ startingRevenue: 10000, expansion: 1500, contraction: 300, churn: 700 }) // => 0.1
 * ```
 * @see help.chartmogul.com/hc/en-us/articles/203359341-Metric-MRR-Churn-Rate.
 * @category Retention
 */
export function grossMrrChurnRate(
  input: Pick<RevenueMovementTotals, 'startingRevenue' | 'contraction' | 'churn'> &
    Partial<RevenueMovementTotals>,
): number | null {
  return guardInput('grossMrrChurnRate', () => computeGrossMrrChurnRate(input))
}

function computeGrossMrrChurnRate(
  input: Pick<RevenueMovementTotals, 'startingRevenue' | 'contraction' | 'churn'> &
    Partial<RevenueMovementTotals>,
): number | null {
  const metric = 'grossMrrChurnRate'
  requireInput(input, metric)
  const { start, lost } = readStartAndLosses(input, metric)
  return ratio(lost, start, metric)
}
