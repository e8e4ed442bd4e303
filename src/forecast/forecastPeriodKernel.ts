import { TZDate } from '@date-fns/tz'
import type { Decimal } from 'decimal.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { trackCurrency } from '../core/currency.js'
import { type CurrencyConverter, readCurrencyOptions } from '../core/currencyConversion.js'
import { describeValue } from '../core/describeValue.js'
import { groupRecords } from '../core/groupMetric.js'
import { MetricInputError } from '../core/MetricInputError.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  mergeMoneySums,
  POWERS_OF_TEN,
} from '../core/moneySum.js'
import { requireInstant, requireOneOf } from '../core/validate.js'
import {
  FORECAST_CATEGORIES,
  type ForecastActual,
  type ForecastCategory,
  type ForecastSubmission,
} from '../records/ForecastSubmission.js'
import type { ForecastAccuracyByPeriodOptions } from './forecastAccuracyByPeriod.js'
import { requireArrayLike } from './forecastKernel.js'

/**
 * The steps of `forecastAccuracyByPeriod`, each linear in its input: read the options, read
 * the calls (periods and the judged call per owner and period), book the actuals into the
 * periods that contain them (binary search over the sorted periods), and roll the owner
 * cells up into groups. Internal; every error names the exported function and a path into
 * its own input (`['submissions', i, field]`, `['actuals', i, field]`, `[option]`).
 */

const DAY_MILLISECONDS = 86_400_000

/**
 * The groupings of `forecastAccuracyByPeriod`: per `'owner'`, per `'team'` (with `teamOf`)
 * or `'none'` (the whole company, group `null`).
 *
 * @category Forecast
 */
export const FORECAST_ACCURACY_GROUPINGS = ['owner', 'team', 'none'] as const
/**
 * One of {@link FORECAST_ACCURACY_GROUPINGS}.
 *
 * @category Forecast
 */
export type ForecastAccuracyGrouping = (typeof FORECAST_ACCURACY_GROUPINGS)[number]
/** Largest owner × period index kept as a dense typed array (16 MB of Int32). */
const DENSE_LIMIT = 1 << 22

/** The checked options. */
export interface PeriodOptions {
  readonly metric: string
  readonly category: ForecastCategory
  readonly leadTime: number
  readonly groupBy: ForecastAccuracyGrouping
  readonly teamOf: ((ownerId: string) => string) | undefined
  readonly timeZone: string
  readonly tolerance: number
  readonly converter: CurrencyConverter
}

function invalidOption(metric: string, option: string, value: unknown, rule: string): never {
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: [option],
    message: `${metric}: option ${option} is ${describeValue(value)}; ${rule}`,
  })
}

/** Step 1: checks every option (`INVALID_OPTION` with the option's name as path). */
export function readPeriodOptions(
  options: ForecastAccuracyByPeriodOptions,
  metric: string,
): PeriodOptions {
  if (typeof options !== 'object' || options === null) {
    invalidOption(metric, 'options', options, 'pass an object or nothing')
  }
  const category = requireOneOf(
    options.category === undefined ? 'commit' : options.category,
    FORECAST_CATEGORIES,
    metric,
    'category',
  )
  const leadTime = options.leadTimeDays === undefined ? 0 : options.leadTimeDays
  if (typeof leadTime !== 'number' || !(leadTime >= 0 && leadTime - leadTime === 0)) {
    invalidOption(metric, 'leadTimeDays', leadTime, 'it must be a finite number of days ≥ 0')
  }
  const tolerance = options.tolerance === undefined ? 0.1 : options.tolerance
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance - tolerance === 0)) {
    invalidOption(metric, 'tolerance', tolerance, 'it must be a finite number ≥ 0')
  }
  const groupBy = requireOneOf(
    options.groupBy === undefined ? 'owner' : options.groupBy,
    FORECAST_ACCURACY_GROUPINGS,
    metric,
    'groupBy',
  )
  const teamOf = options.teamOf
  if (groupBy === 'team' && typeof teamOf !== 'function') {
    invalidOption(metric, 'teamOf', teamOf, "groupBy 'team' needs a function from ownerId to team")
  }
  const timeZone = requireTimeZone(
    options.timeZone === undefined ? 'UTC' : options.timeZone,
    metric,
  )
  return {
    metric,
    category,
    leadTime,
    groupBy,
    teamOf,
    timeZone,
    tolerance,
    converter: readCurrencyOptions(options, metric),
  }
}

/** A period as submitted: its calendar dates, its bounds in the zone, its deadline. */
export interface Period {
  readonly first: Date
  readonly last: Date
  /** Epoch ms of the first day's midnight and of the day after the last day, in the zone. */
  readonly start: number
  readonly end: number
  readonly deadline: number
}

