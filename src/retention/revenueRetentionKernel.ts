import { TZDate } from '@date-fns/tz'
import type { Decimal } from 'decimal.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { createCurrencyTracker, trackCurrency } from '../core/currency.js'
import { describeValue } from '../core/describeValue.js'
import {
  type GroupKey,
  type GroupMetricPeriod,
  type GroupMetricRow,
  groupMetric,
} from '../core/groupMetric.js'
import { finiteMoney, readOptions, requireList, requireRow } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  decimalScale,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
  POWERS_OF_TEN,
} from '../core/moneySum.js'
import { monthLabel, readMonth } from '../core/monthNumbers.js'
import { requireCurrency } from '../records/fieldChecks.js'
import { customerChurnRate } from './customerChurnRate.js'
import { customerRetentionRate } from './customerRetentionRate.js'
import { grossMrrChurnRate } from './grossMrrChurnRate.js'
import { grossRevenueRetention } from './grossRevenueRetention.js'
import { netMrrChurnRate } from './netMrrChurnRate.js'
import { netRevenueRetention } from './netRevenueRetention.js'
import type {
  AccountRevenueSnapshot,
  RevenueRetention,
  RevenueRetentionOptions,
  RevenueRetentionRow,
} from './RevenueRetention.js'
import type { RevenueMovementsSummary } from './revenueMovements.js'
import {
  type AccountRevenueChange,
  revenueMovementsAggregator,
} from './revenueMovementsAggregator.js'

/**
 * Shared reading of monthly revenue snapshots for `revenueRetentionSeries` and
 * `revenueRetentionOverWindow`: one checking pass over the rows, an integer code per
 * account and per month, one slot per (account, month) with the rows of that snapshot, and
 * the slots of each account in month order (two counting sorts). The movements of a period
 * are then one row per account (`AccountRevenueChange`) folded by
 * `revenueMovementsAggregator` through `groupMetric`, so a period's totals are exactly
 * those of `revenueMovements` between its two snapshots. Internal.
 */

/** The most months one call may span (as `groupMetric`'s period limit). */
const MAX_MONTHS = 5_000

/** The checked snapshots. */
export interface Snapshots {
  readonly metric: string
  readonly timeZone: string
  /** Month number (year × 12 + month index) of the first month with rows. */
  readonly firstMonth: number
  /** Months from the first to the last with rows, inclusive. */
  readonly monthCount: number
  /** Per slot: its month offset from `firstMonth`, and whether the account paid (> 0). */
  readonly slotMonth: Int32Array
  readonly slotPaid: Uint8Array
  /** Per slot: the group key of its first row. */
  readonly slotKey: readonly GroupKey[]
  /** Slots ordered by account, then month: account a owns `order[accountStart[a] … accountStart[a + 1])`. */
  readonly order: Int32Array
  readonly accountStart: Int32Array
  readonly currency: string | null
  /**
   * Per slot, its revenue as an integer number of 10^−scale units, when every amount is a
   * number of at most 6 decimal places and the total of all rows is a safe integer (then
   * every movement total is too); `null` otherwise (the exact Decimal path).
   */
  readonly units: Float64Array | null
  readonly scale: number
  /** Group keys coded in order of first appearance in the rows, and each slot's code. */
  readonly groupKeys: readonly GroupKey[]
  readonly slotGroup: Int32Array
  /** The revenue of a slot as the aggregator reads it (the row's own amount when alone). */
  amountOf(slot: number): MoneyInput
}

