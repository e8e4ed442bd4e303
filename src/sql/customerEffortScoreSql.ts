import { asMetricInputError } from '../core/validate.js'
import {
  type CustomerEffortScoreOptions,
  type CustomerEffortScoreResult,
  readEffortOptions,
} from '../survey/customerEffortScore.js'
import {
  type CustomerEffortScoreAggregatorState,
  customerEffortScoreAggregator,
} from '../survey/customerEffortScoreAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  integerType,
  numberLiteral,
  ratingCondition,
  readSqlOptions,
  tallyCount,
  tallySum,
  tallyValue,
} from './sqlBuilder.js'

/**
 * Options of {@link customerEffortScoreSql}: the SQL options with `columns: { rating }`, plus
 * `customerEffortScore`'s `scaleMax`, `statistic` and `threshold`.
 *
 * @category SQL
 */
export type CustomerEffortScoreSqlOptions = SqlOptions<{ readonly rating: SqlName }> &
  CustomerEffortScoreOptions

/**
 * Customer Effort Score computed where the data lives: one `GROUP BY` query that sums the
 * ratings and their squares in 64-bit integers and counts agreeing ratings per group and
 * period — exactly the state of `customerEffortScoreAggregator` — finished with the
 * aggregator's own result (the mean rating or the agree share, with its standard error).
 *
 * ```text
 * agreeing = COUNT(rating ≥ threshold);  total = COUNT(valid rating)
 * sum = SUM(CAST(rating AS BIGINT));  sumOfSquares = SUM(rating²)      (integers: exact)
 * refused = COUNT(rating NULL or not an integer in 1..scaleMax)
 * ```
 * Rows come ordered by the `groupBy` columns (NULLs last), then by period.
 *
 * @param options - `dialect`, `from`, `columns: { rating }`, `groupBy`, `period`, and
 *   `scaleMax` (7), `statistic` (`'mean'`), `threshold` (5) as for `customerEffortScore`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from `finish`,
 *   `SCORE_OUT_OF_RANGE` when the table holds a bad rating, `INVALID_RECORD` for a row that
 *   is not this query's, `INVALID_STATE` for sums no state has.
 * @example
 * ```ts
 * const query = customerEffortScoreSql({ dialect: 'bigquery', from: 'cx.tickets', columns: { rating: 'effort' } })
 * // Ratings 7, 6, 2: sum 15, squares 49 + 36 + 4 = 89; mean 15 / 3 = 5.
 * const [row] = query.finish([{ cx_n: 3, cx_agreeing: 2, cx_total: 3, cx_sum: '15', cx_sumOfSquares: '89', cx_refused: 0 }])
 * row?.result.score // => 5
 * ```
 * @see customerEffortScoreAggregator, the state it computes.
 * @category SQL
 */
export function customerEffortScoreSql(
  options: CustomerEffortScoreSqlOptions,
): SqlQuery<CustomerEffortScoreAggregatorState, CustomerEffortScoreResult> {
  const metric = 'customerEffortScoreSql'
  try {
    const context = readSqlOptions(options, metric, [{ field: 'rating', required: true }])
    const aggregator = aggregatorFor(metric, () =>
      customerEffortScoreAggregator(context.aggregatorOptions),
    )
    const { scaleMax, threshold } = readEffortOptions(context.aggregatorOptions, metric)
    const { dialect } = context
    // The query counts rows per distinct rating; the conditions test each distinct rating once.
    const rating = tallyValue(dialect)
    const valid = ratingCondition(rating, scaleMax)
    const whole = `CAST(${rating} AS ${integerType(dialect)})`
    return buildSqlQuery({
      context,
      aggregator,
      tally: context.columns.rating as string,
      stateColumns: [
        {
          name: 'agreeing',
          sql: tallyCount(dialect, `${valid} AND ${rating} >= ${numberLiteral(threshold)}`),
          kind: 'count',
        },
        { name: 'total', sql: tallyCount(dialect, valid), kind: 'count' },
        {
          name: 'sum',
          sql: tallySum(dialect, valid, whole),
          kind: 'count',
        },
        {
          name: 'sumOfSquares',
          sql: tallySum(dialect, valid, `${whole} * ${whole}`),
          kind: 'count',
        },
      ],
      checks: [
        {
          name: 'refused',
          condition: `${rating} IS NULL OR NOT ${valid}`,
          code: 'SCORE_OUT_OF_RANGE',
          problem: `a rating that is NULL or not an integer from 1 to ${scaleMax}`,
        },
      ],
      toState: (values) => ({
        agreeing: values.agreeing,
        total: values.total,
        sum: values.sum,
        sumOfSquares: values.sumOfSquares,
      }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
