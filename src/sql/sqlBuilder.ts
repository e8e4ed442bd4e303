import { TZDate } from '@date-fns/tz'
import type { Aggregator } from '../core/Aggregator.js'
import { CALENDAR_PERIODS, type PeriodLayout, readPeriodLayout } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import {
  checkedPeriod,
  type GroupMetricPeriod,
  groupRecords,
  periodOfCell,
} from '../core/groupMetric.js'
import {
  MetricInputError,
  type MetricInputErrorCode,
  type MetricInputPath,
} from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import { asMetricInputError, readOptions } from '../core/validate.js'
import { SQL_DIALECTS, type SqlDialect } from './SqlDialect.js'
import type { SqlGroupValue, SqlQuery, SqlResultRow } from './SqlQuery.js'

/**
 * The one machine behind every SQL twin: reads and checks the options (dialect, names,
 * period layout), writes one `SELECT … GROUP BY … ORDER BY …` from the twin's state columns,
 * and finishes the rows: checks each value, builds the aggregator's state and hands it to
 * the aggregator's own `merge` (which validates it exactly as it validates any foreign
 * state) and `result`. No KPI is computed here. Internal.
 */

/** How a state column's value is read back. */
export type SqlValueKind =
  /** A non-negative whole number (COUNT, SUM of integers): number, bigint or digit string. */
  | 'count'
  /** An exact decimal (SUM of DECIMAL cast to text): string, bigint or a DECIMAL object. */
  | 'decimal'
  /** A float sum: a finite number (or a numeric string). */
  | 'float'
  /** A text value or `NULL`. */
  | 'text'

/** One aggregate column of the query. */
export interface SqlStateColumn {
  /** Output column name (without the `cx_` prefix). */
  readonly name: string
  /** The aggregate expression. */
  readonly sql: string
  readonly kind: SqlValueKind
}

/** A count of rows the one-shot function would refuse; `finish` throws when it is > 0. */
export interface SqlRowCheck {
  readonly name: string
  /** The condition (a boolean SQL expression) of a refused row. */
  readonly condition: string
  readonly code: MetricInputErrorCode
  /** What is wrong with such a row, for the message: "a score outside 0–10 or NULL". */
  readonly problem: string
}

/** A column field of a twin. */
export interface SqlColumnField {
  readonly field: string
  readonly required: boolean
}

/** The checked options of a twin. */
export interface SqlContext {
  readonly metric: string
  readonly dialect: SqlDialect
  readonly from: string
  /** Quoted column expressions by input field (`undefined` for an optional field left out). */
  readonly columns: Readonly<Record<string, string | undefined>>
  /**
   * The group columns; a twin's own key with `date: true` is a `DATE` expression, grouped as
   * a date and returned as `'YYYY-MM-DD'` text (formatted per result row, like the period).
   */
  readonly groupBy: readonly {
    readonly key: string
    readonly sql: string
    readonly date?: boolean
  }[]
  readonly period: {
    readonly sql: string
    readonly layout: PeriodLayout
  } | null
  /** The options that are not SQL options: the aggregator's own. */
  readonly aggregatorOptions: Readonly<Record<string, unknown>>
}

const SQL_KEYS = new Set(['dialect', 'from', 'columns', 'groupBy', 'period'])
const PERIOD_KEYS = new Set(['column', 'unit', 'timeZone', 'fiscalYearStartMonth', 'weekStartsOn'])

function invalidOption(metric: string, path: MetricInputPath, message: string): MetricInputError {
  return new MetricInputError({ code: 'INVALID_OPTION', metric, path, message })
}

/**
 * A name that can be quoted safely: non-empty, at most 255 characters, with no quote of any
 * kind, no backslash, no semicolon, no comment marker and no control character.
 */
const UNSAFE_NAME = /["'`\\;]|--|\/\*|\*\//

function isSafeName(part: string): boolean {
  if (part.length === 0 || part.length > 255 || part.trim() !== part || UNSAFE_NAME.test(part))
    return false
  for (let index = 0; index < part.length; index++) {
    const code = part.charCodeAt(index)
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029)
      return false
  }
  return true
}

/**
 * `value` as SQL: an identifier checked and quoted for `dialect` (for `from`, dotted parts
 * quoted one by one), or a `{ raw }` fragment verbatim (in parentheses where it stands for
 * a value). Throws `INVALID_OPTION` at `path` for anything else.
 */
function renderName(
  value: unknown,
  metric: string,
  path: MetricInputPath,
  dialect: SqlDialect,
  from: boolean,
): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const raw = (value as { raw?: unknown }).raw
    if (typeof raw === 'string' && raw.trim().length > 0 && Object.keys(value).length === 1) {
      return from ? raw : `(${raw})`
    }
    throw invalidOption(
      metric,
      path,
      `${metric}: option ${path.join('.')} is an object but not { raw: string } with a non-empty SQL fragment`,
    )
  }
  if (typeof value !== 'string') {
    throw invalidOption(
      metric,
      path,
      `${metric}: option ${path.join('.')} is ${describeValue(value)}; it must be a name or { raw: string }`,
    )
  }
  const parts = from ? value.split('.') : [value]
  for (const part of parts) {
    if (!isSafeName(part)) {
      throw invalidOption(
        metric,
        path,
        `${metric}: option ${path.join('.')} is ${describeValue(value)}; a name must not be empty or contain quotes, backslashes, semicolons, comments, control characters or surrounding spaces — pass { raw: '…' } for a SQL fragment you vouch for`,
      )
    }
  }
  return parts.map((part) => quoteIdentifier(part, dialect)).join('.')
}