/** Reads the rows and the options; every refusal names `metric`. */
export function readSnapshots<R extends AccountRevenueSnapshot>(
  rows: readonly R[],
  given: RevenueRetentionOptions<R> | undefined,
  metric: string,
): Snapshots {
  const list = requireList(rows, metric, 'snapshots')
  const options = readOptions(given, metric)
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', metric)
  const by = options.by
  if (by !== undefined && typeof by !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['by'],
      message: `${metric}: option by is ${describeValue(by)}; it must be a function (row, index) => key or be left out`,
    })
  }
  const length = list.length
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const scratch = createMoneySum()
  const currency = createCurrencyTracker(metric)
  const monthOfRow = new Int32Array(length)
  const paidRow = new Uint8Array(length)
  const accountOfRow = new Int32Array(length)
  const keyOfRow: GroupKey[] = by === undefined ? [] : new Array(length)
  // Decimal places of each number amount (−1: not a number of at most 6 places).
  const scaleOfRow = new Int8Array(length)
  let maxScale = 0
  let allScaled = true
  const accountCode = new Map<string, number>()
  const monthOfText = new Map<string, number>()
  const monthOfInstant = new Map<number, number>()
  let firstMonth = Number.POSITIVE_INFINITY
  let lastMonth = Number.NEGATIVE_INFINITY
  for (let index = 0; index < length; index++) {
    const row = requireRow(list[index] as R, metric, index, 'snapshot row')
    const accountId = row.accountId
    if (typeof accountId !== 'string' || accountId === '') {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: [index, 'accountId'],
        message: `${metric}: accountId at index ${index} is ${describeValue(accountId)}; every row needs an account id`,
      })
    }
    let account = accountCode.get(accountId)
    if (account === undefined) {
      account = accountCode.size
      accountCode.set(accountId, account)
    }
    accountOfRow[index] = account
    const code = requireCurrency(row, index, metric)
    if (code !== undefined && code !== currency.currency) {
      trackCurrency(currency, code, () => [index, 'currency'])
    }
    const amount = row.amount
    if (typeof amount === 'number' && amount >= 0 && amount < Number.POSITIVE_INFINITY) {
      // A finite number ≥ 0 is a valid amount (what addMoney checks for a number).
      paidRow[index] = amount > 0 ? 1 : 0
      if (allScaled) {
        const scale = decimalScale(amount)
        scaleOfRow[index] = scale
        if (scale < 0) allScaled = false
        else if (scale > maxScale) maxScale = scale
      }
    } else {
      allScaled = false
      // One scratch sum checks any other amount (a decimal string, a Decimal) or refuses it.
      scratch.units = 0
      scratch.scale = 0
      scratch.remainder = null
      scratch.context = null
      addMoney(scratch, amount, context, index)
      const remainder = scratch.remainder as Decimal | null
      paidRow[index] = scratch.units > 0 || remainder?.gt(0) ? 1 : 0
    }
    const month = readMonth(row.month, index, timeZone, metric, monthOfText, monthOfInstant)
    monthOfRow[index] = month
    if (month < firstMonth) firstMonth = month
    if (month > lastMonth) lastMonth = month
    if (by !== undefined) keyOfRow[index] = readKey(by(row, index), index, metric)
  }
  if (length === 0) {
    return {
      metric,
      timeZone,
      firstMonth: 0,
      monthCount: 0,
      slotMonth: new Int32Array(0),
      slotPaid: new Uint8Array(0),
      slotKey: [],
      order: new Int32Array(0),
      accountStart: new Int32Array(1),
      currency: null,
      units: null,
      scale: 0,
      groupKeys: [],
      slotGroup: new Int32Array(0),
      amountOf: () => 0,
    }
  }
  const monthCount = lastMonth - firstMonth + 1
  if (monthCount > MAX_MONTHS) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: [],
      message: `${metric}: the snapshots span ${monthCount} months, more than ${MAX_MONTHS}; split the data`,
    })
  }
  // One slot per (account, month); a flat table when small, else a Map keyed by the cell.
  const accounts = accountCode.size
  const cells = accounts * monthCount
  const dense = cells <= Math.max(1 << 22, 4 * length)
  const table = dense ? new Int32Array(cells).fill(-1) : null
  const sparse = dense ? null : new Map<number, number>()
  const slotFirstRow = new Int32Array(length)
  const slotAccount = new Int32Array(length)
  const slotMonth = new Int32Array(length)
  const slotPaid = new Uint8Array(length)
  const slotKey: GroupKey[] = by === undefined ? [] : new Array(length)
  const slotGroup = new Int32Array(length)
  const groupCode = new Map<GroupKey, number>()
  const groupKeys: GroupKey[] = by === undefined ? [null] : []
  let slots = 0
  const extraRows = new Map<number, number[]>()
  const rowsPerMonth = new Int32Array(monthCount)
  for (let index = 0; index < length; index++) {
    const month = (monthOfRow[index] as number) - firstMonth
    rowsPerMonth[month] = (rowsPerMonth[month] as number) + 1
    const account = accountOfRow[index] as number
    const cell = account * monthCount + month
    const known = table === null ? (sparse?.get(cell) ?? -1) : (table[cell] as number)
    if (known < 0) {
      const slot = slots++
      if (table === null) sparse?.set(cell, slot)
      else table[cell] = slot
      slotFirstRow[slot] = index
      slotAccount[slot] = account
      slotMonth[slot] = month
      slotPaid[slot] = paidRow[index] as number
      if (by !== undefined) {
        // Without `by` every slot is in group 0 (`null`) and no key is kept per slot.
        const key = keyOfRow[index] as GroupKey
        slotKey[slot] = key
        let code = groupCode.get(key)
        if (code === undefined) {
          code = groupKeys.length
          groupCode.set(key, code)
          groupKeys.push(key)
        }
        slotGroup[slot] = code
      }
    } else {
      // Several rows of one account in one month (several subscriptions): added together.
      const others = extraRows.get(known)
      if (others === undefined) extraRows.set(known, [index])
      else others.push(index)
      if (paidRow[index] === 1) slotPaid[known] = 1
    }
  }
  for (let month = 0; month < monthCount; month++) {
    if (rowsPerMonth[month] === 0) {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: [],
        message: `${metric}: there is no row for ${monthLabel(firstMonth + month)} between the first and the last month; a month without rows cannot be told from a gap in the export (add rows with amount 0 if nobody paid)`,
      })
    }
  }
  // Slots by account, then month: a stable counting sort by month, then one by account.
  const byMonth = countingSort(slots, monthCount, slotMonth, null)
  const accountStart = new Int32Array(accounts + 1)
  const order = countingSort(slots, accounts, slotAccount, byMonth, accountStart)
  // Scaled integer units per slot (each row's exact units, times a power of ten).
  let units: Float64Array | null = null
  if (allScaled) {
    units = new Float64Array(slots)
    let total = 0
    for (let index = 0; index < length; index++) {
      const scale = scaleOfRow[index] as number
      const amount = (list[index] as R).amount as number
      const exact =
        Math.round(amount * (POWERS_OF_TEN[scale] as number)) *
        (POWERS_OF_TEN[maxScale - scale] as number)
      total += exact
      const month = (monthOfRow[index] as number) - firstMonth
      const cell = (accountOfRow[index] as number) * monthCount + month
      const slot = table === null ? (sparse?.get(cell) as number) : (table[cell] as number)
      units[slot] = (units[slot] as number) + exact
    }
    if (!Number.isSafeInteger(total)) units = null
  }
  const summed = new Map<number, Decimal>()
  const amountOf = (slot: number): MoneyInput => {
    const first = list[slotFirstRow[slot] as number] as R
    const others = extraRows.get(slot)
    if (others === undefined) return first.amount
    let total = summed.get(slot)
    if (total === undefined) {
      const sum: MoneySum = createMoneySum()
      addMoney(sum, first.amount, context, slotFirstRow[slot] as number)
      for (const index of others) addMoney(sum, (list[index] as R).amount, context, index)
      total = finiteMoney(moneySumValue(sum), metric, 'amount')
      summed.set(slot, total)
    }
    return total
  }
  return {
    metric,
    timeZone,
    firstMonth,
    monthCount,
    slotMonth: slotMonth.subarray(0, slots),
    slotPaid: slotPaid.subarray(0, slots),
    slotKey,
    units,
    scale: maxScale,
    groupKeys,
    slotGroup: slotGroup.subarray(0, slots),
    order,
    accountStart,
    currency: currency.currency,
    amountOf,
  }
}

