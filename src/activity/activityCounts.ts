import type { CalendarPeriod } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import {
  cellSlots,
  type GroupKey,
  type GroupMetricRow,
  groupRecords,
  periodOfCell,
  readPeriodOption,
} from '../core/groupMetric.js'
import { guardInput, readOptions, requireList } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { Activity } from '../records/Activity.js'
import {
  type ActivityCountsResult,
  addToTally,
  checkActivity,
  createTally,
  readCustomerTimeTypes,
  tallyResult,
} from './activityTally.js'

/**
 * The `period` option of {@link activityCounts}: `groupMetric`'s, with `date` defaulting to
 * the activity's `at`.
 *
 * @category Activity
 */
export interface ActivityCountsPeriodOptions {
  /** The instant that places an activity in a period; default `(activity) => activity.at`. */
  readonly date?: (activity: Activity, index: number) => Date
  /** `'week'`, `'month'`, `'quarter'` or `'year'`. */
  readonly unit: CalendarPeriod
  /** IANA zone in which calendar days begin; default `'UTC'`. */
  readonly timeZone?: string
  /** First month (1 = January) of the fiscal year; default 1. */
  readonly fiscalYearStartMonth?: number
  /** First day of the week as `Date#getDay()` (0 = Sunday); default 1 (Monday). */
  readonly weekStartsOn?: number
  /** Keep periods without activities between the first and the last as rows with `n: 0`. */
  readonly fill?: boolean
}

/**
 * Options of {@link activityCounts}.
 *
 * @category Activity
 */
export interface ActivityCountsOptions {
  /**
   * The group of an activity; default the rep, `(activity) => activity.ownerId`. Per account:
   * `(activity) => activity.accountId` (activities without one form the group `null`); one
   * total: `() => null`.
   */
  readonly by?: (activity: Activity, index: number) => GroupKey | undefined
  /** Calendar periods of `at`; without it, one row per group with `period: null`. */
  readonly period?: ActivityCountsPeriodOptions
  /** The types whose minutes are time with customers; default {@link DEFAULT_CUSTOMER_TIME_TYPES}. */
  readonly customerTimeTypes?: readonly string[]
}

/**
 * A row of {@link activityCounts}, in `groupMetric`'s shape (`n` = activities).
 *
 * @category Activity
 */
export type ActivityCountsRow = GroupMetricRow<ActivityCountsResult>

const METRIC = 'activityCounts'

const byOwner = (activity: Activity): string => activity.ownerId

/**
 * Rep activity per rep (or account, or any group) and calendar period: how many calls,
 * emails, meetings, visits, demos and proposals sent, and the "time with customers" — the
 * minutes of meetings and visits (State of Sales: rep performance and productivity).
 *
 * ```text
 * byType[t](g, p)   = #{ activities with by = g, at ∈ p, type = t }
 * customerMinutes   = Σ durationMinutes over activities of customerTimeTypes with a duration
 * withoutDuration   = #{ activities of customerTimeTypes without durationMinutes }
 * ```
 * A meeting without a duration is counted in `withoutDuration`, never guessed: the minutes
 * are then a lower bound. Types outside ACTIVITY_TYPES are kept as given (`'linkedin'`).
 * Minutes are summed as numbers (exact for whole minutes).
 *
 * @param activities - The activities, each with a unique `id`, a `type` and a valid `at`.
 * @param options - `by` (default `ownerId`), `period` (`{ unit, timeZone, date = at, … }`),
 *   `customerTimeTypes` (default `['meeting', 'visit']`).
 * @returns Rows `{ group, period, result, n }` in group order of first appearance, then
 *   period order; `[]` for no activities.
 * @throws MetricInputError `DUPLICATE_ID` (`[i, 'id']`), `INVALID_RECORD` (a row that is not
 *   an object, an id or type that is not a string, `[i, 'ownerId']` for an owner that is not
 *   a string under the default `by`), `INVALID_DATE` (`[i, 'at']`), `NEGATIVE_VALUE` /
 *   `NOT_FINITE` (`[i, 'durationMinutes']`), `INVALID_OPTION` (`by`, `period`,
 *   `customerTimeTypes`, options), `VALUE_OUT_OF_RANGE` (not an array; `fill` past 10 million rows).
 * @example
 * ```ts
 * const activity = (id: string, ownerId: string, type: string, durationMinutes?: number) => ({
 *   id, ownerId, type, at: new Date('2026-03-02T10:00:00Z'),
 *   ...(durationMinutes === undefined ? {} : { durationMinutes }) })
 * const rows = activityCounts([
 *   activity('1', 'ana', 'call'), activity('2', 'ana', 'meeting', 45),
 *   activity('3', 'ana', 'visit'), activity('4', 'ben', 'proposal-sent'),
 * ])
 * rows.map((row) => [row.group, row.result.byType.call, row.result.customerMinutes, row.result.withoutDuration])
 * // => [['ana', 1, 45, 1], ['ben', 0, 0, 0]]
 * ```
 * @see Salesforce, "State of Sales" (6th ed., 2024): rep performance and productivity KPIs.
 * @category Activity
 */