/** `name` quoted for `dialect`; the name has been checked by {@link renderName}. */
export function quoteIdentifier(name: string, dialect: SqlDialect): string {
  return dialect === 'bigquery' || dialect === 'spark' ? `\`${name}\`` : `"${name}"`
}

/** An IANA zone as a SQL string literal: only letters, digits, `_`, `+`, `-` and `/`. */
function zoneLiteral(timeZone: string, metric: string): string {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) {
    throw invalidOption(
      metric,
      ['period', 'timeZone'],
      `${metric}: option period.timeZone is ${describeValue(timeZone)}; it must be an IANA time zone such as 'Europe/Berlin'`,
    )
  }
  return `'${timeZone}'`
}

/** Reads the options of a twin; throws `INVALID_OPTION` at the offending path. */
export function readSqlOptions(
  options: unknown,
  metric: string,
  fields: readonly SqlColumnField[],
): SqlContext {
  const checked = readOptions(options as object | undefined, metric) as Record<string, unknown>
  if (options === undefined) {
    throw invalidOption(metric, [], `${metric}: options are required: { dialect, from, columns }`)
  }
  const dialect = checked.dialect
  if (!(SQL_DIALECTS as readonly unknown[]).includes(dialect)) {
    throw invalidOption(
      metric,
      ['dialect'],
      `${metric}: option dialect is ${describeValue(dialect)}; it must be one of ${SQL_DIALECTS.map((name) => `'${name}'`).join(', ')}`,
    )
  }
  const sqlDialect = dialect as SqlDialect
  const from = renderName(checked.from, metric, ['from'], sqlDialect, true)

  const columnsValue = checked.columns
  if (typeof columnsValue !== 'object' || columnsValue === null || Array.isArray(columnsValue)) {
    throw invalidOption(
      metric,
      ['columns'],
      `${metric}: option columns is ${describeValue(columnsValue)}; it must be an object mapping ${fields.map((field) => field.field).join(', ')} to column names`,
    )
  }
  const columnMap = columnsValue as Record<string, unknown>
  const known = new Set(fields.map((field) => field.field))
  for (const key of Object.keys(columnMap)) {
    if (!known.has(key)) {
      throw invalidOption(
        metric,
        ['columns', key],
        `${metric}: option columns has an unknown field ${describeValue(key)}; the fields are ${[...known].join(', ')}`,
      )
    }
  }
  const columns: Record<string, string | undefined> = {}
  for (const { field, required } of fields) {
    const value = columnMap[field]
    if (value === undefined) {
      if (required) {
        throw invalidOption(
          metric,
          ['columns', field],
          `${metric}: option columns.${field} is missing; name the column that holds it`,
        )
      }
      columns[field] = undefined
      continue
    }
    columns[field] = renderName(value, metric, ['columns', field], sqlDialect, false)
  }

  const groupBy: { key: string; sql: string }[] = []
  if (checked.groupBy !== undefined) {
    const list = checked.groupBy
    if (!Array.isArray(list) || list.length > 32) {
      throw invalidOption(
        metric,
        ['groupBy'],
        `${metric}: option groupBy is ${describeValue(list)}; it must be an array of at most 32 column names`,
      )
    }
    const keys = new Set<string>()
    for (let index = 0; index < list.length; index++) {
      const value: unknown = list[index]
      const sql = renderName(value, metric, ['groupBy', index], sqlDialect, false)
      const key = typeof value === 'string' ? value : (value as { raw: string }).raw
      if (keys.has(key)) {
        throw invalidOption(
          metric,
          ['groupBy', index],
          `${metric}: option groupBy names ${describeValue(key)} twice`,
        )
      }
      keys.add(key)
      groupBy.push({ key, sql })
    }
  }

  let period: SqlContext['period'] = null
  if (checked.period !== undefined) {
    const value = checked.period
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidOption(
        metric,
        ['period'],
        `${metric}: option period is ${describeValue(value)}; it must be an object { column, unit, timeZone?, fiscalYearStartMonth?, weekStartsOn? }`,
      )
    }
    const options = value as Record<string, unknown>
    for (const key of Object.keys(options)) {
      if (!PERIOD_KEYS.has(key)) {
        throw invalidOption(
          metric,
          ['period', key],
          `${metric}: option period has an unknown field ${describeValue(key)}; the fields are ${[...PERIOD_KEYS].join(', ')}`,
        )
      }
    }
    const column = renderName(options.column, metric, ['period', 'column'], sqlDialect, false)
    if (!(CALENDAR_PERIODS as readonly unknown[]).includes(options.unit)) {
      throw invalidOption(
        metric,
        ['period', 'unit'],
        `${metric}: option period.unit is ${describeValue(options.unit)}; it must be one of ${CALENDAR_PERIODS.map((name) => `'${name}'`).join(', ')}`,
      )
    }
    let layout: PeriodLayout
    try {
      layout = readPeriodLayout(
        {
          period: options.unit as PeriodLayout['period'],
          ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone as string }),
          ...(options.fiscalYearStartMonth === undefined
            ? {}
            : { fiscalYearStartMonth: options.fiscalYearStartMonth as number }),
          ...(options.weekStartsOn === undefined
            ? {}
            : { weekStartsOn: options.weekStartsOn as number }),
        },
        metric,
      )
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      const name = String(error.path?.[0] ?? '')
      throw new MetricInputError({
        code: error.code,
        metric,
        path: ['period', name],
        message: error.message.replace(`option ${name}`, `option period.${name}`),
      })
    }
    period = { sql: periodStartSql(sqlDialect, column, layout, metric), layout }
  }

  const aggregatorOptions: Record<string, unknown> = {}
  for (const key of Object.keys(checked)) {
    if (!SQL_KEYS.has(key)) aggregatorOptions[key] = checked[key]
  }
  return { metric, dialect: sqlDialect, from, columns, groupBy, period, aggregatorOptions }
}

