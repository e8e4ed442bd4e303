import { TZDate } from '@date-fns/tz'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { asMetricInputError, type MetricBasis, requireOneOf } from '../core/validate.js'
import {
  COHORT_BASES,
  type CohortBasis,
  type CohortRetentionCount,
  type CohortRetentionOptions,
  type CohortRetentionResult,
  cohortRetentionFromCounts,
} from '../retention/cohortRetention.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'
import type { SqlGroupValue, SqlOptions, SqlPeriodOptions } from './SqlQuery.js'
import {
  badRow,
  countWhere,
  DAY_TEXT,
  decimalType,
  formatDay,
  keyText,
  quoteIdentifier,
  readCount,
  readDecimal,
  readGroupValue,
  readSqlOptions,
  readText,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link cohortRetentionSql}: one row per activity (login, order, invoice) —
 * `customerId`, and with `basis: 'amount'` its `revenue` (≥ 0, at most 6 decimals) and
 * optionally `currency`. The activity instant is the `period` option's column.
 *
 * @category SQL
 */
export interface CohortRetentionSqlColumns {
  readonly customerId: SqlName
  readonly revenue?: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link cohortRetentionSql}: the SQL options with `period` required (the
 * activity instant and the cohort unit), plus `cohortRetention`'s `basis` and `asOf`.
 *
 * @category SQL
 */
export type CohortRetentionSqlOptions = SqlOptions<CohortRetentionSqlColumns> & {
  readonly period: SqlPeriodOptions
  /** `'count'` (default) or `'amount'` (`'logo'` / `'revenue'` as aliases). */
  readonly basis?: CohortBasis
  /** Extend each table to the period holding `asOf`; activity after it is refused. */
  readonly asOf?: Date
}

/**
 * One cell of the triangle as the query returns it: a cohort (the period start of the
 * customers' first activity), a period, the customers active in it and their revenue.
 *
 * @category SQL
 */
export interface CohortRetentionSqlCell {
  /** Cohort period start, `'YYYY-MM-DD'` in the period's zone. */
  readonly cohort: string
  /** Activity period start, `'YYYY-MM-DD'`. */
  readonly period: string
  /** Distinct customers of the cohort active in the period. */
  readonly active: number
  /** Their revenue, an exact decimal string (`'0'` with the count basis). */
  readonly revenue: string
}

/**
 * One table of {@link cohortRetentionSql}'s `finish`: the group, the cells the query
 * counted, the `cohortRetention` table they make, and the number of activity rows.
 *
 * @category SQL
 */
export interface CohortRetentionSqlRow {
  /** The `groupBy` values keyed by column name; `null` without `groupBy`. */
  readonly group: Readonly<Record<string, SqlGroupValue>> | null
  /** Always `null`: the periods are the table's own columns. */
  readonly period: null
  /** The cohort × period cells, in the query's order. */
  readonly state: { readonly cells: readonly CohortRetentionSqlCell[] }
  /** What `cohortRetention` returns for this group's activity. */
  readonly result: CohortRetentionResult
  /** Activity rows of the group. */
  readonly n: number
}

/**
 * What {@link cohortRetentionSql} returns: the query and its `finish`.
 *
 * @category SQL
 */
export interface CohortRetentionSqlQuery {
  readonly sql: string
  readonly finish: (rows: ArrayLike<unknown>) => CohortRetentionSqlRow[]
}

/** Refusal-count columns, in the order `finish` reports them. */
const REFUSALS = [
  { name: 'missingCustomer', code: 'MISSING_VALUE', problem: 'a NULL or empty customerId' },
  { name: 'missingAt', code: 'INVALID_DATE', problem: 'a NULL activity instant' },
  { name: 'afterAsOf', code: 'VALUE_OUT_OF_RANGE', problem: 'an activity after asOf' },
  { name: 'missingRevenue', code: 'MISSING_VALUE', problem: 'a NULL revenue' },
  { name: 'negativeRevenue', code: 'NEGATIVE_VALUE', problem: 'a negative revenue' },
  {
    name: 'tooPrecise',
    code: 'VALUE_OUT_OF_RANGE',
    problem: 'a revenue with more than 6 decimals (round it in the source query)',
  },
] as const

