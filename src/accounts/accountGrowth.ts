import type { Decimal } from 'decimal.js'
import type { CalendarDate } from '../core/CalendarDate.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { createCurrencyTracker, trackCurrency } from '../core/currency.js'
import { describeValue } from '../core/describeValue.js'
import { guardInput, readOptions, requireList, requireRow } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  mergeMoneySums,
  moneySumValue,
} from '../core/moneySum.js'
import { readMonth, readMonthOption } from '../core/monthNumbers.js'
import { quantileOfSorted } from '../core/quantile.js'
import type { AccountRevenue } from '../records/AccountRevenue.js'
import { requireCurrency } from '../records/fieldChecks.js'

/**
 * The classes of {@link accountGrowth}, in the order of its summary: `'new'` (no revenue at
 * the start, some at the end), `'churned'` (revenue at the start, none at the end),
 * `'expanded'` / `'contracted'` (growth above / below the `flatTolerance` band) and `'flat'`
 * (growth within it).
 *
 * @category Accounts
 */
export const ACCOUNT_GROWTH_CLASSES = ['new', 'churned', 'expanded', 'contracted', 'flat'] as const

/**
 * One of {@link ACCOUNT_GROWTH_CLASSES}.
 *
 * @category Accounts
 */
export type AccountGrowthClass = (typeof ACCOUNT_GROWTH_CLASSES)[number]

/**
 * One account's revenue in one month, the input of {@link accountGrowth}: the
 * `AccountRevenue` record with the month of its snapshot (the same rows as
 * `revenueRetentionSeries` takes).
 *
 * @category Accounts
 */
export interface AccountGrowthSnapshot extends AccountRevenue {
  /**
   * The month of the snapshot: `'YYYY-MM'`, a calendar date `'YYYY-MM-DD'` (its month), or
   * a `Date` read in the `timeZone` option.
   */
  readonly month: CalendarDate
}

/**
 * Options of {@link accountGrowth}.
 *
 * @category Accounts
 */
export interface AccountGrowthOptions {
  /** The start month of the window, `'YYYY-MM'` (required). */
  readonly from: string
  /** The end month of the window, `'YYYY-MM'`, after `from` (required). */
  readonly to: string
  /**
   * The relative band around zero growth that still counts as `'flat'`: an account with
   * revenue at both ends is flat when |end − start| ≤ flatTolerance × start. A number ≥ 0,
   * default 0 (only an unchanged revenue is flat); 0.02 means ±2 %.
   */
  readonly flatTolerance?: number
  /** IANA zone in which `Date` months are read; default `'UTC'`. */
  readonly timeZone?: string
}

/**
 * One account in {@link AccountGrowthResult}.
 *
 * @category Accounts
 */
export interface AccountGrowthAccount {
  readonly accountId: string
  /** Revenue in the `from` month (0 without a row), exact. */
  readonly start: Decimal
  /** Revenue in the `to` month (0 without a row), exact. */
  readonly end: Decimal
  /** (end − start) / start; `null` when start is 0. */
  readonly growth: number | null
  readonly class: AccountGrowthClass
}

/**
 * The portfolio summary in {@link AccountGrowthResult}.
 *
 * @category Accounts
 */
export interface AccountGrowthSummary {
  /** Accounts with revenue at the start or the end of the window. */
  readonly accounts: number
  /** Accounts with revenue at the start (the start cohort). */
  readonly startAccounts: number
  /** Accounts per class. */
  readonly counts: Readonly<Record<AccountGrowthClass, number>>
  /** counts / accounts per class (they sum to 1); `null` when there are no accounts. */
  readonly shares: Readonly<Record<AccountGrowthClass, number | null>>
  /** Expanded accounts / start cohort; `null` when nobody had revenue at the start. */
  readonly shareExpanding: number | null
  /**
   * Median growth over the start cohort (churned accounts count −1), R `quantile` type 7;
   * `null` when nobody had revenue at the start.
   */
  readonly medianGrowth: number | null
  /** Total revenue in the `from` month. */
  readonly startRevenue: Decimal
  /** Total revenue in the `to` month (new accounts included). */
  readonly endRevenue: Decimal
  /**
   * Net revenue retention of the window: end revenue of the start cohort / its start
   * revenue (new accounts excluded); `null` when the start revenue is 0.
   */
  readonly netRevenueRetention: number | null
}

/**
 * The result of {@link accountGrowth}.
 *
 * @category Accounts
 */
