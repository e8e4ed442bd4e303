import { TZDate } from '@date-fns/tz'
import type { Decimal } from 'decimal.js'
import { requireTimeZone } from '../../core/calendarPeriods.js'
import { describeValue } from '../../core/describeValue.js'
import { MetricInputError } from '../../core/MetricInputError.js'
import { MoneyDecimal, type MoneyInput } from '../../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
} from '../../core/moneySum.js'
import { guardInput } from '../../core/validate.js'
import type { AccountRevenue } from '../../records/AccountRevenue.js'
import type { RecordIssue, RejectedRecord } from '../../schemas/parseRecords.js'
import {
  type BillingInterval,
  readStripeSubscription,
  type StripeDiscountFacts,
  type StripeItemFacts,
  type StripeSubscriptionFacts,
} from './readStripeSubscription.js'
import { stripeMinorUnitDigits } from './stripeCurrencies.js'
import { StripeDecimal } from './stripeDecimal.js'
import {
  compareEvents,
  expandDiscountIds,
  knownDiscounts,
  readStripeEvent,
  type StripeEventFacts,
  stateBefore,
} from './stripeEvents.js'

/**
 * What {@link StripeMrrOptions.resolvePrice} is asked to value: a tiered or metered item at
 * one month end.
 *
 * @category Sources
 */
export interface StripePriceContext {
  /**
   * The subscription object as given, or, with `events`, its state at that month end (an
   * event's `data.object`, or the state rebuilt from the first event's `previous_attributes`).
   */
  readonly subscription: unknown
  /** The subscription item (`items.data[i]`) as given. */
  readonly item: unknown
  /** The item's price (or legacy plan) as given. */
  readonly price: unknown
  /** The month being valued, `'YYYY-MM'`. */
  readonly month: string
}

/**
 * Options of {@link stripeMrr}.
 *
 * @category Sources
 */
export interface StripeMrrOptions {
  /** The months to snapshot, `'YYYY-MM'` (at most 1,200, no repeats; any order). */
  readonly months: readonly string[]
  /** IANA zone whose month ends are the snapshot instants; default `'UTC'`. */
  readonly timeZone?: string
  /**
   * Values a tiered or metered item (which this adapter refuses alone): return the item's
   * amount for one billing period, quantity included, in the currency's minor units (as
   * Stripe writes amounts), or `null` to refuse it. Called per item and month end.
   */
  readonly resolvePrice?: (context: StripePriceContext) => MoneyInput | null | undefined
  /**
   * The subscriptions' history: Stripe Event objects of the `customer.subscription.*` types
   * ({@link STRIPE_SUBSCRIPTION_EVENT_TYPES}), any order, as `GET /v1/events` or a webhook
   * log gives them. Each month end is then valued at the subscription's state as of its
   * latest event at or before that instant (the event's `data.object`); month ends at or
   * after its latest event at the current object in `subscriptions`; month ends before its
   * first event at nothing when that event is `.created`, else at the state just before it
   * (`data.object` with `data.previous_attributes` written back). Without `events`, every
   * month end is valued at the current object.
   */
  readonly events?: Iterable<unknown>
}

/**
 * One customer's MRR at one month end: an `AccountRevenue` row with its month.
 *
 * @category Sources
 */
export interface StripeMrrRecord extends AccountRevenue {
  /** The Stripe customer id. */
  readonly accountId: string
  /** `'YYYY-MM'`. */
  readonly month: string
  /** MRR in major units (dollars, not cents; yen whole), rounded to the currency's minor unit. */
  readonly amount: Decimal
  /** ISO 4217 code in upper case (`'USD'`). */
  readonly currency: string
  /** Ids of the subscriptions that make up `amount`, sorted. */
  readonly subscriptions: readonly string[]
}

/**
 * The result of {@link stripeMrr}, shaped like `parseRecords`'s.
 *
 * @category Sources
 */
export interface StripeMrrResult {
  /** One row per customer and month with MRR > 0, in month order, then customer id order. */
  readonly records: StripeMrrRecord[]
  /** Every subscription that could not be read or counted, with the reasons, by index. */
  readonly rejected: RejectedRecord[]
  /**
   * Only when the `events` option is given: every event that was not used, by its index in
   * `events`, with the reasons (not a subscription event, unreadable, a repeated id, a
   * subscription missing from `subscriptions` or rejected there). Every other event was used.
   */
  readonly rejectedEvents?: RejectedRecord[]
}

const METRIC = 'stripeMrr'
/** Most significant digits of one subscription's amount: exact within decimal128 sums. */
const MAX_DIGITS = 30
/** Whole numerators below this add up as plain numbers; a sum past 2^53 takes the exact path. */
const FAST_LIMIT = 2 ** 40
const MONEY_CONTEXT: MoneyContext = { metric: METRIC, allowNegative: false }