/** An instant as a timestamp literal of the dialect (UTC offset spelled out). */
function instantLiteral(time: number, dialect: SqlDialect): string {
  const text = new Date(time).toISOString().replace('T', ' ').replace('Z', '+00:00')
  const type = {
    duckdb: 'TIMESTAMPTZ',
    postgres: 'TIMESTAMPTZ',
    bigquery: 'TIMESTAMP',
    snowflake: 'TIMESTAMP_TZ',
    spark: 'TIMESTAMP',
  }[dialect]
  return `CAST('${text}' AS ${type})`
}

/**
 * The cohort retention triangle computed where the data lives: one `GROUP BY` over
 * (cohort, period) counts the distinct customers active in each cell and sums their revenue
 * exactly as `DECIMAL(38, 6)` — the cohort of a customer is the first period it was active
 * in, a window `MIN` — and `finish` lays the cells out as `cohortRetention` does: the same
 * periods, retention per cohort and age, `null` where a period lies beyond the table, and
 * pooled retention weighting cohorts by size.
 *
 * ```text
 * cohort = MIN(period) OVER (PARTITION BY groupBy…, customer)
 * cell (cohort, period): active = COUNT(DISTINCT customer), revenue = SUM(revenue)
 * size(cohort) = active at age 0;  R(c, k) = active(c, c + k) / size(c)  (or revenue / age-0 revenue)
 * ```
 * The table runs from the earliest cohort to the latest period (or `asOf`). Refused rows (a
 * NULL or empty customer, a NULL instant, activity after `asOf`, and with `basis: 'amount'`
 * a NULL, negative or too precise revenue, two currencies) make `finish` throw what
 * `cohortRetention` throws. One row per group, ordered by `groupBy` (NULLs last).
 *
 * @param options - `dialect`, `from`, `columns: { customerId, revenue?, currency? }`,
 *   `groupBy`, `period: { column, unit, timeZone?, … }` (required), `basis` (`'count'`),
 *   `asOf`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period: null, state: { cells },
 *   result, n }[]`, `result` as `cohortRetention(activity, options)`; `[]` for no activity.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name, a missing
 *   `period` or `basis: 'amount'` without `columns.revenue`; from `finish`, the codes of
 *   `cohortRetention` for refused rows and `INVALID_RECORD` for a row that is not this query's.
 * @example
 * ```ts
 * const query = cohortRetentionSql({ dialect: 'postgres', from: 'app.logins', columns: { customerId: 'customer_id' }, period: { column: 'logged_in_at', unit: 'month' } })
 * // January cohort: 2 customers, 1 back in February; February cohort: 1 customer.
 * const checks = { cx_missingCustomer: 0, cx_missingAt: 0, cx_afterAsOf: 0, cx_missingRevenue: 0, cx_negativeRevenue: 0, cx_tooPrecise: 0, cx_currencyLow: null, cx_currencyHigh: null }
 * const [table] = query.finish([
 *   { cx_cohort: '2026-01-01', cx_period: '2026-01-01', cx_n: 2, cx_active: 2, cx_revenue: '0', ...checks },
 *   { cx_cohort: '2026-01-01', cx_period: '2026-02-01', cx_n: 1, cx_active: 1, cx_revenue: '0', ...checks },
 *   { cx_cohort: '2026-02-01', cx_period: '2026-02-01', cx_n: 1, cx_active: 1, cx_revenue: '0', ...checks },
 * ])
 * table?.result.cohorts.map((row) => [row.cohort, row.retention]) // => [['2026-01', [1, 0.5]], ['2026-02', [1, null]]]
 * ```
 * @see cohortRetention, the table it equals.
 * @category SQL
 */
