import type { Decimal } from 'decimal.js'
import { type CurrencyTracker, createCurrencyTracker, trackCurrency } from '../core/currency.js'
import { describeValue } from '../core/describeValue.js'
import { finiteMoney, guardInput, readOptions, requireRow } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumOrZero,
  moneySumValue,
} from '../core/moneySum.js'
import type { AccountRevenue } from '../records/AccountRevenue.js'
import { requireCurrency } from '../records/fieldChecks.js'

/**
 * How an account's revenue moved between two snapshots.
 *
 * @category Retention
 */
export const REVENUE_MOVEMENTS = [
  'new',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'unchanged',
] as const
/**
 * One of {@link REVENUE_MOVEMENTS}.
 *
 * @category Retention
 */
export type RevenueMovement = (typeof REVENUE_MOVEMENTS)[number]

/**
 * Options of {@link revenueMovements}.
 *
 * @category Retention
 */
export interface RevenueMovementsOptions {
  /**
   * Earlier snapshots (any number of rows): an account that paid something there, nothing
   * at the start and something at the end is a reactivation, not new.
   */
  readonly history?: readonly AccountRevenue[]
}

/**
 * One account's movement.
 *
 * @category Retention
 */
export interface AccountMovement {
  readonly accountId: string
  readonly movement: RevenueMovement
  readonly startAmount: Decimal
  readonly endAmount: Decimal
  /** endAmount − startAmount. */
  readonly change: Decimal
}

/**
 * Exact movement totals and counts — they feed the retention functions directly.
 *
 * @category Retention
 */
export interface RevenueMovementsSummary {
  readonly startingRevenue: Decimal
  readonly endingRevenue: Decimal
  readonly newRevenue: Decimal
  readonly expansion: Decimal
  readonly contraction: Decimal
  readonly churn: Decimal
  readonly reactivation: Decimal
  /** Accounts per movement, and paying accounts at the start and the end. */
  readonly counts: Readonly<Record<RevenueMovement, number>> & {
    readonly startingCustomers: number
    readonly endingCustomers: number
  }
}

/**
 * The result of {@link revenueMovements}: the summary, the currency and every account.
 *
 * @category Retention
 */
export interface RevenueMovementsResult extends RevenueMovementsSummary {
  /** The currency of the amounts, or `null` when no row named one. */
  readonly currency: string | null
  /** Every account that paid at the start or the end, ordered by `accountId`. */
  readonly accounts: AccountMovement[]
}

/**
 * Splits the change in recurring revenue between two snapshots into the movements every
 * SaaS board report shows — new, expansion, contraction, churn, reactivation — per account
 * and in exact totals, ready for `netRevenueRetention`, `grossRevenueRetention` and the MRR
 * churn rates.
 *
 * ```text
 * per account, s = start amount, e = end amount:
 *   s > 0, e > s → expansion (e − s)     s > 0, 0 < e < s → contraction (s − e)
 *   s > 0, e = 0 → churn (s)             s > 0, e = s     → unchanged
 *   s = 0, e > 0 → reactivation (e) if it paid in history, else new (e)
 * ending = starting + new + expansion + reactivation − contraction − churn   (exactly)
 * ```
 * Movements are netted per account (two subscriptions of one account moving in opposite
 * directions are one movement), as ChartMogul's net MRR movements are.
 *
 * @param start - Revenue rows of the first snapshot.
 * @param end - Revenue rows of the second snapshot.
 * @param options - `history`: earlier rows, to tell reactivation from new.
 * @returns Exact `Decimal` totals, counts, the currency and the per-account movements.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` (path `['start', i, 'amount']`),
 *   `MISSING_VALUE` (an empty `accountId`), `CURRENCY_MISMATCH`, `INVALID_RECORD` (a row
 *   that is not an object, `['start', i]`), `VALUE_OUT_OF_RANGE` (a list that is not an
 *   array, path `['start']`; an account total too large for exact decimals).
 * @example
 * ```ts
 * const moves = revenueMovements(
 *   [{ accountId: 'a', amount: 100 }, { accountId: 'b', amount: 50 }],
 *   [{ accountId: 'a', amount: 120 }, { accountId: 'c', amount: 30 }],
 * )
 * moves.expansion.toString() // => '20'
 * moves.churn.toString() // => '50'
 * netRevenueRetention(moves) // => 0.8
 * ```
 * @see help.chartmogul.com — MRR movements; docs/metric-definitions.md §2.2.
 * @category Retention
 */
