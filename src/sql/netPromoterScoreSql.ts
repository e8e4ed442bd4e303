import { asMetricInputError } from '../core/validate.js'
import type { NpsResult } from '../survey/netPromoterScore.js'
import {
  type NetPromoterScoreAggregatorOptions,
  type NpsAggregatorState,
  netPromoterScoreAggregator,
} from '../survey/netPromoterScoreAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  readSqlOptions,
  tallyCount,
  tallyValue,
} from './sqlBuilder.js'

/**
 * Options of {@link netPromoterScoreSql}: the SQL options with `columns: { score }`.
 *
 * @category SQL
 */
export type NetPromoterScoreSqlOptions = SqlOptions<{ readonly score: SqlName }> &
  NetPromoterScoreAggregatorOptions

/**
 * Net Promoter Score computed where the data lives: one `GROUP BY` query that counts
 * promoters, passives and detractors per group and period — exactly the state of
 * `netPromoterScoreAggregator` — and a `finish` that turns the rows into that state and
 * the aggregator's own result.
 *
 * ```text
 * tally:      rows per group, period and score          (GROUP BY …, score: COUNT(*))
 * promoters = Σ rows of scores 9, 10;  passives = Σ rows of scores 7, 8
 * detractors = Σ rows of scores 0–6;   refused = Σ rows of NULL or other scores
 * ```
 * A row with a NULL or out-of-range score is counted, not skipped: `finish` refuses it as
 * `netPromoterScore` refuses such a score. Rows come ordered by the `groupBy` columns
 * (NULLs last) and then by period.
 *
 * @param options - `dialect`, `from`, `columns: { score }`, `groupBy`, `period`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from `finish`,
 *   `SCORE_OUT_OF_RANGE` when the table holds a bad score, `INVALID_RECORD` for a row that is
 *   not this query's, `INVALID_STATE` for counts no state has.
 * @example
 * ```ts
 * const query = netPromoterScoreSql({ dialect: 'duckdb', from: 'responses', columns: { score: 'score' } })
 * query.sql.startsWith('SELECT') // => true
 * const [row] = query.finish([{ cx_n: 4n, cx_promoters: 2n, cx_passives: 1n, cx_detractors: 1n, cx_refused: 0n }])
 * row?.result.score // => 25
 * ```
 * @see netPromoterScoreAggregator, the state it computes.
 * @category SQL
 */
export function netPromoterScoreSql(
  options: NetPromoterScoreSqlOptions,
): SqlQuery<NpsAggregatorState, NpsResult> {
  const metric = 'netPromoterScoreSql'
  try {
    const context = readSqlOptions(options, metric, [{ field: 'score', required: true }])
    const aggregator = aggregatorFor(metric, () =>
      netPromoterScoreAggregator(context.aggregatorOptions),
    )
    const { dialect } = context
    // The query counts rows per distinct score; the conditions test each distinct score once.
    const score = tallyValue(dialect)
    return buildSqlQuery({
      context,
      aggregator,
      tally: context.columns.score as string,
      stateColumns: [
        { name: 'promoters', sql: tallyCount(dialect, `${score} IN (9, 10)`), kind: 'count' },
        { name: 'passives', sql: tallyCount(dialect, `${score} IN (7, 8)`), kind: 'count' },
        {
          name: 'detractors',
          sql: tallyCount(dialect, `${score} IN (0, 1, 2, 3, 4, 5, 6)`),
          kind: 'count',
        },
      ],
      checks: [
        {
          name: 'refused',
          condition: `${score} IS NULL OR ${score} NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)`,
          code: 'SCORE_OUT_OF_RANGE',
          problem: 'a score that is NULL or not an integer from 0 to 10',
        },
      ],
      toState: (values) => ({
        promoters: values.promoters,
        passives: values.passives,
        detractors: values.detractors,
      }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
