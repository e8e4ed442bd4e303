import { asMetricInputError } from '../core/validate.js'
import {
  type SlaAttainmentAggregatorOptions,
  type SlaAttainmentAggregatorState,
  slaAttainmentAggregator,
} from '../time/slaAttainmentAggregator.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlOptions, SqlQuery } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  countWhere,
  numberLiteral,
  readSqlOptions,
} from './sqlBuilder.js'

/**
 * The columns of {@link slaAttainmentSql}: `duration` (time to completion, or elapsed so far
 * for an open item, in the target's unit) and optionally `censored` (a boolean column: the
 * item is still open; NULL counts as false).
 *
 * @category SQL
 */
export interface SlaAttainmentSqlColumns {
  readonly duration: SqlName
  readonly censored?: SqlName
}

/**
 * Options of {@link slaAttainmentSql}: the SQL options and the aggregator's `target`.
 *
 * @category SQL
 */
export type SlaAttainmentSqlOptions = SqlOptions<SlaAttainmentSqlColumns> &
  SlaAttainmentAggregatorOptions

/**
 * SLA attainment computed where the data lives: one `GROUP BY` query that counts finished
 * items within the target, finished items, and open items already past the target — exactly
 * the state of `slaAttainmentAggregator` — finished with its own result.
 *
 * ```text
 * within = COUNT(NOT censored AND duration ≤ target);  done = COUNT(NOT censored)
 * lateOpen = COUNT(censored AND duration > target);   attainment = within / (done + lateOpen)
 * ```
 * A NULL, NaN, infinite or negative duration is counted and refused by `finish`, as the
 * aggregator refuses it. Rows come ordered by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { duration, censored? }`, `groupBy`,
 *   `period`, and `target` (required, ≥ 0).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option (a missing or negative
 *   `target`) or an unsafe name; from `finish`, `NOT_FINITE` / `NEGATIVE_VALUE` for refused
 *   durations and `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = slaAttainmentSql({ dialect: 'postgres', from: 'tickets', columns: { duration: 'hours_to_first_reply', censored: 'is_open' }, target: 4 })
 * // 3 answered within 4 h, 1 answered late, 1 still open at 6 h: 3 / (4 + 1) = 0.6.
 * const [row] = query.finish([{ cx_n: 5, cx_within: 3, cx_done: 4, cx_lateOpen: 1, cx_badDuration: 0, cx_negativeDuration: 0 }])
 * row?.result // => 0.6
 * ```
 * @see slaAttainmentAggregator, the state it computes.
 * @category SQL
 */
export function slaAttainmentSql(
  options: SlaAttainmentSqlOptions,
): SqlQuery<SlaAttainmentAggregatorState, number | null> {
  const metric = 'slaAttainmentSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'duration', required: true },
      { field: 'censored', required: false },
    ])
    const aggregatorOptions = context.aggregatorOptions as unknown as SlaAttainmentAggregatorOptions
    const aggregator = aggregatorFor(metric, () => slaAttainmentAggregator(aggregatorOptions))
    const target = numberLiteral(aggregatorOptions.target)
    const { columns } = context
    const duration = columns.duration as string
    const censored =
      columns.censored === undefined ? 'FALSE' : `COALESCE(${columns.censored}, FALSE)`
    const finite = `(${duration} >= 0 AND ${duration} <= 1.7976931348623157e308)`
    return buildSqlQuery({
      context,
      aggregator,
      stateColumns: [
        {
          name: 'within',
          sql: countWhere(
            context.dialect,
            `NOT ${censored} AND ${finite} AND ${duration} <= ${target}`,
          ),
          kind: 'count',
        },
        {
          name: 'done',
          sql: countWhere(context.dialect, `NOT ${censored} AND ${finite}`),
          kind: 'count',
        },
        {
          name: 'lateOpen',
          sql: countWhere(context.dialect, `${censored} AND ${finite} AND ${duration} > ${target}`),
          kind: 'count',
        },
      ],
      checks: [
        {
          name: 'badDuration',
          condition: `${duration} IS NULL OR NOT (${duration} < 0 OR ${finite})`,
          code: 'NOT_FINITE',
          problem: 'a duration that is NULL, NaN or infinite',
        },
        {
          name: 'negativeDuration',
          condition: `${duration} < 0`,
          code: 'NEGATIVE_VALUE',
          problem: 'a negative duration',
        },
      ],
      toState: (values) => ({
        within: values.within,
        done: values.done,
        lateOpen: values.lateOpen,
      }),
    })
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
