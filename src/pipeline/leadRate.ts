import {
  cellSlots,
  type GroupMetricPeriodOptions,
  type GroupMetricRow,
  groupRecords,
  periodOfCell,
  readPeriodOption,
} from '../core/groupMetric.js'
import {
  guardInput,
  readCriticalValue,
  readOptions,
  requireList,
  requireNonNegativeOption,
  requireRow,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant, requireOneOf } from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import type { Lead } from '../records/Lead.js'

const DAY_MILLISECONDS = 86_400_000

/**
 * The fields `leadConversionRate` and `leadContactRate` can group by: `'source'` (the lead's
 * `source`) or `'owner'` (its `ownerId`).
 *
 * @category Pipeline
 */
export const LEAD_RATE_GROUPINGS = ['source', 'owner'] as const
/**
 * One of {@link LEAD_RATE_GROUPINGS}.
 *
 * @category Pipeline
 */
export type LeadRateGrouping = (typeof LEAD_RATE_GROUPINGS)[number]

/**
 * The `period` option of the lead rates: `groupMetric`'s period option whose `date` may be
 * left out (default: the lead's `createdAt`, so each period is a cohort of new leads).
 *
 * @category Pipeline
 */
export interface LeadRatePeriodOptions extends Omit<GroupMetricPeriodOptions<Lead>, 'date'> {
  /** The instant that places a lead in a period; default `lead.createdAt`. */
  readonly date?: (lead: Lead, index: number) => Date
}

/**
 * Options of the lead rates.
 *
 * @category Pipeline
 */
export interface LeadRateOptions {
  /** Count a success only within this many days of `createdAt`; needs `asOf`. */
  readonly withinDays?: number
  /** Judge leads as of this instant: later events are not yet known, and with `withinDays` only leads at least that old are judged. */
  readonly asOf?: Date
  /** Also report the rate per `source` or per `owner` (one of {@link LEAD_RATE_GROUPINGS}). */
  readonly groupBy?: LeadRateGrouping
  /**
   * Also report the rate per calendar period of lead creation, `{ unit, timeZone?,
   * fiscalYearStartMonth?, weekStartsOn?, fill?, date? }` as in `groupMetric`.
   */
  readonly period?: LeadRatePeriodOptions
  /** Confidence of the Wilson intervals; default 0.95. */
  readonly confidence?: number
}

/**
 * A lead rate with its counts and Wilson interval.
 *
 * @category Pipeline
 */
export interface LeadRate {
  /** successes / judged; `null` when no lead is judged. */
  readonly rate: number | null
  /** Leads that reached the step (within the window). */
  readonly successes: number
  /** Leads judged: all leads, or with `withinDays` the leads at least that old at `asOf`. */
  readonly judged: number
  /** Leads too young to judge (created after `asOf − withinDays`, or after `asOf`). */
  readonly tooRecent: number
  /** Wilson interval bounds of `rate`; `null` when no lead is judged. */
  readonly lower: number | null
  readonly upper: number | null
  /** The confidence level of `lower`/`upper`. */
  readonly confidence: number
  /**
   * `{ lower, upper }`, or `null` when no lead is judged.
   *
   * @deprecated Read the flat `lower` and `upper`; kept through 0.x.
   */
  readonly interval: WilsonIntervalResult | null
}

/**
 * A lead rate per group and period, in the row shape of `groupMetric`
 * (`{ group, period, result, n }`) with the rate's fields also flat on the row. `group` is
 * the source or owner (`null` for leads without one, and without `groupBy`); `period` is
 * `null` without the `period` option; `n` counts the leads of the row (judged and too recent).
 *
 * @category Pipeline
 */
export interface LeadRateRow extends GroupMetricRow<LeadRate, string>, LeadRate {}

/**
 * A lead rate per group, under its 0.1 name.
 *
 * @deprecated Use {@link LeadRateRow}.
 * @category Pipeline
 */
export type LeadRateGroup = LeadRateRow

/**
 * The overall lead rate and, with `groupBy` or `period`, one row per group and period.
 *
 * @category Pipeline
 */
export interface LeadRateResult extends LeadRate {
  /**
   * One row per group (by name, `null` last) and period (in time order); `[]` without
   * `groupBy` and `period`.
   */
  readonly rows: LeadRateRow[]
  /**
   * The same array as `rows`.
   *
   * @deprecated Read `rows`; kept through 0.x.
   */
  readonly groups: LeadRateRow[]
}

/**
 * The result of {@link leadConversionRate}.
 *
 * @category Pipeline
 */
export type LeadConversionRateResult = LeadRateResult

/**
 * The result of {@link leadContactRate}.
 *
 * @category Pipeline
 */
export type LeadContactRateResult = LeadRateResult

/** Outcome of a lead: 0 too recent, 1 judged without success, 2 judged with success. */
const TOO_RECENT = 0
const SUCCESS = 2

const byCreatedAt = (lead: Lead) => lead.createdAt

/**
 * The shared kernel of `leadConversionRate` and `leadContactRate`: the share of leads whose
 * `field` is set (not after `asOf`, within `withinDays`), overall and per group and period
 * through `groupMetric`'s engine. Leads too young to have had the whole window are left
 * out, not counted as failures. Internal.
 */
