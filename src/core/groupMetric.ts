import type { Aggregator } from './Aggregator.js'
import {
  CALENDAR_PERIODS,
  type CalendarPeriod,
  type PeriodGrid,
  type PeriodLayout,
  periodGrid,
  periodIndex,
  readPeriodLayout,
} from './calendarPeriods.js'
import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'
import { asMetricInputError, readOptions, requireInstant, requireList } from './validate.js'

const METRIC = 'groupMetric'

/**
 * A group key: a string or a finite number (`1` and `'1'` are different groups); `null`
 * (or `undefined`) is the group of records without a key. For a key of several fields,
 * join them into one string (`${r.region}|${r.owner}`).
 *
 * @category Core
 */
export type GroupKey = string | number | null

/**
 * The calendar layout of {@link groupMetric}'s `period` option.
 *
 * @typeParam R - The record type.
 * @category Core
 */
export interface GroupMetricPeriodOptions<R> {
  /** The instant of a record (a valid `Date`); called once per record. */
  readonly date: (record: R, index: number) => Date
  /** `'week'`, `'month'`, `'quarter'` or `'year'`. */
  readonly unit: CalendarPeriod
  /** IANA zone in which calendar days begin; default `'UTC'`. */
  readonly timeZone?: string
  /** First month (1 = January) of the fiscal year, for quarters and years; default 1. */
  readonly fiscalYearStartMonth?: number
  /** First day of the week as `Date#getDay()` (0 = Sunday); default 1 (Monday, ISO 8601). */
  readonly weekStartsOn?: number
  /**
   * Keep, for every group, the periods without records between the first and the last
   * period of all records, as rows with `n: 0` and the result of an empty state; default
   * `false` (only periods with records).
   */
  readonly fill?: boolean
}

/**
 * Options of {@link groupMetric}.
 *
 * @typeParam R - The record type.
 * @typeParam Input - What the aggregator's `add` takes.
 * @typeParam Key - The group key type.
 * @category Core
 */
export interface GroupMetricOptions<R, Input, Key extends GroupKey = GroupKey> {
  /** What `aggregator.add` receives for a record. */
  readonly value: (record: R, index: number) => Input
  /** The group of a record; `null` or `undefined` for "no group". Without it, one group `null`. */
  readonly by?: (record: R, index: number) => Key | undefined
  /** Calendar periods; without it, one row per group with `period: null`. */
  readonly period?: GroupMetricPeriodOptions<R>
}

/**
 * A calendar period of a {@link groupMetric} row.
 *
 * @category Core
 */
export interface GroupMetricPeriod {
  /** First instant of the period in the time zone. */
  readonly start: Date
  /** First instant of the next period (exclusive end). */
  readonly end: Date
  /**
   * `'2026-03'`, `'2026-Q1'`, `'2026'`, fiscal `'FY2027-Q1'` / `'FY2027'` (named by the
   * calendar year in which the fiscal year ends), ISO 8601 week `'2026-W09'` for weeks that
   * start on Monday, else the week's first day `'2026-03-01'`.
   */
  readonly label: string
}

/**
 * One row of {@link groupMetric}.
 *
 * @category Core
 */
export interface GroupMetricRow<Output, Key extends GroupKey = GroupKey> {
  /** The group key; `null` without `by` and for records without a key. */
  readonly group: Key | null
  /** The calendar period; `null` without a `period` option. */
  readonly period: GroupMetricPeriod | null
  /** The aggregator's result over the records of this group and period. */
  readonly result: Output
  /** How many records were added to this row (0 only in a row kept by `fill`). */
  readonly n: number
}

/** Up to this many group × period cells, the cell of a record is found in a flat table. */
const DENSE_CELLS = 1 << 22

/** The most rows `fill` may produce (groups × periods); more is `VALUE_OUT_OF_RANGE`. */
const MAX_FILLED_ROWS = 10_000_000

