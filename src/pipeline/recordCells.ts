import type { Aggregator } from '../core/Aggregator.js'
import type { CalendarPeriod } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import {
  type GroupKey,
  type GroupMetricPeriod,
  type GroupMetricRow,
  groupMetric,
} from '../core/groupMetric.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant } from '../core/validate.js'

/**
 * The `period` option of the per-period pipeline KPIs (`averageDealSize`,
 * `pipelineCreated`, `newCustomers`): `groupMetric`'s period, with `date` optional (each
 * function names the date it uses by default).
 *
 * @typeParam R - The record type.
 * @category Pipeline
 */
export interface RecordPeriodOptions<R> {
  /** The instant that places a record in a period; each function documents its default. */
  readonly date?: (record: R, index: number) => Date
  /** `'week'`, `'month'`, `'quarter'` or `'year'`. */
  readonly unit: CalendarPeriod
  /** IANA zone in which calendar days begin; default `'UTC'`. */
  readonly timeZone?: string
  /** First month (1 = January) of the fiscal year; default 1. */
  readonly fiscalYearStartMonth?: number
  /** First day of the week as `Date#getDay()` (0 = Sunday); default 1 (Monday). */
  readonly weekStartsOn?: number
  /** Keep periods without records between the first and the last as rows with `n: 0`; default `false`. */
  readonly fill?: boolean
}

/** One group × period cell: the positions (in the caller's list) of its records. Internal. */
export interface RecordCell {
  readonly group: GroupKey
  readonly period: GroupMetricPeriod | null
  readonly members: readonly number[]
}

/** A private collector: a cell's state is the list of its record positions. */
const COLLECTOR: Aggregator<number[], number, number[]> & {
  addAll(state: number[], inputs: ArrayLike<number>): number[]
} = {
  initial: () => [],
  add(state, input) {
    state.push(input)
    return state
  },
  addAll(state, inputs) {
    for (let index = 0; index < inputs.length; index++) state.push(inputs[index] as number)
    return state
  },
  merge: (a, b) => a.concat(b),
  result: (state) => state,
}

/**
 * The cells of `positions` (indices into `records`), through `groupMetric`: per `by` group
 * and, with `period`, per calendar period — with `everyPeriod` (or `period.fill`) every
 * period from the first to the last for every group, so that a caller can find each
 * cell's previous period (callers drop the empty ones unless `period.fill`). The caller's `by` and `date` are checked here so
 * that errors name `metric` and the record's own index: `INVALID_OPTION` (`['by']`,
 * `['period']`, `['period', 'date']`, …), `INVALID_RECORD` (`[i, 'by']` for a key that is not a
 * string, a finite number, `null` or `undefined`, or a `by`/`date` that throws),
 * `INVALID_DATE` (`[i, 'period', 'date']`). Internal.
 */
