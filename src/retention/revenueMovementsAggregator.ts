import type { Decimal } from 'decimal.js'
import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  readStateMoney,
  requireList,
  requireRecord,
} from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
  toMoneyDecimal,
} from '../core/moneySum.js'
import {
  classifyMovement,
  REVENUE_MOVEMENTS,
  type RevenueMovement,
  type RevenueMovementsSummary,
} from './revenueMovements.js'

/**
 * One account's revenue at both ends of the period — the input row of the aggregator.
 *
 * @category Retention
 */
export interface AccountRevenueChange {
  readonly startAmount: MoneyInput
  readonly endAmount: MoneyInput
  /** Whether the account paid in some earlier period (reactivation vs new); default false. */
  readonly paidBefore?: boolean
}

/**
 * The JSON-serialisable state: exact totals as decimal strings, and counts.
 *
 * @category Retention
 */
export interface RevenueMovementsAggregatorState {
  readonly startingRevenue: string
  readonly endingRevenue: string
  readonly totals: Readonly<Record<RevenueMovement, string>>
  readonly counts: Readonly<Record<RevenueMovement, number>>
  readonly startingCustomers: number
  readonly endingCustomers: number
}

const TOP_SHAPE: StateShape = {
  startingRevenue: 'string',
  endingRevenue: 'string',
  startingCustomers: 'count',
  endingCustomers: 'count',
}
const TOTALS_SHAPE: StateShape = Object.fromEntries(
  REVENUE_MOVEMENTS.map((movement) => [movement, 'string']),
)
const COUNTS_SHAPE: StateShape = Object.fromEntries(
  REVENUE_MOVEMENTS.map((movement) => [movement, 'count']),
)

/** A checked state with its amounts as Decimals. */
interface ReadState {
  readonly startingRevenue: Decimal
  readonly endingRevenue: Decimal
  readonly totals: Record<RevenueMovement, Decimal>
  readonly counts: Record<RevenueMovement, number>
  readonly startingCustomers: number
  readonly endingCustomers: number
}

function readMovementsState(state: unknown, metric: string, at: MetricInputPath): ReadState {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    readState(state, TOP_SHAPE, metric, at) // throws INVALID_STATE for a value that is not an object
  }
  const { totals, counts, ...rest } = state as Record<string, unknown>
  for (const [key, value] of [
    ['totals', totals],
    ['counts', counts],
  ] as const) {
    if (value === undefined) {
      throw new MetricInputError({
        code: 'INVALID_STATE',
        metric,
        path: [...at, key],
        message: `${metric}: state has no field ${key}; it is not a state made by this aggregator`,
      })
    }
  }
  const top = readState<Record<string, string | number>>(rest, TOP_SHAPE, metric, at)
  const totalStrings = readState<Record<RevenueMovement, string>>(totals, TOTALS_SHAPE, metric, [
    ...at,
    'totals',
  ])
  const countValues = readState<Record<RevenueMovement, number>>(counts, COUNTS_SHAPE, metric, [
    ...at,
    'counts',
  ])
  const amounts = {} as Record<RevenueMovement, Decimal>
  for (const movement of REVENUE_MOVEMENTS) {
    amounts[movement] = readStateMoney(totalStrings[movement], metric, [...at, 'totals'], movement)
  }
  return {
    startingRevenue: readStateMoney(top.startingRevenue as string, metric, at, 'startingRevenue'),
    endingRevenue: readStateMoney(top.endingRevenue as string, metric, at, 'endingRevenue'),
    totals: amounts,
    counts: countValues,
    startingCustomers: top.startingCustomers as number,
    endingCustomers: top.endingCustomers as number,
  }
}

/**
 * The revenue-movements aggregator, with `addAll` for adding a batch of rows in one pass.
 *
 * @category Retention
 */
export interface RevenueMovementsAggregator
  extends Aggregator<
    RevenueMovementsAggregatorState,
    AccountRevenueChange,
    RevenueMovementsSummary
  > {
  /**
   * A new state with every row of `rows` added, in order: the same state as folding `add`
   * over them, and the same error for the first bad row (path `[index, …]`).
   */
  addAll(
    state: RevenueMovementsAggregatorState,
    rows: readonly AccountRevenueChange[],
  ): RevenueMovementsAggregatorState
}

/** One `MoneySum` per movement. */
function movementSums(): Record<RevenueMovement, MoneySum> {
  const sums = {} as Record<RevenueMovement, MoneySum>
  for (const movement of REVENUE_MOVEMENTS) sums[movement] = createMoneySum()
  return sums
}

