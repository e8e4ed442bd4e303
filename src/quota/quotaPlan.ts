import type { Decimal } from 'decimal.js'
import {
  DAY_MILLISECONDS,
  instantOf,
  offsetTable,
  readCalendarDate,
} from '../core/calendarKernel.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { trackCurrency } from '../core/currency.js'
import {
  type CurrencyConverter,
  conversionFactor,
  readCurrencyOptions,
} from '../core/currencyConversion.js'
import { describeValue } from '../core/describeValue.js'
import { finiteRatio, requireRatesOption, requireRow } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumOrZero,
  toMoneyDecimal,
} from '../core/moneySum.js'
import { quantiles } from '../core/quantiles.js'
import { readOptions, requireInstant, requireList } from '../core/validate.js'
import { requireCurrency } from '../records/fieldChecks.js'
import type { Quota } from '../records/Quota.js'
import type { Booking } from './Booking.js'
import type {
  QuotaAttainmentOptions,
  QuotaAttainmentResult,
  QuotaAttainmentRow,
} from './quotaAttainment.js'

/**
 * The quota-attainment kernel shared by `quotaAttainment` and its aggregator: the quotas
 * compiled once into period bounds (epoch ms of local midnight in `timeZone`), exact target
 * amounts and, per booking owner, the quotas the owner's bookings count in (its own and its
 * teams'); then one pass over the bookings into one exact money sum per quota; then the
 * rows and the distribution. Internal.
 */

/** The quotas, checked and compiled. */
export interface QuotaPlan {
  readonly metric: string
  /** Each quota's owner and period as read once (rows echo them). */
  readonly owners: readonly string[]
  readonly periodStarts: readonly Quota['periodStart'][]
  readonly periodEnds: readonly Quota['periodEnd'][]
  /** Start (inclusive) and end (exclusive) of each quota's period, epoch ms. */
  readonly starts: Float64Array
  readonly ends: Float64Array
  /** Each quota's amount in the result currency. */
  readonly amounts: readonly Decimal[]
  /** `true` for a quota whose owner is a team of `teamOf` / `members`. */
  readonly team: readonly boolean[]
  /** Booking owner → the quota lists its bookings count in: per target owner, its quota indexes in period order. */
  readonly targets: ReadonlyMap<string, readonly (readonly number[])[]>
  readonly converter: CurrencyConverter
}

type Path = MetricInputPath

function at(list: string | undefined, index: number, field: string): Path {
  return list === undefined ? [index, field] : [list, index, field]
}

function invalidOption(metric: string, path: Path, message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path,
    message: `${metric}: ${message}`,
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Owner → its teams, from `teamOf` and `members` (`INVALID_OPTION` for anything else). */
function readTeams(options: QuotaAttainmentOptions, metric: string): Map<string, string[]> {
  const teams = new Map<string, string[]>()
  const join = (owner: string, team: string) => {
    const list = teams.get(owner)
    if (list === undefined) teams.set(owner, [team])
    else if (!list.includes(team)) list.push(team)
  }
  const { teamOf, members } = options
  if (teamOf !== undefined) {
    if (!isPlainObject(teamOf))
      throw invalidOption(
        metric,
        ['teamOf'],
        `option teamOf is ${describeValue(teamOf)}; it must map owner ids to team ids, such as { ana: 'emea' }`,
      )
    for (const [owner, team] of Object.entries(teamOf)) {
      if (typeof team !== 'string' || team === '')
        throw invalidOption(
          metric,
          ['teamOf', owner],
          `the team of ${describeValue(owner)} in option teamOf is ${describeValue(team)}; it must be a team id`,
        )
      join(owner, team)
    }
  }
  if (members !== undefined) {
    if (!isPlainObject(members))
      throw invalidOption(
        metric,
        ['members'],
        `option members is ${describeValue(members)}; it must map team ids to lists of owner ids, such as { emea: ['ana'] }`,
      )
    for (const [team, list] of Object.entries(members)) {
      if (!Array.isArray(list))
        throw invalidOption(
          metric,
          ['members', team],
          `the members of ${describeValue(team)} are ${describeValue(list)}; they must be a list of owner ids`,
        )
      for (let index = 0; index < list.length; index++) {
        const owner: unknown = list[index]
        if (typeof owner !== 'string' || owner === '')
          throw invalidOption(
            metric,
            ['members', team, index],
            `member ${index} of ${describeValue(team)} is ${describeValue(owner)}; it must be an owner id`,
          )
        join(owner, team)
      }
    }
  }
  return teams
}

/** Epoch ms of local midnight at the start of epoch day `day` in `timeZone`. */
export function startOfDay(day: number, timeZone: string): number {
  if (timeZone === 'UTC') return day * DAY_MILLISECONDS
  return instantOf(day, 0, offsetTable(day, day, timeZone), timeZone)
}

/** A non-empty string id, or `MISSING_VALUE` at `[list, index, 'ownerId']`. */
function requireOwner(value: unknown, metric: string, path: () => Path, noun: string): string {
  if (typeof value === 'string' && value !== '') return value
  const place = path()
  throw new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: place,
    message: `${metric}: ownerId at ${place.slice(0, -1).join('.')} is ${describeValue(value)}; every ${noun} needs an owner id`,
  })
}

