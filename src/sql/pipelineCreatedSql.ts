import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { PipelineCreatedResult } from '../pipeline/pipelineCreated.js'
import {
  type PipelineCreatedAggregatorState,
  pipelineCreatedAggregator,
} from '../pipeline/pipelineCreatedAggregator.js'
import type { SqlName } from './SqlDialect.js'
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
 * The columns of {@link pipelineCreatedSql}: `status`, `amount` (NULL = a deal without an
 * amount, counted apart), and optionally `createdAt` (a NULL is refused) and `currency`.
 *
 * @category SQL
 */
export interface PipelineCreatedSqlColumns {
  readonly status: SqlName
  readonly amount: SqlName
  readonly createdAt?: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link pipelineCreatedSql}: the SQL options (currency conversion is not offered
 * in SQL). Group the periods by the creation instant: `period: { column: 'created_at', … }`.
 *
 * @category SQL
 */
export type PipelineCreatedSqlOptions = SqlOptions<PipelineCreatedSqlColumns>

/**
 * Pipeline created computed where the data lives: one `GROUP BY` query that counts the deals
 * and sums their amounts exactly as `DECIMAL(38, 6)` — exactly the state of
 * `pipelineCreatedAggregator` — finished with its own result.
 *
 * ```text
 * count = COUNT(*);  amount = SUM(CAST(amount AS DECIMAL(38, 6))) as text
 * withoutAmount = COUNT(amount IS NULL);  currency = the one currency of deals with an amount
 * ```
 * Refused rows (a status other than open/won/lost, a NULL `createdAt` when mapped, a negative
 * amount, an amount with more than 6 decimals) are counted and make `finish` throw. Rows
 * come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { status, amount, createdAt?, currency? }`,
 *   `groupBy`, `period`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name or `rates`; from
 *   `finish`, `VALUE_OUT_OF_RANGE`, `INVALID_DATE`, `NEGATIVE_VALUE`, `CURRENCY_MISMATCH`
 *   for refused deals and `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = pipelineCreatedSql({ dialect: 'bigquery', from: 'crm.deals', columns: { status: 'status', amount: 'amount' } })
 * // Three deals created: 1200.50 and 800, one without an amount.
 * const [row] = query.finish([{ cx_n: 3, cx_amount: '2000.500000', cx_withoutAmount: 1, cx_currencyLow: null, cx_currencyHigh: null, cx_badStatus: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 }])
 * row?.state // => { count: 3, amount: '2000.5', withoutAmount: 1, currency: null }
 * ```
 * @see pipelineCreatedAggregator, the state it computes.
 * @category SQL
 */
export function pipelineCreatedSql(
  options: PipelineCreatedSqlOptions,
): SqlQuery<PipelineCreatedAggregatorState, PipelineCreatedResult> {
  const metric = 'pipelineCreatedSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'status', required: true },
      { field: 'amount', required: true },
      { field: 'createdAt', required: false },
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
      pipelineCreatedAggregator(context.aggregatorOptions),
    )
    const { dialect, columns } = context
    const status = columns.status as string
    const amount = columns.amount as string
    const exact = `CAST(${amount} AS ${decimalType(dialect)})`
    const text = textType(dialect)
    const currency = columns.currency
    const pricedCurrency =
      currency === undefined ? 'NULL' : `CASE WHEN ${amount} IS NOT NULL THEN ${currency} END`
    const checks: SqlRowCheck[] = [
      {
        name: 'badStatus',
        condition: `${status} IS NULL OR ${status} NOT IN ('open', 'won', 'lost')`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: "a status that is NULL or not 'open', 'won' or 'lost'",
      },
    ]
    if (columns.createdAt !== undefined) {
      checks.push({
        name: 'missingCreatedAt',
        condition: `${columns.createdAt} IS NULL`,
        code: 'INVALID_DATE',
        problem: 'a NULL createdAt',
      })
    }
    checks.push(
      {
        name: 'negativeAmount',
        condition: `${amount} < 0`,
        code: 'NEGATIVE_VALUE',
        problem: 'a negative amount',
      },
      {
        name: 'tooPrecise',
        condition: `${amount} <> ${exact}`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: 'an amount with more than 6 decimals (round it in the source query)',
      },
    )
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        {
          name: 'amount',
          sql: `CAST(COALESCE(SUM(${exact}), 0) AS ${text})`,
          kind: 'decimal',
        },
        {
          name: 'withoutAmount',
          sql: countWhere(context.dialect, `${amount} IS NULL`),
          kind: 'count',
        },
        {
          name: 'currencyLow',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MIN(${pricedCurrency})`,
          kind: 'text',
        },
        {
          name: 'currencyHigh',
          sql: currency === undefined ? `CAST(NULL AS ${text})` : `MAX(${pricedCurrency})`,
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
            message: `${metric}: the deals are in ${JSON.stringify(values.currencyLow)} and ${JSON.stringify(values.currencyHigh)}; convert amounts to one currency first`,
          })
        }
        return {
          count: values.n,
          amount: values.amount,
          withoutAmount: values.withoutAmount,
          currency: values.currencyLow,
        }
      },
      columnOfField: { currency: 'currencyHigh' },
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