/** A subscription's MRR at a month end: numerator ÷ denominator minor units, exactly. */
interface MonthlyValue {
  /** Per-period amount × 1, 52 or 365, a plain decimal string of minor units. */
  readonly numerator: string
  /** The numerator as a number when it is a whole number below 2^40 (the fast path), else `null`. */
  readonly units: number | null
  /** 1, 12 (year, week, day) times interval_count. */
  readonly denominator: number
  readonly positive: boolean
}
/** Most months one call snapshots (100 years). */
const MAX_MONTHS = 1200
/** Most subscriptions one call reads. */
const MAX_SUBSCRIPTIONS = 10_000_000
/** Most events one call reads. */
const MAX_EVENTS = 10_000_000
const MONTH = /^(\d{4})-(\d{2})$/

/** Normalisation of one billing period to a month: × multiplier ÷ (divisor × interval_count). */
const TO_MONTH: Readonly<Record<BillingInterval, { multiplier: number; divisor: number }>> = {
  day: { multiplier: 365, divisor: 12 },
  week: { multiplier: 52, divisor: 12 },
  month: { multiplier: 1, divisor: 1 },
  year: { multiplier: 1, divisor: 12 },
}

/**
 * Monthly recurring revenue per customer at each month end, from Stripe Subscription API
 * objects (JSON as the API or an export returns them, prices and discounts expanded): the
 * `AccountRevenue` snapshots that `revenueRetentionSeries` and the retention functions read.
 *
 * ```text
 * item per period = unit_amount_decimal (else unit_amount) × quantity          (minor units)
 * sub per period  = Σ items − discounts in force at the month end (item ones, then the
 *                   subscription's in list order; percent_off p keeps (100 − p)/100,
 *                   amount_off comes off the subtotal, never below 0)
 * MRR             = per period × k ÷ interval_count, k = 1 (month), 1/12 (year),
 *                   52/12 (week), 365/12 (day);  customer MRR = Σ its subscriptions,
 *                   ÷ 100 (÷ 1 for zero-decimal currencies such as JPY, ÷ 1000 for KWD),
 *                   rounded once to the minor unit, half up
 * ```
 * A subscription counts from `start_date` until `ended_at` (canceled), `cancel_at`, or the
 * period end when `cancel_at_period_end`; trials count 0; `past_due` and `unpaid` count
 * until canceled (ChartMogul's default); `incomplete`, `incomplete_expired` and `paused`
 * never count; an item counts from its `created`. A subscription object is its current
 * state: without `events`, earlier months are valued at today's items and prices.
 *
 * History: pass the subscriptions' `customer.subscription.*` Events as `events` and each
 * month end is valued at the state of the latest event at or before it. Events are ordered
 * by `created`, then (Stripe's `created` has whole seconds) `.created` before any other type
 * before `.deleted`, then by event id; the input order never matters. A `.deleted` event
 * carries the canceled subscription (`ended_at`), so it ends the MRR like any cancellation.
 * An event id given twice with the same contents is used once (Stripe may deliver an event
 * again); with different contents every copy is rejected. Every event ends up used or in
 * `rejectedEvents` with its index and reason: events of other types or objects, events of a
 * subscription that is not in `subscriptions` (or is rejected there). An event whose
 * subscription state cannot be read rejects the event and its subscription (a history with a
 * hole would value months at the wrong state). Events are never expanded: discounts an
 * event names by id are taken from the current subscription (listed with
 * `expand[]=data.discounts`); one removed since cannot be valued and rejects the event.
 * Stripe's API lists only the last 30 days of events; months before the first event given are
 * valued at the state just before it, so a history that starts with an `.updated` event still
 * values earlier months.
 *
 * @param subscriptions - Stripe Subscription objects (any iterable).
 * @param options - `months` (`'YYYY-MM'`), `timeZone` (default `'UTC'`), `resolvePrice`,
 *   `events`.
 * @returns `{ records, rejected }` (and `rejectedEvents` with `events`): records with MRR > 0
 *   only; a subscription that cannot be read (a tiered or metered price without
 *   `resolvePrice`, unexpanded discounts, a bad field, a repeated id, an unreadable event)
 *   or whose customer pays in two currencies in one month is in `rejected` with its index
 *   and reasons, and adds nothing.
 * @throws MetricInputError `INVALID_OPTION` (`months`, `timeZone`, `resolvePrice`, options
 *   not an object, `subscriptions` or `events` not iterable).
 * @example
 * ```ts
 * const { records } = stripeMrr(
 *   [{ id: 'sub_1', object: 'subscription', customer: 'cus_1', status: 'active', currency: 'usd',
 *      start_date: 1767225600, items: { data: [{ quantity: 3, price: { currency: 'usd',
 *      unit_amount: 12000, recurring: { interval: 'year', interval_count: 1 } } }] } }],
 *   { months: ['2026-01'] },
 * )
 * records[0].amount.toString() // => '30'
 * ```
 * @see https://docs.stripe.com/api/subscriptions/object; https://docs.stripe.com/api/events/object;
 *   help.baremetrics.com — Monthly
 *   Recurring Revenue; help.chartmogul.com — Handling past-due subscriptions; notes in
 *   test/sources/stripe/fixtures/README.md.
 * @category Sources
 */
