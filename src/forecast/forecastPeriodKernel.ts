import { TZDate } from '@date-fns/tz'
import type { Decimal } from 'decimal.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { trackCurrency } from '../core/currency.js'
import { type CurrencyConverter, readCurrencyOptions } from '../core/currencyConversion.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
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
/** Largest owner × period index kept as a dense typed array (16 MB of Int32). */
const DENSE_LIMIT = 1 << 22

/** The checked options. */
export interface PeriodOptions {
  readonly metric: string
  readonly category: ForecastCategory
  readonly leadTime: number
  readonly groupBy: 'owner' | 'team' | 'none'
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
    ['owner', 'team', 'none'] as const,
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
    cell = { owner, period, called: false, call: null, callAt: 0, booked: null }
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
  const context: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    list: 'submissions',
  }
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
    const path = (field: string): MetricInputPath => ['submissions', index, field]
    const first = instantOf(submission.periodStart, metric, 'submissions', index, 'periodStart')
    const last = instantOf(submission.periodEnd, metric, 'submissions', index, 'periodEnd')
    if (last < first) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: path('periodEnd'),
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
    const amount = createMoneySum()
    addMoneyTimes(amount, submission.amount, factor, context, index)
    if (kind !== category) continue
    const firstDay = Math.floor(first / DAY_MILLISECONDS)
    const lastDay = Math.floor(last / DAY_MILLISECONDS)
    const periodKey = `${firstDay}/${lastDay}`
    let period = periodCodes.get(periodKey)
    if (period === undefined) {
      const start = startOfDate(first, timeZone, 0)
      const end = startOfDate(last, timeZone, 1)
      if (Number.isNaN(start) || Number.isNaN(end)) {
        throw new MetricInputError({
          code: 'INVALID_DATE',
          metric,
          path: path(Number.isNaN(start) ? 'periodStart' : 'periodEnd'),
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
      periodCodes.set(periodKey, period)
    }
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
  readonly period: number
  call: MoneySum | null
  callAt: number | null
  booked: MoneySum
  called: boolean
}

/**
 * Step 4: rolls owner cells up into groups (`teamOf` is called once per owner and must
 * return a non-empty string). Returns, per group name, its cells by period.
 */
export function groupCells(
  table: PeriodTable,
  options: PeriodOptions,
): Map<string, Map<number, GroupCell>> {
  const { metric, groupBy, teamOf } = options
  const groupOfOwner: string[] = new Array(table.owners.length)
  for (let code = 0; code < table.owners.length; code++) {
    const owner = table.owners[code] as string
    let group: unknown = owner
    if (groupBy === 'none') group = 'all'
    else if (groupBy === 'team') group = (teamOf as (ownerId: string) => unknown)(owner)
    if (typeof group !== 'string' || group === '') {
      invalidOption(
        metric,
        'teamOf',
        group,
        `teamOf(${describeValue(owner)}) must return a team name (a non-empty string)`,
      )
    }
    groupOfOwner[code] = group
  }
  const groups = new Map<string, Map<number, GroupCell>>()
  for (const cell of table.cells.values()) {
    const name = groupOfOwner[cell.owner] as string
    let byPeriod = groups.get(name)
    if (byPeriod === undefined) {
      byPeriod = new Map()
      groups.set(name, byPeriod)
    }
    let target = byPeriod.get(cell.period)
    if (target === undefined) {
      target = {
        period: cell.period,
        call: null,
        callAt: null,
        booked: createMoneySum(),
        called: false,
      }
      byPeriod.set(cell.period, target)
    }
    target.called ||= cell.called
    if (cell.booked !== null) mergeMoneySums(target.booked, cell.booked)
    if (cell.call !== null) {
      if (target.call === null) target.call = createMoneySum()
      mergeMoneySums(target.call, cell.call)
      target.callAt = Math.max(target.callAt ?? Number.NEGATIVE_INFINITY, cell.callAt)
    }
  }
  return groups
}

/** The float value of a sum for the ratio metrics; exact integers stay exact. */
export function numberOf(sum: MoneySum, decimal: Decimal): number {
  if (sum.remainder === null) return sum.units / (POWERS_OF_TEN[sum.scale as 0] as number)
  return decimal.toNumber()
}
