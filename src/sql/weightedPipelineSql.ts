import type { Decimal } from 'decimal.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import {
  type WeightedPipelineAggregatorState,
  weightedPipelineAggregator,
} from '../pipeline/weightedPipelineAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import { aggregatorFor, buildSqlQuery, readSqlOptions, textType } from './sqlBuilder.js'

/**
 * The columns of {@link weightedPipelineSql}: `status`, `amount`, `probability` (0–1) and
 * optionally `currency`.
 *
 * @category SQL
 */
export interface WeightedPipelineSqlColumns {
  readonly status: SqlName
  readonly amount: SqlName
  readonly probability: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link weightedPipelineSql}: the SQL options (currency conversion is not
 * offered in SQL).
 *
 * @category SQL
 */
export type WeightedPipelineSqlOptions = SqlOptions<WeightedPipelineSqlColumns>

/**
 * Weighted pipeline computed where the data lives: one `GROUP BY` query that sums
 * amount × probability over open deals in exact decimals — `DECIMAL(30, 6)` × `DECIMAL(7, 6)`
 * = `DECIMAL(38, 12)`, never `DOUBLE` — per group and period: exactly the state of
 * `weightedPipelineAggregator`, finished with its own result (a `Decimal`).
 *
 * ```text
 * total = SUM(CAST(amount AS DECIMAL(30, 6)) × CAST(probability AS DECIMAL(7, 6))) over open deals, as text
 * currency = the one currency of the open deals (MIN = MAX, else CURRENCY_MISMATCH)
 * ```
 * Refused rows are counted and make `finish` throw what `weightedPipeline` throws: a status
 * that is not open/won/lost; an open deal without an amount or probability, with a negative
 * amount or a probability outside 0–1; and (a limit of exact SQL decimals) an open deal
 * whose amount or probability has more than 6 decimals. Rows come ordered by `groupBy`
 * (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, amount, probability, currency? }`,
 *   `groupBy`, `period`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name or `rates`;
 *   from `finish`, `VALUE_OUT_OF_RANGE`, `MISSING_VALUE`, `NEGATIVE_VALUE`,
 *   `RATE_OUT_OF_RANGE`, `CURRENCY_MISMATCH`, and `INVALID_RECORD` for a row that is not
 *   this query's.
 * @example
 * ```ts
 * const query = weightedPipelineSql({ dialect: 'spark', from: 'crm.deals', columns: { status: 'status', amount: 'amount', probability: 'probability' } })
 * // 1000 × 0.25 + 50.10 × 0.5 = 250 + 25.05 = 275.05
 * const [row] = query.finish([{ cx_n: 2, cx_total: '275.050000000000', cx_currencyLow: null, cx_currencyHigh: null, cx_badStatus: 0, cx_missing: 0, cx_negativeAmount: 0, cx_badProbability: 0, cx_tooPrecise: 0 }])
 * row?.result.toString() // => '275.05'
 * ```
 * @see weightedPipelineAggregator, the state it computes.
 * @category SQL
 */
export function weightedPipelineSql(
  options: WeightedPipelineSqlOptions,
): SqlQuery<WeightedPipelineAggregatorState, Decimal> {
  const metric = 'weightedPipelineSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'status', required: true },
      { field: 'amount', required: true },
      { field: 'probability', required: true },
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
      weightedPipelineAggregator(context.aggregatorOptions),
    )
    const { dialect, columns } = context
    const status = columns.status as string
    const amount = columns.amount as string
    const probability = columns.probability as string
    const open = `${status} = 'open'`
    const decimal = (precision: number) =>
      dialect === 'postgres'
        ? `NUMERIC(${precision}, 6)`
        : dialect === 'bigquery'
          ? `BIGNUMERIC(${precision}, 6)`
          : dialect === 'snowflake'
            ? `NUMBER(${precision}, 6)`
            : `DECIMAL(${precision}, 6)`
    const exactAmount = `CAST(${amount} AS ${decimal(30)})`
    const exactProbability = `CAST(${probability} AS ${decimal(7)})`
    const currency = columns.currency
    const openCurrency = currency === undefined ? 'NULL' : `CASE WHEN ${open} THEN ${currency} END`
    const text = textType(dialect)
    const valid = `${open} AND ${amount} >= 0 AND ${probability} >= 0 AND ${probability} <= 1`
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        {
          name: 'total',
          sql: `CAST(COALESCE(SUM(CASE WHEN ${valid} THEN ${exactAmount} * ${exactProbability} END), 0) AS ${text})`,
          kind: 'decimal',
        },
        {
          name: 'currencyLow',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MIN(${openCurrency})`,
          kind: 'text',
        },
        {
          name: 'currencyHigh',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MAX(${openCurrency})`,
          kind: 'text',
        },
      ],
      checks: [
        {
          name: 'badStatus',
          condition: `${status} IS NULL OR ${status} NOT IN ('open', 'won', 'lost')`,
          code: 'VALUE_OUT_OF_RANGE',
          problem: "a status that is NULL or not 'open', 'won' or 'lost'",
        },
        {
          name: 'missing',
          condition: `${open} AND (${amount} IS NULL OR ${probability} IS NULL)`,
          code: 'MISSING_VALUE',
          problem: 'an open deal without an amount or a probability',
        },
        {
          name: 'negativeAmount',
          condition: `${open} AND ${amount} < 0`,
          code: 'NEGATIVE_VALUE',
          problem: 'an open deal with a negative amount',
        },
        {
          name: 'badProbability',
          condition: `${open} AND (${probability} < 0 OR ${probability} > 1)`,
          code: 'RATE_OUT_OF_RANGE',
          problem: 'an open deal with a probability outside 0–1',
        },
        {
          name: 'tooPrecise',
          condition: `${valid} AND (${amount} <> ${exactAmount} OR ${probability} <> ${exactProbability})`,
          code: 'VALUE_OUT_OF_RANGE',
          problem:
            'an amount or probability with more than 6 decimals (round it in the source query)',
        },
      ],
      toState: (values) => {
        if (values.currencyLow !== values.currencyHigh) {
          throw new MetricInputError({
            code: 'CURRENCY_MISMATCH',
            metric,
            path: ['b', 'currency'],
            message: `${metric}: the open deals are in ${JSON.stringify(values.currencyLow)} and ${JSON.stringify(values.currencyHigh)}; convert amounts to one currency first`,
          })
        }
        return { total: values.total, currency: values.currencyLow }
      },
      columnOfField: { currency: 'currencyHigh' },
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