/** One owner in one period. */
export interface OwnerCell {
  readonly owner: number
  readonly period: number
  /** Whether the owner made any call of the category for the period (in time or late). */
  called: boolean
  /** The judged call (latest in time), `null` when none was in time. */
  call: MoneySum | null
  callAt: number
  /** Bookings dated in the period, `null` when none. */
  booked: MoneySum | null
  /** How many bookings are in `booked`. */
  bookings: number
}

/** What the reading steps build: owners, periods and the cells that have calls or bookings. */
export interface PeriodTable {
  readonly owners: string[]
  readonly ownerCodes: Map<string, number>
  readonly periods: Period[]
  readonly cells: Map<number, OwnerCell>
  /** Cell key stride: more than the number of periods. */
  readonly stride: number
}

function requireRecord(record: unknown, metric: string, list: string, index: number): void {
  if (typeof record !== 'object' || record === null) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [list, index],
      message: `${metric}: ${list}[${index}] is ${describeValue(record)}; it must be a record`,
    })
  }
}

function requireOwner(ownerId: unknown, metric: string, list: string, index: number): string {
  if (typeof ownerId === 'string' && ownerId !== '') return ownerId
  throw new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: [list, index, 'ownerId'],
    message: `${metric}: ownerId at ${list}[${index}] is ${describeValue(ownerId)}; every call and booking needs an owner`,
  })
}

/**
 * Epoch ms of a record's date field; `INVALID_DATE` with the place. The path and label are
 * only built on failure, so the per-record loops allocate nothing for the check.
 */
function instantOf(
  value: unknown,
  metric: string,
  list: string,
  index: number,
  field: string,
): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN
  if (time - time === 0) return time
  return requireInstant(
    value as Date,
    metric,
    [list, index, field],
    `${field} of ${list}[${index}]`,
  )
}

/**
 * The factor of a record's amount: 1 (and a check that all records share one currency), or
 * its exchange rate into the base currency.
 */
function currencyFactor(
  converter: CurrencyConverter,
  currency: unknown,
  list: string,
  index: number,
): number | Decimal {
  if (currency === undefined) return 1
  const metric = converter.tracker.metric
  if (typeof currency !== 'string' || currency === '') {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: [list, index, 'currency'],
      message: `${metric}: currency at ${list}[${index}] is ${describeValue(currency)}; it must be an ISO 4217 code such as 'USD'`,
    })
  }
  if (converter.rates === null) {
    if (currency !== converter.tracker.currency) {
      trackCurrency(converter.tracker, currency, () => [list, index, 'currency'])
    }
    return 1
  }
  if (currency === converter.base) return 1
  const rate = converter.rates.get(currency)
  if (rate === undefined) {
    throw new MetricInputError({
      code: 'MISSING_FX_RATE',
      metric,
      path: [list, index, 'currency'],
      message: `${metric}: no exchange rate from ${currency} to ${converter.base} for ${list}[${index}]; add it to rates`,
    })
  }
  return rate
}

/**
 * Epoch ms of local midnight, in `timeZone`, of the UTC calendar date of `time` plus `days`
 * (per period, not per row; plain `Date.UTC` in UTC, where a `TZDate` costs ~40 µs).
 */
function startOfDate(time: number, timeZone: string, days: number): number {
  const date = new Date(time)
  if (timeZone === 'UTC') {
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    const midnight = new Date(0)
    midnight.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days)
    return midnight.getTime()
  }
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate() + days,
    timeZone,
  ).getTime()
}

function ownerCode(table: PeriodTable, owner: string): number {
  let code = table.ownerCodes.get(owner)
  if (code === undefined) {
    code = table.owners.length
    table.owners.push(owner)
    table.ownerCodes.set(owner, code)
  }
  return code
}

function cellOf(table: PeriodTable, owner: number, period: number): OwnerCell {
  const key = owner * table.stride + period
  let cell = table.cells.get(key)
  if (cell === undefined) {
    cell = { owner, period, called: false, call: null, callAt: 0, booked: null, bookings: 0 }
    table.cells.set(key, cell)
  }
  return cell
}

/**
 * Step 2: reads every call (all categories are checked; the judged one is kept): the
 * periods of the category and, per owner and period, the latest call made by the deadline.
 */