/**
 * Any aggregator's metric per group, per calendar period in a time zone, or both, reading
 * each record once per option function: records are mapped to integer group codes (one
 * `Map` lookup per record), periods are found by binary search over period starts computed
 * once, and each group × period cell folds its records with `aggregator.add` in record order.
 *
 * ```text
 * row (g, p) = aggregator.result(fold(add, initial(), [value(r) : by(r) = g, date(r) ∈ p]))
 * period p = [start_p, start_{p+1}) in timeZone;  n = records in the cell
 * ```
 * An aggregator with `addAll(state, inputs)` (NPS, CSAT) gets one call per cell with the
 * cell's inputs in record order, the speed of the record functions; `n` counts records
 * given to the aggregator, also those it skips (open deals for a win rate).
 * Rows come in group order of first appearance, then period order. Only cells with records
 * are rows unless `period.fill`, which gives every group every period from the first
 * record's to the last's (result of `aggregator.result(aggregator.initial())`, `n: 0` —
 * e.g. `score: null` for NPS). Results never depend on the host's time zone.
 *
 * @param records - The records, read once each by `value`, `by` and `period.date`.
 * @param aggregator - Any {@link Aggregator}, e.g. `netPromoterScoreAggregator()`.
 * @param options - `value` (required), `by`, `period` (`{ date, unit, timeZone, fiscalYearStartMonth, weekStartsOn, fill }`).
 * @returns The rows; `[]` for no records.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` for `records` not an array (path `[]`) and
 *   for spans of more than 5,000 periods or `fill` past 10 million rows (groups × periods,
 *   path `['period', 'fill']`); `INVALID_OPTION` for an aggregator without
 *   `initial`/`add`/`result` (path `['aggregator']`), a `value`/`by` that is not a function
 *   (`['value']`, `['by']`) and a bad period option (`['period', 'unit']`, …);
 *   `INVALID_DATE` (`[i, 'date']`); `INVALID_RECORD` for a key that is not a string, a
 *   finite number, `null` or `undefined` (`[i, 'by']`) and when `value`, `by` or `date`
 *   throws something else than a MetricInputError (`[i, 'value']`, … with the error as
 *   `cause`); errors of `aggregator.add` pass through.
 * @example
 * ```ts
 * const rows = groupMetric(
 *   [
 *     { score: 10, segment: 'SMB', at: new Date('2026-01-31T12:00:00Z') },
 *     { score: 3, segment: 'SMB', at: new Date('2026-02-01T03:00:00Z') }, // 31 Jan in New York
 *     { score: 9, segment: 'Enterprise', at: new Date('2026-02-10T12:00:00Z') },
 *   ],
 *   netPromoterScoreAggregator(),
 *   {
 *     value: (r) => r.score,
 *     by: (r) => r.segment,
 *     period: { date: (r) => r.at, unit: 'month', timeZone: 'America/New_York' },
 *   },
 * )
 * rows.map((row) => [row.group, row.period?.label, row.result.score, row.n])
 * // => [['SMB', '2026-01', 0, 2], ['Enterprise', '2026-02', 100, 1]]
 * ```
 * @see npsBySegment, npsTrend for the same numbers with intervals.
 * @category Core
 */