/**
 * Indices 0..count−1 ordered by `bucketOf[index]` (0..buckets−1), stable; `within` gives the order
 * to keep within a bucket (identity when `null`). `starts` (length buckets + 1), when
 * given, receives each bucket's first position.
 */
function countingSort(
  count: number,
  buckets: number,
  bucketOf: Int32Array,
  within: Int32Array | null,
  starts: Int32Array = new Int32Array(buckets + 1),
): Int32Array {
  for (let index = 0; index < count; index++) {
    const bucket = (bucketOf[index] as number) + 1
    starts[bucket] = (starts[bucket] as number) + 1
  }
  for (let bucket = 0; bucket < buckets; bucket++) {
    starts[bucket + 1] = (starts[bucket + 1] as number) + (starts[bucket] as number)
  }
  const cursor = starts.slice(0, buckets)
  const sorted = new Int32Array(count)
  for (let position = 0; position < count; position++) {
    const index = within === null ? position : (within[position] as number)
    const bucket = bucketOf[index] as number
    sorted[cursor[bucket] as number] = index
    cursor[bucket] = (cursor[bucket] as number) + 1
  }
  return sorted
}

function readKey(key: unknown, index: number, metric: string): GroupKey {
  if (key === null || key === undefined) return null
  if (typeof key === 'string') return key
  if (typeof key === 'number' && Number.isFinite(key)) return key === 0 ? 0 : key
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path: [index, 'by'],
    message: `${metric}: the group key of the row at index ${index} is ${describeValue(key)}; a key must be a string, a finite number, null or undefined`,
  })
}

