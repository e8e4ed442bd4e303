import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { AverageDealSizeOptions, AverageDealSizeResult } from '../pipeline/averageDealSize.js'
import {
  type AverageDealSizeAggregatorState,
  averageDealSizeAggregator,
} from '../pipeline/averageDealSizeAggregator.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  countWhere,
  decimalType,
  readSqlOptions,
  type SqlRowCheck,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link averageDealSizeSql}: `status` (`'open'`, `'won'`, `'lost'`),
 * `amount` (required for won deals), and optionally `closedAt` (a won deal without one is
 * refused, as `averageDealSize` refuses it) and `currency`.
 *
 * @category SQL
 */
export interface AverageDealSizeSqlColumns {
  readonly status: SqlName
  readonly amount: SqlName
  readonly closedAt?: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link averageDealSizeSql}: the SQL options plus `averageDealSize`'s
 * `confidence` and `method` (only `'mean-t'`: the median needs every amount). Currency
 * conversion (`rates`, `baseCurrency`) is not offered in SQL.
 *
 * @category SQL
 */
export type AverageDealSizeSqlOptions = SqlOptions<AverageDealSizeSqlColumns> &
  Pick<AverageDealSizeOptions, 'confidence' | 'method'>

/** The float type of the spread term. */
function doubleType(dialect: SqlDialect): string {
  return dialect === 'postgres' ? 'DOUBLE PRECISION' : dialect === 'bigquery' ? 'FLOAT64' : 'DOUBLE'
}

/**
 * Average deal size (the mean and its t interval) computed where the data lives: one
 * `GROUP BY` query that counts the won deals, sums their amounts exactly as
 * `DECIMAL(38, 6)` and takes their squared deviations from each engine's `VAR_POP` —
 * exactly the state of `averageDealSizeAggregator`, finished with its own result. The
 * median is not additive (it needs every amount): `median` is `null`, as in the aggregator.
 *
 * ```text
 * count = COUNT(status = 'won');  total = SUM(CAST(amount AS DECIMAL(38, 6))) over won, as text
 * squaredDeviations = COUNT(won) · VAR_POP(CAST(amount AS DOUBLE)) over won   (a float)
 * currency = the one currency of the won deals (MIN = MAX, else CURRENCY_MISMATCH)
 * ```
 * `squaredDeviations` is a float computed by the engine's own (stable, one-pass) variance;
 * it agrees with the JavaScript two-pass sum to within rounding of the amounts as floats.
 * Refused rows are counted and make `finish` throw what `averageDealSize` throws: a status
 * that is not open/won/lost, and for a won deal a missing `closedAt` (when mapped), a
 * missing, negative or more than 6-decimal amount. Rows come ordered by `groupBy` (NULLs
 * last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, amount, closedAt?, currency? }`,
 *   `groupBy`, `period`, `confidence` (0.95), `method` (`'mean-t'` only).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name, `rates` or a
 *   `method` other than `'mean-t'`; from `finish`, `VALUE_OUT_OF_RANGE`, `MISSING_VALUE`,
 *   `NEGATIVE_VALUE`, `CURRENCY_MISMATCH` for refused deals and `INVALID_RECORD` for a row
 *   that is not this query's.
 * @example
 * ```ts
 * const query = averageDealSizeSql({ dialect: 'postgres', from: 'crm.deals', columns: { status: 'status', amount: 'amount' } })
 * // Won 1000, 2000 and 3000: total 6000, mean 2000, squared deviations 1000² + 0 + 1000².
 * const [row] = query.finish([{ cx_n: 4, cx_count: 3, cx_total: '6000.000000', cx_squaredDeviations: 2000000, cx_currencyLow: null, cx_currencyHigh: null, cx_badStatus: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 }])
 * row?.result.mean?.toString() // => '2000'
 * row?.result.standardDeviation // => 1000
 * ```
 * @see averageDealSizeAggregator, the state it computes.
 * @category SQL
 */
export function averageDealSizeSql(
  options: AverageDealSizeSqlOptions,
): SqlQuery<AverageDealSizeAggregatorState, AverageDealSizeResult> {
  const metric = 'averageDealSizeSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'status', required: true },
      { field: 'amount', required: true },
      { field: 'closedAt', required: false },
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
    const aggregator = aggregatorFor(metric, () =>
      averageDealSizeAggregator(context.aggregatorOptions),
    )
    const { dialect, columns } = context
    const status = columns.status as string
    const amount = columns.amount as string
    const won = `${status} = 'won'`
    const exact = `CAST(${amount} AS ${decimalType(dialect)})`
    const text = textType(dialect)
    const currency = columns.currency
    const wonCurrency = currency === undefined ? 'NULL' : `CASE WHEN ${won} THEN ${currency} END`
    const wonFloat = `CASE WHEN ${won} THEN CAST(${amount} AS ${doubleType(dialect)}) END`
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
        condition: `${won} AND ${columns.closedAt} IS NULL`,
        code: 'MISSING_VALUE',
        problem: 'a won deal without closedAt',
      })
    }
    checks.push(
      {
        name: 'missingAmount',
        condition: `${won} AND ${amount} IS NULL`,
        code: 'MISSING_VALUE',
        problem: 'a won deal without an amount',
      },
      {
        name: 'negativeAmount',
        condition: `${won} AND ${amount} < 0`,
        code: 'NEGATIVE_VALUE',
        problem: 'a won deal with a negative amount',
      },
      {
        name: 'tooPrecise',
        condition: `${won} AND ${amount} <> ${exact}`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: 'an amount with more than 6 decimals (round it in the source query)',
      },
    )
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        { name: 'count', sql: countWhere(context.dialect, won), kind: 'count' },
        {
          name: 'total',
          sql: `CAST(COALESCE(SUM(CASE WHEN ${won} THEN ${exact} END), 0) AS ${text})`,
          kind: 'decimal',
        },
        {
          name: 'squaredDeviations',
          sql: `COALESCE(VAR_POP(${wonFloat}), 0) * ${countWhere(context.dialect, won)}`,
          kind: 'float',
        },
        {
          name: 'currencyLow',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MIN(${wonCurrency})`,
          kind: 'text',
        },
        {
          name: 'currencyHigh',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MAX(${wonCurrency})`,
          kind: 'text',
        },
      ],
      checks,
      toState: (values) => {
        if (values.currencyLow !== values.currencyHigh) {
          throw new MetricInputError({
            code: 'CURRENCY_MISMATCH',
            metric,
            path: ['b', 'currency'],
            message: `${metric}: the won deals are in ${JSON.stringify(values.currencyLow)} and ${JSON.stringify(values.currencyHigh)}; convert amounts to one currency first`,
          })
        }
        const squares = values.squaredDeviations as number
        return {
          count: values.count,
          total: values.total,
          // A variance of equal amounts can come back as −1e-30 from a one-pass algorithm.
          squaredDeviations: Math.max(squares, 0),
          currency: values.currencyLow,
        }
      },
      columnOfField: { currency: 'currencyHigh' },
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
