import { guardInput } from '../core/inputGuards.js'
import { impossible, readCount, requireInput } from './retentionKernel.js'

/**
 * Input of {@link customerChurnRate}.
 *
 * @category Retention
 */
export interface CustomerChurnRateInput {
  /** Customers at the start of the period. */
  readonly customersAtStart: number
  /** Of those, how many were lost during the period. */
  readonly churnedCustomers: number
}

/**
 * Customer (logo) churn rate: the share of the customers at the start of a period who were
 * lost during it (ChartMogul "Standard" customer churn).
 *
 * ```text
 * churn = churned / S
 * ```
 * Customers acquired during the period are not in the base, so one who joins and leaves
 * within it is not counted. For high-volume monthly plans ChartMogul also offers a per-day
 * ("Shopify") variant; this is the period form.
 *
 * @param input - `{ customersAtStart, churnedCustomers }`, counts ≥ 0.
 * @returns A fraction in [0, 1]; `null` when `customersAtStart` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE`; `VALUE_OUT_OF_RANGE` when more
 *   customers churned than there were.
 *   `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * customerChurnRate({ customersAtStart: 200, churnedCustomers: 12 }) // => 0.06
 * ```
 * @see help.chartmogul.com — "Churn rate formulas" (Standard).
 * @category Retention
 */
export function customerChurnRate(input: CustomerChurnRateInput): number | null {
  return guardInput('customerChurnRate', () => computeCustomerChurnRate(input))
}

function computeCustomerChurnRate(input: CustomerChurnRateInput): number | null {
  const metric = 'customerChurnRate'
  requireInput(input, metric)
  const start = readCount(input, 'customersAtStart', metric)
  const churned = readCount(input, 'churnedCustomers', metric)
  if (churned > start) {
    throw impossible(
      metric,
      'churnedCustomers',
      churned,
      `it cannot exceed customersAtStart (${start})`,
    )
  }
  return start === 0 ? null : churned / start
}
