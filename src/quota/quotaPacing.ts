import type { Decimal } from 'decimal.js'
import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import {
  compileCalendar,
  localDayOf,
  readCalendarDate,
  workingDays,
} from '../core/calendarKernel.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import { finiteRatio } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal, type MoneyInput } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'
import { guardInput, requireInstant, requireOneOf } from '../core/validate.js'
import type { Quota } from '../records/Quota.js'
import { startOfDay } from './quotaPlan.js'

/**
 * The day counts {@link quotaPacing} paces by: every calendar day, or business days.
 *
 * @category Quota
 */
export const DAY_COUNTS = ['calendar-days', 'business-days'] as const
/**
 * One of {@link DAY_COUNTS}.
 *
 * @category Quota
 */
export type DayCount = (typeof DAY_COUNTS)[number]

/**
 * Options of {@link quotaPacing}.
 *
 * @category Quota
 */
export interface QuotaPacingOptions {
  /** The instant to pace as of (required). */
  readonly asOf: Date
  /**
   * IANA zone of the period's days; default `'UTC'`, or the calendar's zone (a different
   * `timeZone` beside a calendar is refused).
   */
  readonly timeZone?: string
  /** `'calendar-days'` (default) or `'business-days'`. */
  readonly dayCount?: DayCount
  /**
   * The business calendar for `'business-days'`; default Monday–Friday, whole days, no
   * holidays, in `timeZone`. A business day counts the share of its working time elapsed.
   */
  readonly calendar?: BusinessCalendar
  /**
   * The open weighted pipeline (e.g. from `weightedPipeline`), in the quota's currency: adds
   * the projected attainment range `lower`..`upper`.
   */
  readonly openPipeline?: MoneyInput
}

/**
 * What {@link quotaPacing} returns. Money in the quota's currency; days in `dayCount`.
 *
 * @category Quota
 */
export interface QuotaPacingResult {
  readonly dayCount: DayCount
  readonly quota: Decimal
  readonly booked: Decimal
  /** booked / quota so far; `null` for a zero quota. */
  readonly attainment: number | null
  /** Days of the period elapsed by `asOf` (0 before it starts, `totalDays` after it ends). */
  readonly elapsedDays: number
  /** Days in the period (calendar days, or business days of the calendar). */
  readonly totalDays: number
  /** quota × elapsedDays / totalDays; `null` when the period has no day of `dayCount`. */
  readonly expectedToDate: Decimal | null
  /** booked / expectedToDate (1 = on pace); `null` when nothing is expected yet. */
  readonly paceRatio: number | null
  /** expectedToDate − booked: positive when behind pace. */
  readonly gapToPace: Decimal | null
  /** Run-rate projection to period end: booked × totalDays / elapsedDays; `null` before any day elapsed. */
  readonly projected: Decimal | null
  /** projected / quota; `null` without a projection or for a zero quota. */
  readonly projectedAttainment: number | null
  /** projected + openPipeline; `null` without `openPipeline` or a projection. */
  readonly projectedWithPipeline: Decimal | null
  /** Low end of the projected attainment range (= projectedAttainment); `null` without `openPipeline`. */
  readonly lower: number | null
  /** High end: (projected + openPipeline) / quota; `null` without `openPipeline`. */
  readonly upper: number | null
}

/** Monday to Friday, whole days: the business days when no calendar is given. */
function weekdays(timeZone: string): BusinessCalendar {
  const day = [{ start: '00:00', end: '24:00' }]
  return {
    timeZone,
    week: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day },
  }
}

function invalidOption(metric: string, option: string, message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: [option],
    message: `${metric}: ${message}`,
  })
}

/**
 * Quota pacing — is a rep on track to hit quota? As of a date: what should be booked by now
 * if the quota were earned evenly over the period (in calendar days or business days), the
 * pace ratio, the gap to pace, and the run-rate projection to period end; with the open
 * weighted pipeline, the projected attainment range.
 *
 * ```text
 * e = days elapsed by asOf, T = days in the period (calendar, or business days)
 * expectedToDate = quota × e / T          paceRatio = booked / expectedToDate
 * gapToPace      = expectedToDate − booked
 * projected      = booked × T / e         projectedAttainment = projected / quota
 * range          = [projected, projected + openPipeline] / quota   (lower, upper)
 * ```
 * The period runs from local midnight of `periodStart` to local midnight after `periodEnd`
 * in the zone; a day partly elapsed counts its elapsed share (a business day: the share of
 * its working time). Run-rate assumes the rest of the period books like the part elapsed;
 * the pipeline end assumes every weighted open deal closes in the period.
 *
 * @param quota - The target (`periodStart`/`periodEnd` inclusive calendar dates).
 * @param booked - Booked so far in the period, in the quota's currency (a row's `booked` of
 *   {@link quotaAttainment}).
 * @param options - `asOf` (required), `timeZone`, `dayCount`, `calendar`, `openPipeline`.
 * @returns Pace figures; see {@link QuotaPacingResult} for when each is `null`.
 * @throws MetricInputError `INVALID_DATE` (`['asOf']`, `['quota', 'periodStart']`, …),
 *   `END_BEFORE_START`, `NEGATIVE_VALUE` / `NOT_FINITE` (`['quota', 'amount']`,
 *   `['booked']`, `['openPipeline']`), `INVALID_OPTION` (dayCount, timeZone, calendar),
 *   `VALUE_OUT_OF_RANGE` (a business-day span over 365,250 days).
 * @example
 * ```ts
 * // 40 of Q1's 90 days elapsed, 300k of 1M booked, 200k weighted pipeline
 * const pace = quotaPacing(
 *   { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000000 },
 *   300000,
 *   { asOf: new Date('2026-02-10T00:00:00Z'), openPipeline: 200000 },
 * )
 * pace.elapsedDays // => 40
 * pace.paceRatio // => 0.675
 * pace.projected?.toString() // => '675000'
 * [pace.lower, pace.upper] // => [0.675, 0.875]
 * ```
 * @see Xactly / Salesforce "quota pacing" and run-rate forecasting: expected-to-date =
 *   quota × elapsed share of the period.
 * @category Quota
 */