/**
 * The factor of a record's amount (1, or its exchange rate), with the currency path inside
 * `list`. Without rates the one-currency check is core's tracker; with rates, core's
 * lookup, its path moved into the list.
 */
export function currencyFactor(
  converter: CurrencyConverter,
  record: { readonly currency?: string },
  list: string | undefined,
  index: number,
  metric: string,
): number | Decimal {
  const currency = record.currency
  if (currency === undefined) return 1
  if (typeof currency !== 'string')
    requireCurrency(record, index, metric, at(list, index, 'currency'))
  if (converter.rates === null) {
    if (currency !== converter.tracker.currency)
      trackCurrency(converter.tracker, currency, () => at(list, index, 'currency'))
    return 1
  }
  try {
    return conversionFactor(converter, currency, index)
  } catch (error) {
    if (!(error instanceof MetricInputError) || list === undefined) throw error
    throw new MetricInputError({
      code: error.code,
      metric,
      path: at(list, index, 'currency'),
      message: `${metric}: no exchange rate from ${currency} to ${converter.base} for ${list}[${index}]; add it to rates`,
    })
  }
}

/** Checks the options and the quotas and compiles them. */
export function compileQuotaPlan(
  quotas: readonly Quota[],
  given: QuotaAttainmentOptions | undefined,
  metric: string,
  list: string | undefined,
): QuotaPlan {
  const options = readOptions(given, metric)
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', metric)
  const converter = readCurrencyOptions(requireRatesOption(options, metric), metric)
  const teams = readTeams(options, metric)
  const isTeam = new Set<string>()
  for (const owned of teams.values()) for (const team of owned) isTeam.add(team)
  requireList(quotas, metric, list === undefined ? [] : [list], list ?? 'quotas', true)
  const count = quotas.length
  const starts = new Float64Array(count)
  const ends = new Float64Array(count)
  const startDays: number[] = []
  const endDays: number[] = []
  const amounts: Decimal[] = []
  const team: boolean[] = []
  const owners: string[] = []
  const periodStarts: Quota['periodStart'][] = []
  const periodEnds: Quota['periodEnd'][] = []
  const byOwner = new Map<string, number[]>()
  const context: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    ...(list === undefined ? {} : { list }),
  }
  // Quotas share period bounds (the same quarters for every rep): one zone lookup per day.
  const midnights = new Map<number, number>()
  const midnight = (day: number) => {
    let instant = midnights.get(day)
    if (instant === undefined) {
      instant = startOfDay(day, timeZone)
      midnights.set(day, instant)
    }
    return instant
  }
  for (let index = 0; index < count; index++) {
    const quota = requireRow(quotas[index] as Quota, metric, index, 'quota', list)
    const owner = requireOwner(quota.ownerId, metric, () => at(list, index, 'ownerId'), 'quota')
    const periodStart = quota.periodStart
    const periodEnd = quota.periodEnd
    const first = readCalendarDate(periodStart, timeZone, metric, at(list, index, 'periodStart'))
    const last = readCalendarDate(periodEnd, timeZone, metric, at(list, index, 'periodEnd'))
    if (last < first) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: at(list, index, 'periodEnd'),
        message: `${metric}: periodEnd of quota ${index} (${describeValue(periodEnd)}) is before its periodStart (${describeValue(periodStart)})`,
      })
    }
    owners.push(owner)
    periodStarts.push(periodStart)
    periodEnds.push(periodEnd)
    const amount = toMoneyDecimal(quota.amount, context, index)
    const factor = currencyFactor(converter, quota, list, index, metric)
    amounts.push(factor === 1 ? amount : amount.times(factor))
    startDays.push(first)
    endDays.push(last)
    starts[index] = midnight(first)
    ends[index] = midnight(last + 1)
    team.push(isTeam.has(owner))
    const owned = byOwner.get(owner)
    if (owned === undefined) byOwner.set(owner, [index])
    else owned.push(index)
  }
  // Each owner's quotas in period order; two that share a day would both claim a booking.
  for (const [owner, owned] of byOwner) {
    owned.sort((a, b) => (startDays[a] as number) - (startDays[b] as number))
    for (let position = 1; position < owned.length; position++) {
      const previous = owned[position - 1] as number
      const next = owned[position] as number
      if ((startDays[next] as number) <= (endDays[previous] as number)) {
        const later = Math.max(previous, next)
        throw new MetricInputError({
          code: 'DUPLICATE_ID',
          metric,
          path: list === undefined ? [later] : [list, later],
          message: `${metric}: quotas ${Math.min(previous, next)} and ${later} of owner ${describeValue(owner)} overlap; the periods of one owner's quotas must not overlap, so that each booking counts in one of them`,
        })
      }
    }
  }
  const targets = new Map<string, (readonly number[])[]>()
  const credit = (owner: string, target: string) => {
    const owned = byOwner.get(target)
    if (owned === undefined) return
    const found = targets.get(owner)
    if (found === undefined) targets.set(owner, [owned])
    else found.push(owned)
  }
  for (const owner of byOwner.keys()) credit(owner, owner)
  for (const [owner, owned] of teams) for (const target of owned) credit(owner, target)
  return {
    metric,
    owners,
    periodStarts,
    periodEnds,
    starts,
    ends,
    amounts,
    team,
    targets,
    converter,
  }
}

