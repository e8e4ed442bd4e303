import type { Aggregator } from '../core/Aggregator.js'
import { requireNonNegative } from '../core/validate.js'
import { customerChurnRate } from './customerChurnRate.js'
import { customerRetentionRate } from './customerRetentionRate.js'

/** One customer's status at both ends of the period. */
export interface CustomerPresence {
  readonly activeAtStart: boolean
  readonly activeAtEnd: boolean
}

/** The JSON-serialisable state: customer counts. */
export interface CustomerRetentionAggregatorState {
  readonly customersAtStart: number
  readonly customersAtEnd: number
  readonly newCustomers: number
  readonly churnedCustomers: number
}

/** Counts plus the two rates. */
export interface CustomerRetentionSummary extends CustomerRetentionAggregatorState {
  /** `customerRetentionRate` of the counts; `null` when there were no customers at the start. */
  readonly retentionRate: number | null
  /** `customerChurnRate` of the counts; `null` likewise. */
  readonly churnRate: number | null
}

/**
 * Mergeable customer (logo) retention: add one row per customer — active at the start,
 * active at the end — merge parts in any order, and get the counts and exactly the rates
 * of `customerRetentionRate` and `customerChurnRate`.
 *
 * ```text
 * start ∧ end → retained;  start ∧ ¬end → churned;  ¬start ∧ end → new
 * retention = (E − N) / S,  churn = churned / S
 * ```
 *
 * @returns `{ initial, add, merge, result }`.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` for a corrupted state.
 * @example
 * ```ts
 * const logos = customerRetentionAggregator()
 * let state = logos.initial()
 * for (const row of [
 *   { activeAtStart: true, activeAtEnd: true },
 *   { activeAtStart: true, activeAtEnd: false },
 *   { activeAtStart: false, activeAtEnd: true },
 * ]) state = logos.add(state, row)
 * logos.result(state).retentionRate // => 0.5
 * ```
 * @see customerRetentionRate, customerChurnRate.
 */
export function customerRetentionAggregator(): Aggregator<
  CustomerRetentionAggregatorState,
  CustomerPresence,
  CustomerRetentionSummary
> {
  const metric = 'customerRetentionAggregator'
  const check = (state: CustomerRetentionAggregatorState) => {
    for (const field of [
      'customersAtStart',
      'customersAtEnd',
      'newCustomers',
      'churnedCustomers',
    ] as const) {
      requireNonNegative(state[field], metric, [field], field)
    }
    return state
  }
  return {
    initial: () => ({
      customersAtStart: 0,
      customersAtEnd: 0,
      newCustomers: 0,
      churnedCustomers: 0,
    }),
    add(state, row) {
      const start = row.activeAtStart === true
      const end = row.activeAtEnd === true
      return {
        customersAtStart: state.customersAtStart + (start ? 1 : 0),
        customersAtEnd: state.customersAtEnd + (end ? 1 : 0),
        newCustomers: state.newCustomers + (!start && end ? 1 : 0),
        churnedCustomers: state.churnedCustomers + (start && !end ? 1 : 0),
      }
    },
    merge(a, b) {
      check(a)
      check(b)
      return {
        customersAtStart: a.customersAtStart + b.customersAtStart,
        customersAtEnd: a.customersAtEnd + b.customersAtEnd,
        newCustomers: a.newCustomers + b.newCustomers,
        churnedCustomers: a.churnedCustomers + b.churnedCustomers,
      }
    },
    result(state) {
      check(state)
      return {
        ...state,
        retentionRate: customerRetentionRate(state),
        churnRate: customerChurnRate(state),
      }
    },
  }
}