export function recordCells<R>(
  records: readonly R[],
  positions: readonly number[],
  metric: string,
  by: unknown,
  period: unknown,
  defaultDate: (record: R, index: number) => Date,
  everyPeriod: boolean,
): RecordCell[] {
  if (by !== undefined && typeof by !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['by'],
      message: `${metric}: option by is ${describeValue(by)}; it must be a function (record, index) => key or be left out`,
    })
  }
  if (period !== undefined && (typeof period !== 'object' || period === null)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['period'],
      message: `${metric}: option period is ${describeValue(period)}; it must be an object { unit, timeZone?, date?, … } or be left out`,
    })
  }
  const periodOptions = period as RecordPeriodOptions<R> | undefined
  const customDate = periodOptions?.date
  if (customDate !== undefined && typeof customDate !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['period', 'date'],
      message: `${metric}: option period.date is ${describeValue(customDate)}; it must be a function (record, index) => Date or be left out`,
    })
  }
  const fill = periodOptions?.fill
  if (fill !== undefined && typeof fill !== 'boolean') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['period', 'fill'],
      message: `${metric}: option period.fill is ${describeValue(fill)}; it must be true, false or left out`,
    })
  }
  const keyOf = by as ((record: R, index: number) => GroupKey | undefined) | undefined
  const keys: GroupKey[] = keyOf === undefined ? [] : new Array(positions.length)
  const times: number[] = periodOptions === undefined ? [] : new Array(positions.length)
  for (let position = 0; position < positions.length; position++) {
    const index = positions[position] as number
    const record = records[index] as R
    if (keyOf !== undefined) keys[position] = readKey(keyOf, record, index, metric)
    if (periodOptions !== undefined) {
      const date = callCaller(
        () => (customDate ?? defaultDate)(record, index),
        metric,
        index,
        customDate === undefined ? 'date' : 'period.date',
      )
      times[position] = requireInstant(
        date,
        metric,
        customDate === undefined ? [index, 'date'] : [index, 'period', 'date'],
        `the period date of the record at index ${index}`,
      )
    }
  }
  let rows: GroupMetricRow<number[], GroupKey>[]
  try {
    rows = groupMetric(positions, COLLECTOR, {
      value: (_, position) => position,
      ...(keyOf === undefined ? {} : { by: (_: number, position: number) => keys[position] }),
      ...(periodOptions === undefined
        ? {}
        : {
            period: {
              date: (_: number, position: number) => new Date(times[position] as number),
              unit: periodOptions.unit,
              ...(periodOptions.timeZone === undefined ? {} : { timeZone: periodOptions.timeZone }),
              ...(periodOptions.fiscalYearStartMonth === undefined
                ? {}
                : { fiscalYearStartMonth: periodOptions.fiscalYearStartMonth }),
              ...(periodOptions.weekStartsOn === undefined
                ? {}
                : { weekStartsOn: periodOptions.weekStartsOn }),
              fill: everyPeriod || fill === true,
            },
          }),
    })
  } catch (error) {
    // The grouping engine names itself; the caller's function is what the user called.
    if (error instanceof MetricInputError && error.metric === 'groupMetric') {
      throw new MetricInputError({
        code: error.code,
        metric,
        ...(error.path === undefined ? {} : { path: error.path }),
        message: error.message.replaceAll('groupMetric', metric),
      })
    }
    throw error
  }
  const cells: RecordCell[] = new Array(rows.length)
  for (let row = 0; row < rows.length; row++) {
    const { group, period: cellPeriod, result } = rows[row] as GroupMetricRow<number[], GroupKey>
    const members: number[] = new Array(result.length)
    for (let member = 0; member < result.length; member++) {
      members[member] = positions[result[member] as number] as number
    }
    cells[row] = { group, period: cellPeriod, members }
  }
  return cells
}

/** Whether the caller asked to keep empty periods (`period.fill === true`). */
export function wantsFill(period: unknown): boolean {
  return (
    typeof period === 'object' && period !== null && (period as { fill?: unknown }).fill === true
  )
}

function readKey<R>(
  keyOf: (record: R, index: number) => GroupKey | undefined,
  record: R,
  index: number,
  metric: string,
): GroupKey {
  const key = callCaller(() => keyOf(record, index), metric, index, 'by')
  if (key === null || key === undefined) return null
  if (typeof key === 'string') return key
  if (typeof key === 'number' && Number.isFinite(key)) return key === 0 ? 0 : key
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path: [index, 'by'],
    message: `${metric}: the group key of the record at index ${index} is ${describeValue(key)}; a key must be a string, a finite number, null or undefined`,
  })
}

/** Runs a caller's option function; anything it throws becomes `INVALID_RECORD` at `[index, option]`. */
function callCaller<T>(call: () => T, metric: string, index: number, option: string): T {
  try {
    return call()
  } catch (error) {
    if (error instanceof MetricInputError) throw error
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: [index, option],
      message: `${metric}: option ${option} threw for the record at index ${index}`,
      cause: error,
    })
  }
}
