import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, readOptions } from '../core/validate.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent, CxDirection } from './CxComponent.js'
import { component, numberOrNull, proportionError } from './componentKernel.js'

/**
 * Options of {@link retentionComponent}.
 *
 * @category CX score
 */
export interface RetentionComponentOptions extends ComponentOptions {
  /** Scale of the rate; default [0, 1]. NRR can exceed 1: e.g. `[0.5, 1.5]`. */
  readonly range?: readonly [number, number]
  /** Default `'higher-is-better'`; a churn rate is `'lower-is-better'`. */
  readonly direction?: CxDirection
  /**
   * The customers (logos) the rate is a share of — customers at the start of the period —
   * for a logo rate's binomial standard error √(rate (1 − rate) / customers). Leave out for
   * a revenue rate (GRR, NRR), which has no such error.
   */
  readonly customers?: number
}

/**
 * A retention (or churn) rate as a component: range 0..1 unless given, direction explicit.
 * A logo rate given its `customers` gets the binomial standard error
 * √(rate (1 − rate) / customers); a revenue rate has none unless you pass `standardError`.
 *
 * @param rate - A fraction, e.g. `customerRetentionRate(…)` or `grossRevenueRetention(…)`,
 *   or `null`.
 * @param options - `name` (`'Retention'`), `weight`, `range`, `direction`, `customers`,
 *   `standardError`.
 * @returns A `CxComponent`.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (path `['customers']`) for a count that is
 *   not a whole number ≥ 0, or with a rate outside [0, 1].
 * @example
 * ```ts
 * // 100 customers at the start, 95 at the end of which 5 new → retention 0.9 → the score.
 * const rate = customerRetentionRate({ customersAtStart: 100, customersAtEnd: 95, newCustomers: 5 })
 * const retention = retentionComponent(rate, { customers: 100 })
 * retention.standardError // => 0.03
 * cxScore([retention]).score // => 90
 * // A churn rate of 4 % on a 0–20 % scale, lower is better: 1 − 0.04 / 0.2 = 0.8 → 80.
 * cxScore([retentionComponent(0.04, { name: 'Logo churn', direction: 'lower-is-better', range: [0, 0.2] })]).score // => 80
 * ```
 * @category CX score
 */
export function retentionComponent(
  rate: number | null,
  options: RetentionComponentOptions = {},
): CxComponent {
  try {
    const metric = 'retentionComponent'
    options = readOptions(options, metric)
    const value = numberOrNull(rate, metric, ['rate'])
    const customers = options.customers
    let standardError: number | null = null
    if (customers !== undefined) {
      const valid =
        typeof customers === 'number' &&
        Number.isSafeInteger(customers) &&
        customers >= 0 &&
        (rate === null || (typeof rate === 'number' && rate >= 0 && rate <= 1))
      if (!valid) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: ['customers'],
          message: `${metric}: customers is ${describeValue(customers)} with a rate of ${describeValue(rate)}; a logo count must be a whole number ≥ 0 and its rate a fraction from 0 to 1`,
        })
      }
      if (value !== null) standardError = proportionError(value * customers, customers)
    }
    return component(metric, options, {
      name: 'Retention',
      value,
      range: options.range ?? [0, 1],
      direction: options.direction ?? 'higher-is-better',
      standardError,
    })
  } catch (error) {
    throw asMetricInputError(error, 'retentionComponent')
  }
}