export function stripeMrr(
  subscriptions: Iterable<unknown>,
  options: StripeMrrOptions,
): StripeMrrResult {
  return guardInput(METRIC, () => compute(subscriptions, options))
}

function invalidOption(path: (string | number)[], message: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric: METRIC,
    path,
    message: `${METRIC}: ${message}`,
  })
}

interface MonthEnd {
  readonly label: string
  readonly number: number
  /** The last millisecond of the month in the time zone. */
  readonly endMs: number
}

function readOptions(options: StripeMrrOptions): {
  months: MonthEnd[]
  resolve: StripeMrrOptions['resolvePrice'] | undefined
  events: Iterable<unknown> | undefined
} {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw invalidOption(
      [],
      `options is ${describeValue(options)}; it must be an object { months, timeZone? }`,
    )
  const timeZone = options.timeZone ?? 'UTC'
  if (typeof timeZone !== 'string')
    throw invalidOption(
      ['timeZone'],
      `option timeZone is ${describeValue(timeZone)}; it must be an IANA time zone such as 'Europe/Berlin'`,
    )
  requireTimeZone(timeZone, METRIC)
  const resolve = options.resolvePrice
  if (resolve !== undefined && typeof resolve !== 'function')
    throw invalidOption(
      ['resolvePrice'],
      `option resolvePrice is ${describeValue(resolve)}; it must be a function`,
    )
  const list = options.months
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_MONTHS)
    throw invalidOption(
      ['months'],
      `option months is ${describeValue(list)}; it must be a list of 1 to ${MAX_MONTHS} months 'YYYY-MM'`,
    )
  const months: MonthEnd[] = []
  const seen = new Set<string>()
  for (let index = 0; index < list.length; index++) {
    const value: unknown = list[index]
    const match = typeof value === 'string' ? MONTH.exec(value) : null
    const year = match === null ? 0 : Number(match[1])
    const month = match === null ? 0 : Number(match[2])
    if (match === null || year < 1970 || year > 9998 || month < 1 || month > 12)
      throw invalidOption(
        ['months', index],
        `option months[${index}] is ${describeValue(value)}; it must be a month 'YYYY-MM' from 1970 to 9998`,
      )
    if (seen.has(value as string))
      throw invalidOption(
        ['months', index],
        `option months[${index}] is ${describeValue(value)}, given twice`,
      )
    seen.add(value as string)
    const number = year * 12 + month - 1
    const next = number + 1
    const start = new TZDate(Math.floor(next / 12), next % 12, 1, timeZone).getTime()
    months.push({ label: value as string, number, endMs: start - 1 })
  }
  months.sort((a, b) => a.number - b.number)
  const events = options.events
  return { months, resolve, events }
}

function iteratorOf(
  list: Iterable<unknown>,
  name: 'subscriptions' | 'events',
  what: string,
): Iterator<unknown> {
  const refuse = () =>
    invalidOption(
      [name],
      `${name === 'events' ? 'option events' : name} is ${describeValue(list)}; it must be an array or another iterable of ${what}`,
    )
  if (typeof list !== 'object' || list === null) throw refuse()
  let iterator: Iterator<unknown>
  try {
    const iterate = (list as { [Symbol.iterator]?: unknown })[Symbol.iterator]
    if (typeof iterate !== 'function') throw refuse()
    iterator = iterate.call(list) as Iterator<unknown>
    if (typeof iterator !== 'object' || iterator === null || typeof iterator.next !== 'function')
      throw refuse()
  } catch (error) {
    if (error instanceof MetricInputError) throw error
    throw invalidOption([name], `${name} could not be read: ${thrown(error)}`)
  }
  return iterator
}

/** The next value of an input iterator, or `done`; a throwing iterator is an option error. */
function step(
  iterator: Iterator<unknown>,
  name: 'subscriptions' | 'events',
  index: number,
  limit: number,
): { done: boolean; value: unknown } {
  let done: boolean
  let value: unknown
  try {
    const next = iterator.next()
    done = next.done === true
    value = done ? undefined : next.value
  } catch (error) {
    throw invalidOption([name], `${name} could not be read at index ${index}: ${thrown(error)}`)
  }
  if (!done && index >= limit)
    throw invalidOption([name], `${name} has more than ${limit} entries; split the call`)
  return { done, value }
}

