import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  asMetricInputError,
  requireOneOf,
  SUMMARY_STATISTICS,
  type SummaryStatistic,
} from '../core/validate.js'
import type { AverageDealSizeOptions, AverageDealSizeResult } from '../pipeline/averageDealSize.js'
import {
  type AverageDealSizeAggregatorState,
  averageDealSizeAggregator,
} from '../pipeline/averageDealSizeAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  alias,
  buildSqlQuery,
  countWhere,
  decimalType,
  doubleType,
  quoteIdentifier,
  readSqlOptions,
  type SqlRowCheck,
  type SqlStateColumn,
  textType,
} from './sqlBuilder.js'
import { rankedContext } from './sqlRanks.js'

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
 * `confidence` and `method` (only `'mean-t'`), and `statistic`: `'mean'` (default; `median`
 * is `null`, as in the aggregator) or `'median'` (also the exact median, from ranks).
 * Currency conversion (`rates`, `baseCurrency`) is not offered in SQL.
 *
 * @category SQL
 */
export type AverageDealSizeSqlOptions = SqlOptions<AverageDealSizeSqlColumns> &
  Pick<AverageDealSizeOptions, 'confidence' | 'method'> & {
    /** `'mean'` (default) or `'median'`: also compute the exact median of the won amounts. */
    readonly statistic?: SummaryStatistic
  }

