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
  type MoneyContext,
  type MoneySum,
  moneySumValue,
} from '../core/moneySum.js'
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
const MONTH_PATTERN = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

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
    } else {
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
  const slotKey: GroupKey[] = []
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
      slotKey.push(by === undefined ? null : (keyOfRow[index] as GroupKey))
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

/** The month number (year × 12 + month index) of a row's `month`. */
function readMonth(
  value: unknown,
  index: number,
  timeZone: string,
  metric: string,
  monthOfText: Map<string, number>,
  monthOfInstant: Map<number, number>,
): number {
  if (typeof value === 'string') {
    const known = monthOfText.get(value)
    if (known !== undefined) return known
    const match = MONTH_PATTERN.exec(value)
    const year = match === null ? 0 : Number(match[1])
    const month = match === null ? 0 : Number(match[2])
    const day = match === null || match[3] === undefined ? 1 : Number(match[3])
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    const valid =
      match !== null &&
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number))
    if (!valid) throw badMonth(value, index, metric)
    const number = year * 12 + month - 1
    monthOfText.set(value, number)
    return number
  }
  const time = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(time)) throw badMonth(value, index, metric)
  const known = monthOfInstant.get(time)
  if (known !== undefined) return known
  const local = new TZDate(time, timeZone)
  const year = local.getFullYear()
  if (!(year >= 1000 && year <= 9999)) throw badMonth(value, index, metric)
  const number = year * 12 + local.getMonth()
  monthOfInstant.set(time, number)
  return number
}

function badMonth(value: unknown, index: number, metric: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_DATE',
    metric,
    path: [index, 'month'],
    message: `${metric}: month at index ${index} is ${describeValue(value)}; it must be 'YYYY-MM', a date 'YYYY-MM-DD' or a valid Date, in the years 1000 to 9999`,
  })
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

/** `'2026-03'` for a month number. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12)
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** Reads `'YYYY-MM'` as a month number; `INVALID_OPTION` at `[option]` otherwise. */
export function readMonthOption(value: unknown, option: string, metric: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null
  const month = match === null ? 0 : Number(match[2])
  if (match === null || month < 1 || month > 12 || Number(match[1]) < 1000) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [option],
      message: `${metric}: option ${option} is ${describeValue(value)}; it must be a month 'YYYY-MM'`,
    })
  }
  return Number(match[1]) * 12 + month - 1
}

/** The instant at which a month begins in `timeZone`. */
export function monthStart(month: number, timeZone: string): Date {
  const year = Math.floor(month / 12)
  return new Date(new TZDate(year, month % 12, 1, timeZone).getTime())
}

/** A month's movement of one account: the aggregator's input plus its group and month. */
export interface AccountChange extends AccountRevenueChange {
  readonly key: GroupKey
  /** Month offset from `firstMonth` of the period's last month. */
  readonly month: number
}

/** The change of one account between the snapshots in slots `start` and `end` (−1: none). */
export function accountChange(
  snapshots: Snapshots,
  start: number,
  end: number,
  paidBefore: boolean,
  month: number,
): AccountChange {
  const startPaid = start >= 0 && snapshots.slotPaid[start] === 1
  return {
    startAmount: start < 0 ? 0 : snapshots.amountOf(start),
    endAmount: end < 0 ? 0 : snapshots.amountOf(end),
    paidBefore,
    key: snapshots.slotKey[startPaid || end < 0 ? start : end] ?? null,
    month,
  }
}

/**
 * Folds the changes per group (and per month with `months`) with `revenueMovementsAggregator`
 * through `groupMetric`, and finishes each row with the retention rates.
 */
export function foldChanges(
  snapshots: Snapshots,
  changes: readonly AccountChange[],
  grouped: boolean,
  months: readonly Date[] | null,
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
      ...(months === null
        ? {}
        : {
            period: {
              date: (change: AccountChange) => months[change.month] as Date,
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

/** The movements of a period with its rates (the retention functions on the same totals). */
function retentionOf(summary: RevenueMovementsSummary, currency: string | null): RevenueRetention {
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

/** The shared period of a window row. */
export function windowPeriod(
  from: number,
  to: number,
  timeZone: string,
): GroupMetricPeriod & { readonly label: string } {
  return {
    start: monthStart(from, timeZone),
    end: monthStart(to + 1, timeZone),
    label: from === to ? monthLabel(from) : `${monthLabel(from)}/${monthLabel(to)}`,
  }
}

export type { RevenueRetentionRow }
