import type { Decimal } from 'decimal.js'
import { DAY_MILLISECONDS, localDayOf } from '../core/calendarKernel.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import { describeValue } from '../core/describeValue.js'
import type { GroupKey, GroupMetricRow } from '../core/groupMetric.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireClosedAt, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { requireAmount } from './averageDealSize.js'
import { type RecordPeriodOptions, recordCells, wantsFill } from './recordCells.js'

/**
 * Options of {@link bookingsMix}.
 *
 * @category Pipeline
 */
export interface BookingsMixOptions extends CurrencyConversionOptions {
  /**
   * Accounts that were already customers before the data starts: every won deal of theirs
   * is expansion. Default `[]` (an account's first won deals in the data are new-logo).
   */
  readonly existingCustomers?: readonly string[]
  /** IANA zone of the close dates that decide an account's first won deals (and of `period`, unless it names its own); default `'UTC'`. */
  readonly timeZone?: string
  /** The group of a won deal, e.g. `(deal) => deal.ownerId ?? null`; with it, one row per group. */
  readonly by?: (opportunity: Opportunity, index: number) => GroupKey | undefined
  /** Calendar periods of `closedAt` (or of `date`); with it, one row per period. */
  readonly period?: RecordPeriodOptions<Opportunity>
}

/**
 * New-logo against expansion bookings in one group and period.
 *
 * @category Pipeline
 */
export interface BookingsMixResult {
  /** Won deals. */
  readonly count: number
  /** Their exact total amount (converted with `rates`). */
  readonly amount: Decimal
  /** Won deals among their account's first won deals (earliest close date in `timeZone`). */
  readonly newLogoCount: number
  /** Exact total of the new-logo deals. */
  readonly newLogoAmount: Decimal
  /** Won deals of accounts that were already customers (a later close date, or `existingCustomers`). */
  readonly expansionCount: number
  /** Exact total of the expansion deals. */
  readonly expansionAmount: Decimal
  /** expansionAmount / amount, 0..1; `null` when `amount` is 0. */
  readonly expansionShare: number | null
  /** newLogoAmount / amount, 0..1; `null` when `amount` is 0. */
  readonly newLogoShare: number | null
  /** expansionCount / count, 0..1; `null` when `count` is 0 (an empty period with `fill`). */
  readonly expansionCountShare: number | null
  /** newLogoCount / count, 0..1; `null` when `count` is 0. */
  readonly newLogoCountShare: number | null
  /** The currency of the amounts (the base with `rates`); `null` when no deal named one. */
  readonly currency: string | null
}

/**
 * A row of {@link bookingsMix}, in `groupMetric`'s shape (`n` = won deals).
 *
 * @category Pipeline
 */
export type BookingsMixRow = GroupMetricRow<BookingsMixResult>

const METRIC = 'bookingsMix'

/** No local calendar day lasts this long: zone offsets differ by at most 26 hours. */
const SAME_DAY_WINDOW = 2 * DAY_MILLISECONDS

