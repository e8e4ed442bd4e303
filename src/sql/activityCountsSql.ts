import {
  type ActivityCountsAggregatorOptions,
  type ActivityCountsAggregatorState,
  activityCountsAggregator,
} from '../activity/activityCountsAggregator.js'
import { type ActivityCountsResult, readCustomerTimeTypes } from '../activity/activityTally.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { SqlName } from './SqlDialect.js'
import type { SqlGroupValue, SqlOptions, SqlQuery, SqlResultRow } from './SqlQuery.js'
import {
  aggregatorFor,
  buildPerKeyQuery,
  countWhere,
  doubleType,
  type PerKeyCell,
  type PerKeyRow,
  perKeyCells,
  readSqlOptions,
  type SqlRowCheck,
} from './sqlBuilder.js'

/**
 * The columns of {@link activityCountsSql}: `type` (text; a NULL is refused), optionally
 * `durationMinutes` (NULL = no duration) and `at` (a NULL is refused).
 *
 * @category SQL
 */
export interface ActivityCountsSqlColumns {
  readonly type: SqlName
  readonly durationMinutes?: SqlName
  readonly at?: SqlName
}

/**
 * Options of {@link activityCountsSql}: the SQL options plus `activityCountsAggregator`'s
 * `customerTimeTypes` (applied in `finish`, never written into the SQL text).
 *
 * @category SQL
 */
export type ActivityCountsSqlOptions = SqlOptions<ActivityCountsSqlColumns> &
  ActivityCountsAggregatorOptions

/** The key of the internal type group: a control character, never a safe column name. */
const TYPE_KEY = '\u0000type'

/**
 * Activity counts computed where the data lives: one query that counts the activities,
 * sums their minutes and counts those without a duration per activity type (`GROUP BY`
 * the groups, the type and the period); `finish` folds the type rows of each group and
 * period into `activityCountsAggregator`'s state with the aggregator's own `merge`. The
 * customer-time types are chosen in `finish`, so no option value is spliced into the SQL.
 *
 * ```text
 * per type:  activities = COUNT(*);  minutes = SUM(durationMinutes) (a float)
 *            withoutDuration = COUNT(durationMinutes IS NULL)
 * finish:    customerActivities, customerMinutes, withoutDuration = sums over the
 *            customerTimeTypes rows;  byType = { type: activities }
 * ```
 * The query returns one row per group, type and period: the type in `cx_group_<k>` after
 * the `groupBy` columns (`k` = their count). Refused rows (a NULL type, a negative
 * duration, a NULL `at` when mapped) are counted and make `finish` throw; a type that is
 * not text is refused by `finish`. Finished rows come ordered by `groupBy` (NULLs last),
 * then period.
 *
 * @param options - `dialect`, `from`, `columns: { type, durationMinutes?, at? }`, `groupBy`,
 *   `period`, `customerTimeTypes` (default `['meeting', 'visit']`).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from
 *   `finish`, `INVALID_RECORD`, `NEGATIVE_VALUE`, `INVALID_DATE` for refused activities and
 *   `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = activityCountsSql({ dialect: 'duckdb', from: 'crm.activities', columns: { type: 'type', durationMinutes: 'minutes' } })
 * // Two visits (30 and 45 minutes), one call without a duration.
 * const [row] = query.finish([
 *   { cx_group_0: 'call', cx_n: 1, cx_minutes: 0, cx_withoutDuration: 1, cx_missingType: 0, cx_negativeDuration: 0 },
 *   { cx_group_0: 'visit', cx_n: 2, cx_minutes: 75, cx_withoutDuration: 0, cx_missingType: 0, cx_negativeDuration: 0 },
 * ])
 * row?.state // => { activities: 3, byType: { call: 1, visit: 2 }, customerActivities: 2, customerMinutes: 75, withoutDuration: 0 }
 * ```
 * @see activityCountsAggregator, the state it computes.
 * @category SQL
 */
