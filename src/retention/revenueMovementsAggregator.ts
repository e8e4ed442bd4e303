import type { Aggregator } from '../core/Aggregator.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import { type MoneyContext, toMoneyDecimal } from '../core/moneySum.js'
import {
  classifyMovement,
  REVENUE_MOVEMENTS,
  type RevenueMovement,
  type RevenueMovementsSummary,
} from './revenueMovements.js'

/** One account's revenue at both ends of the period — the input row of the aggregator. */
export interface AccountRevenueChange {
  readonly startAmount: MoneyInput
  readonly endAmount: MoneyInput
  /** Whether the account paid in some earlier period (reactivation vs new); default false. */
  readonly paidBefore?: boolean
}

/** The JSON-serialisable state: exact totals as decimal strings, and counts. */
export interface RevenueMovementsAggregatorState {
  readonly startingRevenue: string
  readonly endingRevenue: string
  readonly totals: Readonly<Record<RevenueMovement, string>>
  readonly counts: Readonly<Record<RevenueMovement, number>>
  readonly startingCustomers: number
  readonly endingCustomers: number
}

/**
 * Mergeable revenue movements: add one row per account (each account's start and end
 * revenue in one part — partition by account), merge parts in any order, and get exactly
 * the totals of `revenueMovements`, ready for `netRevenueRetention` and friends.
 *
 * ```text
 * state = exact decimal totals per movement + counts;  merge = sums
 * ```
 *
 * @returns `{ initial, add, merge, result }`.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` from `add` (path `['startAmount']`
 *   or `['endAmount']`) and from a corrupted state.
 * @example
 * ```ts
 * const moves = revenueMovementsAggregator()
 * const a = moves.add(moves.initial(), { startAmount: 100, endAmount: 120 })
 * const b = moves.add(moves.initial(), { startAmount: 50, endAmount: 0 })
 * netRevenueRetention(moves.result(moves.merge(a, b))) // => 0.8
 * ```
 * @see revenueMovements.
 */
export function revenueMovementsAggregator(): Aggregator<
  RevenueMovementsAggregatorState,
  AccountRevenueChange,
  RevenueMovementsSummary
> {
  const metric = 'revenueMovementsAggregator'
  const context: MoneyContext = { metric, allowNegative: false }
  const read = (value: MoneyInput, key: string) => toMoneyDecimal(value, context, key)
  const zeroTotals = () =>
    Object.fromEntries(REVENUE_MOVEMENTS.map((movement) => [movement, '0'])) as Record<
      RevenueMovement,
      string
    >
  const zeroCounts = () =>
    Object.fromEntries(REVENUE_MOVEMENTS.map((movement) => [movement, 0])) as Record<
      RevenueMovement,
      number
    >
  return {
    initial: () => ({
      startingRevenue: '0',
      endingRevenue: '0',
      totals: zeroTotals(),
      counts: zeroCounts(),
      startingCustomers: 0,
      endingCustomers: 0,
    }),
    add(state, row) {
      const startAmount = read(row.startAmount, 'startAmount')
      const endAmount = read(row.endAmount, 'endAmount')
      const movement = classifyMovement(startAmount, endAmount, row.paidBefore === true)
      if (movement === null) return state
      const paidAtStart = startAmount.gt(0)
      const paidAtEnd = endAmount.gt(0)
      return {
        startingRevenue: startAmount
          .plus(read(state.startingRevenue, 'startingRevenue'))
          .toString(),
        endingRevenue: endAmount.plus(read(state.endingRevenue, 'endingRevenue')).toString(),
        totals: {
          ...state.totals,
          [movement]: endAmount
            .minus(startAmount)
            .abs()
            .plus(read(state.totals[movement], movement))
            .toString(),
        },
        counts: { ...state.counts, [movement]: state.counts[movement] + 1 },
        startingCustomers: state.startingCustomers + (paidAtStart ? 1 : 0),
        endingCustomers: state.endingCustomers + (paidAtEnd ? 1 : 0),
      }
    },
    merge(a, b) {
      const plus = (x: string, y: string, key: string) => read(x, key).plus(read(y, key)).toString()
      const totals = zeroTotals()
      const counts = zeroCounts()
      for (const movement of REVENUE_MOVEMENTS) {
        totals[movement] = plus(a.totals[movement], b.totals[movement], movement)
        counts[movement] = a.counts[movement] + b.counts[movement]
      }
      return {
        startingRevenue: plus(a.startingRevenue, b.startingRevenue, 'startingRevenue'),
        endingRevenue: plus(a.endingRevenue, b.endingRevenue, 'endingRevenue'),
        totals,
        counts,
        startingCustomers: a.startingCustomers + b.startingCustomers,
        endingCustomers: a.endingCustomers + b.endingCustomers,
      }
    },
    result(state) {
      const total = (movement: RevenueMovement) => read(state.totals[movement], movement)
      return {
        startingRevenue: read(state.startingRevenue, 'startingRevenue'),
        endingRevenue: read(state.endingRevenue, 'endingRevenue'),
        newRevenue: total('new'),
        expansion: total('expansion'),
        contraction: total('contraction'),
        churn: total('churn'),
        reactivation: total('reactivation'),
        counts: {
          ...state.counts,
          startingCustomers: state.startingCustomers,
          endingCustomers: state.endingCustomers,
        },
      }
    },
  }
}