/** `(a) % b` in the dialect (BigQuery and Snowflake spell it `MOD`). */
function modulo(dialect: SqlDialect, left: string, right: number): string {
  return dialect === 'bigquery' || dialect === 'snowflake'
    ? `MOD(${left}, ${right})`
    : `((${left}) % ${right})`
}

/**
 * The first day, as a `DATE`, of the week / month / quarter / (fiscal) year
 * holding the local date of the instant `column` in the layout's zone — the same rules as
 * `core/calendarPeriods.ts`: weeks back to `weekStartsOn`, quarters and years back to the
 * months `fiscalYearStartMonth`, `+ 3`, ….
 */
function periodStartSql(
  dialect: SqlDialect,
  column: string,
  layout: PeriodLayout,
  metric: string,
): string {
  const zone = zoneLiteral(layout.timeZone, metric)
  const local = {
    duckdb: `CAST(TIMEZONE(${zone}, ${column}) AS DATE)`,
    postgres: `CAST((${column} AT TIME ZONE ${zone}) AS DATE)`,
    bigquery: `DATE(${column}, ${zone})`,
    snowflake: `CAST(CONVERT_TIMEZONE(${zone}, ${column}) AS DATE)`,
    spark: `TO_DATE(FROM_UTC_TIMESTAMP(${column}, ${zone}))`,
  }[dialect]
  let start: string
  if (layout.period === 'week') {
    const dayOfWeek = {
      duckdb: `DAYOFWEEK(${local})`,
      postgres: `CAST(EXTRACT(DOW FROM ${local}) AS INTEGER)`,
      bigquery: `(EXTRACT(DAYOFWEEK FROM ${local}) - 1)`,
      snowflake: `MOD(DAYOFWEEKISO(${local}), 7)`,
      spark: `(DAYOFWEEK(${local}) - 1)`,
    }[dialect]
    const back = modulo(dialect, `${dayOfWeek} + ${7 - layout.weekStartsOn}`, 7)
    start = {
      duckdb: `CAST(${local} - CAST(${back} AS INTEGER) AS DATE)`,
      postgres: `(${local} - CAST(${back} AS INTEGER))`,
      bigquery: `DATE_SUB(${local}, INTERVAL ${back} DAY)`,
      snowflake: `DATEADD(day, -${back}, ${local})`,
      spark: `DATE_SUB(${local}, ${back})`,
    }[dialect]
  } else {
    const month = {
      duckdb: `CAST(DATE_TRUNC('month', ${local}) AS DATE)`,
      postgres: `CAST(DATE_TRUNC('month', ${local}) AS DATE)`,
      bigquery: `DATE_TRUNC(${local}, MONTH)`,
      snowflake: `DATE_TRUNC('MONTH', ${local})`,
      spark: `TRUNC(${local}, 'MM')`,
    }[dialect]
    if (layout.period === 'month') {
      start = month
    } else {
      const span = layout.period === 'quarter' ? 3 : 12
      const monthNumber =
        dialect === 'postgres'
          ? `CAST(EXTRACT(MONTH FROM ${local}) AS INTEGER)`
          : dialect === 'spark'
            ? `MONTH(${local})`
            : `EXTRACT(MONTH FROM ${local})`
      // Months back to the fiscal start: (month − 1 − fiscalStart + 12) mod span.
      const back = modulo(dialect, `${monthNumber} + ${11 - layout.fiscalStart}`, span)
      start = {
        duckdb: `CAST(${month} - TO_MONTHS(CAST(${back} AS INTEGER)) AS DATE)`,
        postgres: `CAST(${month} - MAKE_INTERVAL(months => CAST(${back} AS INTEGER)) AS DATE)`,
        bigquery: `DATE_SUB(${month}, INTERVAL ${back} MONTH)`,
        snowflake: `DATEADD(month, -${back}, ${month})`,
        spark: `ADD_MONTHS(${month}, -${back})`,
      }[dialect]
    }
  }
  return start
}

/**
 * A `DATE` as `'YYYY-MM-DD'` text. The query groups by the date and formats only the grouped
 * rows: formatting every table row before grouping cost a quarter of a period query's time
 * in DuckDB (and a text key hashes slower than a date).
 */
export function formatDay(dialect: SqlDialect, day: string): string {
  return {
    duckdb: `STRFTIME(${day}, '%Y-%m-%d')`,
    postgres: `TO_CHAR(${day}, 'YYYY-MM-DD')`,
    bigquery: `FORMAT_DATE('%Y-%m-%d', ${day})`,
    snowflake: `TO_VARCHAR(${day}, 'YYYY-MM-DD')`,
    spark: `DATE_FORMAT(${day}, 'yyyy-MM-dd')`,
  }[dialect]
}