export function leadRate(
  leads: readonly Lead[],
  field: 'convertedAt' | 'contactedAt',
  metric: string,
  options: LeadRateOptions | undefined,
): LeadRateResult {
  return guardInput(metric, () => computeLeadRate(leads, field, metric, options))
}

function computeLeadRate(
  list: readonly Lead[],
  field: 'convertedAt' | 'contactedAt',
  metric: string,
  given: LeadRateOptions | undefined,
): LeadRateResult {
  const leads = requireList(list, metric, 'leads')
  const options = readOptions(given, metric)
  const confidence = options.confidence ?? 0.95
  const z = readCriticalValue(options.confidence, metric)
  const asOf =
    options.asOf === undefined
      ? null
      : requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const windowDays =
    options.withinDays === undefined
      ? null
      : requireNonNegativeOption(options.withinDays, metric, 'withinDays')
  if (windowDays !== null && asOf === null) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['asOf'],
      message: `${metric}: option withinDays needs asOf, to know which leads are old enough to judge`,
    })
  }
  const groupBy =
    options.groupBy === undefined
      ? null
      : requireOneOf(options.groupBy, LEAD_RATE_GROUPINGS, metric, 'groupBy')
  const period = readPeriodOption<Lead>(
    options.period as GroupMetricPeriodOptions<Lead> | undefined,
    metric,
    byCreatedAt,
  )
  const windowMilliseconds =
    windowDays === null ? Number.POSITIVE_INFINITY : windowDays * DAY_MILLISECONDS

  // Pass 1: check every lead and decide its outcome.
  const length = leads.length
  const outcomes = new Uint8Array(length)
  let successes = 0
  let judged = 0
  for (let index = 0; index < length; index++) {
    const lead = requireRow(leads[index] as Lead, metric, index, 'lead')
    const created = requireInstant(
      lead.createdAt,
      metric,
      [index, 'createdAt'],
      `createdAt at index ${index}`,
    )
    const reachedAt = lead[field]
    let reached = Number.POSITIVE_INFINITY
    if (reachedAt !== undefined) {
      reached = requireInstant(reachedAt, metric, [index, field], `${field} at index ${index}`)
      if (reached < created) {
        throw new MetricInputError({
          code: 'END_BEFORE_START',
          metric,
          path: [index, field],
          message: `${metric}: ${field} at index ${index} (${new Date(reached).toISOString()}) is before its createdAt`,
        })
      }
    }
    const matureAt = windowDays === null ? created : created + windowMilliseconds
    if (asOf !== null && matureAt > asOf) {
      outcomes[index] = TOO_RECENT
      continue
    }
    judged++
    const success =
      reachedAt !== undefined &&
      reached - created <= windowMilliseconds &&
      (asOf === null || reached <= asOf)
    outcomes[index] = success ? SUCCESS : 1
    if (success) successes++
  }
  const overall = summarise(successes, judged, length - judged, z, confidence)
  if ((groupBy === null && period === null) || length === 0) {
    return { ...overall, rows: [], groups: [] }
  }

  // Pass 2: the cell (group × period) of each lead, through groupMetric's engine.
  const groupField = groupBy === 'owner' ? 'ownerId' : 'source'
  const cells = groupRecords<Lead, string>(leads, {
    metric,
    by: groupBy === null ? undefined : (lead) => lead[groupField],
    period,
    keyField: groupField,
    numericKeys: false,
    badKey: (_, index) =>
      new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, groupField],
        message: `${metric}: ${groupField} at index ${index} is not a string`,
      }),
  })
  const fill = period?.fill === true

  // Pass 3: counts per cell with leads (slot), in flat typed arrays.
  const { slotOf, cellOfSlot, slotOfCell } = cellSlots(cells, length, fill, metric)
  const slots = cellOfSlot.length
  const counts = new Float64Array(3 * slots)
  for (let index = 0; index < length; index++) {
    const at = 3 * (slotOf[index] as number) + (outcomes[index] as number)
    counts[at] = (counts[at] as number) + 1
  }

  // Rows by group name (null last), then period.
  const order = cells.keys.map((_, code) => code)
  order.sort((a, b) =>
    compareGroups(cells.keys[a] as string | null, cells.keys[b] as string | null),
  )
  const rows: LeadRateRow[] = []
  for (const code of order) {
    for (let periodCode = 0; periodCode < cells.periodCount; periodCode++) {
      const cell = code * cells.periodCount + periodCode
      const slot = slotOfCell(cell)
      if (slot < 0 && !fill) continue
      const tooRecent = slot < 0 ? 0 : (counts[3 * slot] as number)
      const failures = slot < 0 ? 0 : (counts[3 * slot + 1] as number)
      const won = slot < 0 ? 0 : (counts[3 * slot + 2] as number)
      const result = summarise(won, failures + won, tooRecent, z, confidence)
      rows.push({
        group: cells.keys[code] as string | null,
        period: periodOfCell(cells, cell),
        result,
        n: tooRecent + failures + won,
        ...result,
      })
    }
  }
  return { ...overall, rows, groups: rows }
}

function summarise(
  successes: number,
  judged: number,
  tooRecent: number,
  z: number,
  confidence: number,
): LeadRate {
  const interval = wilsonBounds(successes, judged, z)
  return {
    rate: judged === 0 ? null : successes / judged,
    successes,
    judged,
    tooRecent,
    lower: interval === null ? null : interval.lower,
    upper: interval === null ? null : interval.upper,
    confidence,
    interval,
  }
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}