/** The instant at which a month begins in `timeZone`. */
export function monthStart(month: number, timeZone: string): Date {
  const year = Math.floor(month / 12)
  return new Date(new TZDate(year, month % 12, 1, timeZone).getTime())
}

/** A month's movement of one account: the aggregator's input plus its group and month. */
interface AccountChange extends AccountRevenueChange {
  readonly key: GroupKey
  /** Month offset from `firstMonth` of the period's last month. */
  readonly month: number
}

/** Most group × period cells the scaled-integer path lays out flat. */
const MAX_FAST_CELLS = 1 << 20

/**
 * Collects the movements of the accounts — `emit(start, end, paidBefore, period)` with the
 * slots of the start and end snapshots (−1: no row) — and gives the rows. With scaled-integer
 * units and few cells, each movement is added into flat per-cell totals (no object per
 * account, exact integers); otherwise each becomes an `AccountRevenueChange` folded by
 * `revenueMovementsAggregator` through `groupMetric` (exact decimals). Both give the totals
 * of `revenueMovements` between the two snapshots.
 */
export interface ChangeSink {
  emit(start: number, end: number, paidBefore: boolean, period: number): void
  rows(): RevenueRetentionRow[]
}

/**
 * A sink for `periods` periods per group; `periodOf(p)` gives the row's period and
 * `instantOf(p)` an instant inside it (for `groupMetric`'s calendar), or `null` for one
 * period without a calendar (a window).
 */