export function activityCountsSql(
  options: ActivityCountsSqlOptions,
): SqlQuery<ActivityCountsAggregatorState, ActivityCountsResult> {
  const metric = 'activityCountsSql'
  try {
    const outer = readSqlOptions(options, metric, [
      { field: 'type', required: true },
      { field: 'durationMinutes', required: false },
      { field: 'at', required: false },
    ])
    for (const key of Object.keys(outer.aggregatorOptions)) {
      if (key !== 'customerTimeTypes') {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: [key],
          message: `${metric}: unknown option ${describeValue(key)}; the options are dialect, from, columns, groupBy, period and customerTimeTypes`,
        })
      }
    }
    const aggregator = aggregatorFor(metric, () =>
      activityCountsAggregator(outer.aggregatorOptions as ActivityCountsAggregatorOptions),
    )
    const customerTypes = readCustomerTimeTypes(outer.aggregatorOptions.customerTimeTypes, metric)
    const type = outer.columns.type as string
    const duration = outer.columns.durationMinutes
    const checks: SqlRowCheck[] = [
      {
        name: 'missingType',
        condition: `${type} IS NULL`,
        code: 'INVALID_RECORD',
        problem: 'a NULL type',
      },
    ]
    if (duration !== undefined) {
      checks.push({
        name: 'negativeDuration',
        condition: `${duration} < 0`,
        code: 'NEGATIVE_VALUE',
        problem: 'a negative durationMinutes',
      })
    }
    if (outer.columns.at !== undefined) {
      checks.push({
        name: 'missingAt',
        condition: `${outer.columns.at} IS NULL`,
        code: 'INVALID_DATE',
        problem: 'a NULL at',
      })
    }
    const inner = buildPerKeyQuery({
      context: outer,
      key: { key: TYPE_KEY, sql: type },
      stateColumns: [
        {
          name: 'minutes',
          sql:
            duration === undefined
              ? `CAST(0 AS ${doubleType(outer.dialect)})`
              : `COALESCE(SUM(CAST(${duration} AS ${doubleType(outer.dialect)})), 0)`,
          kind: 'float',
        },
        {
          name: 'withoutDuration',
          sql:
            duration === undefined ? 'COUNT(*)' : countWhere(outer.dialect, `${duration} IS NULL`),
          kind: 'count',
        },
      ],
      checks,
    })
    const typeColumn = `cx_group_${outer.groupBy.length}`
    return {
      sql: inner.sql,
      finish: (rows) => {
        try {
          return foldTypes(inner.finish(rows), aggregator, customerTypes, typeColumn, metric)
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/** The per-type rows folded per group and period, in group order, then period order. */
function foldTypes(
  rows: readonly PerKeyRow[],
  aggregator: ReturnType<typeof activityCountsAggregator>,
  customerTypes: ReadonlySet<string>,
  typeColumn: string,
  metric: string,
): SqlResultRow<ActivityCountsAggregatorState, ActivityCountsResult>[] {
  const { cells, cellOfRow } = perKeyCells(rows, (key) => key === TYPE_KEY)
  const states = new Array<ActivityCountsAggregatorState | undefined>(cells.length)
  const activities = new Array<number>(cells.length).fill(0)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as PerKeyRow
    const type = (row.group as Record<string, SqlGroupValue>)[TYPE_KEY]
    if (typeof type !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, typeColumn],
        message: `${metric}: row ${index} column ${typeColumn} is ${describeValue(type)}; an activity type must be text`,
      })
    }
    const values = row.state
    const customer = customerTypes.has(type)
    const byType: Record<string, number> = {}
    Object.defineProperty(byType, type, {
      value: row.n,
      enumerable: true,
      writable: true,
      configurable: true,
    })
    const piece = {
      activities: row.n,
      byType,
      customerActivities: customer ? row.n : 0,
      customerMinutes: customer ? (values.minutes as number) : 0,
      withoutDuration: customer ? (values.withoutDuration as number) : 0,
    }
    const cell = cellOfRow[index] as number
    try {
      states[cell] = aggregator.merge(states[cell] ?? aggregator.initial(), piece)
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      throw new MetricInputError({
        code: error.code,
        metric,
        path: [index],
        message: `${metric}: row ${index} does not make a state of ${error.metric}: ${error.message}`,
        cause: error,
      })
    }
    activities[cell] = (activities[cell] as number) + row.n
  }
  const out: SqlResultRow<ActivityCountsAggregatorState, ActivityCountsResult>[] = new Array(
    cells.length,
  )
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index] as PerKeyCell
    const state = states[index] as ActivityCountsAggregatorState
    out[index] = {
      group: cell.group,
      period: cell.period,
      state,
      result: aggregator.result(state),
      n: activities[index] as number,
    }
  }
  return out
}