export function groupMetric<R, State, Input, Output, Key extends GroupKey = GroupKey>(
  records: readonly R[],
  aggregator: Aggregator<State, Input, Output>,
  options: GroupMetricOptions<R, Input, Key>,
): GroupMetricRow<Output, Key>[] {
  // Where `value` threw: the record index (`by` and `date` are traced by groupRecords).
  let at = -1
  try {
    requireList(records, METRIC, [], 'records', true)
    const { initial, add, result, addAll } = readAggregator(aggregator)
    const checked = readOptions(options, METRIC)
    const value = requireFunction(checked.value, ['value'], '(record, index) => input')
    const by =
      checked.by === undefined
        ? undefined
        : requireFunction(checked.by, ['by'], '(record, index) => key')
    const period = readPeriodOption(checked.period, METRIC)
    const length = records.length
    if (length === 0) return []

    // Passes 1 and 2: the period and the group code of each record, as one cell number.
    const cells = groupRecords(records, { metric: METRIC, by, period })
    const { periodCount } = cells
    const cellCount = cells.keys.length * periodCount
    const { slotOf, cellOfSlot, counts, slotOfCell } = cellSlots(
      cells,
      length,
      period?.fill === true,
      METRIC,
    )
    const states: State[] = []

    // Pass 3: each record's input.
    const inputs: Input[] = new Array(length)
    let allNumbers = true
    for (let index = 0; index < length; index++) {
      at = index
      const input = value(records[index] as R, index)
      at = -1
      inputs[index] = input
      if (typeof input !== 'number') allNumbers = false
    }

    // Pass 4: fold the inputs of each cell, in record order.
    if (addAll === undefined) {
      foldOneByOne(states, slotOf, inputs, counts.length, initial, add)
    } else {
      try {
        foldInBatches(states, slotOf, inputs, counts, allNumbers, initial, addAll)
      } catch (error) {
        // Report the error of the first bad input in record order, as `add` would.
        if (!(error instanceof MetricInputError)) throw error
        foldOneByOne([], slotOf, inputs, counts.length, initial, add)
        throw error
      }
    }

    // Rows in group order of first appearance, then period order.
    const rows: GroupMetricRow<Output, Key>[] = []
    if (period?.fill === true) {
      for (let cell = 0; cell < cellCount; cell++) {
        const slot = slotOfCell(cell)
        rows.push({
          group: cells.keys[Math.floor(cell / periodCount)] as Key | null,
          period: periodOfCell(cells, cell),
          result: result(slot < 0 ? initial() : (states[slot] as State)),
          n: slot < 0 ? 0 : (counts[slot] as number),
        })
      }
      return rows
    }
    const order = Float64Array.from(cellOfSlot).sort()
    for (let position = 0; position < order.length; position++) {
      const cell = order[position] as number
      const slot = slotOfCell(cell)
      rows.push({
        group: cells.keys[Math.floor(cell / periodCount)] as Key | null,
        period: periodOfCell(cells, cell),
        result: result(states[slot] as State),
        n: counts[slot] as number,
      })
    }
    return rows
  } catch (error) {
    if (at >= 0 && !(error instanceof MetricInputError)) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: [at, 'value'],
        message: `${METRIC}: option value threw for the record at index ${at}`,
        cause: error,
      })
    }
    throw asMetricInputError(error, METRIC)
  }
}

/**
 * How {@link groupRecords} reads the records on behalf of an exported function. Internal.
 *
 * @internal
 */
export interface GroupRecordsOptions<R, Key extends GroupKey> {
  /** The exported function named in errors. */
  readonly metric: string
  /** The group of a record; without it, one group `null`. */
  readonly by?: ((record: R, index: number) => Key | null | undefined) | undefined
  /** The checked period layout; without it, one period (`periodCount` 1). */
  readonly period?: CheckedPeriod<R> | null
  /** The field named in paths for a key (`[i, keyField]`); default `'by'`. */
  readonly keyField?: string
  /** The field named in paths for a date (`[i, dateField]`); default `'date'`. */
  readonly dateField?: string
  /** Whether finite numbers are keys (default `true`); else only strings are. */
  readonly numericKeys?: boolean
  /** The error for a key that is neither a key nor `null`/`undefined`; default `INVALID_RECORD`. */
  readonly badKey?: (key: unknown, index: number) => MetricInputError
}

/**
 * The cell of every record: `cellOf[i] = groupCode · periodCount + periodCode`. Internal.
 *
 * @internal
 */
export interface GroupedRecords<Key extends GroupKey> {
  /** The group key of each code, in order of first appearance (`[null]` without `by`). */
  readonly keys: (Key | null)[]
  /** The periods (`null` without a period option). */
  readonly grid: PeriodGrid | null
  /** The label of each period code (ISO 8601 weeks for Monday weeks). */
  readonly labels: readonly string[]
  /** Number of periods (1 without a period option). */
  readonly periodCount: number
  /** The cell number of each record. */
  readonly cellOf: Int32Array
}

