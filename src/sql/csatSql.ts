import { asMetricInputError } from '../core/validate.js'
import type { CsatOptions, CsatResult } from '../survey/csat.js'
import { type CsatAggregatorState, csatAggregator } from '../survey/csatAggregator.js'
import { readScale } from '../survey/ratingKernel.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  numberLiteral,
  ratingCondition,
  readSqlOptions,
  tallyCount,
  tallyValue,
} from './sqlBuilder.js'

/**
 * Options of {@link csatSql}: the SQL options with `columns: { rating }`, plus `csat`'s
 * `scaleMax`, `threshold` and `confidence`.
 *
 * @category SQL
 */
export type CsatSqlOptions = SqlOptions<{ readonly rating: SqlName }> & CsatOptions

/**
 * CSAT (top-box share) computed where the data lives: one `GROUP BY` query that counts
 * satisfied and total ratings per group and period — exactly the state of `csatAggregator`
 * — finished with the aggregator's own result (score and Wilson interval).
 *
 * ```text
 * satisfied = COUNT(rating integer in threshold..scaleMax);  total = COUNT(rating integer in 1..scaleMax)
 * refused = COUNT(rating NULL or not an integer in 1..scaleMax)
 * ```
 * A row with a NULL or out-of-scale rating is counted, not skipped: `finish` refuses it as
 * `csat` does. Rows come ordered by the `groupBy` columns (NULLs last), then by period.
 *
 * @param options - `dialect`, `from`, `columns: { rating }`, `groupBy`, `period`, and
 *   `scaleMax` (5), `threshold` (4), `confidence` (0.95) as for `csat`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from `finish`,
 *   `SCORE_OUT_OF_RANGE` when the table holds a bad rating, `INVALID_RECORD` for a row that
 *   is not this query's, `INVALID_STATE` / `SUCCESSES_EXCEED_TRIALS` for impossible counts.
 * @example
 * ```ts
 * const query = csatSql({ dialect: 'postgres', from: 'tickets', columns: { rating: 'rating' } })
 * const [row] = query.finish([{ cx_n: 4, cx_satisfied: 3, cx_total: 4, cx_refused: 0 }])
 * row?.result.score // => 0.75
 * ```
 * @see csatAggregator, the state it computes.
 * @category SQL
 */
export function csatSql(options: CsatSqlOptions): SqlQuery<CsatAggregatorState, CsatResult> {
  const metric = 'csatSql'
  try {
    const context = readSqlOptions(options, metric, [{ field: 'rating', required: true }])
    const aggregator = aggregatorFor(metric, () => csatAggregator(context.aggregatorOptions))
    const { scaleMax, threshold } = readScale(
      metric,
      (context.aggregatorOptions.scaleMax as number | undefined) ?? 5,
      (context.aggregatorOptions.threshold as number | undefined) ?? 4,
    )
    const { dialect } = context
    // The query counts rows per distinct rating; the conditions test each distinct rating once.
    const rating = tallyValue(dialect)
    const valid = ratingCondition(rating, scaleMax)
    return buildSqlQuery({
      context,
      aggregator,
      tally: context.columns.rating as string,
      stateColumns: [
        {
          name: 'satisfied',
          sql: tallyCount(dialect, `${valid} AND ${rating} >= ${numberLiteral(threshold)}`),
          kind: 'count',
        },
        { name: 'total', sql: tallyCount(dialect, valid), kind: 'count' },
      ],
      checks: [
        {
          name: 'refused',
          condition: `${rating} IS NULL OR NOT ${valid}`,
          code: 'SCORE_OUT_OF_RANGE',
          problem: `a rating that is NULL or not an integer from 1 to ${scaleMax}`,
        },
      ],
      toState: (values) => ({ satisfied: values.satisfied, total: values.total }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
