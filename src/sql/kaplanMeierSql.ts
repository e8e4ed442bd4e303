import { describeValue } from '../core/describeValue.js'
import type { GroupMetricPeriod } from '../core/groupMetric.js'
import type { MetricInputPath } from '../core/MetricInputError.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import {
  type KaplanMeierCountsInput,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeierFromCounts,
} from '../survival/kaplanMeier.js'
import type { SqlDialect, SqlName } from './SqlDialect.js'
import type { SqlGroupValue, SqlOptions, SqlQuery, SqlResultRow } from './SqlQuery.js'
import {
  aggregatorFor,
  alias,
  badRow,
  DAY_TEXT,
  doubleType,
  formatDay,
  keyText,
  quoteIdentifier,
  readCount,
  readFloat,
  readGroupValue,
  readSqlOptions,
  rebuildPeriods,
  type SqlContext,
  type SqlRowCheck,
  textType,
} from './sqlBuilder.js'

/**
 * The columns of {@link kaplanMeierSql}: `duration` (time from the origin to the event or
 * to censoring, ≥ 0), `event` (a BOOLEAN or integer 0/1 column: 1 = the event, churn, was
 * observed; 0 = censored) and optionally `entry` (late entry time, < duration).
 *
 * @category SQL
 */
export interface KaplanMeierSqlColumns {
  readonly duration: SqlName
  readonly event: SqlName
  readonly entry?: SqlName
}

/**
 * Options of {@link kaplanMeierSql}: the SQL options plus `kaplanMeier`'s `confidence` and
 * `method` (`interval` is its SPEC alias).
 *
 * @category SQL
 */
export type KaplanMeierSqlOptions = SqlOptions<KaplanMeierSqlColumns> & KaplanMeierOptions

/**
 * The state of one group and period of {@link kaplanMeierSql}: the counts per distinct time
 * that the query returns (times ascending; `entries` only with an `entry` column) — exactly
 * the input of `kaplanMeierFromCounts`. Two states of disjoint subjects merge by
 * concatenating the lists (a repeated time adds up).
 *
 * @category SQL
 */
export interface KaplanMeierSqlState {
  readonly times: number[]
  readonly events: number[]
  readonly censored: number[]
  readonly entries?: number[]
}

const LARGEST = '1.7976931348623157e308'

/**
 * The Kaplan–Meier survival curve computed where the data lives. Kaplan–Meier is not
 * additive, but its sufficient statistic is: the query returns, per group, period and
 * distinct time, how many subjects had the event, were censored and (with `entry`) entered
 * at that time; `finish` hands those counts to `kaplanMeierFromCounts`, which gives exactly
 * `kaplanMeier` of the same rows (steps, standard errors, intervals, median).
 *
 * ```text
 * per (group, period, time):  events   = COUNT(event = 1)  at time = duration
 *                             censored = COUNT(event = 0)  at time = duration
 *                             entries  = COUNT(*)          at time = entry  (UNION ALL)
 * state  = { times, events, censored, entries? }  (the counts list, times ascending)
 * result = kaplanMeierFromCounts(state, { confidence, method })
 * ```
 * The query has one row per distinct time, so its size grows with the distinct durations
 * (round them in the source — to days, say — for a compact result). Durations are read as
 * `DOUBLE`. Refused rows are counted and make `finish` throw what `kaplanMeier` throws: a
 * NULL, NaN or infinite duration or entry (`NOT_FINITE`), a negative one
 * (`NEGATIVE_VALUE`), an event that is NULL or not 0/1 (`VALUE_OUT_OF_RANGE`), an entry not
 * before its duration (`END_BEFORE_START`). Rows come ordered by `groupBy` (NULLs last),
 * period, then time; `finish` returns one row per group and period in that order.
 *
 * @param options - `dialect`, `from`, `columns: { duration, event, entry? }`, `groupBy`,
 *   `period`, `confidence` (0.95), `method` (`'log'`; or `interval`).
 * @returns `{ sql, finish(rows) }`; `finish` → `{ group, period, state, result, n }[]` with
 *   `n` the subjects (table rows) of the group and period.
 * @throws MetricInputError `INVALID_OPTION` for a bad option or an unsafe name; from
 *   `finish`, the codes above for refused rows and `INVALID_RECORD` for rows that are not
 *   this query's (an unknown column, a repeated or out-of-order time, a count that is not a
 *   whole number ≥ 0).
 * @example
 * ```ts
 * const query = kaplanMeierSql({ dialect: 'duckdb', from: 'customers', columns: { duration: 'months', event: 'churned' } })
 * // Months 1, 2, 3, 4, each a churn: the query's rows are one per distinct month.
 * const checks = { cx_badDuration: 0, cx_negativeDuration: 0, cx_badEvent: 0 }
 * const rows = [1, 2, 3, 4].map((month) => ({ cx_time: month, cx_events: 1, cx_censored: 0, ...checks }))
 * const [curve] = query.finish(rows)
 * curve?.result.steps.map((step) => step.survival) // => [0.75, 0.5, 0.25, 0]
 * curve?.result.median // => 2.5
 * ```
 * @see kaplanMeierFromCounts, which finishes the counts; kaplanMeier, the per-subject form.
 * @category SQL
 */