/** The exact-decimal type money is summed in: 38 digits, 6 after the point. */
export function decimalType(dialect: SqlDialect): string {
  return {
    duckdb: 'DECIMAL(38, 6)',
    postgres: 'NUMERIC(38, 6)',
    bigquery: 'BIGNUMERIC(38, 6)',
    snowflake: 'NUMBER(38, 6)',
    spark: 'DECIMAL(38, 6)',
  }[dialect]
}

/** The double (IEEE 754 binary64) type of a dialect: `FLOAT64` in BigQuery, `DOUBLE PRECISION` in PostgreSQL, `DOUBLE` elsewhere. */
export function doubleType(dialect: SqlDialect): string {
  return dialect === 'postgres' ? 'DOUBLE PRECISION' : dialect === 'bigquery' ? 'FLOAT64' : 'DOUBLE'
}

/** The 64-bit integer type. */
export function integerType(dialect: SqlDialect): string {
  return dialect === 'bigquery' ? 'INT64' : 'BIGINT'
}

/** The text type. */
export function textType(dialect: SqlDialect): string {
  return {
    duckdb: 'VARCHAR',
    postgres: 'TEXT',
    bigquery: 'STRING',
    snowflake: 'VARCHAR',
    spark: 'STRING',
  }[dialect]
}

/**
 * The number of rows where `condition` is true (not false, not NULL), in each dialect's
 * cheapest spelling: the aggregate `FILTER` clause in DuckDB and PostgreSQL (DuckDB skips
 * the CASE and the NULL test per row), `COUNTIF` in BigQuery, `COUNT_IF` in Snowflake and
 * Spark SQL — all the same count as `COUNT(CASE WHEN condition THEN 1 END)`.
 */
export function countWhere(dialect: SqlDialect, condition: string): string {
  return {
    duckdb: `COUNT(*) FILTER (WHERE ${condition})`,
    postgres: `COUNT(*) FILTER (WHERE ${condition})`,
    bigquery: `COUNTIF(${condition})`,
    snowflake: `COUNT_IF(${condition})`,
    spark: `COUNT_IF(${condition})`,
  }[dialect]
}

/**
 * The tallied value of a twin that tallies (see `SqlTwinDefinition.tally`): the
 * column the state and check conditions of such a twin test instead of the table column.
 */
export function tallyValue(dialect: SqlDialect): string {
  return quoteIdentifier(alias('value'), dialect)
}

/**
 * In a tallying twin, the number of table rows whose value meets `condition` (a condition on
 * `tallyValue`): the sum of the tally counts of the values that meet it. Runs once per
 * distinct value and group, not per table row, so its spelling does not matter for speed.
 */
export function tallyCount(dialect: SqlDialect, condition: string): string {
  return `SUM(CASE WHEN ${condition} THEN ${quoteIdentifier(alias('rows'), dialect)} ELSE 0 END)`
}

/**
 * In a tallying twin, the sum of `term` (an integer expression of `tallyValue`) over
 * the table rows whose value meets `condition`: `term × count` per distinct value.
 */
export function tallySum(dialect: SqlDialect, condition: string, term: string): string {
  return `SUM(CASE WHEN ${condition} THEN (${term}) * ${quoteIdentifier(alias('rows'), dialect)} ELSE 0 END)`
}

/** The output column name of a state column, group or period. */
export function alias(name: string): string {
  return `cx_${name}`
}

/** What a twin adds to the shared machine. */
export interface SqlTwinDefinition<State, Output> {
  readonly context: SqlContext
  /** The aggregator made with the twin's options. */
  readonly aggregator: Aggregator<State, unknown, Output>
  readonly stateColumns: readonly SqlStateColumn[]
  readonly checks: readonly SqlRowCheck[]
  /** The candidate state from the read values (checked again by the aggregator's `merge`). */
  readonly toState: (values: Readonly<Record<string, number | string | null>>) => unknown
  /** The output column of each state field, for errors from `merge`. */
  readonly columnOfField?: Readonly<Record<string, string>>
  /**
   * For a state read from one column of few distinct values (a 0–10 score, a 1–7 rating):
   * that column. The query then counts the table rows per group, period and value (a
   * `GROUP BY` whose only aggregate is `COUNT(*)`, the cheapest there is), and the state
   * columns and checks, written with `tallyCount` and `tallySum` over
   * `tallyValue`, fold those counts per group and period. Same numbers, same refused
   * rows; at 10M rows in DuckDB 1.7–2.4× faster than one CASE per state column and row.
   * With a period too: per-row `FILTER` counts grouped by keys and period (the hand-written
   * shape) were 1.00–1.14× slower than the tally at 10M rows by segment × month
   * (notes/sqltally.md of issue 16), although the tally's inner level then has ~11× more
   * groups.
   */
  readonly tally?: string
}

/** The query and its `finish`. */
export function buildSqlQuery<State, Output>(
  definition: SqlTwinDefinition<State, Output>,
): SqlQuery<State, Output> {
  const { metric } = definition.context
  return {
    sql: querySql(definition),
    finish: (rows) => {
      try {
        return finishRows(rows, definition)
      } catch (error) {
        throw asMetricInputError(error, metric)
      }
    },
  }
}

