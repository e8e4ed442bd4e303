import { asMetricInputError } from '../core/validate.js'
import {
  type CustomerRetentionAggregatorOptions,
  type CustomerRetentionAggregatorState,
  type CustomerRetentionSummary,
  customerRetentionAggregator,
} from '../retention/customerRetentionAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import { aggregatorFor, buildSqlQuery, countWhere, readSqlOptions } from './sqlBuilder.js'

/**
 * The columns of {@link customerRetentionSql}: two boolean columns, one row per customer —
 * active at the start and at the end of the window (NULL counts as false, as a missing
 * flag does for the aggregator).
 *
 * @category SQL
 */
export interface CustomerRetentionSqlColumns {
  readonly activeAtStart: SqlName
  readonly activeAtEnd: SqlName
}

/**
 * Options of {@link customerRetentionSql}: the SQL options.
 *
 * @category SQL
 */
export type CustomerRetentionSqlOptions = SqlOptions<CustomerRetentionSqlColumns> &
  CustomerRetentionAggregatorOptions

/**
 * Customer (logo) retention computed where the data lives: one `GROUP BY` query over one
 * row per customer that counts customers at the start, at the end, new and churned —
 * exactly the state of `customerRetentionAggregator` — finished with its own result
 * (retention and churn rates).
 *
 * ```text
 * S = COUNT(start); E = COUNT(end); new = COUNT(NOT start AND end); churned = COUNT(start AND NOT end)
 * retention = (E − new) / S;  churn = churned / S
 * ```
 * Rows come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { activeAtStart, activeAtEnd }`, `groupBy`,
 *   `period`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from
 *   `finish`, `INVALID_RECORD` for a row that is not this query's and `INVALID_STATE` for
 *   counts no state has.
 * @example
 * ```ts
 * const query = customerRetentionSql({ dialect: 'snowflake', from: 'analytics.customer_window', columns: { activeAtStart: 'ACTIVE_START', activeAtEnd: 'ACTIVE_END' } })
 * // 10 at the start, 8 of them still active, 3 new: E = 11; (11 − 3) / 10 = 0.8.
 * const [row] = query.finish([{ cx_n: 13, cx_customersAtStart: 10, cx_customersAtEnd: 11, cx_newCustomers: 3, cx_churnedCustomers: 2 }])
 * row?.result.retentionRate // => 0.8
 * ```
 * @see customerRetentionAggregator, the state it computes.
 * @category SQL
 */
export function customerRetentionSql(
  options: CustomerRetentionSqlOptions,
): SqlQuery<CustomerRetentionAggregatorState, CustomerRetentionSummary> {
  const metric = 'customerRetentionSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'activeAtStart', required: true },
      { field: 'activeAtEnd', required: true },
    ])
    const aggregator = aggregatorFor(metric, () =>
      customerRetentionAggregator(context.aggregatorOptions),
    )
    const start = `COALESCE(${context.columns.activeAtStart}, FALSE)`
    const end = `COALESCE(${context.columns.activeAtEnd}, FALSE)`
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        { name: 'customersAtStart', sql: countWhere(context.dialect, start), kind: 'count' },
        { name: 'customersAtEnd', sql: countWhere(context.dialect, end), kind: 'count' },
        {
          name: 'newCustomers',
          sql: countWhere(context.dialect, `NOT ${start} AND ${end}`),
          kind: 'count',
        },
        {
          name: 'churnedCustomers',
          sql: countWhere(context.dialect, `${start} AND NOT ${end}`),
          kind: 'count',
        },
      ],
      checks: [],
      toState: (values) => ({
        customersAtStart: values.customersAtStart,
        customersAtEnd: values.customersAtEnd,
        newCustomers: values.newCustomers,
        churnedCustomers: values.churnedCustomers,
      }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
