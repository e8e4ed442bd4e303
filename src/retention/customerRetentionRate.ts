import { guardInput } from '../core/inputGuards.js'
import { impossible, readCount, requireInput } from './retentionKernel.js'

/**
 * Input of {@link customerRetentionRate}: customer (logo) counts of one period.
 *
 * @category Retention
 */
export interface CustomerRetentionRateInput {
  /** Customers at the start of the period (S). */
  readonly customersAtStart: number
  /** Customers at the end of the period (E), new ones included. */
  readonly customersAtEnd: number
  /** Customers acquired during the period and still customers at its end (N). */
  readonly newCustomers: number
}

/**
 * Customer (logo) retention rate: the share of the customers you had at the start of a
 * period that you still have at its end — new customers do not count.
 *
 * ```text
 * CRR = (E − N) / S
 * ```
 * Customers acquired and lost within the period are in neither E nor N. CRR is not always
 * 1 − churn rate: reactivated customers count in E (as in the usual definition), not in
 * churn. Aggregates over periods by chaining, not averaging.
 *
 * @param input - `{ customersAtStart, customersAtEnd, newCustomers }`, counts ≥ 0.
 * @returns A fraction in [0, 1]; `null` when `customersAtStart` is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` (path the field);
 *   `VALUE_OUT_OF_RANGE` when N > E or E − N > S.
 *   `INVALID_RECORD` when the input is not an object.
 * @example
 * ```ts
 * customerRetentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 }) // => 0.9
 * ```
 * @see exprimere.net/en/faq-items/retention-rate ((E − N) / S × 100).
 * @category Retention
 */
export function customerRetentionRate(input: CustomerRetentionRateInput): number | null {
  return guardInput('customerRetentionRate', () => computeCustomerRetentionRate(input))
}

function computeCustomerRetentionRate(input: CustomerRetentionRateInput): number | null {
  const metric = 'customerRetentionRate'
  requireInput(input, metric)
  const start = readCount(input, 'customersAtStart', metric)
  const end = readCount(input, 'customersAtEnd', metric)
  const added = readCount(input, 'newCustomers', metric)
  if (added > end)
    throw impossible(metric, 'newCustomers', added, `it cannot exceed customersAtEnd (${end})`)
  if (end - added > start) {
    throw impossible(
      metric,
      'customersAtEnd',
      end,
      `customersAtEnd − newCustomers cannot exceed customersAtStart (${start})`,
    )
  }
  return start === 0 ? null : (end - added) / start
}