/**
 * The query text. Three shapes, all one statement with the same output columns:
 * - no period, no tally: `SELECT keys, aggregates FROM t GROUP BY keys`;
 * - a period: the same grouped by the period's start `DATE`, inside an outer `SELECT` that
 *   formats the date of each result row (not of each table row);
 * - a tally: an inner `GROUP BY keys, period, value` counting rows, and an outer `GROUP BY
 *   keys, period` folding those counts into the state columns and checks.
 * Rows are ordered by the group keys (NULLs last, spelled out because the dialects' defaults
 * differ and not all parse `NULLS LAST`) and then by period.
 */
function querySql<State, Output>(definition: SqlTwinDefinition<State, Output>): string {
  const { context, stateColumns, checks, tally } = definition
  const { dialect } = context
  const quote = (name: string) => quoteIdentifier(alias(name), dialect)
  const keys = context.groupBy.map((_, index) => quote(`group_${index}`))
  const day = quote('day')
  // The innermost level: the table's rows grouped by keys, period start and tallied value.
  const innerSelect = context.groupBy.map((group, index) => `${group.sql} AS ${keys[index]}`)
  const innerGroup = context.groupBy.map((group) => group.sql)
  if (context.period !== null) {
    innerSelect.push(`${context.period.sql} AS ${day}`)
    innerGroup.push(context.period.sql)
  }
  const outerKeys = context.period === null ? keys : [...keys, day]
  // A date key is grouped as a date and formatted per result row, in an outer level.
  const hasDateKey = context.groupBy.some((group) => group.date === true)
  const outerKeyColumns = context.groupBy.map((group, index) =>
    group.date === true
      ? `${formatDay(dialect, keys[index] as string)} AS ${keys[index]}`
      : (keys[index] as string),
  )
  // By the keys' own expressions in the one-level query (PostgreSQL does not resolve an
  // output name inside an ORDER BY expression), by the inner columns in the others.
  const orderBy = (names: readonly string[], period: readonly string[]): string[] =>
    names.length + period.length === 0
      ? []
      : [
          `ORDER BY ${[
            ...names.flatMap((key) => [`CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END`, key]),
            ...period,
          ].join(', ')}`,
        ]
  const aggregates = (count: (condition: string) => string, n: string): string[] => [
    `${n} AS ${quote('n')}`,
    ...stateColumns.map((column) => `${column.sql} AS ${quote(column.name)}`),
    ...checks.map((check) => `${count(check.condition)} AS ${quote(check.name)}`),
  ]
  const period = context.period === null ? [] : [`${formatDay(dialect, day)} AS ${quote('period')}`]
  const lines = (list: readonly string[]) => list.join(',\n  ')
  // The inner level is not re-indented: a raw fragment may hold a multi-line string literal.
  if (tally !== undefined) {
    const counts = quote('rows')
    const inner = [
      `SELECT\n  ${lines([...innerSelect, `${tally} AS ${tallyValue(dialect)}`, `COUNT(*) AS ${counts}`])}`,
      `FROM ${context.from}`,
      `GROUP BY\n  ${lines([...innerGroup, tally])}`,
    ].join('\n')
    return [
      `SELECT\n  ${lines([...outerKeyColumns, ...period, ...aggregates((condition) => tallyCount(dialect, condition), `SUM(${counts})`)])}`,
      `FROM (\n${inner}\n) AS ${quote('tally')}`,
      outerKeys.length === 0 ? 'HAVING COUNT(*) > 0' : `GROUP BY\n  ${lines(outerKeys)}`,
      ...orderBy(keys, context.period === null ? [] : [day]),
    ].join('\n')
  }
  const grouped = [
    `SELECT\n  ${lines([...innerSelect, ...aggregates((condition) => countWhere(dialect, condition), 'COUNT(*)')])}`,
    `FROM ${context.from}`,
    innerGroup.length === 0 ? 'HAVING COUNT(*) > 0' : `GROUP BY\n  ${lines(innerGroup)}`,
  ].join('\n')
  if (context.period === null && !hasDateKey) {
    return [grouped, ...orderBy(innerGroup, [])].join('\n')
  }
  const passed = [
    'n',
    ...stateColumns.map((column) => column.name),
    ...checks.map((check) => check.name),
  ].map(quote)
  return [
    `SELECT\n  ${lines([...outerKeyColumns, ...period, ...passed])}`,
    `FROM (\n${grouped}\n) AS ${quote('groups')}`,
    ...orderBy(keys, context.period === null ? [] : [day]),
  ].join('\n')
}

export function badRow(
  metric: string,
  path: MetricInputPath,
  message: string,
  code: MetricInputErrorCode = 'INVALID_RECORD',
): MetricInputError {
  return new MetricInputError({ code, metric, path, message: `${metric}: ${message}` })
}

const DIGITS = /^\d{1,16}$/
const DECIMAL_TEXT = /^-?\d{1,38}(?:\.\d{1,38})?$/

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER)