/**
 * Bookings mix: won bookings split into new-logo (an account's first purchase — Salesforce's
 * opportunity type "New Customer", HubSpot's "New Business") and expansion (a later
 * purchase of an existing customer — upsell, cross-sell, "Existing Customer - Upgrade"),
 * with the share of the won amount that comes from existing customers.
 *
 * ```text
 * first(a)  = earliest close date (a calendar date in timeZone) of account a's won deals
 * new-logo  = won deal d with close date(d) = first(account(d)), account ∉ existingCustomers
 * expansion = every other won deal
 * expansionShare = Σ amount(expansion) / Σ amount(won)        (exact sums; null when 0)
 * expansionCountShare = #expansion / #won
 * ```
 * First wins are decided over all the deals given, before grouping: a deal is expansion in
 * its own period when its account first bought in an earlier one. Pass the whole history
 * (or name earlier customers in `existingCustomers`), or old customers count as new logos.
 * Several wins of a new account on its first day are all new-logo. Open and lost deals are
 * left out.
 *
 * @param opportunities - Deals; won ones need `closedAt`, `amount` and `accountId`.
 * @param options - `existingCustomers`, `timeZone` (`'UTC'`), `by`, `period` (`{ unit, timeZone,
 *   date = closedAt, fiscalYearStartMonth, weekStartsOn, fill }`), `rates` / `baseCurrency`.
 * @returns Rows `{ group, period, result, n }` (n = won deals), groups in order of first
 *   appearance, then periods; one row with `group` and `period` `null` without `by` and `period`;
 *   `[]` when no deal is won.
 * @throws MetricInputError `MISSING_VALUE` (`[i, 'accountId']`, `[i, 'amount']`, `[i, 'closedAt']`
 *   of a won deal), `INVALID_RECORD` (accountId not a string), `VALUE_OUT_OF_RANGE` (status;
 *   not an array), `INVALID_DATE`, `END_BEFORE_START`, `NEGATIVE_VALUE` / `NOT_FINITE` (amount),
 *   `CURRENCY_MISMATCH`, `MISSING_FX_RATE`, `INVALID_OPTION` (existingCustomers, timeZone, by,
 *   period, rates, options).
 * @example
 * ```ts
 * const won = (accountId: string, day: string, amount: number) => ({ id: accountId + day, accountId,
 *   createdAt: new Date('2026-01-01'), closedAt: new Date(day), amount, status: 'won' as const, stageHistory: [] })
 * const [mix] = bookingsMix([won('acme', '2026-01-10', 1000), won('acme', '2026-02-03', 500),
 *   won('globex', '2026-02-20', 1500), won('initech', '2026-03-01', 1000)], { existingCustomers: ['initech'] })
 * ;[mix?.result.newLogoAmount.toNumber(), mix?.result.expansionAmount.toNumber(), mix?.result.expansionShare]
 * // => [2500, 1500, 0.375]
 * ```
 * @see Salesforce, Opportunity `Type` standard picklist ("New Customer", "Existing Customer -
 *   Upgrade"); HubSpot Knowledge Base, "Lifecycle stage: Became a customer date"; Discern,
 *   "New Logo Bookings as a Percentage of Total Bookings"; MetricKit glossary, "Expansion
 *   bookings" (= bookings from existing customers).
 * @category Pipeline
 */
export function bookingsMix(
  opportunities: readonly Opportunity[],
  options?: BookingsMixOptions,
): BookingsMixRow[] {
  return guardInput(METRIC, () => computeBookingsMix(opportunities, options))
}