export function readCalls(
  submissions: readonly ForecastSubmission[],
  options: PeriodOptions,
): PeriodTable {
  const { metric, category, timeZone, leadTime, converter } = options
  const length = requireArrayLike(submissions, metric, 'submissions')
  const table: PeriodTable = {
    owners: [],
    ownerCodes: new Map(),
    periods: [],
    cells: new Map(),
    stride: length + 1,
  }
  const periodCodes = new Map<string, number>()
  let previousFirstDay = Number.NaN
  let previousLastDay = Number.NaN
  let previousPeriod: number | undefined
  const context: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    list: 'submissions',
  }
  const scratch = createMoneySum()
  for (let index = 0; index < length; index++) {
    const submission = submissions[index] as ForecastSubmission
    requireRecord(submission, metric, 'submissions', index)
    const owner = requireOwner(submission.ownerId, metric, 'submissions', index)
    const kind = submission.category
    if (!FORECAST_CATEGORIES.includes(kind)) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['submissions', index, 'category'],
        message: `${metric}: category at submissions[${index}] is ${describeValue(kind)}; it must be commit, best-case or pipeline`,
      })
    }
    const first = instantOf(submission.periodStart, metric, 'submissions', index, 'periodStart')
    const last = instantOf(submission.periodEnd, metric, 'submissions', index, 'periodEnd')
    if (last < first) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: ['submissions', index, 'periodEnd'],
        message: `${metric}: periodEnd at submissions[${index}] is before its periodStart`,
      })
    }
    const submittedAt = instantOf(
      submission.submittedAt,
      metric,
      'submissions',
      index,
      'submittedAt',
    )
    const factor = currencyFactor(converter, submission.currency, 'submissions', index)
    if (kind !== category) {
      // Checked like a judged call, into a sum that is thrown away.
      addMoneyTimes(scratch, submission.amount, factor, context, index)
      scratch.units = 0
      scratch.remainder = null
      continue
    }
    const amount = createMoneySum()
    addMoneyTimes(amount, submission.amount, factor, context, index)
    const firstDay = Math.floor(first / DAY_MILLISECONDS)
    const lastDay = Math.floor(last / DAY_MILLISECONDS)
    // Calls come in runs of one period: the key string and its lookup only when it changes.
    let period: number | undefined = previousPeriod
    if (firstDay !== previousFirstDay || lastDay !== previousLastDay) {
      period = periodCodes.get(`${firstDay}/${lastDay}`)
    }
    if (period === undefined) {
      const start = startOfDate(first, timeZone, 0)
      const end = startOfDate(last, timeZone, 1)
      if (Number.isNaN(start) || Number.isNaN(end)) {
        throw new MetricInputError({
          code: 'INVALID_DATE',
          metric,
          path: ['submissions', index, Number.isNaN(start) ? 'periodStart' : 'periodEnd'],
          message: `${metric}: the period of submissions[${index}] lies at the edge of the Date range; its days cannot be placed in ${timeZone}`,
        })
      }
      period = table.periods.length
      table.periods.push({
        first: submission.periodStart,
        last: submission.periodEnd,
        start,
        end,
        deadline: end - leadTime * DAY_MILLISECONDS,
      })
      periodCodes.set(`${firstDay}/${lastDay}`, period)
    }
    previousFirstDay = firstDay
    previousLastDay = lastDay
    previousPeriod = period
    const cell = cellOf(table, ownerCode(table, owner), period)
    cell.called = true
    if (submittedAt > (table.periods[period] as Period).deadline) continue
    if (cell.call === null || submittedAt >= cell.callAt) {
      cell.call = amount
      cell.callAt = submittedAt
    }
  }
  return table
}

/**
 * Step 3: books every actual into each period that contains its instant. Periods are
 * sorted by start once; a binary search finds the last period starting at or before the
 * instant, and a walk back stops as soon as no earlier period reaches it (a running
 * maximum of ends), so disjoint periods cost one search per booking.
 */