/**
 * The cells that hold records, numbered in order of first appearance (slots), after checking
 * that `fill` would not make more than 10,000,000 rows (`VALUE_OUT_OF_RANGE` at
 * `['period', 'fill']`). The slot of a cell is found in a flat table when the cells are few,
 * else in a `Map`. The one slot pass of `groupMetric`, `activityCounts` and the lead rates.
 * Internal.
 *
 * @internal
 */
export function cellSlots(
  cells: GroupedRecords<GroupKey>,
  length: number,
  fill: boolean,
  metric: string,
): {
  /** The slot of each record. */
  readonly slotOf: Int32Array
  /** The cell of each slot. */
  readonly cellOfSlot: number[]
  /** The number of records in each slot. */
  readonly counts: number[]
  /** The slot of a cell, −1 for a cell without records. */
  readonly slotOfCell: (cell: number) => number
} {
  const { cellOf, periodCount } = cells
  const cellCount = cells.keys.length * periodCount
  if (fill && cellCount > MAX_FILLED_ROWS) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: ['period', 'fill'],
      message: `${metric}: filling ${cells.keys.length} groups × ${periodCount} periods would give more than ${MAX_FILLED_ROWS} rows; leave out fill or choose a longer period`,
    })
  }
  const dense = cellCount <= Math.max(DENSE_CELLS, 4 * length)
  const table = dense ? new Int32Array(cellCount).fill(-1) : null
  const sparse = dense ? null : new Map<number, number>()
  const slotOf = new Int32Array(length)
  const cellOfSlot: number[] = []
  const counts: number[] = []
  for (let index = 0; index < length; index++) {
    const cell = cellOf[index] as number
    let slot = table === null ? (sparse?.get(cell) ?? -1) : (table[cell] as number)
    if (slot < 0) {
      slot = cellOfSlot.length
      if (table === null) sparse?.set(cell, slot)
      else table[cell] = slot
      cellOfSlot.push(cell)
      counts.push(0)
    }
    slotOf[index] = slot
    counts[slot] = (counts[slot] as number) + 1
  }
  const slotOfCell = (cell: number): number =>
    table === null ? (sparse?.get(cell) ?? -1) : (table[cell] as number)
  return { slotOf, cellOfSlot, counts, slotOfCell }
}

/**
 * The grouping engine behind {@link groupMetric}, `npsBySegment`, `npsTrend` and the lead
 * rates: reads `period.date` of every record (pass 1: instants, the periods once, a binary
 * search per record), then `by` (pass 2: an integer code per key, one `Map` lookup per
 * record), and returns each record's cell number. A non-`MetricInputError` thrown by `by`
 * or `date` becomes `INVALID_RECORD` at `[i, keyField | dateField]` with the error as
 * `cause`. `records` must be a checked non-empty list. Internal.
 *
 * @internal
 */
export function groupRecords<R, Key extends GroupKey>(
  records: ArrayLike<R>,
  options: GroupRecordsOptions<R, Key>,
): GroupedRecords<Key> {
  const { metric, by } = options
  const period = options.period ?? null
  const length = records.length

  // Pass 1 (periods only): the instant of each record, then the periods once.
  let grid: PeriodGrid | null = null
  let labels: readonly string[] = []
  let periodOf: Int32Array | null = null
  if (period !== null) {
    const times = new Float64Array(length)
    const span = readInstants(records, period.date, times, metric, options.dateField ?? 'date')
    grid = periodGrid(span.first, span.last, { ...period.layout, metric })
    labels = period.isoWeeks ? grid.labels.map(isoWeekLabel) : grid.labels
    periodOf = new Int32Array(length)
    const starts = grid.starts
    for (let index = 0; index < length; index++) {
      periodOf[index] = periodIndex(starts, times[index] as number)
    }
  }
  const periodCount = grid === null ? 1 : labels.length

  // Pass 2: an integer code per group, in order of first appearance.
  const keys: (Key | null)[] = []
  if (by === undefined) {
    keys.push(null)
    return { keys, grid, labels, periodCount, cellOf: periodOf ?? new Int32Array(length) }
  }
  const cellOf = new Int32Array(length)
  encodeKeys(records, by, keys, cellOf, options)
  if (periodOf !== null) {
    for (let index = 0; index < length; index++) {
      cellOf[index] = (cellOf[index] as number) * periodCount + (periodOf[index] as number)
    }
  }
  return { keys, grid, labels, periodCount, cellOf }
}