function computeBookingsMix(
  list: readonly Opportunity[],
  given: BookingsMixOptions | undefined,
): BookingsMixRow[] {
  const opportunities = requireList(list, METRIC, 'opportunities')
  const options = readOptions(given, METRIC)
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', METRIC)
  const existing = readExistingCustomers(options.existingCustomers)
  const converter = readCurrencyOptions(requireRatesOption(options, METRIC), METRIC)
  const context: MoneyContext = { metric: METRIC, allowNegative: false, field: 'amount' }
  const length = opportunities.length
  // Pass 1: check every deal; keep the won ones with their close instant and account code.
  const won: number[] = []
  const factors: (number | Decimal)[] = new Array(length)
  const times = new Float64Array(length)
  const accountOf = new Int32Array(length)
  const codes = new Map<string, number>()
  const earliest: number[] = []
  const isExisting: boolean[] = []
  const check = createMoneySum()
  for (let index = 0; index < length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (requireStatus(opportunity, index, METRIC) !== 'won') continue
    const time = requireClosedAt(opportunity, index, METRIC)
    const account = requireAccountId(opportunity.accountId, index)
    const amount = requireAmount(opportunity, index, METRIC)
    const factor = conversionFactor(converter, requireCurrency(opportunity, index, METRIC), index)
    addMoneyTimes(check, amount, factor, context, index)
    let code = codes.get(account)
    if (code === undefined) {
      code = earliest.length
      codes.set(account, code)
      earliest.push(time)
      isExisting.push(existing.has(account))
    } else if (time < (earliest[code] as number)) {
      earliest[code] = time
    }
    won.push(index)
    factors[index] = factor
    times[index] = time
    accountOf[index] = code
  }
  finiteMoney(moneySumValue(check), METRIC, 'the won amount')
  // Pass 2: the first local close date of each account. Only deals within two days of the
  // account's earliest instant can share (or precede) its local date, so the zone is read
  // for those alone.
  const dayOf = new Float64Array(length)
  const firstDay = new Float64Array(earliest.length).fill(Number.POSITIVE_INFINITY)
  for (let position = 0; position < won.length; position++) {
    const index = won[position] as number
    const code = accountOf[index] as number
    const time = times[index] as number
    if (isExisting[code] === true || time - (earliest[code] as number) > SAME_DAY_WINDOW) continue
    const day =
      timeZone === 'UTC' ? Math.floor(time / DAY_MILLISECONDS) : localDayOf(time, timeZone)
    dayOf[index] = day
    if (day < (firstDay[code] as number)) firstDay[code] = day
  }
  // A deal is new-logo when it closed on its account's first local date.
  const isNewLogo = new Uint8Array(length)
  for (let position = 0; position < won.length; position++) {
    const index = won[position] as number
    const code = accountOf[index] as number
    if (isExisting[code] === true) continue
    if ((times[index] as number) - (earliest[code] as number) > SAME_DAY_WINDOW) continue
    if (dayOf[index] === firstDay[code]) isNewLogo[index] = 1
  }
  const currency = resultCurrency(converter)
  const cells = recordCells(
    opportunities,
    won,
    METRIC,
    options.by,
    periodInZone(options.period, timeZone),
    (_, index) => new Date(times[index] as number),
    false,
  )
  const keepEmpty = wantsFill(options.period)
  const rows: BookingsMixRow[] = []
  for (let cell = 0; cell < cells.length; cell++) {
    const { group, period, members } = cells[cell] as (typeof cells)[number]
    if (members.length === 0 && !keepEmpty) continue
    const newLogoSum = createMoneySum()
    const expansionSum = createMoneySum()
    let newLogoCount = 0
    for (let member = 0; member < members.length; member++) {
      const index = members[member] as number
      const amount = (opportunities[index] as Opportunity).amount
      if (isNewLogo[index] === 1) {
        newLogoCount++
        addMoneyTimes(newLogoSum, amount, factors[index] as number | Decimal, context, index)
      } else {
        addMoneyTimes(expansionSum, amount, factors[index] as number | Decimal, context, index)
      }
    }
    const newLogoAmount = finiteMoney(moneySumValue(newLogoSum), METRIC, 'the new-logo amount')
    const expansionAmount = finiteMoney(moneySumValue(expansionSum), METRIC, 'the expansion amount')
    const amount = newLogoAmount.plus(expansionAmount)
    const count = members.length
    const expansionCount = count - newLogoCount
    rows.push({
      group,
      period,
      result: {
        count,
        amount,
        newLogoCount,
        newLogoAmount,
        expansionCount,
        expansionAmount,
        expansionShare: amount.isZero() ? null : expansionAmount.div(amount).toNumber(),
        newLogoShare: amount.isZero() ? null : newLogoAmount.div(amount).toNumber(),
        expansionCountShare: count === 0 ? null : expansionCount / count,
        newLogoCountShare: count === 0 ? null : newLogoCount / count,
        currency,
      },
      n: count,
    })
  }
  return rows
}

/** The `period` option with `timeZone` filled in from the top-level option when it names none. */
function periodInZone(period: unknown, timeZone: string): unknown {
  if (typeof period !== 'object' || period === null) return period
  if ((period as { readonly timeZone?: unknown }).timeZone !== undefined) return period
  return { ...(period as RecordPeriodOptions<Opportunity>), timeZone }
}

function readExistingCustomers(value: unknown): ReadonlySet<string> {
  const accounts = new Set<string>()
  if (value === undefined) return accounts
  if (!Array.isArray(value)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['existingCustomers'],
      message: `${METRIC}: option existingCustomers is ${describeValue(value)}; it must be an array of account ids or be left out`,
    })
  }
  for (let position = 0; position < value.length; position++) {
    const account: unknown = value[position]
    if (typeof account !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric: METRIC,
        path: ['existingCustomers', position],
        message: `${METRIC}: existingCustomers[${position}] is ${describeValue(account)}; account ids are strings`,
      })
    }
    accounts.add(account)
  }
  return accounts
}

function requireAccountId(accountId: unknown, index: number): string {
  if (typeof accountId === 'string') return accountId
  if (accountId === undefined) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric: METRIC,
      path: [index, 'accountId'],
      message: `${METRIC}: accountId at index ${index} is missing; a won deal is new-logo or expansion only by its account`,
    })
  }
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric: METRIC,
    path: [index, 'accountId'],
    message: `${METRIC}: accountId at index ${index} is ${describeValue(accountId)}; it must be a string`,
  })
}