export function bookActuals(
  table: PeriodTable,
  actuals: readonly ForecastActual[],
  options: PeriodOptions,
): void {
  const { metric, converter } = options
  const length = requireArrayLike(actuals, metric, 'actuals')
  const order = table.periods.map((_, index) => index)
  order.sort(
    (a, b) =>
      (table.periods[a] as Period).start - (table.periods[b] as Period).start ||
      (table.periods[a] as Period).end - (table.periods[b] as Period).end,
  )
  const count = order.length
  const starts = new Float64Array(count)
  const ends = new Float64Array(count)
  const reach = new Float64Array(count)
  let furthest = Number.NEGATIVE_INFINITY
  for (let rank = 0; rank < count; rank++) {
    const period = table.periods[order[rank] as number] as Period
    starts[rank] = period.start
    ends[rank] = period.end
    furthest = Math.max(furthest, period.end)
    reach[rank] = furthest
  }
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount', list: 'actuals' }
  const scratch = createMoneySum()
  // Owners known from the calls get a dense owner × period index of their cells (a typed
  // array read instead of a Map lookup per booking), when it is small enough.
  const known = table.owners.length
  const dense =
    known * count > 0 && known * count <= DENSE_LIMIT ? new Int32Array(known * count) : null
  // Slot value 0 means no cell yet; cells are numbered from 1.
  const denseCells: (OwnerCell | null)[] = [null]
  if (dense !== null) {
    for (const cell of table.cells.values()) {
      dense[cell.owner * count + cell.period] = denseCells.length
      denseCells.push(cell)
    }
  }
  for (let index = 0; index < length; index++) {
    const actual = actuals[index] as ForecastActual
    requireRecord(actual, metric, 'actuals', index)
    const owner = requireOwner(actual.ownerId, metric, 'actuals', index)
    const at = instantOf(actual.at, metric, 'actuals', index, 'at')
    const factor = currencyFactor(converter, actual.currency, 'actuals', index)
    // Last period starting at or before `at`.
    let low = 0
    let high = count
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((starts[middle] as number) <= at) low = middle + 1
      else high = middle
    }
    let booked = false
    for (let rank = low - 1; rank >= 0 && (reach[rank] as number) > at; rank--) {
      if (at >= (ends[rank] as number)) continue
      const code = ownerCode(table, owner)
      const period = order[rank] as number
      let cell: OwnerCell
      if (dense !== null && code < known) {
        const slot = code * count + period
        const found = dense[slot] as number
        if (found === 0) {
          cell = cellOf(table, code, period)
          dense[slot] = denseCells.length
          denseCells.push(cell)
        } else {
          cell = denseCells[found] as OwnerCell
        }
      } else {
        cell = cellOf(table, code, period)
      }
      if (cell.booked === null) cell.booked = createMoneySum()
      addMoneyTimes(cell.booked, actual.amount, factor, context, index)
      cell.bookings++
      booked = true
    }
    if (!booked) {
      // Outside every period: still checked, into a sum that is thrown away.
      addMoneyTimes(scratch, actual.amount, factor, context, index)
      scratch.units = 0
      scratch.remainder = null
    }
  }
}

/** One group in one period: the owner cells rolled up. */
export interface GroupCell {
  /** The group code (an index into {@link GroupedCells} `keys`). */
  readonly group: number
  readonly period: number
  call: MoneySum | null
  callAt: number | null
  booked: MoneySum
  called: boolean
  /** Bookings counted in the cell. */
  bookings: number
}

/** The group cells of step 4, in row order. */
export interface GroupedCells {
  /** The key of each group code: the owner, the team, or `null` for `groupBy: 'none'`. */
  readonly keys: (string | null)[]
  /** The cells by group name (code-unit order), then by period start and end. */
  readonly ordered: GroupCell[]
}

/**
 * Step 4: rolls owner cells up into groups through `groupMetric`'s engine (an integer code
 * per group, `teamOf` called once per owner, which must return a non-empty string), one
 * flat table of group × period cells, and the cells in row order.
 */