/** A non-`MetricInputError` thrown by a caller's function at record `index`, as `INVALID_RECORD`. */
function callerError(error: unknown, index: number, field: string, metric: string): unknown {
  if (error instanceof MetricInputError) return error
  return new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path: [index, field],
    message: `${metric}: ${field === 'by' || field === 'date' ? `option ${field}` : `reading ${field}`} threw for the record at index ${index}`,
    cause: error,
  })
}

/** Pass 1: `times[i]` = epoch ms of `date(records[i])`; returns the earliest and latest. */
function readInstants<R>(
  records: ArrayLike<R>,
  date: (record: R, index: number) => Date,
  times: Float64Array,
  metric: string,
  dateField: string,
): { first: number; last: number } {
  const length = records.length
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  let index = 0
  try {
    for (; index < length; index++) {
      const value = date(records[index] as R, index)
      // The path and label are only built on failure.
      const time = value instanceof Date ? value.getTime() : Number.NaN
      if (Number.isNaN(time)) {
        requireInstant(
          value,
          metric,
          [index, dateField],
          `the ${dateField} of the record at index ${index}`,
        )
      }
      times[index] = time
      if (time < first) first = time
      if (time > last) last = time
    }
  } catch (error) {
    throw callerError(error, index, dateField, metric)
  }
  return { first, last }
}

/** Pass 2: `codes[i]` = the code of `by(records[i])`, new keys appended to `keys`. */
function encodeKeys<R, Key extends GroupKey>(
  records: ArrayLike<R>,
  by: (record: R, index: number) => Key | null | undefined,
  keys: (Key | null)[],
  codes: Int32Array,
  options: GroupRecordsOptions<R, Key>,
): void {
  const { metric } = options
  const keyField = options.keyField ?? 'by'
  const numericKeys = options.numericKeys ?? true
  const badKey = options.badKey ?? defaultBadKey(metric, keyField)
  const length = records.length
  const codeOf = new Map<string | number, number>()
  let missingCode = -1
  let index = 0
  try {
    for (; index < length; index++) {
      let key: unknown = by(records[index] as R, index)
      let code: number
      if (typeof key === 'string') {
        const known = codeOf.get(key)
        if (known === undefined) {
          code = keys.length
          codeOf.set(key, code)
          keys.push(key as Key)
        } else {
          code = known
        }
      } else if (key === null || key === undefined) {
        if (missingCode < 0) {
          missingCode = keys.length
          keys.push(null)
        }
        code = missingCode
      } else {
        if (!(typeof key === 'number' && numericKeys && Number.isFinite(key))) {
          throw badKey(key, index)
        }
        if (key === 0) key = 0 // -0 and 0 are one group, reported as 0
        const known = codeOf.get(key as number)
        if (known === undefined) {
          code = keys.length
          codeOf.set(key as number, code)
          keys.push(key as Key)
        } else {
          code = known
        }
      }
      codes[index] = code
    }
  } catch (error) {
    throw callerError(error, index, keyField, metric)
  }
}

/**
 * The period of period code `cell % periodCount` as a row's `{ start, end, label }`, or
 * `null` without periods. Internal.
 *
 * @internal
 */
export function periodOfCell(
  cells: GroupedRecords<GroupKey>,
  cell: number,
): GroupMetricPeriod | null {
  const grid = cells.grid
  if (grid === null) return null
  const code = cell % cells.periodCount
  return {
    start: new Date(grid.starts[code] as number),
    end: new Date(grid.starts[code + 1] as number),
    label: cells.labels[code] as string,
  }
}