export function kaplanMeierSql(
  options: KaplanMeierSqlOptions,
): SqlQuery<KaplanMeierSqlState, KaplanMeierResult> {
  const metric = 'kaplanMeierSql'
  try {
    const context = readSqlOptions(options, metric, [
      { field: 'duration', required: true },
      { field: 'event', required: true },
      { field: 'entry', required: false },
    ])
    const estimatorOptions = context.aggregatorOptions as KaplanMeierOptions
    // Checks the estimator's options now (an empty curve), reported for this function.
    aggregatorFor(metric, () =>
      kaplanMeierFromCounts({ times: [], events: [], censored: [] }, estimatorOptions),
    )
    const { dialect, columns } = context
    const quote = (name: string) => quoteIdentifier(alias(name), dialect)
    const duration = columns.duration as string
    // The event flag is read from its text, which every dialect writes for a BOOLEAN
    // ('true'/'false') and for a number ('1', '1.0', '1.000000'), with the zeros after a
    // decimal point trimmed: a cast to INTEGER would round 0.7 to 1 (or truncate it to 0
    // in Spark) and accept it, where `kaplanMeier` refuses it.
    const eventText = eventTextSql(columns.event as string, dialect)
    const event = `CASE WHEN ${eventText} IN ('1', 'true') THEN 1 ELSE 0 END`
    const entry = columns.entry
    const finite = (value: string) => `(${value} >= 0 AND ${value} <= ${LARGEST})`
    const checks: SqlRowCheck[] = [
      {
        name: 'badDuration',
        condition: `${duration} IS NULL OR NOT (${duration} < 0 OR ${finite(duration)})`,
        code: 'NOT_FINITE',
        problem: 'a duration that is NULL, NaN or infinite',
      },
      {
        name: 'negativeDuration',
        condition: `${duration} < 0`,
        code: 'NEGATIVE_VALUE',
        problem: 'a negative duration',
      },
      {
        name: 'badEvent',
        condition: `${columns.event} IS NULL OR ${eventText} NOT IN ('0', '-0', '1', 'true', 'false')`,
        code: 'VALUE_OUT_OF_RANGE',
        problem: 'an event that is NULL or not 0/1 (true/false)',
      },
    ]
    if (entry !== undefined) {
      checks.push(
        {
          name: 'badEntry',
          condition: `${entry} IS NULL OR NOT (${entry} < 0 OR ${finite(entry)})`,
          code: 'NOT_FINITE',
          problem: 'an entry that is NULL, NaN or infinite',
        },
        {
          name: 'negativeEntry',
          condition: `${entry} < 0`,
          code: 'NEGATIVE_VALUE',
          problem: 'a negative entry',
        },
        {
          name: 'entryNotBefore',
          condition: `${finite(entry)} AND ${finite(duration)} AND ${entry} >= ${duration}`,
          code: 'END_BEFORE_START',
          problem: 'an entry at or after its duration (a subject must enter before it leaves)',
        },
      )
    }
    const double = doubleType(dialect)
    const keys: string[] = []
    const keySelect: string[] = []
    context.groupBy.forEach((group, index) => {
      keySelect.push(`${group.sql} AS ${quote(`group_${index}`)}`)
      keys.push(quote(`group_${index}`))
    })
    if (context.period !== null) {
      keySelect.push(`${formatDay(context.dialect, context.period.sql)} AS ${quote('period')}`)
      keys.push(quote('period'))
    }
    const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`
    const subjects = [
      ...keySelect,
      `CAST(${duration} AS ${double}) AS ${quote('time')}`,
      `${flag(`${event} = 1`)} AS ${quote('e')}`,
      `${flag(`${event} = 0`)} AS ${quote('c')}`,
      ...(entry === undefined ? [] : [`0 AS ${quote('i')}`]),
      ...checks.map((check) => `${flag(check.condition)} AS ${quote(`x_${check.name}`)}`),
    ]
    const branches = [`SELECT\n    ${subjects.join(',\n    ')}\n  FROM ${context.from}`]
    if (entry !== undefined) {
      const entering = [
        ...keySelect,
        `CAST(${entry} AS ${double}) AS ${quote('time')}`,
        `0 AS ${quote('e')}`,
        `0 AS ${quote('c')}`,
        `1 AS ${quote('i')}`,
        ...checks.map((check) => `0 AS ${quote(`x_${check.name}`)}`),
      ]
      branches.push(`SELECT\n    ${entering.join(',\n    ')}\n  FROM ${context.from}`)
    }
    const select = [
      ...keys,
      quote('time'),
      `SUM(${quote('e')}) AS ${quote('events')}`,
      `SUM(${quote('c')}) AS ${quote('censored')}`,
      ...(entry === undefined ? [] : [`SUM(${quote('i')}) AS ${quote('entries')}`]),
      ...checks.map((check) => `SUM(${quote(`x_${check.name}`)}) AS ${quote(check.name)}`),
    ]
    const order = [
      ...keys
        .slice(0, context.groupBy.length)
        .flatMap((key) => [`CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END`, key]),
      ...keys.slice(context.groupBy.length),
      quote('time'),
    ]
    const sql = [
      `SELECT\n  ${select.join(',\n  ')}`,
      `FROM (\n  ${branches.join('\n  UNION ALL\n  ')}\n) AS ${quote('subjects')}`,
      `GROUP BY\n  ${[...keys, quote('time')].join(',\n  ')}`,
      `ORDER BY ${order.join(', ')}`,
    ].join('\n')
    return {
      sql,
      finish: (rows) => {
        try {
          return finishCurves(rows, context, checks, entry !== undefined, estimatorOptions)
        } catch (error) {
          throw asMetricInputError(error, metric)
        }
      },
    }
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

interface Cell {
  readonly group: Record<string, SqlGroupValue> | null
  readonly state: KaplanMeierSqlState
  readonly firstRow: number
  subjects: number
}

function finishCurves(
  rows: ArrayLike<unknown>,
  context: SqlContext,
  checks: readonly SqlRowCheck[],
  withEntries: boolean,
  options: KaplanMeierOptions,
): SqlResultRow<KaplanMeierSqlState, KaplanMeierResult>[] {
  const { metric } = context
  if (!Array.isArray(rows)) {
    throw badRow(
      metric,
      [],
      `rows is ${describeValue(rows)}; it must be the array of row objects the driver returned`,
      'VALUE_OUT_OF_RANGE',
    )
  }
  const expected: string[] = context.groupBy.map((_, index) => alias(`group_${index}`))
  if (context.period !== null) expected.push(alias('period'))
  expected.push(alias('time'), alias('events'), alias('censored'))
  if (withEntries) expected.push(alias('entries'))
  for (const check of checks) expected.push(alias(check.name))
  const expectedSet = new Set(expected)
  const length = rows.length
  const records: Record<string, unknown>[] = new Array(length)
  // First every row's shape and refused-row counts: a refused row's own time may be NULL.
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
    for (const check of checks) {
      const key = alias(check.name)
      const refused = readCount(record[key], metric, index, key)
      if (refused > 0) {
        throw badRow(
          metric,
          [index, key],
          `${refused} table row${refused === 1 ? '' : 's'} at result row ${index} ha${refused === 1 ? 's' : 've'} ${check.problem}`,
          check.code,
        )
      }
    }
    records[index] = record
  }

  const days: string[] = new Array(length)
  const cells: Cell[] = []
  const seen = new Set<string>()
  let current: Cell | null = null
  let currentIdentity = ''
  let lastTime = Number.NEGATIVE_INFINITY
  for (let index = 0; index < length; index++) {
    const record = records[index] as Record<string, unknown>
    let group: Record<string, SqlGroupValue> | null = null
    let identity = ''
    if (context.groupBy.length > 0) {
      group = {}
      for (let position = 0; position < context.groupBy.length; position++) {
        const key = alias(`group_${position}`)
        const value = readGroupValue(record[key], metric, index, key)
        Object.defineProperty(group, (context.groupBy[position] as { key: string }).key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
        identity += `${keyText(value)}\u0000`
      }
    }
    if (context.period !== null) {
      const key = alias('period')
      const value = record[key]
      if (typeof value !== 'string' || !DAY_TEXT.test(value)) {
        throw badRow(
          metric,
          [index, key],
          `row ${index} column ${key} is ${describeValue(value)}; it must be a period start 'YYYY-MM-DD'`,
        )
      }
      days[index] = value
      identity += value
    }
    const timePath: MetricInputPath = [index, alias('time')]
    const time = readFloat(record[alias('time')], metric, timePath)
    if (current === null || identity !== currentIdentity) {
      if (seen.has(identity)) {
        throw badRow(
          metric,
          [index],
          `row ${index} returns to a group and period of earlier rows; pass the rows of this query unchanged, in its order`,
        )
      }
      seen.add(identity)
      current = {
        group,
        state: withEntries
          ? { times: [], events: [], censored: [], entries: [] }
          : { times: [], events: [], censored: [] },
        firstRow: index,
        subjects: 0,
      }
      cells.push(current)
      currentIdentity = identity
      lastTime = Number.NEGATIVE_INFINITY
    }
    if (!(time > lastTime)) {
      throw badRow(
        metric,
        timePath,
        `row ${index} time ${time} does not follow ${lastTime} of its group; pass the rows of this query unchanged, in its order`,
      )
    }
    lastTime = time
    const events = readCount(record[alias('events')], metric, index, alias('events'))
    const censored = readCount(record[alias('censored')], metric, index, alias('censored'))
    current.state.times.push(time)
    current.state.events.push(events)
    current.state.censored.push(censored)
    if (withEntries) {
      ;(current.state.entries as number[]).push(
        readCount(record[alias('entries')], metric, index, alias('entries')),
      )
    }
    current.subjects += events + censored
  }

  // Rebuilt per row (a period error names its row); each cell takes its first row's.
  const periods = context.period === null ? null : rebuildPeriods(days, context)
  const out: SqlResultRow<KaplanMeierSqlState, KaplanMeierResult>[] = new Array(cells.length)
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index] as Cell
    let result: KaplanMeierResult
    try {
      result = kaplanMeierFromCounts(cell.state as KaplanMeierCountsInput, options)
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      throw new MetricInputError({
        code: error.code === 'END_BEFORE_START' ? error.code : 'INVALID_RECORD',
        metric,
        path: [cell.firstRow],
        message: `${metric}: the rows from ${cell.firstRow} do not make a curve: ${error.message}`,
        cause: error,
      })
    }
    out[index] = {
      group: cell.group,
      period: periods === null ? null : (periods[cell.firstRow] as GroupMetricPeriod),
      state: cell.state,
      result,
      n: cell.subjects,
    }
  }
  return out
}

/**
 * The text of an event flag with the zeros after a decimal point (and then the point)
 * trimmed, so that `1`, `1.0` and `1.000000` all read `'1'` and a BOOLEAN reads `'true'` or
 * `'false'`; anything else (`0.7`, `2`, `1e-07`) stays different from the accepted spellings.
 */
function eventTextSql(column: string, dialect: SqlDialect): string {
  // REGEXP_REPLACE with the same pattern in every dialect (no backslash to escape).
  return `REGEXP_REPLACE(CAST(${column} AS ${textType(dialect)}), '[.]0*$', '')`
}