/** A non-negative safe integer from a number, a bigint or a digit string. */
export function readCount(value: unknown, metric: string, row: number, column: string): number {
  let count = Number.NaN
  if (typeof value === 'number') count = value
  else if (typeof value === 'bigint' && value >= 0n && value <= MAX_SAFE_BIGINT)
    count = Number(value)
  else if (typeof value === 'string' && DIGITS.test(value)) count = Number(value)
  if (Number.isSafeInteger(count) && count >= 0) return count === 0 ? 0 : count
  throw badRow(
    metric,
    [row, column],
    `row ${row} column ${column} is ${describeValue(value)}; it must be a count (a whole number ≥ 0 as a number, bigint or digit string)`,
  )
}

/**
 * An exact decimal as text, never through a float: a decimal string, a bigint, or a driver's
 * DECIMAL object `{ scale, value: bigint }` (DuckDB). Normalised with decimal.js, the form
 * the aggregators write.
 */
export function readDecimal(value: unknown, metric: string, path: MetricInputPath): string {
  let text: string | null = null
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) text = value.trim()
  else if (typeof value === 'bigint') text = value.toString()
  else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value)
  else if (typeof value === 'object' && value !== null) {
    const { scale, value: units } = value as { scale?: unknown; value?: unknown }
    if (
      typeof units === 'bigint' &&
      typeof scale === 'number' &&
      Number.isInteger(scale) &&
      scale >= 0 &&
      scale <= 38
    ) {
      const negative = units < 0n
      const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
      text = `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''}`
    }
  }
  if (text === null) {
    throw badRow(
      metric,
      path,
      `row ${path[0]} column ${path[1]} is ${describeValue(value)}; it must be an exact decimal (a decimal string, a bigint or a DECIMAL value), never a float`,
    )
  }
  return new MoneyDecimal(text).toString()
}

export function readFloat(value: unknown, metric: string, path: MetricInputPath): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && DECIMAL_TEXT.test(value.trim())
        ? Number(value)
        : Number.NaN
  if (Number.isFinite(number)) return number === 0 ? 0 : number
  throw badRow(
    metric,
    path,
    `row ${path[0]} column ${path[1]} is ${describeValue(value)}; it must be a finite number`,
  )
}

export function readGroupValue(
  value: unknown,
  metric: string,
  row: number,
  column: string,
): SqlGroupValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    return Object.is(value, -0) ? 0 : (value as SqlGroupValue)
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return new Date(value.getTime())
  throw badRow(
    metric,
    [row, column],
    `row ${row} column ${column} is ${describeValue(value)}; a group value must be a string, a finite number, a bigint, a boolean, a valid Date or null`,
  )
}

export const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/

/** A stable text of a group value for the duplicate check. */
export function keyText(value: SqlGroupValue): string {
  if (value instanceof Date) return `d${value.getTime()}`
  if (typeof value === 'bigint') return `b${value}`
  return `${typeof value}:${String(value)}`
}