export function createChangeSink(
  snapshots: Snapshots,
  grouped: boolean,
  periods: number,
  periodOf: (period: number) => GroupMetricPeriod,
  instantOf: ((period: number) => Date) | null,
): ChangeSink {
  const { units, slotGroup, groupKeys } = snapshots
  if (units !== null && groupKeys.length * periods <= MAX_FAST_CELLS) {
    return scaledSink(
      snapshots,
      units,
      slotGroup,
      grouped ? groupKeys : [null],
      grouped,
      periods,
      periodOf,
    )
  }
  const changes: AccountChange[] = []
  return {
    emit(start, end, paidBefore, period) {
      const startPaid = start >= 0 && snapshots.slotPaid[start] === 1
      changes.push({
        startAmount: start < 0 ? 0 : snapshots.amountOf(start),
        endAmount: end < 0 ? 0 : snapshots.amountOf(end),
        paidBefore,
        key: grouped ? (snapshots.slotKey[startPaid || end < 0 ? start : end] ?? null) : null,
        month: period,
      })
    },
    rows() {
      const rows = foldChanges(snapshots, changes, grouped, instantOf)
      return instantOf === null ? rows.map((row) => ({ ...row, period: periodOf(0) })) : rows
    },
  }
}

/** Movement fields of the flat totals: money in units, counts. */
const MONEY_FIELDS = [
  'start',
  'end',
  'new',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
] as const
const COUNT_FIELDS = [
  'new',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'unchanged',
  'startingCustomers',
  'endingCustomers',
  'n',
] as const

function scaledSink(
  snapshots: Snapshots,
  units: Float64Array,
  slotGroup: Int32Array,
  keys: readonly GroupKey[],
  grouped: boolean,
  periods: number,
  periodOf: (period: number) => GroupMetricPeriod,
): ChangeSink {
  const groupCount = keys.length
  const cells = groupCount * periods
  const money = {} as Record<(typeof MONEY_FIELDS)[number], Float64Array>
  for (const field of MONEY_FIELDS) money[field] = new Float64Array(cells)
  const counts = {} as Record<(typeof COUNT_FIELDS)[number], Int32Array>
  for (const field of COUNT_FIELDS) counts[field] = new Int32Array(cells)
  // Groups are numbered in order of first appearance among the movements (as groupMetric).
  const order = new Int32Array(groupCount).fill(-1)
  const groupAt: number[] = []
  const { start: startTotal, end: endTotal } = money
  return {
    emit(start, end, paidBefore, period) {
      const before = start < 0 ? 0 : (units[start] as number)
      const after = end < 0 ? 0 : (units[end] as number)
      let group = 0
      if (grouped) {
        const code = slotGroup[before > 0 || end < 0 ? start : end] as number
        group = order[code] as number
        if (group < 0) {
          group = groupAt.length
          order[code] = group
          groupAt.push(code)
        }
      } else if (groupAt.length === 0) {
        groupAt.push(0)
      }
      const cell = group * periods + period
      counts.n[cell] = (counts.n[cell] as number) + 1
      if (before > 0) {
        startTotal[cell] = (startTotal[cell] as number) + before
        counts.startingCustomers[cell] = (counts.startingCustomers[cell] as number) + 1
      }
      if (after > 0) {
        endTotal[cell] = (endTotal[cell] as number) + after
        counts.endingCustomers[cell] = (counts.endingCustomers[cell] as number) + 1
      }
      let field: (typeof COUNT_FIELDS)[number]
      let amount: number
      if (before === 0) {
        field = paidBefore ? 'reactivation' : 'new'
        amount = after
      } else if (after === 0) {
        field = 'churn'
        amount = before
      } else if (after > before) {
        field = 'expansion'
        amount = after - before
      } else if (after < before) {
        field = 'contraction'
        amount = before - after
      } else {
        counts.unchanged[cell] = (counts.unchanged[cell] as number) + 1
        return
      }
      const totals = money[field as (typeof MONEY_FIELDS)[number]]
      totals[cell] = (totals[cell] as number) + amount
      counts[field][cell] = (counts[field][cell] as number) + 1
    },
    rows() {
      const rows: RevenueRetentionRow[] = []
      const decimal = (value: number) =>
        moneySumValue({ units: value, scale: snapshots.scale, remainder: null, context: null })
      for (let group = 0; group < groupAt.length; group++) {
        for (let period = 0; period < periods; period++) {
          const cell = group * periods + period
          const n = counts.n[cell] as number
          if (n === 0) continue
          const count = (field: (typeof COUNT_FIELDS)[number]) => counts[field][cell] as number
          const summary: RevenueMovementsSummary = {
            startingRevenue: decimal(money.start[cell] as number),
            endingRevenue: decimal(money.end[cell] as number),
            newRevenue: decimal(money.new[cell] as number),
            expansion: decimal(money.expansion[cell] as number),
            contraction: decimal(money.contraction[cell] as number),
            churn: decimal(money.churn[cell] as number),
            reactivation: decimal(money.reactivation[cell] as number),
            counts: {
              new: count('new'),
              expansion: count('expansion'),
              contraction: count('contraction'),
              churn: count('churn'),
              reactivation: count('reactivation'),
              unchanged: count('unchanged'),
              startingCustomers: count('startingCustomers'),
              endingCustomers: count('endingCustomers'),
            },
          }
          rows.push({
            group: keys[groupAt[group] as number] ?? null,
            period: periodOf(period),
            result: retentionOf(summary, snapshots.currency),
            n,
          })
        }
      }
      return rows
    },
  }
}