export function groupCells(table: PeriodTable, options: PeriodOptions): GroupedCells {
  const { metric, groupBy, teamOf } = options
  const owners = table.owners
  if (owners.length === 0) return { keys: [], ordered: [] }
  const teamOfOwner = (owner: string): string => {
    let team: unknown
    try {
      team = (teamOf as (ownerId: string) => unknown)(owner)
    } catch (error) {
      if (error instanceof MetricInputError) throw error
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: ['teamOf'],
        message: `${metric}: teamOf(${describeValue(owner)}) threw: ${error instanceof Error ? error.message : describeValue(error)}`,
        cause: error,
      })
    }
    if (typeof team !== 'string' || team === '') {
      invalidOption(
        metric,
        'teamOf',
        team,
        `teamOf(${describeValue(owner)}) must return a team name (a non-empty string)`,
      )
    }
    return team
  }
  const grouped = groupRecords<string, string>(owners, {
    metric,
    by: groupBy === 'none' ? undefined : groupBy === 'team' ? teamOfOwner : (owner) => owner,
    keyField: 'ownerId',
  })
  const groupOf = grouped.cellOf
  const keys = grouped.keys

  // The rank of each period by start, then end.
  const periods = table.periods
  const periodCount = periods.length
  const byStart = new Int32Array(periodCount)
  for (let index = 0; index < periodCount; index++) byStart[index] = index
  byStart.sort(
    (a, b) =>
      (periods[a] as Period).start - (periods[b] as Period).start ||
      (periods[a] as Period).end - (periods[b] as Period).end,
  )
  const periodRank = new Int32Array(periodCount)
  for (let rank = 0; rank < periodCount; rank++) periodRank[byStart[rank] as number] = rank

  // The rank of each group by name, the null group last.
  const byName = Array.from(keys, (_, code) => code)
  byName.sort((a, b) => compareKeys(keys[a] as string | null, keys[b] as string | null))
  const groupRank = new Int32Array(keys.length)
  for (let rank = 0; rank < keys.length; rank++) groupRank[byName[rank] as number] = rank

  // Group × period cells in rank order: a flat table when small, else a Map.
  const cellCount = keys.length * periodCount
  const dense = cellCount <= DENSE_LIMIT ? new Array<GroupCell | undefined>(cellCount) : null
  const sparse = dense === null ? new Map<number, GroupCell>() : null
  const found: GroupCell[] = []
  // Per owner, each group cell is one owner cell: it shares the owner cell's sums (read only
  // from here on) instead of merging copies.
  const oneOwnerPerGroup = groupBy === 'owner'
  const noBookings = createMoneySum() // shared by the owner cells without bookings; never written
  for (const cell of table.cells.values()) {
    const group = groupOf[cell.owner] as number
    const position =
      (groupRank[group] as number) * periodCount + (periodRank[cell.period] as number)
    if (oneOwnerPerGroup) {
      const target: GroupCell = {
        group,
        period: cell.period,
        call: cell.call,
        callAt: cell.call === null ? null : cell.callAt,
        booked: cell.booked ?? noBookings,
        called: cell.called,
        bookings: cell.bookings,
      }
      if (dense === null) sparse?.set(position, target)
      else dense[position] = target
      found.push(target)
      continue
    }
    let target = dense === null ? sparse?.get(position) : dense[position]
    if (target === undefined) {
      target = {
        group,
        period: cell.period,
        call: null,
        callAt: null,
        booked: createMoneySum(),
        called: false,
        bookings: 0,
      }
      if (dense === null) sparse?.set(position, target)
      else dense[position] = target
      found.push(target)
    }
    target.called ||= cell.called
    target.bookings += cell.bookings
    if (cell.booked !== null) mergeMoneySums(target.booked, cell.booked)
    if (cell.call !== null) {
      if (target.call === null) target.call = createMoneySum()
      mergeMoneySums(target.call, cell.call)
      target.callAt = Math.max(target.callAt ?? Number.NEGATIVE_INFINITY, cell.callAt)
    }
  }
  let ordered: GroupCell[]
  if (dense !== null && cellCount <= 4 * found.length + 1024) {
    ordered = []
    for (let position = 0; position < cellCount; position++) {
      const cell = dense[position]
      if (cell !== undefined) ordered.push(cell)
    }
  } else {
    const position = (cell: GroupCell) =>
      (groupRank[cell.group] as number) * periodCount + (periodRank[cell.period] as number)
    ordered = found.sort((a, b) => position(a) - position(b))
  }
  return { keys, ordered }
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}

/**
 * The label of a submitted period from its calendar dates (read in UTC, as submitted):
 * `'2026-03'` for a whole month, `'2026-Q1'` for a calendar quarter, `'2026'` for a
 * calendar year, else the ISO 8601 interval of its dates `'2026-01-05/2026-02-01'`.
 */
export function periodLabel(first: Date, last: Date): string {
  const year = first.getUTCFullYear()
  const month = first.getUTCMonth()
  const pad = (value: number, width = 2) =>
    value < 0 ? `-${String(-value).padStart(6, '0')}` : String(value).padStart(width, '0')
  const nextDay = new Date(last.getTime())
  nextDay.setUTCDate(nextDay.getUTCDate() + 1)
  if (first.getUTCDate() === 1 && nextDay.getUTCDate() === 1) {
    // nextDay is the first of the month after the last month.
    const months = nextDay.getUTCFullYear() * 12 + nextDay.getUTCMonth() - (year * 12 + month)
    if (months === 1) return `${pad(year, 4)}-${pad(month + 1)}`
    if (months === 3 && month % 3 === 0) return `${pad(year, 4)}-Q${month / 3 + 1}`
    if (months === 12 && month === 0) return pad(year, 4)
  }
  const date = (value: Date) =>
    `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  return `${date(first)}/${date(last)}`
}

/** The float value of a sum for the ratio metrics; exact integers stay exact. */
export function numberOf(sum: MoneySum, decimal: Decimal): number {
  if (sum.remainder === null) return sum.units / (POWERS_OF_TEN[sum.scale as 0] as number)
  return decimal.toNumber()
}