export function quotaPacing(
  quota: Quota,
  booked: MoneyInput,
  options: QuotaPacingOptions,
): QuotaPacingResult {
  const metric = 'quotaPacing'
  return guardInput(metric, () => pace(quota, booked, options, metric))
}

function pace(
  quota: Quota,
  booked: MoneyInput,
  options: QuotaPacingOptions,
  metric: string,
): QuotaPacingResult {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw invalidOption(
      metric,
      'asOf',
      `options is ${describeValue(options)}; it must be an object with asOf`,
    )
  const asOf = requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const dayCount = requireOneOf(options.dayCount ?? 'calendar-days', DAY_COUNTS, metric, 'dayCount')
  const calendar = options.calendar
  if (calendar !== undefined && dayCount !== 'business-days')
    throw invalidOption(
      metric,
      'calendar',
      "option calendar is only used with dayCount 'business-days'; add dayCount or leave calendar out",
    )
  const compiled = calendar === undefined ? null : compileCalendar(calendar, metric)
  const calendarZone = compiled?.timeZone
  const given = options.timeZone
  if (given !== undefined && calendarZone !== undefined && given !== calendarZone)
    throw invalidOption(
      metric,
      'timeZone',
      `option timeZone is ${describeValue(given)} but the calendar's is ${describeValue(calendarZone)}; give one zone`,
    )
  const timeZone = requireTimeZone(given ?? calendarZone ?? 'UTC', metric)
  if (typeof quota !== 'object' || quota === null)
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: ['quota'],
      message: `${metric}: quota is ${describeValue(quota)}; it must be a Quota object`,
    })
  const firstDay = readCalendarDate(quota.periodStart, timeZone, metric, ['quota', 'periodStart'])
  const lastDay = readCalendarDate(quota.periodEnd, timeZone, metric, ['quota', 'periodEnd'])
  if (lastDay < firstDay)
    throw new MetricInputError({
      code: 'END_BEFORE_START',
      metric,
      path: ['quota', 'periodEnd'],
      message: `${metric}: quota periodEnd (${describeValue(quota.periodEnd)}) is before its periodStart (${describeValue(quota.periodStart)})`,
    })
  const target = toMoneyDecimal(
    quota.amount,
    { metric, allowNegative: false, list: 'quota' },
    'amount',
  )
  const bookedSoFar = toMoneyDecimal(booked, { metric, allowNegative: false }, 'booked')
  const pipeline =
    options.openPipeline === undefined
      ? null
      : toMoneyDecimal(options.openPipeline, { metric, allowNegative: false }, 'openPipeline')
  const start = startOfDay(firstDay, timeZone)
  const end = startOfDay(lastDay + 1, timeZone)
  const now = Math.min(Math.max(asOf, start), end)
  let elapsedDays: number
  let totalDays: number
  if (dayCount === 'calendar-days') {
    totalDays = lastDay - firstDay + 1
    if (now === end) {
      elapsedDays = totalDays
    } else {
      const day = localDayOf(now, timeZone)
      const dayStart = startOfDay(day, timeZone)
      const dayEnd = startOfDay(day + 1, timeZone)
      elapsedDays = day - firstDay + (now - dayStart) / (dayEnd - dayStart)
    }
  } else {
    const business = compiled ?? compileCalendar(weekdays(timeZone), metric)
    totalDays = workingDays(business, start, end, metric, ['quota', 'periodEnd'])
    elapsedDays = workingDays(business, start, now, metric, ['asOf'])
  }
  const ratio = (numerator: Decimal, denominator: Decimal, label: string) =>
    denominator.isZero() ? null : finiteRatio(numerator.div(denominator).toNumber(), metric, label)
  const expectedToDate =
    totalDays === 0
      ? null
      : target.times(new MoneyDecimal(elapsedDays)).div(new MoneyDecimal(totalDays))
  const projected =
    elapsedDays === 0
      ? null
      : bookedSoFar.times(new MoneyDecimal(totalDays)).div(new MoneyDecimal(elapsedDays))
  const projectedAttainment = projected === null ? null : ratio(projected, target, 'the projection')
  const projectedWithPipeline =
    projected === null || pipeline === null ? null : projected.plus(pipeline)
  return {
    dayCount,
    quota: target,
    booked: bookedSoFar,
    attainment: ratio(bookedSoFar, target, 'the attainment'),
    elapsedDays,
    totalDays,
    expectedToDate,
    paceRatio:
      expectedToDate === null ? null : ratio(bookedSoFar, expectedToDate, 'the pace ratio'),
    gapToPace: expectedToDate === null ? null : expectedToDate.minus(bookedSoFar),
    projected,
    projectedAttainment,
    projectedWithPipeline,
    lower: projectedWithPipeline === null ? null : projectedAttainment,
    upper:
      projectedWithPipeline === null
        ? null
        : ratio(projectedWithPipeline, target, 'the projection with pipeline'),
  }
}
