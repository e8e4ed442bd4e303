import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { guardInput, readOptions, requireList, requireRecord } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'

/**
 * One customer's status at both ends of the period.
 *
 * @category Retention
 */
export interface CustomerPresence {
  readonly activeAtStart: boolean
  readonly activeAtEnd: boolean
}

/**
 * The JSON-serialisable state: customer counts.
 *
 * @category Retention
 */
export interface CustomerRetentionAggregatorState {
  readonly customersAtStart: number
  readonly customersAtEnd: number
  readonly newCustomers: number
  readonly churnedCustomers: number
}

/**
 * Counts plus the two rates.
 *
 * @category Retention
 */
export interface CustomerRetentionSummary extends CustomerRetentionAggregatorState {
  /** `customerRetentionRate` of the counts; `null` when there were no customers at the start. */
  readonly retentionRate: number | null
  /** `customerChurnRate` of the counts; `null` likewise. */
  readonly churnRate: number | null
}

const STATE_SHAPE: StateShape = {
  customersAtStart: 'count',
  customersAtEnd: 'count',
  newCustomers: 'count',
  churnedCustomers: 'count',
}

/**
 * The customer-retention aggregator, with `addAll` for adding a batch of rows in one pass.
 *
 * @category Retention
 */
export interface CustomerRetentionAggregator
  extends Aggregator<CustomerRetentionAggregatorState, CustomerPresence, CustomerRetentionSummary> {
  /**
   * A new state with every row of `rows` added, in order: the same counts as folding `add`
   * over them, and the same error for the first bad row (path `[index]`).
   */
  addAll(
    state: CustomerRetentionAggregatorState,
    rows: readonly CustomerPresence[],
  ): CustomerRetentionAggregatorState
}

/**
 * Options of {@link customerRetentionAggregator}: none yet. The factory takes an options
 * object like every aggregator factory, so that options can be added later.
 *
 * @category Retention
 */
export type CustomerRetentionAggregatorOptions = Readonly<Record<never, never>>

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
 * @param options - None yet; `INVALID_OPTION` (path `[]`) unless it is an object or left out.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one row, `addAll` a list of
 * them in one pass (the same counts as folding `add`; `groupMetric` uses it).
 * `merge` and `result` refuse a state this aggregator did not make: foreign, incomplete,
 * a fractional or negative count, or counts that cannot happen together (more churned
 * than at the start).
 *
 * @throws MetricInputError `INVALID_OPTION` (options that are not an object); `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE` for such a state
 *   (path `['a', 'newCustomers']` … in `merge`); `INVALID_RECORD` for a row that is not an
 *   object (path `[index]` in `addAll`); `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is
 *   given no array.
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
 * logos.addAll(logos.initial(), [{ activeAtStart: true, activeAtEnd: false }]).churnedCustomers // => 1
 * ```
 * @see customerRetentionRate, customerChurnRate.
 * @category Retention
 */
export function customerRetentionAggregator(
  options?: CustomerRetentionAggregatorOptions,
): CustomerRetentionAggregator {
  readOptions(options, 'customerRetentionAggregator')
  const metric = 'customerRetentionAggregator'
  const read = (state: unknown, at: MetricInputPath) => {
    const clean = readState<CustomerRetentionAggregatorState>(state, STATE_SHAPE, metric, at)
    const { customersAtStart, customersAtEnd, newCustomers, churnedCustomers } = clean
    const impossible =
      newCustomers > customersAtEnd
        ? 'newCustomers exceeds customersAtEnd'
        : customersAtEnd - newCustomers > customersAtStart
          ? 'customersAtEnd − newCustomers exceeds customersAtStart'
          : churnedCustomers > customersAtStart
            ? 'churnedCustomers exceeds customersAtStart'
            : null
    if (impossible !== null) {
      throw new MetricInputError({
        code: 'INVALID_STATE',
        metric,
        path: at,
        message: `${metric}: state${at.length > 0 ? ` ${at.join('.')}` : ''} has ${impossible}; it is not a state made by this aggregator`,
      })
    }
    return clean
  }
  return {
    initial: () => ({
      customersAtStart: 0,
      customersAtEnd: 0,
      newCustomers: 0,
      churnedCustomers: 0,
    }),
    add(state, row) {
      return guardInput(metric, () => {
        const current = read(state, [])
        requireRecord(row, metric, [], 'row')
        const start = row.activeAtStart === true
        const end = row.activeAtEnd === true
        return {
          customersAtStart: current.customersAtStart + (start ? 1 : 0),
          customersAtEnd: current.customersAtEnd + (end ? 1 : 0),
          newCustomers: current.newCustomers + (!start && end ? 1 : 0),
          churnedCustomers: current.churnedCustomers + (start && !end ? 1 : 0),
        }
      })
    },
    addAll(state, rows) {
      return guardInput(metric, () => {
        const current = read(state, ['state'])
        const list = requireList(rows, metric, 'rows')
        let customersAtStart = current.customersAtStart
        let customersAtEnd = current.customersAtEnd
        let newCustomers = current.newCustomers
        let churnedCustomers = current.churnedCustomers
        for (let index = 0; index < list.length; index++) {
          const row = list[index] as CustomerPresence
          if (typeof row !== 'object' || row === null) {
            requireRecord(row, metric, [index], `row at index ${index}`)
          }
          const start = row.activeAtStart === true
          const end = row.activeAtEnd === true
          if (start) {
            customersAtStart++
            if (end) customersAtEnd++
            else churnedCustomers++
          } else if (end) {
            customersAtEnd++
            newCustomers++
          }
        }
        return { customersAtStart, customersAtEnd, newCustomers, churnedCustomers }
      })
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = read(a, ['a'])
        const right = read(b, ['b'])
        return {
          customersAtStart: left.customersAtStart + right.customersAtStart,
          customersAtEnd: left.customersAtEnd + right.customersAtEnd,
          newCustomers: left.newCustomers + right.newCustomers,
          churnedCustomers: left.churnedCustomers + right.churnedCustomers,
        }
      })
    },
    result(state) {
      return guardInput(metric, () => {
        const clean = read(state, [])
        const start = clean.customersAtStart
        // The formulas of customerRetentionRate and customerChurnRate, on checked counts.
        return {
          ...clean,
          retentionRate: start === 0 ? null : (clean.customersAtEnd - clean.newCustomers) / start,
          churnRate: start === 0 ? null : clean.churnedCustomers / start,
        }
      })
    },
  }
}
