import { TZDate } from '@date-fns/tz'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { Booking } from '../quota/Booking.js'
import type { QuotaAttainmentResult } from '../quota/quotaAttainment.js'
import {
  type QuotaAttainmentAggregatorOptions,
  type QuotaAttainmentAggregatorState,
  quotaAttainmentAggregator,
} from '../quota/quotaAttainmentAggregator.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'
import type { SqlGroupValue, SqlOptions, SqlQuery, SqlResultRow } from './SqlQuery.js'
import {
  aggregatorFor,
  buildSqlQuery,
  decimalType,
  type PerKeyCell,
  type PerKeyRow,
  perKeyCells,
  readSqlOptions,
  type SqlContext,
  type SqlRowCheck,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link quotaAttainmentSql}: the bookings' `ownerId`, `at` (the instant
 * whose date in `timeZone` picks the quota), `amount` and optionally `currency`.
 *
 * @category SQL
 */
export interface QuotaAttainmentSqlColumns {
  readonly ownerId: SqlName
  readonly at: SqlName
  readonly amount: SqlName
  readonly currency?: SqlName
}

/**
 * Options of {@link quotaAttainmentSql}: the SQL options plus `quotaAttainmentAggregator`'s
 * `quotas`, `timeZone`, `teamOf` and `members` (all applied in `finish`, never written into
 * the SQL text). Currency conversion (`rates`, `baseCurrency`) is not offered in SQL.
 *
 * @category SQL
 */
export type QuotaAttainmentSqlOptions = SqlOptions<QuotaAttainmentSqlColumns> &
  Omit<QuotaAttainmentAggregatorOptions, 'rates' | 'baseCurrency'>

/** Internal group keys: control characters, never safe column names. */
const OWNER_KEY = '\u0000owner'
const DAY_KEY = '\u0000day'
const CURRENCY_KEY = '\u0000currency'

/**
 * The date of the instant `column` in `zone` (a checked literal) as a `DATE`; the shared
 * query groups by it and returns it as `'YYYY-MM-DD'` text (`date: true` on the key).
 */
function localDaySql(dialect: SqlDialect, column: string, zone: string): string {
  return {
    duckdb: `CAST(TIMEZONE(${zone}, ${column}) AS DATE)`,
    postgres: `CAST((${column} AT TIME ZONE ${zone}) AS DATE)`,
    bigquery: `DATE(${column}, ${zone})`,
    snowflake: `CAST(CONVERT_TIMEZONE(${zone}, ${column}) AS DATE)`,
    spark: `TO_DATE(FROM_UTC_TIMESTAMP(${column}, ${zone}))`,
  }[dialect]
}

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Quota attainment computed where the data lives: one query that sums the bookings exactly
 * as `DECIMAL(38, 6)` per owner, local day (in `timeZone`) and currency (`GROUP BY` the
 * groups, those and the period); `finish` turns each sum into one booking at local noon of
 * its day and adds them with `quotaAttainmentAggregator`'s own `addAll`, so quotas, teams
 * and members are matched by the aggregator — no quota, owner or date is spliced into SQL.
 *
 * ```text
 * per owner, day, currency:  amount = SUM(CAST(amount AS DECIMAL(38, 6))) as text
 * finish:  state = addAll(initial, [{ ownerId, at: noon of day in timeZone, amount, currency }])
 * ```
 * Quotas begin and end at local midnights in `timeZone`, so a day's sum lands in the same
 * quota as each of its bookings. The query returns one row per group, owner, day, currency
 * and period (the owner, day and currency in `cx_group_<k>`, `<k + 1>`, `<k + 2>` after the
 * `groupBy` columns). Refused rows (a NULL owner, `at` or amount, a negative amount, one
 * with more than 6 decimals) are counted and make `finish` throw. Finished rows come ordered
 * by `groupBy` (NULLs last), then period.
 *
 * @param options - `dialect`, `from`, `columns: { ownerId, at, amount, currency? }`,
 *   `groupBy`, `period`, `quotas`, `timeZone` ('UTC'), `teamOf`, `members`.
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option, an unsafe name or `rates`; from
 *   `finish`, `MISSING_VALUE`, `INVALID_DATE`, `NEGATIVE_VALUE`, `VALUE_OUT_OF_RANGE`,
 *   `CURRENCY_MISMATCH` for refused bookings and `INVALID_RECORD` for a row that is not this
 *   query's.
 * @example
 * ```ts
 * const query = quotaAttainmentSql({ dialect: 'duckdb', from: 'crm.bookings',
 *   columns: { ownerId: 'owner_id', at: 'closed_at', amount: 'amount' },
 *   quotas: [{ ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 }] })
 * // Ana booked 300.25 on 10 January and 500 on 10 March.
 * const [row] = query.finish([
 *   { cx_group_0: 'ana', cx_group_1: '2026-01-10', cx_n: 1, cx_amount: '300.250000', cx_missingOwner: 0, cx_missingAt: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 },
 *   { cx_group_0: 'ana', cx_group_1: '2026-03-10', cx_n: 1, cx_amount: '500.000000', cx_missingOwner: 0, cx_missingAt: 0, cx_missingAmount: 0, cx_negativeAmount: 0, cx_tooPrecise: 0 },
 * ])
 * row?.result.rows[0]?.booked.toString() // => '800.25'
 * ```
 * @see quotaAttainmentAggregator, the state it computes.
 * @category SQL
 */