interface AggregatorMethods<State, Input, Output> {
  readonly initial: () => State
  readonly add: (state: State, input: Input) => State
  readonly result: (state: State) => Output
  /** The optional batch form of `add` (`netPromoterScoreAggregator`, `csatAggregator`). */
  readonly addAll: AddAll<State, Input> | undefined
}

type AddAll<State, Input> = (state: State, inputs: ArrayLike<Input>) => State

/** Folds each record's input into its slot's state with `add`, in record order. */
function foldOneByOne<State, Input>(
  states: State[],
  slotOf: Int32Array,
  inputs: readonly Input[],
  slots: number,
  initial: () => State,
  add: (state: State, input: Input) => State,
): void {
  for (let slot = 0; slot < slots; slot++) states.push(initial())
  for (let index = 0; index < slotOf.length; index++) {
    const slot = slotOf[index] as number
    states[slot] = add(states[slot] as State, inputs[index] as Input)
  }
}

/**
 * Folds each slot's inputs with one `addAll` call: the inputs are ordered by slot (a
 * counting sort that keeps record order within a slot), in a `Float64Array` when all are
 * numbers so that each slot's batch is a view, not a copy.
 */
function foldInBatches<State, Input>(
  states: State[],
  slotOf: Int32Array,
  inputs: readonly Input[],
  counts: readonly number[],
  allNumbers: boolean,
  initial: () => State,
  addAll: AddAll<State, Input>,
): void {
  const slots = counts.length
  const offsets = new Int32Array(slots + 1)
  for (let slot = 0; slot < slots; slot++) {
    offsets[slot + 1] = (offsets[slot] as number) + (counts[slot] as number)
  }
  const cursor = offsets.slice(0, slots)
  const length = slotOf.length
  const ordered: Float64Array | Input[] = allNumbers ? new Float64Array(length) : new Array(length)
  for (let index = 0; index < length; index++) {
    const slot = slotOf[index] as number
    const position = cursor[slot] as number
    ordered[position] = inputs[index] as Input & number
    cursor[slot] = position + 1
  }
  for (let slot = 0; slot < slots; slot++) {
    const begin = offsets[slot] as number
    const end = offsets[slot + 1] as number
    const batch = (
      ordered instanceof Float64Array ? ordered.subarray(begin, end) : ordered.slice(begin, end)
    ) as ArrayLike<Input>
    states.push(addAll(initial(), batch))
  }
}

/** The aggregator's methods, bound, or `INVALID_OPTION` at `['aggregator']`. */
function readAggregator<State, Input, Output>(
  aggregator: Aggregator<State, Input, Output>,
): AggregatorMethods<State, Input, Output> {
  const object = aggregator as Partial<Aggregator<State, Input, Output>> | null
  if (
    typeof object === 'object' &&
    object !== null &&
    typeof object.initial === 'function' &&
    typeof object.add === 'function' &&
    typeof object.result === 'function'
  ) {
    const addAll = (object as { addAll?: unknown }).addAll
    return {
      initial: object.initial.bind(object),
      add: object.add.bind(object),
      result: object.result.bind(object),
      addAll:
        typeof addAll === 'function' ? (addAll.bind(object) as AddAll<State, Input>) : undefined,
    }
  }
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric: METRIC,
    path: ['aggregator'],
    message: `${METRIC}: aggregator is ${describeValue(aggregator)}; it must be an aggregator with initial, add and result, such as netPromoterScoreAggregator()`,
  })
}

function requireFunction<F>(
  candidate: F,
  path: MetricInputPath,
  shape: string,
  metric = METRIC,
): F {
  if (typeof candidate !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path,
      message: `${metric}: option ${path.join('.')} is ${describeValue(candidate)}; it must be a function ${shape}`,
    })
  }
  return candidate
}

function defaultBadKey(metric: string, keyField: string) {
  return (key: unknown, index: number): MetricInputError =>
    new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: [index, keyField],
      message: `${metric}: the group key of the record at index ${index} is ${describeValue(key)}; a key must be a string, a finite number, null or undefined`,
    })
}

/**
 * A checked period option. Internal.
 *
 * @internal
 */