/** Reads one subscription state; without `resolvePrice`, a tiered or metered item refuses it. */
function readState(
  value: unknown,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
): { facts: StripeSubscriptionFacts | null; issues: RecordIssue[] } {
  let result: ReturnType<typeof readStripeSubscription>
  try {
    result = readStripeSubscription(value)
  } catch (error) {
    return {
      facts: null,
      issues: [{ path: [], message: `the subscription could not be read: ${thrown(error)}` }],
    }
  }
  if (result.facts !== null && resolve === undefined) {
    const refused = refusals(result.facts)
    if (refused.length > 0) return { facts: null, issues: refused }
  }
  return result
}

/** The id of a subscription that could not be read, when it has a string one. */
function rawId(value: unknown): string | null {
  try {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'id')) return null
    const id = (value as { id?: unknown }).id
    return typeof id === 'string' ? id : null
  } catch {
    return null
  }
}

function thrown(error: unknown): string {
  try {
    if (error instanceof Error) return describeValue(String(error.message))
  } catch {
    // A hostile error object.
  }
  return 'an error'
}

function compute(subscriptions: Iterable<unknown>, options: StripeMrrOptions): StripeMrrResult {
  const { months, resolve, events } = readOptions(options)
  const iterator = iteratorOf(subscriptions, 'subscriptions', 'Stripe Subscription objects')
  const eventIterator =
    events === undefined ? null : iteratorOf(events, 'events', 'Stripe Event objects')
  const issuesByIndex = new Map<number, RecordIssue[]>()
  const read: { index: number; facts: StripeSubscriptionFacts }[] = []
  const indexesOfId = new Map<string, number[]>()
  /** Ids of the subscriptions rejected while reading (for the events that name them). */
  const rejectedIds = new Map<string, number>()
  for (let index = 0; ; index++) {
    const { done, value } = step(iterator, 'subscriptions', index, MAX_SUBSCRIPTIONS)
    if (done) break
    const result = readState(value, resolve)
    if (result.facts === null) {
      issuesByIndex.set(index, result.issues)
      const id = eventIterator === null ? null : rawId(value)
      if (id !== null && !rejectedIds.has(id)) rejectedIds.set(id, index)
      continue
    }
    read.push({ index, facts: result.facts })
    const indexes = indexesOfId.get(result.facts.id)
    if (indexes === undefined) indexesOfId.set(result.facts.id, [index])
    else indexes.push(index)
  }
  // A subscription id given twice would be counted twice: refuse every copy.
  const counted: { index: number; facts: StripeSubscriptionFacts }[] = []
  for (const entry of read) {
    const indexes = indexesOfId.get(entry.facts.id) as number[]
    if (indexes.length > 1) {
      issuesByIndex.set(entry.index, [
        {
          path: ['id'],
          message: `the subscription id ${describeValue(entry.facts.id)} appears at indexes ${indexes.join(', ')}; pass each subscription once`,
        },
      ])
      if (!rejectedIds.has(entry.facts.id)) rejectedIds.set(entry.facts.id, entry.index)
    } else counted.push(entry)
  }
  const history =
    eventIterator === null ? null : readHistory(eventIterator, counted, rejectedIds, resolve)
  if (history !== null)
    for (const [index, issues] of history.subscriptionIssues) issuesByIndex.set(index, issues)
  // MRR of every subscription at every month end, as an exact fraction of minor units.
  interface Contribution {
    readonly index: number
    readonly id: string
    readonly currency: string
    readonly value: MonthlyValue
  }
  const byCustomerMonth = new Map<string, Map<number, Contribution[]>>()
  for (const { index, facts } of counted) {
    if (issuesByIndex.has(index)) continue
    const timeline = history?.timelines.get(index)
    const monthly: (MonthlyValue | null)[] = []
    const states: (StripeSubscriptionFacts | null)[] = []
    // Month ends with the same state, items and discounts in force have the same MRR: value once.
    const caches = new Map<StripeSubscriptionFacts, Map<string, MonthlyValue>>()
    let passed = 0
    let stateLabel = ''
    try {
      for (let slot = 0; slot < months.length; slot++) {
        const month = months[slot] as MonthEnd
        let state: StripeSubscriptionFacts | null = facts
        if (timeline !== undefined) {
          const steps = timeline.steps
          while (passed < steps.length && (steps[passed] as Step).event.createdMs <= month.endMs)
            passed++
          if (passed === 0) {
            state = timeline.before
            stateLabel = ` (as before its first event, events[${(steps[0] as Step).event.index}])`
          } else if (passed < steps.length) {
            const latest = (steps[passed - 1] as Step).event
            state = (steps[passed - 1] as Step).facts
            stateLabel = ` (as of the event ${describeValue(latest.id)}, events[${latest.index}])`
          } else stateLabel = ''
        }
        states.push(state)
        if (state === null) {
          monthly.push(null)
          continue
        }
        let cache = caches.get(state)
        if (cache === undefined) {
          cache = new Map()
          caches.set(state, cache)
        }
        monthly.push(subscriptionMrr(state, month, resolve, cache))
      }
    } catch (error) {
      if (error instanceof MetricInputError) throw error
      issuesByIndex.set(index, [
        {
          path: [],
          message: `the subscription could not be valued${stateLabel}: ${thrown(error)}`,
        },
      ])
      continue
    }
    for (let slot = 0; slot < months.length; slot++) {
      const value = monthly[slot] as MonthlyValue | null
      if (value === null || !value.positive) continue
      const state = states[slot] as StripeSubscriptionFacts
      let perMonth = byCustomerMonth.get(state.customer)
      if (perMonth === undefined) {
        perMonth = new Map()
        byCustomerMonth.set(state.customer, perMonth)
      }
      const list = perMonth.get(slot)
      const contribution = { index, id: state.id, currency: state.currency, value }
      if (list === undefined) perMonth.set(slot, [contribution])
      else list.push(contribution)
    }
  }
  // One currency per customer and month: refuse every subscription of a mixed month (one
  // issue per subscription, naming the first such month).
  const conflicted = new Set<number>()
  for (const [customer, perMonth] of byCustomerMonth) {
    const slots = [...perMonth.keys()].sort((a, b) => a - b)
    for (const slot of slots) {
      const list = perMonth.get(slot) as Contribution[]
      const currencies = [...new Set(list.map((entry) => entry.currency.toUpperCase()))].sort()
      if (currencies.length < 2) continue
      for (const entry of list) {
        if (conflicted.has(entry.index)) continue
        conflicted.add(entry.index)
        const issues = issuesByIndex.get(entry.index) ?? []
        issues.push({
          path: ['currency'],
          message: `customer ${describeValue(customer)} pays in ${currencies.join(' and ')} at the end of ${(months[slot] as MonthEnd).label}; one currency per customer and month (convert first, or split the customer)`,
        })
        issuesByIndex.set(entry.index, issues)
      }
    }
  }
  const records: StripeMrrRecord[] = []
  const customers = [...byCustomerMonth.keys()].sort()
  for (let slot = 0; slot < months.length; slot++) {
    for (const customer of customers) {
      const list = byCustomerMonth.get(customer)?.get(slot)
      if (list === undefined) continue
      const ids: string[] = []
      let currency = ''
      // Fast path: whole numerators summed as numbers, T = Σ units × L / d, while safe.
      let common = 1
      let fast = true
      for (const entry of list) {
        if (conflicted.has(entry.index)) continue
        ids.push(entry.id)
        currency = entry.currency
        if (entry.value.units === null) fast = false
        common = leastCommonMultiple(common, entry.value.denominator)
      }
      if (ids.length === 0) continue
      let total = 0
      if (fast) {
        for (const entry of list) {
          if (!conflicted.has(entry.index))
            total += (entry.value.units as number) * (common / entry.value.denominator)
        }
        fast = Number.isSafeInteger(2 * total + common)
      }
      const amount = fast
        ? new MoneyDecimal(Math.floor((2 * total + common) / (2 * common))).dividedBy(
            10 ** stripeMinorUnitDigits(currency),
          )
        : exactAmount(list, conflicted, stripeMinorUnitDigits(currency))
      if (!amount.greaterThan(0)) continue
      records.push({
        accountId: customer,
        month: (months[slot] as MonthEnd).label,
        amount,
        currency: currency.toUpperCase(),
        subscriptions: ids.sort(),
      })
    }
  }
  const rejected = byIndex(issuesByIndex)
  if (history === null) return { records, rejected }
  // The events of a subscription rejected after its history was read were not used either.
  for (const [index, timeline] of history.timelines) {
    if (!issuesByIndex.has(index)) continue
    for (const { event } of timeline.steps)
      history.eventIssues.set(event.index, [
        { path: [], message: `its subscription (subscriptions[${index}]) is rejected` },
      ])
  }
  return { records, rejected, rejectedEvents: byIndex(history.eventIssues) }
}