/**
 * Options of {@link revenueMovementsAggregator}: none yet. The factory takes an options
 * object like every aggregator factory, so that options can be added later.
 *
 * @category Retention
 */
export type RevenueMovementsAggregatorOptions = Readonly<Record<never, never>>

/**
 * Mergeable revenue movements: add one row per account (each account's start and end
 * revenue in one part — partition by account), merge parts in any order, and get exactly
 * the totals of `revenueMovements`, ready for `netRevenueRetention` and friends.
 *
 * ```text
 * state = exact decimal totals per movement + counts;  merge = sums
 * ```
 *
 * @param options - None yet; `INVALID_OPTION` (path `[]`) unless it is an object or left out.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one row, `addAll` a list of
 *   them in one pass (the same state as folding `add`, exact sums without a `Decimal` per
 *   numeric row; `groupMetric` uses it).
 * @throws MetricInputError `INVALID_OPTION` (options that are not an object); `NEGATIVE_VALUE`, `NOT_FINITE` from `add` (path `['startAmount']`
 *   or `['endAmount']`) and `addAll` (path `[index, 'startAmount']` …); `INVALID_RECORD` for
 *   a row that is not an object; `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is given no
 *   array; `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE` from `merge` and
 *   `result` for a state this aggregator did not make — foreign, incomplete, a negative or
 *   non-decimal amount, a fractional or negative count (path `['a', 'totals', 'churn']` …).
 * @example
 * ```ts
 * const moves = revenueMovementsAggregator()
 * const a = moves.add(moves.initial(), { startAmount: 100, endAmount: 120 })
 * const b = moves.add(moves.initial(), { startAmount: 50, endAmount: 0 })
 * netRevenueRetention(moves.result(moves.merge(a, b))) // => 0.8
 * moves.addAll(moves.initial(), [{ startAmount: 100, endAmount: 120 }, { startAmount: 50, endAmount: 0 }]).totals.churn // => '50'
 * ```
 * @see revenueMovements.
 * @category Retention
 */
