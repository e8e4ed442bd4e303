import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import { readWinRateBasis, type WinRateOptions, type WinRateResult } from '../pipeline/winRate.js'
import { type WinRateAggregatorState, winRateAggregator } from '../pipeline/winRateAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  countWhere,
  decimalType,
  readSqlOptions,
  type SqlRowCheck,
  type SqlStateColumn,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link winRateSql}: `status` (`'open'`, `'won'`, `'lost'`), and optionally
 * `closedAt` (a closed deal without one is refused, as `winRate` refuses it), `amount`
 * (required with `basis: 'amount'`) and `currency`.
 *
 * @category SQL
 */
export interface WinRateSqlColumns {
  readonly status: SqlName
  readonly closedAt?: SqlName
  readonly amount?: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link winRateSql}: the SQL options, plus `winRate`'s `basis` (or `by`) and
 * `confidence`. Currency conversion (`rates`, `baseCurrency`) is not offered in SQL.
 *
 * @category SQL
 */
export type WinRateSqlOptions = SqlOptions<WinRateSqlColumns> &
  Omit<WinRateOptions, 'rates' | 'baseCurrency'>

/**
 * Win rate computed where the data lives: one `GROUP BY` query that counts won and lost
 * deals — or sums their amounts exactly as `DECIMAL(38, 6)` (never `DOUBLE`) — per group
 * and period: exactly the state of `winRateAggregator`, finished with its own result
 * (Wilson interval for counts, exact `Decimal` shares for amounts).
 *
 * ```text
 * count:  won = COUNT(status = 'won');  lost = COUNT(status = 'lost')   (open deals skipped)
 * amount: won = SUM(CAST(amount AS DECIMAL(38, 6))) over won deals, as text; lost alike;
 *         currency = the one currency of the closed deals (MIN = MAX, else CURRENCY_MISMATCH)
 * ```
 * Refused rows are counted and make `finish` throw what `winRate` throws: a status that is
 * not open/won/lost, a closed deal without `closedAt` (when mapped), and with amounts one
 * without an amount, with a negative amount or with more than 6 decimals (which
 * `DECIMAL(38, 6)` would round). Rows come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, closedAt?, amount?, currency? }`,
 *   `groupBy`, `period`, `basis` (`'count'`), `confidence` (0.95).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name, `rates`, or
 *   `basis: 'amount'` without `columns.amount`; from `finish`, `VALUE_OUT_OF_RANGE`,
 *   `MISSING_VALUE`, `NEGATIVE_VALUE`, `CURRENCY_MISMATCH` for refused deals and
 *   `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = winRateSql({ dialect: 'snowflake', from: 'crm.deals', columns: { status: 'STATUS', amount: 'AMOUNT' }, basis: 'amount' })
 * // Won 1500.50, lost 500.50: 1500.5 / 2001 (exact decimals).
 * const [row] = query.finish([{ cx_n: 3, cx_won: '1500.500000', cx_lost: '500.500000', cx_currencyLow: null, cx_currencyHigh: null, cx_badStatus: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 }])
 * row?.state // => { won: '1500.5', lost: '500.5', currency: null }
 * ```
 * @see winRateAggregator, the state it computes.
 * @category SQL
 */
export function winRateSql(
  options: WinRateSqlOptions,
): SqlQuery<WinRateAggregatorState, WinRateResult> {
  const metric = 'winRateSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'status', required: true },
      { field: 'closedAt', required: false },
      { field: 'amount', required: false },
      { field: 'currency', required: false },
    ])
    for (const option of ['rates', 'baseCurrency'] as const) {
      if (context.aggregatorOptions[option] !== undefined) {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: [option],
          message: `${metric}: option ${option} is not offered in SQL; convert amounts to one currency in the query's source`,
        })
      }
    }
    const aggregator = aggregatorFor(metric, () => winRateAggregator(context.aggregatorOptions))
    const byAmount = readWinRateBasis(context.aggregatorOptions, metric) === 'amount'
    const { dialect, columns } = context
    const status = columns.status as string
    const closed = `${status} IN ('won', 'lost')`
    const checks: SqlRowCheck[] = [
      {
        name: 'badStatus',
        condition: `${status} IS NULL OR ${status} NOT IN ('open', 'won', 'lost')`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: "a status that is NULL or not 'open', 'won' or 'lost'",
      },
    ]
    if (columns.closedAt !== undefined) {
      checks.push({
        name: 'missingClosedAt',
        condition: `${closed} AND ${columns.closedAt} IS NULL`,
        code: 'MISSING_VALUE',
        problem: 'a closed deal without closedAt',
      })
    }
    const stateColumns: SqlStateColumn[] = []
    if (byAmount) {
      const amount = columns.amount
      if (amount === undefined) {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: ['columns', 'amount'],
          message: `${metric}: option columns.amount is missing; basis 'amount' sums the amount column`,
        })
      }
      const exact = `CAST(${amount} AS ${decimalType(dialect)})`
      const sumOf = (outcome: string) =>
        `CAST(COALESCE(SUM(CASE WHEN ${status} = '${outcome}' THEN ${exact} END), 0) AS ${textType(dialect)})`
      stateColumns.push(
        { name: 'won', sql: sumOf('won'), kind: 'decimal' },
        { name: 'lost', sql: sumOf('lost'), kind: 'decimal' },
      )
      const currency = columns.currency
      const closedCurrency =
        currency === undefined ? 'NULL' : `CASE WHEN ${closed} THEN ${currency} END`
      stateColumns.push(
        {
          name: 'currencyLow',
          sql:
            currency === undefined
              ? `CAST(NULL AS ${textType(dialect)})`
              : `MIN(${closedCurrency})`,
          kind: 'text',
        },
        {
          name: 'currencyHigh',
          sql:
            currency === undefined
              ? `CAST(NULL AS ${textType(dialect)})`
              : `MAX(${closedCurrency})`,
          kind: 'text',
        },
      )
      checks.push(
        {
          name: 'missingAmount',
          condition: `${closed} AND ${amount} IS NULL`,
          code: 'MISSING_VALUE',
          problem: 'a closed deal without an amount',
        },
        {
          name: 'negativeAmount',
          condition: `${closed} AND ${amount} < 0`,
          code: 'NEGATIVE_VALUE',
          problem: 'a closed deal with a negative amount',
        },
        {
          name: 'tooPrecise',
          condition: `${closed} AND ${amount} <> ${exact}`,
          code: 'VALUE_OUT_OF_RANGE',
          problem: 'an amount with more than 6 decimals (round it in the source query)',
        },
      )
    } else {
      stateColumns.push(
        { name: 'won', sql: countWhere(context.dialect, `${status} = 'won'`), kind: 'count' },
        { name: 'lost', sql: countWhere(context.dialect, `${status} = 'lost'`), kind: 'count' },
      )
    }
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns,
      checks,
      toState: (values) => {
        if (!byAmount) return { won: values.won, lost: values.lost, currency: null }
        if (values.currencyLow !== values.currencyHigh) {
          throw new MetricInputError({
            code: 'CURRENCY_MISMATCH',
            metric,
            path: ['b', 'currency'],
            message: `${metric}: the closed deals are in ${JSON.stringify(values.currencyLow)} and ${JSON.stringify(values.currencyHigh)}; convert amounts to one currency first`,
          })
        }
        return { won: values.won, lost: values.lost, currency: values.currencyLow }
      },
      columnOfField: { currency: 'currencyHigh' },
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