function byIndex(issuesByIndex: ReadonlyMap<number, RecordIssue[]>): RejectedRecord[] {
  return [...issuesByIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, issues]) => ({ index, issues }))
}

/** Reads an event's subscription, its discount ids taken from the current subscription. */
function readEventState(
  object: Record<string, unknown>,
  known: ReadonlyMap<string, Record<string, unknown>>,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
): { facts: StripeSubscriptionFacts | null; issues: RecordIssue[] } {
  const unknown: RecordIssue[] = []
  let expanded: Record<string, unknown>
  try {
    expanded = expandDiscountIds(object, known, unknown)
  } catch (error) {
    return {
      facts: null,
      issues: [{ path: [], message: `the subscription could not be read: ${thrown(error)}` }],
    }
  }
  if (unknown.length > 0) return { facts: null, issues: unknown }
  return readState(expanded, resolve)
}

/** One event of a subscription's history with the state it carries. */
interface Step {
  readonly event: StripeEventFacts
  readonly facts: StripeSubscriptionFacts
}

/** A subscription's history, in event order. */
interface Timeline {
  /** The state before the first event; `null` when that event is `.created`. */
  readonly before: StripeSubscriptionFacts | null
  readonly steps: readonly Step[]
}

/** True when two copies of an event id say the same thing. */
function sameEvent(a: StripeEventFacts, b: StripeEventFacts): boolean {
  if (a.createdMs !== b.createdMs || a.type !== b.type || a.subscriptionId !== b.subscriptionId)
    return false
  try {
    return (
      JSON.stringify(a.object) === JSON.stringify(b.object) &&
      JSON.stringify(a.previous) === JSON.stringify(b.previous)
    )
  } catch {
    return false
  }
}