function finishRows<State, Output>(
  rows: ArrayLike<unknown>,
  definition: SqlTwinDefinition<State, Output>,
): SqlResultRow<State, Output>[] {
  const { context, stateColumns, checks, aggregator } = definition
  const { metric } = context
  if (!Array.isArray(rows)) {
    throw badRow(
      metric,
      [],
      `rows is ${describeValue(rows)}; it must be the array of row objects the driver returned`,
      'VALUE_OUT_OF_RANGE',
    )
  }
  // Every name and path piece once per call, not per row: finish over 1,000 groups must
  // stay under 1 % of the query's time.
  const groupColumns = context.groupBy.map((_, index) => alias(`group_${index}`))
  const groupKeys = context.groupBy.map((group) => group.key)
  const periodColumn = alias('period')
  const countColumn = alias('n')
  const stateAliases = stateColumns.map((column) => alias(column.name))
  const checkAliases = checks.map((check) => alias(check.name))
  const expected = [
    ...groupColumns,
    ...(context.period === null ? [] : [periodColumn]),
    countColumn,
    ...stateAliases,
    ...checkAliases,
  ]
  const expectedSet = new Set(expected)

  const length = rows.length
  const groups: (Record<string, SqlGroupValue> | null)[] = new Array(length)
  const days: string[] = new Array(length)
  const states: State[] = new Array(length)
  const counts: number[] = new Array(length)
  const seen = new Set<string>()
  for (let index = 0; index < length; index++) {
    const row: unknown = rows[index]
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw badRow(
        metric,
        [index],
        `row ${index} is ${describeValue(row)}; it must be an object keyed by column name`,
      )
    }
    const record = row as Record<string, unknown>
    const keys = Object.keys(record)
    // All expected columns present and no more keys than expected: no unknown one.
    if (keys.length !== expected.length) {
      for (const key of keys) {
        if (!expectedSet.has(key)) {
          throw badRow(
            metric,
            [index, key],
            `row ${index} has an unknown column ${describeValue(key)}; the query returns ${expected.join(', ')}`,
          )
        }
      }
    }
    for (const key of expected) {
      if (!Object.hasOwn(record, key)) {
        throw badRow(
          metric,
          [index, key],
          `row ${index} has no column ${key}; pass the rows of this query unchanged`,
        )
      }
    }
    let group: Record<string, SqlGroupValue> | null = null
    let identity = ''
    if (context.groupBy.length > 0) {
      group = {}
      for (let position = 0; position < groupColumns.length; position++) {
        const key = groupColumns[position] as string
        const value = readGroupValue(record[key], metric, index, key)
        Object.defineProperty(group, groupKeys[position] as string, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
        identity += `${keyText(value)}\u0000`
      }
    }
    groups[index] = group
    if (context.period !== null) {
      const key = periodColumn
      const day = record[key]
      if (typeof day !== 'string' || !DAY_TEXT.test(day)) {
        throw badRow(
          metric,
          [index, key],
          `row ${index} column ${key} is ${describeValue(day)}; it must be a period start 'YYYY-MM-DD'`,
        )
      }
      days[index] = day
      identity += day
    }
    if (seen.has(identity)) {
      throw badRow(
        metric,
        [index],
        `row ${index} repeats the group and period of an earlier row; pass the rows of one query unchanged`,
      )
    }
    seen.add(identity)
    counts[index] = readCount(record[countColumn], metric, index, countColumn)
    for (let position = 0; position < checks.length; position++) {
      const check = checks[position] as SqlRowCheck
      const key = checkAliases[position] as string
      const refused = readCount(record[key], metric, index, key)
      if (refused > 0) {
        throw badRow(
          metric,
          [index, key],
          `${refused} table row${refused === 1 ? '' : 's'} of result row ${index} ha${refused === 1 ? 's' : 've'} ${check.problem}`,
          check.code,
        )
      }
    }
    // `n` (COUNT(*)) is there for states that count their rows; a state column overrides it.
    const values: Record<string, number | string | null> = { n: counts[index] as number }
    for (let position = 0; position < stateColumns.length; position++) {
      const column = stateColumns[position] as SqlStateColumn
      const key = stateAliases[position] as string
      const value = record[key]
      values[column.name] =
        column.kind === 'count'
          ? readCount(value, metric, index, key)
          : column.kind === 'decimal'
            ? readDecimal(value, metric, [index, key])
            : column.kind === 'float'
              ? readFloat(value, metric, [index, key])
              : readText(value, metric, [index, key])
    }
    try {
      states[index] = aggregator.merge(aggregator.initial(), definition.toState(values) as State)
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      const field = error.path?.[1]
      const column =
        typeof field === 'string' ? alias(definition.columnOfField?.[field] ?? field) : undefined
      throw new MetricInputError({
        code: error.code,
        metric,
        path: column === undefined ? [index] : [index, column],
        message: `${metric}: row ${index} does not make a state of ${error.metric}: ${error.message}`,
        cause: error,
      })
    }
  }

  const periods = context.period === null ? null : rebuildPeriods(days, context)
  const out: SqlResultRow<State, Output>[] = new Array(length)
  for (let index = 0; index < length; index++) {
    const state = states[index] as State
    out[index] = {
      group: groups[index] ?? null,
      period: periods === null ? null : (periods[index] as GroupMetricPeriod),
      state,
      result: aggregator.result(state),
      n: counts[index] as number,
    }
  }
  return out
}

export function readText(value: unknown, metric: string, path: MetricInputPath): string | null {
  if (value === null || typeof value === 'string') return value
  throw badRow(
    metric,
    path,
    `row ${path[0]} column ${path[1]} is ${describeValue(value)}; it must be text or NULL`,
  )
}

/**
 * `{ start, end, label }` of each row's period start date, from `groupMetric`'s own grid
 * and labels (`groupRecords` over the instants at which those dates begin in the zone);
 * a date that does not begin a period of the layout is refused.
 */
export function rebuildPeriods(days: readonly string[], context: SqlContext): GroupMetricPeriod[] {
  const layout = (context.period as { layout: PeriodLayout }).layout
  const { metric } = context
  const length = days.length
  if (length === 0) return []
  // One zone computation per distinct date (a query has few periods and many groups).
  const instants = new Float64Array(length)
  const instantOfDay = new Map<string, number>()
  for (let index = 0; index < length; index++) {
    const day = days[index] as string
    let instant = instantOfDay.get(day)
    if (instant === undefined) {
      const match = DAY_TEXT.exec(day) as RegExpExecArray
      instant = new TZDate(
        Number(match[1]),
        Number(match[2]) - 1,
        Number(match[3]),
        layout.timeZone,
      ).getTime()
      instantOfDay.set(day, instant)
    }
    instants[index] = instant
  }
  const cells = groupRecords(Array.from(instants), {
    metric,
    period: checkedPeriod((time: number) => new Date(time), layout, false),
    dateField: alias('period'),
  })
  const periods: GroupMetricPeriod[] = new Array(length)
  for (let index = 0; index < length; index++) {
    const period = periodOfCell(cells, cells.cellOf[index] as number) as GroupMetricPeriod
    if (period.start.getTime() !== instants[index]) {
      throw badRow(
        metric,
        [index, alias('period')],
        `row ${index} column ${alias('period')} is ${describeValue(days[index])}, which does not begin a ${layout.period} in ${layout.timeZone} (weeks start on day ${layout.weekStartsOn}, fiscal years in month ${layout.fiscalStart + 1}); pass the rows of this query unchanged`,
      )
    }
    periods[index] = period
  }
  return periods
}

/** A number option as a SQL literal: only a finite number already checked by the aggregator. */
export function numberLiteral(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: 'sql',
      message: `sql: ${describeValue(value)} is not a finite number`,
    })
  }
  return String(value === 0 ? 0 : value)
}