/**
 * Folds the changes per group (and per period with `instantOf`) with
 * `revenueMovementsAggregator` through `groupMetric`, and finishes each row with the rates.
 */
function foldChanges(
  snapshots: Snapshots,
  changes: readonly AccountChange[],
  grouped: boolean,
  instantOf: ((period: number) => Date) | null,
): GroupMetricRow<RevenueRetention>[] {
  const movements = revenueMovementsAggregator()
  const currency = snapshots.currency
  const metric = snapshots.metric
  const aggregator = {
    initial: movements.initial,
    add: movements.add,
    addAll: movements.addAll,
    merge: movements.merge,
    result: (state: Parameters<typeof movements.result>[0]) =>
      retentionOf(movements.result(state), currency),
  }
  try {
    return groupMetric(changes, aggregator, {
      value: (change) => change,
      ...(grouped ? { by: (change: AccountChange) => change.key } : {}),
      ...(instantOf === null
        ? {}
        : {
            period: {
              date: (change: AccountChange) => instantOf(change.month),
              unit: 'month' as const,
              timeZone: snapshots.timeZone,
            },
          }),
    })
  } catch (error) {
    // The rows were checked above; what is left (an exact total past 34 digits) is ours.
    if (!(error instanceof MetricInputError) || error.metric === metric) throw error
    throw new MetricInputError({
      code: error.code,
      metric,
      path: [],
      message: error.message.replace(error.metric, metric),
      cause: error,
    })
  }
}

/**
 * The movements of a period with its rates (the retention functions on the same totals).
 * Internal: shared by the series, the window and `revenueMovementsSql`'s finish.
 */
export function retentionOf(
  summary: RevenueMovementsSummary,
  currency: string | null,
): RevenueRetention {
  const { counts } = summary
  const customers = {
    customersAtStart: counts.startingCustomers,
    customersAtEnd: counts.endingCustomers,
    newCustomers: counts.new + counts.reactivation,
  }
  return {
    ...summary,
    currency,
    grossRevenueRetention: grossRevenueRetention(summary),
    netRevenueRetention: netRevenueRetention(summary),
    grossMrrChurnRate: grossMrrChurnRate(summary),
    netMrrChurnRate: netMrrChurnRate(summary),
    customerRetentionRate: customerRetentionRate(customers),
    customerChurnRate: customerChurnRate({
      customersAtStart: counts.startingCustomers,
      churnedCustomers: counts.churn,
    }),
  }
}

/** The period of a window row, or of a month (`from` = `to`). */
export function windowPeriod(from: number, to: number, timeZone: string): GroupMetricPeriod {
  return {
    start: monthStart(from, timeZone),
    end: monthStart(to + 1, timeZone),
    label: from === to ? monthLabel(from) : `${monthLabel(from)}/${monthLabel(to)}`,
  }
}