/** Reads the events into one timeline per counted subscription, and the events not used. */
function readHistory(
  iterator: Iterator<unknown>,
  counted: readonly { index: number; facts: StripeSubscriptionFacts }[],
  rejectedIds: ReadonlyMap<string, number>,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
): {
  timelines: Map<number, Timeline>
  eventIssues: Map<number, RecordIssue[]>
  subscriptionIssues: Map<number, RecordIssue[]>
} {
  const eventIssues = new Map<number, RecordIssue[]>()
  const copiesOfId = new Map<string, StripeEventFacts[]>()
  for (let index = 0; ; index++) {
    const { done, value } = step(iterator, 'events', index, MAX_EVENTS)
    if (done) break
    let result: ReturnType<typeof readStripeEvent>
    try {
      result = readStripeEvent(value, index)
    } catch (error) {
      result = {
        facts: null,
        issues: [{ path: [], message: `the event could not be read: ${thrown(error)}` }],
      }
    }
    if (result.facts === null) {
      eventIssues.set(index, result.issues)
      continue
    }
    const copies = copiesOfId.get(result.facts.id)
    if (copies === undefined) copiesOfId.set(result.facts.id, [result.facts])
    else copies.push(result.facts)
  }
  const countedOfId = new Map<string, number>()
  const rawOf = new Map<number, unknown>()
  for (const { index, facts } of counted) {
    countedOfId.set(facts.id, index)
    rawOf.set(index, facts.raw)
  }
  const eventsOf = new Map<number, StripeEventFacts[]>()
  /** Subscriptions whose history has an event id with two contents: which one happened? */
  const ambiguous = new Map<string, string>()
  for (const [id, copies] of copiesOfId) {
    const first = copies[0] as StripeEventFacts
    if (copies.length > 1) {
      let same = true
      for (let slot = 1; slot < copies.length && same; slot++)
        same = sameEvent(first, copies[slot] as StripeEventFacts)
      for (let slot = same ? 1 : 0; slot < copies.length; slot++)
        eventIssues.set((copies[slot] as StripeEventFacts).index, [
          {
            path: ['id'],
            message: same
              ? `the event ${describeValue(id)} repeats events[${first.index}], which is read instead (Stripe may deliver an event more than once)`
              : `the event id ${describeValue(id)} appears at indexes ${copies.map((copy) => copy.index).join(', ')} with different contents; pass each event once`,
          },
        ])
      if (!same) {
        for (const copy of copies)
          if (!ambiguous.has(copy.subscriptionId))
            ambiguous.set(
              copy.subscriptionId,
              `its history is ambiguous: the event id ${describeValue(id)} appears at indexes ${copies.map((entry) => entry.index).join(', ')} of events with different contents`,
            )
        continue
      }
    }
    const owner = countedOfId.get(first.subscriptionId)
    if (owner === undefined) {
      const at = rejectedIds.get(first.subscriptionId)
      eventIssues.set(first.index, [
        {
          path: ['data', 'object', 'id'],
          message:
            at === undefined
              ? `no subscription in subscriptions has the id ${describeValue(first.subscriptionId)}; pass its current object too (GET /v1/subscriptions?status=all)`
              : `its subscription (subscriptions[${at}]) is rejected`,
        },
      ])
      continue
    }
    const list = eventsOf.get(owner)
    if (list === undefined) eventsOf.set(owner, [first])
    else list.push(first)
  }
  const timelines = new Map<number, Timeline>()
  const subscriptionIssues = new Map<number, RecordIssue[]>()
  for (const [id, message] of ambiguous) {
    const owner = countedOfId.get(id)
    if (owner === undefined) continue
    subscriptionIssues.set(owner, [{ path: [], message }])
    for (const event of eventsOf.get(owner) ?? [])
      eventIssues.set(event.index, [
        { path: [], message: `its subscription (subscriptions[${owner}]) is rejected: ${message}` },
      ])
    eventsOf.delete(owner)
  }
  for (const [owner, list] of eventsOf) {
    list.sort(compareEvents)
    const steps: Step[] = []
    let failed: StripeEventFacts | null = null
    const known = knownDiscounts(rawOf.get(owner))
    for (const event of list) {
      const state = readEventState(event.object, known, resolve)
      if (state.facts !== null) {
        steps.push({ event, facts: state.facts })
        continue
      }
      eventIssues.set(
        event.index,
        state.issues.map((issue) => ({
          path: ['data', 'object', ...issue.path],
          message: issue.message,
        })),
      )
      failed ??= event
    }
    const first = list[0] as StripeEventFacts
    let before: StripeSubscriptionFacts | null = null
    if (failed === null && first.type !== 'customer.subscription.created') {
      let state: ReturnType<typeof readState>
      try {
        state = readEventState(stateBefore(first.object, first.previous), known, resolve)
      } catch (error) {
        state = { facts: null, issues: [{ path: [], message: thrown(error) }] }
      }
      before = state.facts
      if (state.facts === null) {
        eventIssues.set(
          first.index,
          state.issues.map((issue) => ({
            path: ['data', 'previous_attributes', ...issue.path],
            message: `the subscription before this event (data.object with data.previous_attributes written back) cannot be read: ${issue.message}`,
          })),
        )
        failed = first
      }
    }
    if (failed !== null) {
      subscriptionIssues.set(owner, [
        {
          path: [],
          message: `its history cannot be read: the event ${describeValue(failed.id)} (events[${failed.index}]) is rejected`,
        },
      ])
      for (const event of list)
        if (!eventIssues.has(event.index))
          eventIssues.set(event.index, [
            {
              path: [],
              message: `its subscription (subscriptions[${owner}]) is rejected: another of its events cannot be read`,
            },
          ])
      continue
    }
    timelines.set(owner, { before, steps })
  }
  return { timelines, eventIssues, subscriptionIssues }
}