export function quotaAttainmentSql(
  options: QuotaAttainmentSqlOptions,
): SqlQuery<QuotaAttainmentAggregatorState, QuotaAttainmentResult> {
  const metric = 'quotaAttainmentSql'
  try {
    const outer = readSqlOptions(options, metric, [
      { field: 'ownerId', required: true },
      { field: 'at', required: true },
      { field: 'amount', required: true },
      { field: 'currency', required: false },
    ])
    for (const option of ['rates', 'baseCurrency'] as const) {
      if (outer.aggregatorOptions[option] !== undefined) {
        throw new MetricInputError({
          code: 'INVALID_OPTION',
          metric,
          path: [option],
          message: `${metric}: option ${option} is not offered in SQL; convert amounts to one currency in the query's source`,
        })
      }
    }
    const aggregator = aggregatorFor(metric, () =>
      quotaAttainmentAggregator(outer.aggregatorOptions as QuotaAttainmentAggregatorOptions),
    )
    // The aggregator has checked timeZone (an IANA zone); the literal admits only its letters.
    const timeZone = (outer.aggregatorOptions.timeZone as string | undefined) ?? 'UTC'
    if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['timeZone'],
        message: `${metric}: option timeZone is ${describeValue(timeZone)}; it must be an IANA time zone such as 'Europe/Berlin'`,
      })
    }
    const { dialect, columns } = outer
    const owner = columns.ownerId as string
    const at = columns.at as string
    const amount = columns.amount as string
    const currency = columns.currency
    const exact = `CAST(${amount} AS ${decimalType(dialect)})`
    const groupBy = [
      ...outer.groupBy,
      { key: OWNER_KEY, sql: owner },
      { key: DAY_KEY, sql: localDaySql(dialect, at, `'${timeZone}'`), date: true },
      ...(currency === undefined ? [] : [{ key: CURRENCY_KEY, sql: currency }]),
    ]
    const context: SqlContext = { ...outer, groupBy }
    const checks: SqlRowCheck[] = [
      {
        name: 'missingOwner',
        condition: `${owner} IS NULL OR ${owner} = ''`,
        code: 'MISSING_VALUE',
        problem: 'a NULL or empty ownerId',
      },
      { name: 'missingAt', condition: `${at} IS NULL`, code: 'INVALID_DATE', problem: 'a NULL at' },
      {
        name: 'missingAmount',
        condition: `${amount} IS NULL`,
        code: 'MISSING_VALUE',
        problem: 'a NULL amount',
      },
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
    ]
    type Values = Readonly<Record<string, number | string | null>>
    const passThrough = {
      initial: () => null as unknown as Values,
      add: (state: Values) => state,
      merge: (_: Values, values: Values) => values,
      result: (values: Values) => values,
    }
    const inner = buildSqlQuery<Values, Values>({
      context,
      aggregator: passThrough,
      stateColumns: [
        {
          name: 'amount',
          sql: `CAST(COALESCE(SUM(${exact}), 0) AS ${textType(dialect)})`,
          kind: 'decimal',
        },
      ],
      checks,
      toState: (values) => values,
    })
    const first = outer.groupBy.length
    return {
      sql: inner.sql,
      finish: (rows) => {
        try {
          return foldBookings(inner.finish(rows), aggregator, timeZone, first, metric)
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/** The per-owner-day rows as bookings, added per group and period by the aggregator. */
function foldBookings(
  rows: readonly PerKeyRow[],
  aggregator: ReturnType<typeof quotaAttainmentAggregator>,
  timeZone: string,
  first: number,
  metric: string,
): SqlResultRow<QuotaAttainmentAggregatorState, QuotaAttainmentResult>[] {
  const { cells, cellOfRow } = perKeyCells(rows, (key) => key.startsWith('\u0000'))
  const bookings = cells.map((): Booking[] => [])
  const rowOf = cells.map((): number[] => [])
  const counts = new Array<number>(cells.length).fill(0)
  const noonOfDay = new Map<string, Date>()
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as (typeof rows)[number]
    const fullGroup = row.group as Record<string, SqlGroupValue>
    const ownerId = fullGroup[OWNER_KEY]
    const day = fullGroup[DAY_KEY]
    const currency = Object.hasOwn(fullGroup, CURRENCY_KEY) ? fullGroup[CURRENCY_KEY] : null
    const checks: [unknown, number, string][] = [
      [ownerId, first, 'an owner id'],
      [day, first + 1, "a day 'YYYY-MM-DD'"],
    ]
    if (currency !== null) checks.push([currency, first + 2, 'a currency code'])
    for (const [value, position, what] of checks) {
      if (typeof value !== 'string' || (position === first + 1 && !DAY_TEXT.test(value))) {
        throw new MetricInputError({
          code: 'INVALID_RECORD',
          metric,
          path: [index, `cx_group_${position}`],
          message: `${metric}: row ${index} column cx_group_${position} is ${describeValue(value)}; it must be ${what}`,
        })
      }
    }
    let at = noonOfDay.get(day as string)
    if (at === undefined) {
      const match = DAY_TEXT.exec(day as string) as RegExpExecArray
      at = new Date(
        new TZDate(
          Number(match[1]),
          Number(match[2]) - 1,
          Number(match[3]),
          12,
          0,
          timeZone,
        ).getTime(),
      )
      noonOfDay.set(day as string, at)
    }
    const booking: Booking = {
      ownerId: ownerId as string,
      at,
      amount: row.state.amount as string,
      ...(currency === null ? {} : { currency: currency as string }),
    }
    const cell = cellOfRow[index] as number
    const cellBookings = bookings[cell] as Booking[]
    cellBookings.push(booking)
    const cellRows = rowOf[cell] as number[]
    cellRows.push(index)
    counts[cell] = (counts[cell] as number) + row.n
  }
  const out: SqlResultRow<QuotaAttainmentAggregatorState, QuotaAttainmentResult>[] = new Array(
    cells.length,
  )
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index] as PerKeyCell
    const rowsOfCell = rowOf[index] as number[]
    let state: QuotaAttainmentAggregatorState
    try {
      state = aggregator.addAll(aggregator.initial(), bookings[index] as Booking[])
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      const booking = typeof error.path?.[0] === 'number' ? error.path[0] : 0
      const row = rowsOfCell[booking] ?? rowsOfCell[0] ?? 0
      throw new MetricInputError({
        code: error.code,
        metric,
        path: [row],
        message: `${metric}: row ${row} does not make a state of ${error.metric}: ${error.message}`,
        cause: error,
      })
    }
    out[index] = {
      group: cell.group,
      period: cell.period,
      state,
      result: aggregator.result(state),
      n: counts[index] as number,
    }
  }
  return out
}