export function activityCounts(
  activities: readonly Activity[],
  options?: ActivityCountsOptions,
): ActivityCountsRow[] {
  return guardInput(METRIC, () => computeActivityCounts(activities, options))
}

function computeActivityCounts(
  list: readonly Activity[],
  given: ActivityCountsOptions | undefined,
): ActivityCountsRow[] {
  const activities = requireList(list, METRIC, 'activities')
  const options = readOptions(given, METRIC)
  const customerTypes = readCustomerTimeTypes(options.customerTimeTypes, METRIC)
  const customBy = options.by
  if (customBy !== undefined && typeof customBy !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['by'],
      message: `${METRIC}: option by is ${describeValue(customBy)}; it must be a function (activity, index) => key or be left out`,
    })
  }
  const customDate = options.period?.date
  const period = readPeriodOption<Activity>(
    options.period as Parameters<typeof readPeriodOption<Activity>>[0],
    METRIC,
    (activity) => activity.at,
  )

  // Pass 1: check every activity once; its type as a string.
  const length = activities.length
  const types: string[] = new Array(length)
  const seen = new Set<string>()
  for (let index = 0; index < length; index++) {
    const activity = activities[index] as Activity
    types[index] = checkActivity(activity, index, METRIC)
    const id: unknown = activity.id
    if (typeof id !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: [index, 'id'],
        message: `${METRIC}: id at index ${index} is ${describeValue(id)}; it must be a string`,
      })
    }
    if (seen.has(id)) {
      throw new MetricInputError({
        code: 'DUPLICATE_ID',
        metric: METRIC,
        path: [index, 'id'],
        message: `${METRIC}: id ${describeValue(id)} at index ${index} appeared before; each activity must be counted once`,
      })
    }
    seen.add(id)
    if (customBy === undefined && typeof activity.ownerId !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric: METRIC,
        path: [index, 'ownerId'],
        message: `${METRIC}: ownerId at index ${index} is ${describeValue(activity.ownerId)}; it must be a string (or give option by)`,
      })
    }
  }
  if (length === 0) return []

  // Passes 2 and 3 (groupMetric's engine): the group × period cell of each activity.
  const cells = groupRecords(activities, {
    metric: METRIC,
    by: customBy ?? byOwner,
    period,
    keyField: customBy === undefined ? 'ownerId' : 'by',
    dateField: customDate === undefined ? 'at' : 'date',
  })
  const { periodCount } = cells

  // Pass 4: a slot per cell with activities (groupMetric's), then the activities ordered by
  // cell (a counting sort that keeps input order within a cell).
  const { slotOf, cellOfSlot } = cellSlots(cells, length, period?.fill === true, METRIC)
  const slots = cellOfSlot.length
  const offsets = new Int32Array(slots + 1)
  for (let index = 0; index < length; index++) {
    const next = (slotOf[index] as number) + 1
    offsets[next] = (offsets[next] as number) + 1
  }
  for (let slot = 0; slot < slots; slot++) {
    offsets[slot + 1] = (offsets[slot + 1] as number) + (offsets[slot] as number)
  }
  const cursor = offsets.slice(0, slots)
  const ordered = new Int32Array(length)
  for (let index = 0; index < length; index++) {
    const slot = slotOf[index] as number
    const position = cursor[slot] as number
    ordered[position] = index
    cursor[slot] = position + 1
  }
  // Slots in cell order (group order of first appearance, then period order).
  const slotOrder = Int32Array.from(cellOfSlot.keys()).sort(
    (a, b) => (cellOfSlot[a] as number) - (cellOfSlot[b] as number),
  )

  const rows: ActivityCountsRow[] = []
  const fill = period?.fill === true
  const emptyRow = (cell: number): ActivityCountsRow => ({
    group: cells.keys[Math.floor(cell / periodCount)] ?? null,
    period: periodOfCell(cells, cell),
    result: tallyResult(createTally(), METRIC),
    n: 0,
  })
  let next = 0
  for (let position = 0; position < slots; position++) {
    const slot = slotOrder[position] as number
    const cell = cellOfSlot[slot] as number
    if (fill) while (next < cell) rows.push(emptyRow(next++))
    next = cell + 1
    const tally = createTally()
    const begin = offsets[slot] as number
    const end = offsets[slot + 1] as number
    for (let member = begin; member < end; member++) {
      const index = ordered[member] as number
      addToTally(tally, activities[index] as Activity, types[index] as string, customerTypes)
    }
    rows.push({
      group: cells.keys[Math.floor(cell / periodCount)] ?? null,
      period: periodOfCell(cells, cell),
      result: tallyResult(tally, METRIC),
      n: end - begin,
    })
  }
  if (fill) while (next < cells.keys.length * periodCount) rows.push(emptyRow(next++))
  return rows
}