/** Reasons to refuse a subscription with a tiered or metered item when nothing resolves it. */
function refusals(facts: StripeSubscriptionFacts): RecordIssue[] {
  const issues: RecordIssue[] = []
  for (const item of facts.items) {
    if (item.refusal !== null) issues.push({ path: [...item.path, 'price'], message: item.refusal })
  }
  return issues
}

function active(discount: StripeDiscountFacts, time: number): boolean {
  return discount.startMs <= time && time < discount.endMs
}

/** Applies one discount to the eligible amounts (one billing period, minor units), in place. */
function applyDiscount(
  amounts: Decimal[],
  products: readonly (string | null)[],
  discount: StripeDiscountFacts,
): void {
  const eligible = (slot: number) =>
    discount.products === null ||
    (products[slot] !== null && discount.products.has(products[slot] as string))
  if (discount.kind === 'percent') {
    const keep = new StripeDecimal(100).minus(discount.value).dividedBy(100)
    for (let slot = 0; slot < amounts.length; slot++) {
      if (eligible(slot)) amounts[slot] = (amounts[slot] as Decimal).times(keep)
    }
    return
  }
  // amount_off: taken off the eligible subtotal, never below zero (item by item, in order).
  let left = discount.value
  for (let slot = 0; slot < amounts.length && left.greaterThan(0); slot++) {
    if (!eligible(slot)) continue
    const amount = amounts[slot] as Decimal
    const taken = StripeDecimal.min(amount, left)
    amounts[slot] = amount.minus(taken)
    left = left.minus(taken)
  }
}

/** The subscription's MRR at the end of `month` in minor units, or `null` when it does not count. */
function subscriptionMrr(
  facts: StripeSubscriptionFacts,
  month: MonthEnd,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
  cache: Map<string, MonthlyValue>,
): MonthlyValue | null {
  const time = month.endMs
  if (facts.neverPaid || time < facts.startMs || time >= facts.endMs) return null
  if (facts.trialStartMs <= time && time < facts.trialEndMs) return null
  // The state at this instant: which items exist and which discounts are in force.
  let state = ''
  let cacheable = true
  for (const item of facts.items) {
    if (item.perPeriod === null) cacheable = false
    state += item.createdMs !== null && item.createdMs > time ? '0' : '1'
    for (const discount of item.discounts) state += active(discount, time) ? '1' : '0'
  }
  for (const discount of facts.discounts) state += active(discount, time) ? '1' : '0'
  const known = cacheable ? cache.get(state) : undefined
  if (known !== undefined) return known
  const value = valueAt(facts, month, resolve)
  if (cacheable) cache.set(state, value)
  return value
}