export interface AccountGrowthResult {
  /** One entry per account with revenue at the start or the end, in order of first row. */
  readonly accounts: AccountGrowthAccount[]
  readonly summary: AccountGrowthSummary
  /** The one currency the rows named, `null` when none did. */
  readonly currency: string | null
}

interface AccountCell {
  readonly accountId: string
  start: MoneySum | null
  end: MoneySum | null
}

/**
 * Account growth over a window, the account-management KPI: per account, its revenue in
 * the `from` month and in the `to` month, its growth rate and its class, and the portfolio
 * summary — how many accounts are new, churned, expanded, contracted or flat, the share
 * expanding, the median growth, and the window's net revenue retention.
 *
 * ```text
 * growth = (end − start) / start                      (null when start = 0)
 * class  = new (start = 0 < end) | churned (start > 0 = end)
 *        | flat (|end − start| ≤ flatTolerance × start) | expanded | contracted
 * shareExpanding = expanded / accounts with start > 0
 * medianGrowth   = R quantile type 7 at 0.5 of growth over accounts with start > 0
 * NRR = Σ end over accounts with start > 0 / Σ start
 *     = (Start + Expansion − Contraction − Churn) / Start
 * ```
 * Start and end are the snapshots of the `from` and `to` months themselves (unlike
 * `revenueRetentionOverWindow`, which starts from the month before `from`); rows of other
 * months are checked but not counted. An account without a row in a month had no revenue
 * then; several rows of one account in one month (several subscriptions) are added
 * together, as for `AccountRevenue`. Accounts with no revenue at either end are left out.
 * Money is exact (`Decimal`); ratios are numbers.
 *
 * @param revenue - Rows `{ accountId, month, amount, currency? }` (amount ≥ 0).
 * @param options - `from`, `to` (`'YYYY-MM'`, `from` before `to`), `flatTolerance`
 *   (≥ 0, default 0), `timeZone` (for `Date` months; default `'UTC'`).
 * @returns `{ accounts, summary, currency }`.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (not an array), `INVALID_RECORD` (a row that
 *   is not an object, `[i]`; a bad account id or currency), `MISSING_VALUE` (an empty
 *   `accountId`, a missing amount), `INVALID_DATE` (`[i, 'month']`), `NEGATIVE_VALUE` /
 *   `NOT_FINITE` (`[i, 'amount']`), `CURRENCY_MISMATCH`, `INVALID_OPTION` (`from`, `to`,
 *   `flatTolerance`, `timeZone`).
 * @example
 * ```ts
 * const { accounts, summary } = accountGrowth(
 *   [
 *     { accountId: 'a', month: '2026-01', amount: 100 }, { accountId: 'a', month: '2026-06', amount: 150 },
 *     { accountId: 'b', month: '2026-01', amount: 200 }, { accountId: 'b', month: '2026-06', amount: 100 },
 *     { accountId: 'c', month: '2026-01', amount: 50 },
 *     { accountId: 'd', month: '2026-06', amount: 40 },
 *   ],
 *   { from: '2026-01', to: '2026-06' },
 * )
 * accounts.map((account) => [account.accountId, account.class, account.growth])
 * // => [['a', 'expanded', 0.5], ['b', 'contracted', -0.5], ['c', 'churned', -1], ['d', 'new', null]]
 * summary.netRevenueRetention // => 0.7142857142857143 (250 / 350)
 * summary.medianGrowth // => -0.5
 * ```
 * @see docs/metric-definitions.md §2.2 (NRR); issue 14, "Account management".
 * @category Accounts
 */