/** The condition "`column` is an integer rating from 1 to `scaleMax`" (false for NULL). */
export function ratingCondition(column: string, scaleMax: number): string {
  return `(${column} >= 1 AND ${column} <= ${numberLiteral(scaleMax)} AND ${column} = FLOOR(${column}))`
}

/**
 * The twin's aggregator from `make`, with an option error of the factory reported for the
 * twin (`metric`), the function the user called; the path is kept.
 */
export function aggregatorFor<T>(metric: string, make: () => T): T {
  try {
    return make()
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    throw new MetricInputError({
      code: error.code,
      metric,
      ...(error.path === undefined ? {} : { path: error.path }),
      message: error.message.replace(error.metric, metric),
    })
  }
}

/** The values of one per-key row of {@link buildPerKeyQuery}, as read by `finish`. */
export type PerKeyValues = Readonly<Record<string, number | string | null>>

/** One row of a per-key query after `finish`: the user's group with the extra key in it. */
export type PerKeyRow = SqlResultRow<PerKeyValues, PerKeyValues>

/**
 * The query of a twin whose state is a fold over one more key than the user's `groupBy`
 * (an activity type, a furthest stage): the same query grouped by `key.sql` as a last group
 * column, read back by the shared `finish` (names, counts, checks, periods) into per-key
 * rows that the twin folds itself (see {@link perKeyCells}). The twin's own aggregator then
 * checks the folded state with its `merge`.
 */
export function buildPerKeyQuery(definition: {
  readonly context: SqlContext
  /** The extra key: its name in `row.group` and its SQL. */
  readonly key: { readonly key: string; readonly sql: string }
  readonly stateColumns: readonly SqlStateColumn[]
  readonly checks: readonly SqlRowCheck[]
}): { readonly sql: string; readonly finish: (rows: ArrayLike<unknown>) => PerKeyRow[] } {
  const { context } = definition
  const passThrough = {
    initial: () => null as unknown as PerKeyValues,
    add: (values: PerKeyValues) => values,
    merge: (_: PerKeyValues, values: PerKeyValues) => values,
    result: (values: PerKeyValues) => values,
  }
  const query = buildSqlQuery<PerKeyValues, PerKeyValues>({
    context: { ...context, groupBy: [...context.groupBy, definition.key] },
    aggregator: passThrough,
    stateColumns: definition.stateColumns,
    checks: definition.checks,
    toState: (values) => values,
  })
  return { sql: query.sql, finish: (rows) => query.finish(rows) as PerKeyRow[] }
}

/** A group and period of the user's, the cell that per-key rows are folded into. */
export interface PerKeyCell {
  /** The user's group (without the extra key), `null` without `groupBy`. */
  readonly group: Record<string, SqlGroupValue> | null
  readonly period: GroupMetricPeriod | null
  /** The first per-key row of the cell, for the path of an error about the cell. */
  readonly firstRow: number
}

/**
 * The cells (user's group × period) of per-key rows, in group order (the query's), then
 * period order, and the cell index of each row. `isOwnKey` tells the twin's extra keys in
 * `row.group` (dropped from the cell's group) from the user's.
 */
export function perKeyCells(
  rows: readonly PerKeyRow[],
  isOwnKey: (key: string) => boolean,
): { readonly cells: PerKeyCell[]; readonly cellOfRow: number[] } {
  const found: (PerKeyCell & { readonly groupOrder: number })[] = []
  const cellOfKey = new Map<string, number>()
  const groupOrders = new Map<string, number>()
  const cellOfRow = new Array<number>(rows.length)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as PerKeyRow
    const fullGroup = row.group as Record<string, SqlGroupValue>
    let group: Record<string, SqlGroupValue> | null = null
    let groupKey = ''
    for (const key of Object.keys(fullGroup)) {
      if (isOwnKey(key)) continue
      group ??= {}
      const value = fullGroup[key] as SqlGroupValue
      Object.defineProperty(group, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      groupKey += `${typeof value}:${value instanceof Date ? value.getTime() : String(value)}\u0000`
    }
    const key = `${groupKey}\u0001${row.period === null ? '' : row.period.start.getTime()}`
    let cell = cellOfKey.get(key)
    if (cell === undefined) {
      let groupOrder = groupOrders.get(groupKey)
      if (groupOrder === undefined) {
        groupOrder = groupOrders.size
        groupOrders.set(groupKey, groupOrder)
      }
      cell = found.length
      cellOfKey.set(key, cell)
      found.push({ group, period: row.period, firstRow: index, groupOrder })
    }
    cellOfRow[index] = cell
  }
  const order = found.map((_, index) => index)
  order.sort(
    (a, b) =>
      (found[a] as (typeof found)[number]).groupOrder -
        (found[b] as (typeof found)[number]).groupOrder ||
      ((found[a] as PerKeyCell).period?.start.getTime() ?? 0) -
        ((found[b] as PerKeyCell).period?.start.getTime() ?? 0),
  )
  const rank = new Array<number>(found.length)
  const cells = new Array<PerKeyCell>(found.length)
  for (let position = 0; position < order.length; position++) {
    const cell = found[order[position] as number] as (typeof found)[number]
    rank[order[position] as number] = position
    cells[position] = { group: cell.group, period: cell.period, firstRow: cell.firstRow }
  }
  for (let index = 0; index < cellOfRow.length; index++) {
    cellOfRow[index] = rank[cellOfRow[index] as number] as number
  }
  return { cells, cellOfRow }
}