export function cohortRetentionSql(options: CohortRetentionSqlOptions): CohortRetentionSqlQuery {
  const metric = 'cohortRetentionSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'customerId', required: true },
      { field: 'revenue', required: false },
      { field: 'currency', required: false },
    ])
    const period = context.period
    if (period === null) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['period'],
        message: `${metric}: option period is missing; name the activity instant column and the cohort unit: { column, unit: 'month' }`,
      })
    }
    const extra = context.aggregatorOptions
    for (const key of Object.keys(extra)) {
      if (key !== 'basis' && key !== 'asOf') {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: [key],
          message: `${metric}: unknown option ${describeValue(key)}; the options are dialect, from, columns, groupBy, period, basis, asOf`,
        })
      }
    }
    const named = requireOneOf(
      (extra.basis as CohortBasis | undefined) ?? 'count',
      COHORT_BASES,
      metric,
      'basis',
    )
    const basis: MetricBasis = named === 'logo' ? 'count' : named === 'revenue' ? 'amount' : named
    let asOf: number | null = null
    if (extra.asOf !== undefined) {
      const value = extra.asOf
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        throw new MetricInputError({
          code: 'INVALID_DATE',
          metric,
          path: ['asOf'],
          message: `${metric}: option asOf is ${describeValue(value)}; it must be a valid Date`,
        })
      }
      asOf = value.getTime()
    }
    const { dialect, columns } = context
    if (basis === 'amount' && columns.revenue === undefined) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['columns', 'revenue'],
        message: `${metric}: option columns.revenue is missing; basis 'amount' sums the revenue column`,
      })
    }
    // The instant column itself (checked and quoted as any name), for the NULL and asOf checks.
    const at = readSqlOptions(
      {
        dialect,
        from: 'cx',
        columns: { at: (options as { period: { column: unknown } }).period.column },
      },
      metric,
      [{ field: 'at', required: true }],
    ).columns.at as string
    const sql = cohortSql(context, formatDay(context.dialect, period.sql), at, basis, asOf)
    const groupKeys = context.groupBy.map((group) => group.key)
    return {
      sql,
      finish: (rows) => {
        try {
          return finishCohorts(rows, {
            metric,
            basis,
            asOf,
            groupKeys,
            layout: period.layout,
          })
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

function cohortSql(
  context: ReturnType<typeof readSqlOptions>,
  label: string,
  at: string,
  basis: MetricBasis,
  asOf: number | null,
): string {
  const { dialect, columns, groupBy } = context
  const q = (name: string) => quoteIdentifier(name, dialect)
  const exact = decimalType(dialect)
  const text = textType(dialect)
  const customer = columns.customerId as string
  const revenue = basis === 'amount' ? (columns.revenue as string) : null
  const currency = basis === 'amount' ? columns.currency : undefined
  const groups = groupBy.map((_, index) => q(`cx_group_${index}`))
  const none = `CAST(0 AS ${exact})`
  const checks = [
    `${countWhere(dialect, `${customer} IS NULL OR CAST(${customer} AS ${text}) = ''`)} AS ${q('cx_missingCustomer')}`,
    `${countWhere(dialect, `${at} IS NULL`)} AS ${q('cx_missingAt')}`,
    `${asOf === null ? '0' : countWhere(dialect, `${at} > ${instantLiteral(asOf, dialect)}`)} AS ${q('cx_afterAsOf')}`,
    `${revenue === null ? '0' : countWhere(dialect, `${revenue} IS NULL`)} AS ${q('cx_missingRevenue')}`,
    `${revenue === null ? '0' : countWhere(dialect, `${revenue} < 0`)} AS ${q('cx_negativeRevenue')}`,
    `${revenue === null ? '0' : countWhere(dialect, `${revenue} <> CAST(${revenue} AS ${exact})`)} AS ${q('cx_tooPrecise')}`,
    `${currency === undefined ? `CAST(NULL AS ${text})` : `MIN(${currency})`} AS ${q('cx_currencyLow')}`,
    `${currency === undefined ? `CAST(NULL AS ${text})` : `MAX(${currency})`} AS ${q('cx_currencyHigh')}`,
  ]
  const refused = `${REFUSALS.map((refusal) => `c.${q(`cx_${refusal.name}`)}`).join(' + ')} > 0 OR c.${q('cx_currencyLow')} <> c.${q('cx_currencyHigh')}`
  const partition = [...groups, q('cx_customer')].join(', ')
  const select = [
    ...groups.map((group) => `${group} AS ${group}`),
    `${q('cx_cohort')} AS ${q('cx_cohort')}`,
    `${q('cx_period')} AS ${q('cx_period')}`,
    `COUNT(${q('cx_customer')}) AS ${q('cx_n')}`,
    `COUNT(DISTINCT ${q('cx_customer')}) AS ${q('cx_active')}`,
    `CAST(COALESCE(SUM(${q('cx_revenue')}), 0) AS ${text}) AS ${q('cx_revenue')}`,
    ...[...REFUSALS.map((refusal) => refusal.name), 'currencyLow', 'currencyHigh'].map(
      (name) =>
        `${name.startsWith('currency') ? (name === 'currencyLow' ? 'MIN' : 'MAX') : 'MAX'}(${q(`cx_${name}`)}) AS ${q(`cx_${name}`)}`,
    ),
  ]
  const keys = [...groups, q('cx_cohort'), q('cx_period')]
  const order = [
    ...groups.flatMap((group) => [`CASE WHEN ${group} IS NULL THEN 1 ELSE 0 END`, group]),
    q('cx_cohort'),
    q('cx_period'),
  ]
  return [
    'WITH',
    'cx_checks AS (',
    `SELECT\n  ${checks.join(',\n  ')}`,
    `FROM ${context.from}`,
    '),',
    'cx_rows AS (',
    'SELECT',
    `  ${[
      `${customer} AS ${q('cx_customer')}`,
      `${label} AS ${q('cx_period')}`,
      ...groupBy.map((group, index) => `${group.sql} AS ${groups[index]}`),
      `${revenue === null ? none : `CAST(${revenue} AS ${exact})`} AS ${q('cx_revenue')}`,
    ].join(',\n  ')}`,
    `FROM ${context.from}`,
    `WHERE ${customer} IS NOT NULL AND ${at} IS NOT NULL`,
    '),',
    'cx_cohorts AS (',
    'SELECT',
    `  ${[
      q('cx_customer'),
      q('cx_period'),
      ...groups,
      q('cx_revenue'),
      `MIN(${q('cx_period')}) OVER (PARTITION BY ${partition}) AS ${q('cx_cohort')}`,
    ].join(',\n  ')}`,
    'FROM cx_rows',
    'UNION ALL',
    // One placeholder row when the table is refused, so that `finish` always sees it.
    'SELECT',
    `  ${[
      `NULL AS ${q('cx_customer')}`,
      `'0001-01-01' AS ${q('cx_period')}`,
      ...groups.map((group) => `NULL AS ${group}`),
      `${none} AS ${q('cx_revenue')}`,
      `'0001-01-01' AS ${q('cx_cohort')}`,
    ].join(',\n  ')}`,
    'FROM cx_checks c',
    `WHERE ${refused}`,
    ')',
    `SELECT\n  ${select.join(',\n  ')}`,
    'FROM cx_cohorts CROSS JOIN cx_checks',
    `GROUP BY\n  ${keys.join(',\n  ')}`,
    `ORDER BY ${order.join(', ')}`,
  ].join('\n')
}

interface FinishContext {
  readonly metric: string
  readonly basis: MetricBasis
  readonly asOf: number | null
  readonly groupKeys: readonly string[]
  readonly layout: NonNullable<ReturnType<typeof readSqlOptions>['period']>['layout']
}

interface GroupCells {
  readonly group: Record<string, SqlGroupValue> | null
  readonly cells: CohortRetentionSqlCell[]
  /** Row index of each cell, for errors. */
  readonly rows: number[]
  n: number
}

function finishCohorts(rows: ArrayLike<unknown>, context: FinishContext): CohortRetentionSqlRow[] {
  const { metric, groupKeys } = context
  if (!Array.isArray(rows)) {
    throw badRow(
      metric,
      [],
      `rows is ${describeValue(rows)}; it must be the array of row objects the driver returned`,
      'VALUE_OUT_OF_RANGE',
    )
  }
  const expected = [
    ...groupKeys.map((_, index) => `cx_group_${index}`),
    'cx_cohort',
    'cx_period',
    'cx_n',
    'cx_active',
    'cx_revenue',
    ...REFUSALS.map((refusal) => `cx_${refusal.name}`),
    'cx_currencyLow',
    'cx_currencyHigh',
  ]
  const expectedSet = new Set(expected)
  const tables = new Map<string, GroupCells>()
  let currency: string | null = null
  for (let index = 0; index < rows.length; index++) {
    const row: unknown = rows[index]
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw badRow(
        metric,
        [index],
        `row ${index} is ${describeValue(row)}; it must be an object keyed by column name`,
      )
    }
    const record = row as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!expectedSet.has(key)) {
        throw badRow(
          metric,
          [index, key],
          `row ${index} has an unknown column ${describeValue(key)}; the query returns ${expected.join(', ')}`,
        )
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
    for (const refusal of REFUSALS) {
      const key = `cx_${refusal.name}`
      const count = readCount(record[key], metric, index, key)
      if (count > 0) {
        throw badRow(
          metric,
          [index, key],
          `${count} table row${count === 1 ? ' has' : 's have'} ${refusal.problem}`,
          refusal.code,
        )
      }
    }
    const low = readText(record.cx_currencyLow, metric, [index, 'cx_currencyLow'])
    const high = readText(record.cx_currencyHigh, metric, [index, 'cx_currencyHigh'])
    if (low !== high || (index > 0 && low !== currency)) {
      throw badRow(
        metric,
        [index, 'cx_currencyHigh'],
        `the revenue is in ${JSON.stringify(low)} and ${JSON.stringify(index > 0 && low === high ? currency : high)}; convert it to one currency first`,
        'CURRENCY_MISMATCH',
      )
    }
    currency = low
    let group: Record<string, SqlGroupValue> | null = null
    let identity = ''
    if (groupKeys.length > 0) {
      group = {}
      for (let position = 0; position < groupKeys.length; position++) {
        const key = `cx_group_${position}`
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
    const day = (key: 'cx_cohort' | 'cx_period'): string => {
      const value = record[key]
      if (typeof value !== 'string' || !DAY_TEXT.test(value)) {
        throw badRow(
          metric,
          [index, key],
          `row ${index} column ${key} is ${describeValue(value)}; it must be a period start 'YYYY-MM-DD'`,
        )
      }
      return value
    }
    const cell: CohortRetentionSqlCell = {
      cohort: day('cx_cohort'),
      period: day('cx_period'),
      active: readCount(record.cx_active, metric, index, 'cx_active'),
      revenue: readDecimal(record.cx_revenue, metric, [index, 'cx_revenue']),
    }
    const n = readCount(record.cx_n, metric, index, 'cx_n')
    let table = tables.get(identity)
    if (table === undefined) {
      table = { group, cells: [], rows: [], n: 0 }
      tables.set(identity, table)
    }
    table.cells.push(cell)
    table.rows.push(index)
    table.n += n
  }
  const out: CohortRetentionSqlRow[] = []
  for (const table of tables.values()) {
    out.push({
      group: table.group,
      period: null,
      state: { cells: table.cells },
      result: layOut(table, context, currency),
      n: table.n,
    })
  }
  return out
}

/** The instant at which the local date `day` begins in the layout's zone. */
function dayStart(day: string, timeZone: string): number {
  const match = DAY_TEXT.exec(day) as RegExpExecArray
  return new TZDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]), timeZone).getTime()
}

/** Cell fields of `cohortRetentionFromCounts` and the query columns they come from. */
const CELL_COLUMNS: Readonly<Record<string, string>> = {
  cohort: 'cx_cohort',
  period: 'cx_period',
  active: 'cx_active',
  revenue: 'cx_revenue',
  currency: 'cx_currencyLow',
}

/** The cells of one group finished by `cohortRetentionFromCounts`, errors pointing at the rows. */
function layOut(
  table: GroupCells,
  context: FinishContext,
  currency: string | null,
): CohortRetentionResult {
  const { metric, basis, layout } = context
  const count = table.cells.length
  const cells: CohortRetentionCount[] = new Array(count)
  for (let index = 0; index < count; index++) {
    const cell = table.cells[index] as CohortRetentionSqlCell
    const cohort = new Date(dayStart(cell.cohort, layout.timeZone))
    const period = new Date(dayStart(cell.period, layout.timeZone))
    cells[index] =
      basis === 'count'
        ? { cohort, period, active: cell.active }
        : currency === null
          ? { cohort, period, active: cell.active, revenue: cell.revenue }
          : { cohort, period, active: cell.active, revenue: cell.revenue, currency }
  }
  const options: CohortRetentionOptions = {
    basis,
    period: layout.period,
    timeZone: layout.timeZone,
    fiscalYearStartMonth: layout.fiscalStart + 1,
    weekStartsOn: layout.weekStartsOn,
    ...(context.asOf === null ? {} : { asOf: new Date(context.asOf) }),
  }
  try {
    return cohortRetentionFromCounts(cells, options)
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    // The same refusal, naming this function and the query row the cell came from.
    const [at, field] = error.path ?? []
    const path: MetricInputPath =
      typeof at === 'number'
        ? field === undefined
          ? [table.rows[at] as number]
          : [table.rows[at] as number, CELL_COLUMNS[field as string] ?? String(field)]
        : (error.path ?? [])
    throw new MetricInputError({
      code: error.code,
      metric,
      path,
      message: `${metric}: ${error.message.replace(/^cohortRetentionFromCounts: /, '')} (pass the rows of this query unchanged)`,
    })
  }
}
