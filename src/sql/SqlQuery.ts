import type { CalendarPeriod } from '../core/calendarPeriods.js'
import type { GroupMetricPeriod } from '../core/groupMetric.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'

/**
 * The calendar periods of a SQL twin: the column holding each row's instant, bucketed in
 * the database in `timeZone` with the same week start and fiscal-year rules as
 * `groupMetric`. The column must hold instants: `TIMESTAMPTZ` in DuckDB and PostgreSQL,
 * `TIMESTAMP` in BigQuery, `TIMESTAMP_TZ` / `TIMESTAMP_LTZ` in Snowflake, `TIMESTAMP` in
 * Spark with `spark.sql.session.timeZone` set to `UTC`.
 *
 * @category SQL
 */
export interface SqlPeriodOptions {
  /** The instant column (an identifier or a raw expression). */
  readonly column: SqlName
  /** `'week'`, `'month'`, `'quarter'` or `'year'`. */
  readonly unit: CalendarPeriod
  /** IANA zone in which calendar days begin; default `'UTC'`. */
  readonly timeZone?: string
  /** First month (1 = January) of the fiscal year, for quarters and years; default 1. */
  readonly fiscalYearStartMonth?: number
  /** First day of the week (0 = Sunday); default 1 (Monday, ISO 8601). */
  readonly weekStartsOn?: number
}

/**
 * The options every SQL twin takes, besides its aggregator's own options.
 *
 * @typeParam Columns - The input fields of the aggregator that map to columns.
 * @category SQL
 */
export interface SqlOptions<Columns> {
  /** One of `SQL_DIALECTS`. */
  readonly dialect: SqlDialect
  /** A table name (dotted parts allowed: `'analytics.responses'`) or a raw subquery. */
  readonly from: SqlName
  /** The aggregator's input fields → column names (or raw expressions). */
  readonly columns: Columns
  /** Columns to group by; `group` in the output is an object keyed by them. */
  readonly groupBy?: readonly SqlName[]
  /** Calendar periods; `period` in the output as in `groupMetric`. */
  readonly period?: SqlPeriodOptions
}

/**
 * A value of a group column as the driver returned it.
 *
 * @category SQL
 */
export type SqlGroupValue = string | number | bigint | boolean | Date | null

/**
 * One row of a SQL twin's `finish`: the group, the period, the aggregator's exact state
 * and its result.
 *
 * @typeParam State - The aggregator's state.
 * @typeParam Output - The aggregator's result.
 * @category SQL
 */
export interface SqlResultRow<State, Output> {
  /** The values of the `groupBy` columns keyed by their names (raw ones by their text); `null` without `groupBy`. */
  readonly group: Readonly<Record<string, SqlGroupValue>> | null
  /** The calendar period, exactly as `groupMetric` reports it; `null` without `period`. */
  readonly period: GroupMetricPeriod | null
  /** The aggregator's state for the rows of this group and period (mergeable with `merge`). */
  readonly state: State
  /** `aggregator.result(state)`: the one-shot metric of these rows. */
  readonly result: Output
  /** How many table rows fell in this group and period. */
  readonly n: number
}

/**
 * What a SQL twin returns: the query and the function that turns its rows into results.
 *
 * @typeParam State - The aggregator's state.
 * @typeParam Output - The aggregator's result.
 * @category SQL
 */
export interface SqlQuery<State, Output> {
  /** One `SELECT … GROUP BY … ORDER BY …` statement, without a trailing semicolon. */
  readonly sql: string
  /**
   * Checks the rows the driver returned for {@link SqlQuery.sql} (objects keyed by column
   * name) and returns one result row each, in the query's order.
   */
  readonly finish: (rows: ArrayLike<unknown>) => SqlResultRow<State, Output>[]
}