/**
 * Average deal size (the mean and its t interval) computed where the data lives: one
 * `GROUP BY` query that counts the won deals, sums their amounts exactly as
 * `DECIMAL(38, 6)` and takes their squared deviations from each engine's `VAR_POP` —
 * exactly the state of `averageDealSizeAggregator`, finished with its own result. The
 * median is not additive (it needs every amount): `median` is `null`, as in the aggregator —
 * unless `statistic: 'median'`, which numbers each group's won amounts (`ROW_NUMBER()` over
 * the exact `DECIMAL(38, 6)` amounts in an inner query) and returns the one or two middle
 * ones as exact decimal text; `finish` sets `result.median` to their mean, exactly
 * `averageDealSize`'s median (`state` stays the aggregator's state).
 *
 * ```text
 * count = COUNT(status = 'won');  total = SUM(CAST(amount AS DECIMAL(38, 6))) over won, as text
 * squaredDeviations = COUNT(won) · VAR_POP(CAST(amount AS DOUBLE)) over won   (a float)
 * currency = the one currency of the won deals (MIN = MAX, else CURRENCY_MISMATCH)
 * statistic 'median': rank = ROW_NUMBER() OVER (PARTITION BY group, period ORDER BY won first, amount)
 *   middle = won rows with n ≤ 2·rank ≤ n + 2 (the one middle amount, or the two);  median = (MIN + MAX) / 2
 * ```
 * `squaredDeviations` is a float computed by the engine's own (stable, one-pass) variance;
 * it agrees with the JavaScript two-pass sum to within rounding of the amounts as floats.
 * Refused rows are counted and make `finish` throw what `averageDealSize` throws: a status
 * that is not open/won/lost, and for a won deal a missing `closedAt` (when mapped), a
 * missing, negative or more than 6-decimal amount. Rows come ordered by `groupBy` (NULLs
 * last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, amount, closedAt?, currency? }`,
 *   `groupBy`, `period`, `confidence` (0.95), `method` (`'mean-t'` only), `statistic`
 *   (`'mean'`; `'median'` adds the exact median).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name, `rates` or a
 *   `method` other than `'mean-t'`; from `finish`, `VALUE_OUT_OF_RANGE`, `MISSING_VALUE`,
 *   `NEGATIVE_VALUE`, `CURRENCY_MISMATCH` for refused deals and `INVALID_RECORD` for a row
 *   that is not this query's. `statistic` other than `'mean'` / `'median'` is `INVALID_OPTION`.
 * @example
 * ```ts
 * const query = averageDealSizeSql({ dialect: 'postgres', from: 'crm.deals', columns: { status: 'status', amount: 'amount' } })
 * // Won 1000, 2000 and 3000: total 6000, mean 2000, squared deviations 1000² + 0 + 1000².
 * const [row] = query.finish([{ cx_n: 4, cx_count: 3, cx_total: '6000.000000', cx_squaredDeviations: 2000000, cx_currencyLow: null, cx_currencyHigh: null, cx_badStatus: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 }])
 * row?.result.mean?.toString() // => '2000'
 * row?.result.standardDeviation // => 1000
 * // With statistic: 'median' the query also returns the middle won amounts: 2000 and 2000.
 * const median = averageDealSizeSql({ dialect: 'postgres', from: 'crm.deals', columns: { status: 'status', amount: 'amount' }, statistic: 'median' })
 * const [withMedian] = median.finish([{ cx_n: 4, cx_count: 3, cx_total: '6000.000000', cx_squaredDeviations: 2000000, cx_currencyLow: null, cx_currencyHigh: null, cx_medianLow: '2000.000000', cx_medianHigh: '2000.000000', cx_badStatus: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 }])
 * withMedian?.result.median?.toString() // => '2000'
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
    const { statistic: givenStatistic, ...aggregatorOptions } = context.aggregatorOptions
    const statistic = requireOneOf(
      (givenStatistic ?? 'mean') as SummaryStatistic,
      SUMMARY_STATISTICS,
      metric,
      'statistic',
    )
    const aggregator = aggregatorFor(metric, () => averageDealSizeAggregator(aggregatorOptions))
    const { dialect } = context
    const quote = (name: string) => quoteIdentifier(alias(name), dialect)
    const withMedian = statistic === 'median'
    // With the median, the outer query reads the columns from the ranked inner query.
    const source = context.columns
    const columns: Record<string, string | undefined> = withMedian
      ? Object.fromEntries(
          Object.entries(source).map(([field, sql]) => [
            field,
            sql === undefined ? undefined : quote(`r_${field}`),
          ]),
        )
      : source
    const exactOf = (value: string) => `CAST(${value} AS ${decimalType(dialect)})`
    const outer = withMedian
      ? rankedContext(context, (window) => {
          const sourceWon = `${source.status} = 'won'`
          const list = Object.entries(source)
            .filter((entry): entry is [string, string] => entry[1] !== undefined)
            .map(([field, sql]) => ({ name: `r_${field}`, sql }))
          list.push(
            {
              name: 'r_rank',
              sql: `ROW_NUMBER() ${window(`CASE WHEN ${sourceWon} THEN 0 ELSE 1 END, ${exactOf(source.amount as string)}`)}`,
            },
            { name: 'r_won', sql: `COUNT(CASE WHEN ${sourceWon} THEN 1 END) ${window(null)}` },
          )
          return list
        })
      : context
    const status = columns.status as string
    const amount = columns.amount as string
    const won = `${status} = 'won'`
    const exact = exactOf(amount)
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
    const middle = `${won} AND 2 * ${quote('r_rank')} >= ${quote('r_won')} AND 2 * ${quote('r_rank')} <= ${quote('r_won')} + 2`
    const medianColumns: SqlStateColumn[] = withMedian
      ? (['MIN', 'MAX'] as const).map((bound) => ({
          name: bound === 'MIN' ? 'medianLow' : 'medianHigh',
          sql: `CAST(COALESCE(${bound}(CASE WHEN ${middle} THEN ${exact} END), 0) AS ${text})`,
          kind: 'decimal' as const,
        }))
      : []
    // The middle amounts of each row, in finish order (toState runs once per row, in order).
    let medians: (string | null)[] = []
    const query = buildSqlQuery({
      context: outer,
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
        ...medianColumns,
      ],
      checks,
      toState: (values) => {
        if (withMedian) {
          medians.push(
            values.count === 0
              ? null
              : new MoneyDecimal(values.medianLow as string)
                  .plus(values.medianHigh as string)
                  .div(2)
                  .toString(),
          )
        }
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
    if (!withMedian) return query
    return {
      sql: query.sql,
      finish: (rows) => {
        medians = []
        const finished = query.finish(rows)
        return finished.map((row, index) => {
          const median = medians[index] ?? null
          return {
            ...row,
            result: { ...row.result, median: median === null ? null : new MoneyDecimal(median) },
          }
        })
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