/** The subscription's MRR at the end of `month` (minor units), when it counts then. */
function valueAt(
  facts: StripeSubscriptionFacts,
  month: MonthEnd,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
): MonthlyValue {
  const time = month.endMs
  const amounts: Decimal[] = []
  const products: (string | null)[] = []
  for (const item of facts.items) {
    if (item.createdMs !== null && item.createdMs > time) continue
    let amount = item.perPeriod ?? resolveItem(facts, item, month, resolve)
    for (const discount of item.discounts) {
      if (!active(discount, time)) continue
      const one = [amount]
      applyDiscount(one, [item.product], discount)
      amount = one[0] as Decimal
    }
    amounts.push(amount)
    products.push(item.product)
  }
  for (const discount of facts.discounts) {
    if (active(discount, time)) applyDiscount(amounts, products, discount)
  }
  let total = new StripeDecimal(0)
  for (const amount of amounts) total = total.plus(amount)
  const { multiplier, divisor } = TO_MONTH[facts.interval]
  // Finite decimals throughout: the per-period amount × multiplier is exact; the division
  // waits until the customer's total (roundedMajorUnits).
  const numerator = total.times(multiplier)
  if (numerator.precision(true) > MAX_DIGITS)
    throw new Error(
      `its monthly amount ${numerator.toFixed()} (minor units) has more than ${MAX_DIGITS} digits`,
    )
  const whole = numerator.isInteger() && numerator.lessThan(FAST_LIMIT)
  return {
    numerator: numerator.toFixed(),
    units: whole ? numerator.toNumber() : null,
    denominator: divisor * facts.intervalCount,
    positive: numerator.greaterThan(0),
  }
}

/**
 * Σ numerator ÷ denominator over the contributions, rounded half up to a whole minor unit, in
 * major units: exact, as floor((2T + L) / 2L) with L the least common multiple of the
 * denominators and T = Σ (scaled-integer sum of the numerators over d) × L / d.
 */
function exactAmount(
  list: readonly { readonly index: number; readonly value: MonthlyValue }[],
  conflicted: ReadonlySet<number>,
  digits: number,
): Decimal {
  const sums = new Map<number, MoneySum>()
  let common = 1
  for (const entry of list) {
    if (conflicted.has(entry.index)) continue
    let sum = sums.get(entry.value.denominator)
    if (sum === undefined) {
      sum = createMoneySum()
      sums.set(entry.value.denominator, sum)
      common = leastCommonMultiple(common, entry.value.denominator)
    }
    addMoney(sum, entry.value.numerator, MONEY_CONTEXT, entry.index)
  }
  let total = new StripeDecimal(0)
  for (const [denominator, sum] of sums)
    total = total.plus(new StripeDecimal(moneySumValue(sum).toFixed()).times(common / denominator))
  const minor = total
    .times(2)
    .plus(common)
    .dividedToIntegerBy(2 * common)
  return new MoneyDecimal(minor.toFixed()).dividedBy(10 ** digits)
}

function leastCommonMultiple(a: number, b: number): number {
  let x = a
  let y = b
  while (y !== 0) [x, y] = [y, x % y]
  return (a / x) * b
}

const MINOR_AMOUNT = /^\d{1,15}(\.\d{1,12})?$/

function resolveItem(
  facts: StripeSubscriptionFacts,
  item: StripeItemFacts,
  month: MonthEnd,
  resolve: StripeMrrOptions['resolvePrice'] | undefined,
): Decimal {
  if (resolve === undefined) throw new Error(item.refusal ?? 'the price has no amount')
  const value = resolve({
    subscription: facts.raw,
    item: item.item,
    price: item.price,
    month: month.label,
  })
  let text: string | null = null
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) text = String(value)
  else if (typeof value === 'string') text = value
  else if (StripeDecimal.isDecimal(value)) text = (value as Decimal).toFixed()
  if (value === null || value === undefined)
    throw new Error(`resolvePrice refused ${item.path.join('.')} for ${month.label}`)
  if (text === null || !(MINOR_AMOUNT.test(text) || /^\d+(\.\d+)?e[+-]?\d+$/i.test(text)))
    throw invalidOption(
      ['resolvePrice'],
      `resolvePrice returned ${describeValue(value)} for ${item.path.join('.')}; it must return an amount ≥ 0 in minor units, or null`,
    )
  const amount = new StripeDecimal(text)
  if (!amount.isFinite() || amount.isNegative())
    throw invalidOption(
      ['resolvePrice'],
      `resolvePrice returned ${describeValue(value)} for ${item.path.join('.')}; it must return an amount ≥ 0 in minor units, or null`,
    )
  return amount
}