export function revenueMovementsAggregator(
  options?: RevenueMovementsAggregatorOptions,
): RevenueMovementsAggregator {
  readOptions(options, 'revenueMovementsAggregator')
  const metric = 'revenueMovementsAggregator'
  const context: MoneyContext = { metric, allowNegative: false }
  const read = (value: MoneyInput, key: string) =>
    finiteMoney(toMoneyDecimal(value, context, key), metric, key)
  const write = (state: ReadState): RevenueMovementsAggregatorState => {
    const totals = {} as Record<RevenueMovement, string>
    for (const movement of REVENUE_MOVEMENTS) {
      totals[movement] = finiteMoney(state.totals[movement], metric, movement).toString()
    }
    return {
      startingRevenue: finiteMoney(state.startingRevenue, metric, 'startingRevenue').toString(),
      endingRevenue: finiteMoney(state.endingRevenue, metric, 'endingRevenue').toString(),
      totals,
      counts: { ...state.counts },
      startingCustomers: state.startingCustomers,
      endingCustomers: state.endingCustomers,
    }
  }
  /** A string or Decimal amount as `add` reads it (numbers stay numbers in `addAll`). */
  const exact = (value: MoneyInput, context: MoneyContext, index: number) =>
    finiteMoney(toMoneyDecimal(value, context, index), metric, context.field as string)
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
      return guardInput(metric, () => {
        const current = readMovementsState(state, metric, [])
        requireRecord(row, metric, [], 'row')
        const startAmount = read(row.startAmount, 'startAmount')
        const endAmount = read(row.endAmount, 'endAmount')
        const movement = classifyMovement(startAmount, endAmount, row.paidBefore === true)
        if (movement === null) return state
        return write({
          startingRevenue: current.startingRevenue.plus(startAmount),
          endingRevenue: current.endingRevenue.plus(endAmount),
          totals: {
            ...current.totals,
            [movement]: current.totals[movement].plus(endAmount.minus(startAmount).abs()),
          },
          counts: { ...current.counts, [movement]: current.counts[movement] + 1 },
          startingCustomers: current.startingCustomers + (startAmount.gt(0) ? 1 : 0),
          endingCustomers: current.endingCustomers + (endAmount.gt(0) ? 1 : 0),
        })
      })
    },
    addAll(state, rows) {
      return guardInput(metric, () => {
        const current = readMovementsState(state, metric, ['state'])
        const list = requireList(rows, metric, 'rows')
        const startContext: MoneyContext = { metric, allowNegative: false, field: 'startAmount' }
        const endContext: MoneyContext = { metric, allowNegative: false, field: 'endAmount' }
        const starting = createMoneySum()
        const ending = createMoneySum()
        // |end − start| per movement, as (Σ plus) − (Σ minus): exact, no Decimal per row.
        const plus = movementSums()
        const minus = movementSums()
        const counts = { ...current.counts }
        let startingCustomers = current.startingCustomers
        let endingCustomers = current.endingCustomers
        for (let index = 0; index < list.length; index++) {
          const row = list[index] as AccountRevenueChange
          if (typeof row !== 'object' || row === null) {
            requireRecord(row, metric, [index], `row at index ${index}`)
          }
          const start = row.startAmount
          const end = row.endAmount
          // Checked in the order `add` checks them: the start amount, then the end amount.
          addMoney(starting, start, startContext, index)
          const startExact = typeof start === 'number' ? null : exact(start, startContext, index)
          addMoney(ending, end, endContext, index)
          const endExact = typeof end === 'number' ? null : exact(end, endContext, index)
          let startPaid: boolean
          let endPaid: boolean
          let order: number
          if (startExact === null && endExact === null) {
            // Finite numbers ≥ 0 (checked above); a double orders as its shortest decimal does.
            startPaid = (start as number) > 0
            endPaid = (end as number) > 0
            order = end > start ? 1 : end < start ? -1 : 0
          } else {
            const startAmount = startExact ?? exact(start, startContext, index)
            const endAmount = endExact ?? exact(end, endContext, index)
            startPaid = startAmount.gt(0)
            endPaid = endAmount.gt(0)
            order = endAmount.cmp(startAmount)
          }
          let movement: RevenueMovement
          if (!startPaid) {
            if (!endPaid) continue
            movement = row.paidBefore === true ? 'reactivation' : 'new'
            addMoney(plus[movement], end, endContext, index)
          } else if (!endPaid) {
            movement = 'churn'
            addMoney(plus.churn, start, startContext, index)
          } else if (order > 0) {
            movement = 'expansion'
            addMoney(plus.expansion, end, endContext, index)
            addMoney(minus.expansion, start, startContext, index)
          } else if (order < 0) {
            movement = 'contraction'
            addMoney(plus.contraction, start, startContext, index)
            addMoney(minus.contraction, end, endContext, index)
          } else {
            movement = 'unchanged'
          }
          counts[movement]++
          if (startPaid) startingCustomers++
          if (endPaid) endingCustomers++
        }
        const totals = {} as Record<RevenueMovement, Decimal>
        for (const movement of REVENUE_MOVEMENTS) {
          totals[movement] = current.totals[movement]
            .plus(moneySumValue(plus[movement]))
            .minus(moneySumValue(minus[movement]))
        }
        return write({
          startingRevenue: current.startingRevenue.plus(moneySumValue(starting)),
          endingRevenue: current.endingRevenue.plus(moneySumValue(ending)),
          totals,
          counts,
          startingCustomers,
          endingCustomers,
        })
      })
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = readMovementsState(a, metric, ['a'])
        const right = readMovementsState(b, metric, ['b'])
        const totals = {} as Record<RevenueMovement, Decimal>
        const counts = {} as Record<RevenueMovement, number>
        for (const movement of REVENUE_MOVEMENTS) {
          totals[movement] = left.totals[movement].plus(right.totals[movement])
          counts[movement] = left.counts[movement] + right.counts[movement]
        }
        return write({
          startingRevenue: left.startingRevenue.plus(right.startingRevenue),
          endingRevenue: left.endingRevenue.plus(right.endingRevenue),
          totals,
          counts,
          startingCustomers: left.startingCustomers + right.startingCustomers,
          endingCustomers: left.endingCustomers + right.endingCustomers,
        })
      })
    },
    result(state) {
      return guardInput(metric, () => {
        const clean = readMovementsState(state, metric, [])
        return {
          startingRevenue: clean.startingRevenue,
          endingRevenue: clean.endingRevenue,
          newRevenue: clean.totals.new,
          expansion: clean.totals.expansion,
          contraction: clean.totals.contraction,
          churn: clean.totals.churn,
          reactivation: clean.totals.reactivation,
          counts: {
            ...clean.counts,
            startingCustomers: clean.startingCustomers,
            endingCustomers: clean.endingCustomers,
          },
        }
      })
    },
  }
}
