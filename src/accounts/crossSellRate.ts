import { describeValue } from '../core/describeValue.js'
import {
  guardInput,
  readCriticalValue,
  readOptions,
  requireList,
  requireRow,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { wilsonBounds } from '../core/wilsonInterval.js'

/**
 * One product line an account holds (an active subscription line, or a won deal's product
 * line): a row of {@link crossSellRate}. Several rows of one account and one product count
 * once.
 *
 * @category Accounts
 */
export interface CrossSellRow {
  readonly accountId: string
  /** The product line, e.g. `'crm'`; compared as an exact string. */
  readonly product: string
}

/**
 * Options of {@link crossSellRate}.
 *
 * @category Accounts
 */
export interface CrossSellRateOptions {
  /** Confidence level of the interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
}

/**
 * The result of {@link crossSellRate}.
 *
 * @category Accounts
 */
export interface CrossSellRateResult {
  /** Accounts with more than one product line / accounts; `null` without accounts. */
  readonly rate: number | null
  /** Distinct accounts in the rows. */
  readonly accounts: number
  /** Accounts holding two or more distinct product lines. */
  readonly crossSold: number
  /** Wilson score interval of `rate` (`null` without accounts). */
  readonly lower: number | null
  readonly upper: number | null
  readonly confidence: number
}

/** Marks an account already seen with two or more products. */
const MULTIPLE = 1

/**
 * The cross-sell rate of a customer base: the share of active accounts that hold more than
 * one product line, with its Wilson score interval.
 *
 * ```text
 * rate = accounts with ≥ 2 distinct products / accounts
 * ```
 * Pass the product lines of the accounts active in the period you report on (one row per
 * account and product; repeats count once). The interval is the Wilson score interval (R
 * `prop.test(x, n, correct = FALSE)`, scipy `binomtest(x, n).proportion_ci(method='wilson')`).
 *
 * @param rows - Rows `{ accountId, product }`.
 * @param options - `confidence` (default 0.95).
 * @returns `{ rate, accounts, crossSold, lower, upper, confidence }`.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (not an array), `INVALID_RECORD` (a row that
 *   is not an object, `[i]`; an `accountId` or `product` that is not a string),
 *   `MISSING_VALUE` (an empty `accountId` or `product`), `INVALID_OPTION` (`confidence`).
 * @example
 * ```ts
 * const result = crossSellRate([
 *   { accountId: 'a', product: 'crm' }, { accountId: 'a', product: 'support' },
 *   { accountId: 'b', product: 'crm' }, { accountId: 'b', product: 'crm' },
 *   { accountId: 'c', product: 'analytics' }, { accountId: 'c', product: 'crm' },
 *   { accountId: 'd', product: 'support' },
 * ])
 * [result.crossSold, result.accounts, result.rate] // => [2, 4, 0.5]
 * ```
 * @see issue 14, "Account management" (cross-sell rate); E. B. Wilson (1927), JASA 22(158).
 * @category Accounts
 */
export function crossSellRate(
  rows: readonly CrossSellRow[],
  options?: CrossSellRateOptions,
): CrossSellRateResult {
  const metric = 'crossSellRate'
  return guardInput(metric, () => {
    const confidence = readOptions(options, metric).confidence ?? 0.95
    const z = readCriticalValue(confidence, metric)
    const list = requireList(rows, metric, 'rows')
    // Per account: its first product, or MULTIPLE once a second distinct one appears.
    const products = new Map<string, string | typeof MULTIPLE>()
    let crossSold = 0
    for (let index = 0; index < list.length; index++) {
      const row = requireRow(list[index] as CrossSellRow, metric, index, 'row')
      const accountId = readText(row.accountId, index, 'accountId', metric)
      const product = readText(row.product, index, 'product', metric)
      const seen = products.get(accountId)
      if (seen === undefined) {
        products.set(accountId, product)
      } else if (seen !== MULTIPLE && seen !== product) {
        products.set(accountId, MULTIPLE)
        crossSold++
      }
    }
    const accounts = products.size
    const bounds = wilsonBounds(crossSold, accounts, z)
    return {
      rate: accounts === 0 ? null : crossSold / accounts,
      accounts,
      crossSold,
      lower: bounds === null ? null : bounds.lower,
      upper: bounds === null ? null : bounds.upper,
      confidence,
    }
  })
}

function readText(value: unknown, index: number, field: string, metric: string): string {
  if (typeof value === 'string' && value.length > 0) return value
  throw new MetricInputError({
    code: value === '' || value === undefined ? 'MISSING_VALUE' : 'INVALID_RECORD',
    metric,
    path: [index, field],
    message: `${metric}: ${field} at index ${index} is ${describeValue(value)}; it must be a non-empty string`,
  })
}