export interface CheckedPeriod<R> {
  readonly date: (record: R, index: number) => Date
  readonly layout: ReturnType<typeof readPeriodLayout>
  readonly fill: boolean
  /** Weeks starting on Monday, labelled as ISO 8601 weeks. */
  readonly isoWeeks: boolean
}

/**
 * The checked `period` option of `metric`, or `null`; errors at `['period', name]`. With
 * `defaultDate`, `period.date` may be left out. Internal.
 *
 * @internal
 */
export function readPeriodOption<R>(
  period: GroupMetricPeriodOptions<R> | undefined,
  metric: string,
  defaultDate?: (record: R, index: number) => Date,
): CheckedPeriod<R> | null {
  if (period === undefined) return null
  if (typeof period !== 'object' || period === null || Array.isArray(period)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: metric,
      path: ['period'],
      message: `${metric}: option period is ${describeValue(period)}; it must be an object { date, unit, timeZone?, fiscalYearStartMonth?, weekStartsOn?, fill? } or be left out`,
    })
  }
  const date = requireFunction(
    period.date === undefined && defaultDate !== undefined ? defaultDate : period.date,
    ['period', 'date'],
    '(record, index) => Date',
    metric,
  )
  const unit = period.unit
  if (!(CALENDAR_PERIODS as readonly unknown[]).includes(unit)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: metric,
      path: ['period', 'unit'],
      message: `${metric}: option period.unit is ${describeValue(unit)}; it must be one of ${CALENDAR_PERIODS.map((name) => `'${name}'`).join(', ')}`,
    })
  }
  const fill = period.fill ?? false
  if (typeof fill !== 'boolean') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: metric,
      path: ['period', 'fill'],
      message: `${metric}: option period.fill is ${describeValue(fill)}; it must be true, false or left out`,
    })
  }
  let layout: ReturnType<typeof readPeriodLayout>
  try {
    layout = readPeriodLayout(
      {
        period: unit,
        ...(period.timeZone === undefined ? {} : { timeZone: period.timeZone }),
        ...(period.fiscalYearStartMonth === undefined
          ? {}
          : { fiscalYearStartMonth: period.fiscalYearStartMonth }),
        ...(period.weekStartsOn === undefined ? {} : { weekStartsOn: period.weekStartsOn }),
      },
      metric,
    )
  } catch (error) {
    // The layout reader names its options at the top level; here they sit inside `period`.
    if (!(error instanceof MetricInputError)) throw error
    const name = String(error.path?.[0] ?? '')
    throw new MetricInputError({
      code: error.code,
      metric: metric,
      path: ['period', name],
      message: error.message.replace(`option ${name}`, `option period.${name}`),
    })
  }
  return checkedPeriod(date, layout, fill)
}

/**
 * A period option from a layout already checked by `readPeriodLayout` (for functions whose
 * period options sit at the top level, such as `npsTrend`). Internal.
 *
 * @internal
 */
export function checkedPeriod<R>(
  date: (record: R, index: number) => Date,
  layout: PeriodLayout,
  fill: boolean,
): CheckedPeriod<R> {
  return { date, layout, fill, isoWeeks: layout.period === 'week' && layout.weekStartsOn === 1 }
}

const DAY = 86_400_000

/**
 * The ISO 8601 week label of the Monday-start week whose first day is labelled
 * `'YYYY-MM-DD'`: the week belongs to the year of its Thursday, and is numbered from the
 * week holding that year's first Thursday.
 */
function isoWeekLabel(firstDay: string): string {
  const match = /^(-?\d+)-(\d\d)-(\d\d)$/.exec(firstDay)
  if (match === null) return firstDay
  const thursday = utcDay(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + 3 * DAY
  const year = new Date(thursday).getUTCFullYear()
  const week = Math.floor((thursday - utcDay(year, 0, 1)) / (7 * DAY)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** Epoch ms of a UTC calendar date, for any year (`Date.UTC` maps years 0–99 to 1900s). */
function utcDay(year: number, month: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  return date.getTime()
}