export function accountGrowth(
  revenue: readonly AccountGrowthSnapshot[],
  options: AccountGrowthOptions,
): AccountGrowthResult {
  const metric = 'accountGrowth'
  return guardInput(metric, () => {
    const read = readOptions(options as AccountGrowthOptions | undefined, metric)
    const from = readMonthOption(read.from, 'from', metric)
    const to = readMonthOption(read.to, 'to', metric)
    if (!(from < to)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['to'],
        message: `${metric}: option to (${describeValue(read.to)}) must be a month after from (${describeValue(read.from)})`,
      })
    }
    const flatTolerance = read.flatTolerance ?? 0
    if (!(typeof flatTolerance === 'number' && flatTolerance >= 0 && flatTolerance < Infinity)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['flatTolerance'],
        message: `${metric}: option flatTolerance is ${describeValue(flatTolerance)}; it must be a finite number ≥ 0`,
      })
    }
    const timeZone = requireTimeZone(read.timeZone ?? 'UTC', metric)
    const rows = requireList(revenue, metric, 'revenue')
    const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
    const currency = createCurrencyTracker(metric)
    const cells = new Map<string, AccountCell>()
    const order: AccountCell[] = []
    const other = createMoneySum()
    const monthOfText = new Map<string, number>()
    for (let index = 0; index < rows.length; index++) {
      const row = requireRow(rows[index] as AccountGrowthSnapshot, metric, index, 'revenue row')
      const accountId = readAccountId(row.accountId, index, metric)
      const month = readMonth(row.month, index, timeZone, metric, monthOfText)
      trackCurrency(currency, requireCurrency(row, index, metric), () => [index, 'currency'])
      if (month !== from && month !== to) {
        addMoney(other, row.amount, context, index)
        continue
      }
      let cell = cells.get(accountId)
      if (cell === undefined) {
        cell = { accountId, start: null, end: null }
        cells.set(accountId, cell)
        order.push(cell)
      }
      if (month === from) {
        cell.start ??= createMoneySum()
        addMoney(cell.start, row.amount, context, index)
      } else {
        cell.end ??= createMoneySum()
        addMoney(cell.end, row.amount, context, index)
      }
    }
    return summarise(order, flatTolerance, currency.currency, context)
  })
}

function summarise(
  order: readonly AccountCell[],
  flatTolerance: number,
  currency: string | null,
  context: MoneyContext,
): AccountGrowthResult {
  const zero = new MoneyDecimal(0)
  const tolerance = new MoneyDecimal(flatTolerance)
  const accounts: AccountGrowthAccount[] = []
  const counts: Record<AccountGrowthClass, number> = {
    new: 0,
    churned: 0,
    expanded: 0,
    contracted: 0,
    flat: 0,
  }
  const growths: number[] = []
  // Totals as exact money sums (a total needing more than 34 digits is refused, not rounded).
  const startTotal: MoneySum = { ...createMoneySum(), context }
  const endTotal: MoneySum = { ...createMoneySum(), context }
  const retainedTotal: MoneySum = { ...createMoneySum(), context }
  for (let position = 0; position < order.length; position++) {
    const cell = order[position] as AccountCell
    const start = cell.start === null ? zero : moneySumValue(cell.start)
    const end = cell.end === null ? zero : moneySumValue(cell.end)
    if (start.isZero() && end.isZero()) continue
    let growth: number | null = null
    let kind: AccountGrowthClass
    if (start.isZero()) {
      kind = 'new'
    } else {
      const change = end.minus(start)
      growth = change.div(start).toNumber() + 0
      if (end.isZero()) kind = 'churned'
      else if (change.abs().lte(tolerance.times(start))) kind = 'flat'
      else kind = change.isPositive() ? 'expanded' : 'contracted'
      growths.push(growth)
      if (cell.end !== null) mergeMoneySums(retainedTotal, cell.end)
    }
    counts[kind] += 1
    if (cell.start !== null) mergeMoneySums(startTotal, cell.start)
    if (cell.end !== null) mergeMoneySums(endTotal, cell.end)
    accounts.push({ accountId: cell.accountId, start, end, growth, class: kind })
  }
  const total = accounts.length
  const shares = {} as Record<AccountGrowthClass, number | null>
  for (const kind of ACCOUNT_GROWTH_CLASSES)
    shares[kind] = total === 0 ? null : counts[kind] / total
  const startAccounts = growths.length
  const sorted = Float64Array.from(growths).sort()
  const startRevenue = moneySumValue(startTotal)
  const endRevenue = moneySumValue(endTotal)
  const retained = moneySumValue(retainedTotal)
  return {
    accounts,
    summary: {
      accounts: total,
      startAccounts,
      counts,
      shares,
      shareExpanding: startAccounts === 0 ? null : counts.expanded / startAccounts,
      medianGrowth: startAccounts === 0 ? null : quantileOfSorted(sorted, 0.5, 'linear'),
      startRevenue,
      endRevenue,
      netRevenueRetention: startRevenue.isZero() ? null : retained.div(startRevenue).toNumber(),
    },
    currency,
  }
}

function readAccountId(value: unknown, index: number, metric: string): string {
  if (typeof value === 'string' && value.length > 0) return value
  throw new MetricInputError({
    code: value === '' || value === undefined ? 'MISSING_VALUE' : 'INVALID_RECORD',
    metric,
    path: [index, 'accountId'],
    message: `${metric}: accountId at index ${index} is ${describeValue(value)}; it must be a non-empty string`,
  })
}

/** Reads a `'YYYY-MM'` option as a month number (year × 12 + month index). */