export function revenueMovements(
  start: readonly AccountRevenue[],
  end: readonly AccountRevenue[],
  options?: RevenueMovementsOptions,
): RevenueMovementsResult {
  return guardInput('revenueMovements', () => computeMovements(start, end, options))
}

function computeMovements(
  start: readonly AccountRevenue[],
  end: readonly AccountRevenue[],
  given: RevenueMovementsOptions | undefined,
): RevenueMovementsResult {
  const metric = 'revenueMovements'
  const options = readOptions(given, metric)
  const currency = createCurrencyTracker(metric)
  const startTotals = sumByAccount(start, 'start', metric, currency)
  const endTotals = sumByAccount(end, 'end', metric, currency)
  const paidBefore = new Set<string>()
  if (options.history !== undefined) {
    for (const [accountId, sum] of sumByAccount(options.history, 'history', metric, currency)) {
      if (finiteMoney(moneySumValue(sum), metric, accountId).gt(0)) paidBefore.add(accountId)
    }
  }
  const zero = new MoneyDecimal(0)
  const totals = {
    new: zero,
    expansion: zero,
    contraction: zero,
    churn: zero,
    reactivation: zero,
    unchanged: zero,
  }
  const counts = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, unchanged: 0 }
  const accounts: AccountMovement[] = []
  let startingRevenue = zero
  let endingRevenue = zero
  let startingCustomers = 0
  let endingCustomers = 0
  const ids = [...new Set([...startTotals.keys(), ...endTotals.keys()])].sort()
  for (const accountId of ids) {
    const startAmount = finiteMoney(moneySumOrZero(startTotals.get(accountId)), metric, accountId)
    const endAmount = finiteMoney(moneySumOrZero(endTotals.get(accountId)), metric, accountId)
    const movement = classifyMovement(startAmount, endAmount, paidBefore.has(accountId))
    if (movement === null) continue
    const change = endAmount.minus(startAmount)
    totals[movement] = totals[movement].plus(change.abs())
    counts[movement]++
    if (startAmount.gt(0)) {
      startingRevenue = startingRevenue.plus(startAmount)
      startingCustomers++
    }
    if (endAmount.gt(0)) {
      endingRevenue = endingRevenue.plus(endAmount)
      endingCustomers++
    }
    accounts.push({ accountId, movement, startAmount, endAmount, change })
  }
  return {
    startingRevenue,
    endingRevenue,
    newRevenue: totals.new,
    expansion: totals.expansion,
    contraction: totals.contraction,
    churn: totals.churn,
    reactivation: totals.reactivation,
    currency: currency.currency,
    counts: { ...counts, startingCustomers, endingCustomers },
    accounts,
  }
}

/** The movement of one account; `null` when it paid neither at the start nor at the end. Internal. */
export function classifyMovement(
  startAmount: Decimal,
  endAmount: Decimal,
  paidBefore: boolean,
): RevenueMovement | null {
  const paidAtStart = startAmount.gt(0)
  const paidAtEnd = endAmount.gt(0)
  if (!paidAtStart) return paidAtEnd ? (paidBefore ? 'reactivation' : 'new') : null
  if (!paidAtEnd) return 'churn'
  const change = endAmount.cmp(startAmount)
  return change > 0 ? 'expansion' : change < 0 ? 'contraction' : 'unchanged'
}

/** Exact revenue per account of one snapshot (rows of one account are added). */
function sumByAccount(
  rows: readonly AccountRevenue[],
  list: string,
  metric: string,
  currency: CurrencyTracker,
): Map<string, MoneySum> {
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount', list }
  const sums = new Map<string, MoneySum>()
  requireListAt(rows, metric, list)
  for (let index = 0; index < rows.length; index++) {
    const row = requireRow(rows[index] as AccountRevenue, metric, index, 'row', list)
    if (typeof row.accountId !== 'string' || row.accountId === '') {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: [list, index, 'accountId'],
        message: `${metric}: accountId at ${list}[${index}] is missing; every row needs an account`,
      })
    }
    trackCurrency(currency, requireCurrency(row, index, metric, [list, index, 'currency']), () => [
      list,
      index,
      'currency',
    ])
    let sum = sums.get(row.accountId)
    if (sum === undefined) {
      sum = createMoneySum()
      sums.set(row.accountId, sum)
    }
    addMoney(sum, row.amount, context, index)
  }
  return sums
}

/** Throws `VALUE_OUT_OF_RANGE` (path `[list]`) unless the rows are an array. */
function requireListAt(rows: readonly AccountRevenue[], metric: string, list: string): void {
  if (Array.isArray(rows)) return
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [list],
    message: `${metric}: ${list} is ${describeValue(rows)}; it must be an array of rows`,
  })
}