/** The quota among `owned` (sorted by start) whose period holds `time`; -1 when none. */
function quotaAt(plan: QuotaPlan, owned: readonly number[], time: number): number {
  let low = 0
  let high = owned.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const quota = owned[middle] as number
    if (time < (plan.starts[quota] as number)) high = middle - 1
    else if (time >= (plan.ends[quota] as number)) low = middle + 1
    else return quota
  }
  return -1
}

/**
 * Checks an amount that is not summed (a booking outside every quota, a won deal turned
 * into a booking) with the rules of a sum, in `scratch`, which is emptied first.
 */
export function checkAmount(
  scratch: MoneySum,
  amount: MoneyInput,
  factor: number | Decimal,
  context: MoneyContext,
  index: number,
): void {
  scratch.units = 0
  scratch.scale = 0
  scratch.remainder = null
  addMoneyTimes(scratch, amount, factor, context, index)
}

/**
 * Adds every booking to the sums of the quotas it counts in (its owner's and its teams'
 * whose period holds its date). Every booking is checked, counted or not; `converter`
 * tracks the one currency (the plan's, or a copy holding an aggregator state's).
 */
export function addBookings(
  plan: QuotaPlan,
  converter: CurrencyConverter,
  sums: (MoneySum | undefined)[],
  bookings: readonly Booking[],
  list: string | undefined,
): void {
  const { metric, targets } = plan
  requireList(bookings, metric, list === undefined ? [] : [list], list ?? 'bookings', true)
  const context: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    ...(list === undefined ? {} : { list }),
  }
  // Checks the amount of a booking that counts nowhere; reset for each such booking.
  const unassigned = createMoneySum()
  for (let index = 0; index < bookings.length; index++) {
    const booking = requireRow(bookings[index] as Booking, metric, index, 'booking', list)
    const owner = requireOwner(booking.ownerId, metric, () => at(list, index, 'ownerId'), 'booking')
    const date = booking.at
    const time = date instanceof Date ? date.getTime() : Number.NaN
    if (!(time - time === 0))
      requireInstant(date, metric, at(list, index, 'at'), `at of booking ${index}`)
    const factor =
      booking.currency === undefined ? 1 : currencyFactor(converter, booking, list, index, metric)
    const amount: MoneyInput = booking.amount
    const lists = targets.get(owner)
    let counted = false
    if (lists !== undefined) {
      for (let target = 0; target < lists.length; target++) {
        const quota = quotaAt(plan, lists[target] as readonly number[], time)
        if (quota < 0) continue
        let sum = sums[quota]
        if (sum === undefined) {
          sum = createMoneySum()
          sums[quota] = sum
        }
        addMoneyTimes(sum, amount, factor, context, index)
        counted = true
      }
    }
    if (!counted) checkAmount(unassigned, amount, factor, context, index)
  }
}

/** The rows and the distribution of booked totals per quota. */
export function attainmentResult(
  plan: QuotaPlan,
  booked: readonly Decimal[],
): QuotaAttainmentResult {
  const { owners, amounts, metric } = plan
  const rows: QuotaAttainmentRow[] = []
  const attainments: number[] = []
  let atOrAbove = 0
  for (let index = 0; index < owners.length; index++) {
    const amount = amounts[index] as Decimal
    const total = booked[index] as Decimal
    const attainment = amount.isZero()
      ? null
      : finiteRatio(total.div(amount).toNumber(), metric, 'an attainment')
    rows.push({
      ownerId: owners[index] as string,
      periodStart: plan.periodStarts[index] as Quota['periodStart'],
      periodEnd: plan.periodEnds[index] as Quota['periodEnd'],
      quota: amount,
      booked: total,
      attainment,
      gap: amount.minus(total),
    })
    if (attainment !== null && !plan.team[index]) {
      attainments.push(attainment)
      if (total.gte(amount)) atOrAbove++
    }
  }
  const reps = attainments.length
  const [median, p10, p90] = quantiles(attainments, [0.5, 0.1, 0.9])
  return {
    rows,
    distribution: {
      reps,
      atOrAbove: reps === 0 ? null : atOrAbove / reps,
      median: median ?? null,
      p10: p10 ?? null,
      p90: p90 ?? null,
    },
  }
}

/** The exact value of each quota's sum (`Decimal(0)` for a quota nothing counted in). */
export function sumValues(plan: QuotaPlan, sums: readonly (MoneySum | undefined)[]): Decimal[] {
  const values: Decimal[] = []
  for (let index = 0; index < plan.owners.length; index++) values.push(moneySumOrZero(sums[index]))
  return values
}
