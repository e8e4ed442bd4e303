import type { Decimal } from 'decimal.js'
import { describeValue } from '../../core/describeValue.js'
import type { RecordIssue } from '../../schemas/parseRecords.js'
import { StripeDecimal } from './stripeDecimal.js'

/**
 * Reads one Stripe Subscription API object (as JSON) into the few facts `stripeMrr` needs,
 * or the list of reasons it cannot be read. Never copies a key of the input; reads only the
 * documented fields. Internal.
 */

/** Stripe's subscription statuses (https://docs.stripe.com/api/subscriptions/object#subscription_object-status). */
const STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const
type Status = (typeof STATUSES)[number]

/** Statuses that never produced a paid period: no MRR in any month. */
const NEVER_PAID: readonly Status[] = ['incomplete', 'incomplete_expired', 'paused']

export const BILLING_INTERVALS = ['day', 'week', 'month', 'year'] as const
export type BillingInterval = (typeof BILLING_INTERVALS)[number]

/** Most items read per subscription (Stripe allows 20: docs.stripe.com/billing/subscriptions/multiple-products). */
export const MAX_ITEMS = 100
/** Most discounts read per subscription or item (Stripe allows 20 per subscription). */
export const MAX_DISCOUNTS = 100
/** Longest id (customer, subscription, product) accepted; Stripe ids are well under 255. */
export const MAX_ID_LENGTH = 255
/** Latest timestamp accepted, 9999-12-31T23:59:59Z, in seconds. */
const MAX_SECONDS = 253_402_300_799
/** An amount or unit_amount_decimal in minor units: up to 15 integer digits and 12 decimals. */
const DECIMAL_AMOUNT = /^\d{1,15}(\.\d{1,12})?$/

/** One discount, read. */
export interface StripeDiscountFacts {
  readonly kind: 'percent' | 'amount'
  /** Percent off (0 < p ≤ 100), or the amount off one invoice in minor units. */
  readonly value: Decimal
  /** Active from `startMs` (inclusive) to `endMs` (exclusive; `Infinity` for forever). */
  readonly startMs: number
  readonly endMs: number
  /** Products the coupon is limited to (`coupon.applies_to.products`), or `null` for all. */
  readonly products: ReadonlySet<string> | null
}

/** One subscription item, read. */
export interface StripeItemFacts {
  readonly path: readonly (string | number)[]
  readonly product: string | null
  /** When the item was added (`created`), ms; `null` when absent (counted from the start). */
  readonly createdMs: number | null
  /** The item's amount for one billing period in minor units; `null` when it needs `resolvePrice`. */
  readonly perPeriod: Decimal | null
  /** Why the price cannot be valued alone (tiered, metered), when `perPeriod` is `null`. */
  readonly refusal: string | null
  readonly item: unknown
  readonly price: unknown
  readonly discounts: readonly StripeDiscountFacts[]
}

/** One subscription, read. */
export interface StripeSubscriptionFacts {
  readonly id: string
  readonly customer: string
  /** Lower case, as Stripe writes it. */
  readonly currency: string
  readonly interval: BillingInterval
  readonly intervalCount: number
  readonly startMs: number
  /** The instant it stops counting (ended, canceled, cancel_at, period end); `Infinity` if none. */
  readonly endMs: number
  readonly trialStartMs: number
  readonly trialEndMs: number
  readonly neverPaid: boolean
  readonly items: readonly StripeItemFacts[]
  readonly discounts: readonly StripeDiscountFacts[]
  readonly raw: unknown
}

type Path = readonly (string | number)[]

/** The issues found while reading one subscription. */
interface Issues {
  readonly list: RecordIssue[]
  add(path: Path, message: string): void
}

function createIssues(): Issues {
  const list: RecordIssue[] = []
  return { list, add: (path, message) => list.push({ path: [...path], message }) }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An own data property's value (never the prototype's, never a key like `__proto__`'s getter). */
function field(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

function readId(value: unknown, path: Path, issues: Issues, what: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    issues.add(
      path,
      `${what} is ${describeValue(value)}; it must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
    )
    return null
  }
  return value
}

/** A Unix timestamp in seconds → ms; `null` for absent/null; `undefined` (and an issue) when invalid. */
function readSeconds(value: unknown, path: Path, issues: Issues): number | null | undefined {
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS) {
    issues.add(
      path,
      `${path.join('.')} is ${describeValue(value)}; it must be a Unix timestamp in whole seconds`,
    )
    return undefined
  }
  return value * 1000
}

/** Adds `count` billing intervals to `ms`, in UTC (months clamp to the month's last day). */
export function addInterval(ms: number, interval: BillingInterval, count: number): number {
  if (interval === 'day') return ms + count * 86_400_000
  if (interval === 'week') return ms + count * 7 * 86_400_000
  return addMonths(ms, interval === 'year' ? 12 * count : count)
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms)
  const day = date.getUTCDate()
  const target = new Date(ms)
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() + months)
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.getTime()
}

/** The customer id of `customer` (an id or an expanded, possibly deleted, Customer object). */
function readCustomer(value: unknown, issues: Issues): string | null {
  if (isObject(value)) return readId(field(value, 'id'), ['customer', 'id'], issues, 'customer.id')
  return readId(value, ['customer'], issues, 'customer')
}

/** Reads the price (or legacy plan) of an item. */
function readPrice(
  item: Record<string, unknown>,
  path: Path,
  issues: Issues,
): {
  price: unknown
  currency: string | null
  interval: BillingInterval
  count: number
  product: string | null
  unit: Decimal | null
  refusal: string | null
  transform: { divideBy: number; round: 'up' | 'down' } | null
} | null {
  let price = field(item, 'price')
  let pricePath: Path = [...path, 'price']
  let legacy = false
  if (price === undefined || price === null) {
    price = field(item, 'plan')
    pricePath = [...path, 'plan']
    legacy = true
  }
  if (typeof price === 'string') {
    issues.add(
      pricePath,
      `${pricePath.join('.')} is the id ${describeValue(price)}; pass subscriptions with their prices expanded`,
    )
    return null
  }
  if (!isObject(price)) {
    issues.add(
      pricePath,
      `${pricePath.join('.')} is ${describeValue(price)}; every item needs its price object`,
    )
    return null
  }
  const before = issues.list.length
  const currencyValue = field(price, 'currency')
  const currency =
    typeof currencyValue === 'string' && /^[a-z]{3}$/.test(currencyValue) ? currencyValue : null
  if (currencyValue !== undefined && currency === null)
    issues.add(
      [...pricePath, 'currency'],
      `currency is ${describeValue(currencyValue)}; it must be a three-letter lower-case ISO code`,
    )
  const productValue = field(price, 'product')
  const product =
    typeof productValue === 'string'
      ? productValue
      : isObject(productValue) && typeof field(productValue, 'id') === 'string'
        ? (field(productValue, 'id') as string)
        : null
  // Legacy plans carry interval fields on the plan itself; prices under `recurring`.
  let recurring: Record<string, unknown> | null = null
  let recurringPath: Path = pricePath
  if (legacy) recurring = price
  else {
    const value = field(price, 'recurring')
    recurringPath = [...pricePath, 'recurring']
    if (isObject(value)) recurring = value
    else {
      issues.add(
        recurringPath,
        `${recurringPath.join('.')} is ${describeValue(value)}; a subscription item's price must be recurring`,
      )
      return null
    }
  }
  const intervalValue = field(recurring, 'interval')
  const interval = (BILLING_INTERVALS as readonly unknown[]).includes(intervalValue)
    ? (intervalValue as BillingInterval)
    : null
  if (interval === null)
    issues.add(
      [...recurringPath, 'interval'],
      `interval is ${describeValue(intervalValue)}; it must be 'day', 'week', 'month' or 'year'`,
    )
  const countValue = field(recurring, 'interval_count') ?? 1
  const countOk =
    typeof countValue === 'number' &&
    Number.isInteger(countValue) &&
    countValue >= 1 &&
    countValue <= 1200
  if (!countOk)
    issues.add(
      [...recurringPath, 'interval_count'],
      `interval_count is ${describeValue(countValue)}; it must be a whole number from 1 to 1200`,
    )
  const usage = field(recurring, 'usage_type') ?? 'licensed'
  const scheme = field(price, 'billing_scheme') ?? 'per_unit'
  let refusal: string | null = null
  let unit: Decimal | null = null
  if (scheme === 'tiered') {
    refusal = `the price ${describeValue(field(price, 'id'))} is tiered (billing_scheme 'tiered'); its amount depends on tiers this adapter does not guess — pass resolvePrice to value it`
  } else if (usage === 'metered') {
    refusal = `the price ${describeValue(field(price, 'id'))} is metered (usage_type 'metered'); its amount depends on usage — pass resolvePrice to value it`
  } else if (scheme !== 'per_unit' || usage !== 'licensed') {
    issues.add(
      pricePath,
      `billing_scheme ${describeValue(scheme)} with usage_type ${describeValue(usage)} is not a Stripe price scheme`,
    )
  } else {
    unit = readUnitAmount(price, pricePath, legacy, issues)
  }
  let transform: { divideBy: number; round: 'up' | 'down' } | null = null
  const transformValue = field(price, 'transform_quantity')
  if (transformValue !== undefined && transformValue !== null) {
    const divideBy = isObject(transformValue) ? field(transformValue, 'divide_by') : undefined
    const round = isObject(transformValue) ? field(transformValue, 'round') : undefined
    if (
      typeof divideBy === 'number' &&
      Number.isInteger(divideBy) &&
      divideBy >= 1 &&
      (round === 'up' || round === 'down')
    )
      transform = { divideBy, round }
    else
      issues.add(
        [...pricePath, 'transform_quantity'],
        `transform_quantity is not { divide_by: a whole number ≥ 1, round: 'up' | 'down' }`,
      )
  }
  if (issues.list.length > before || interval === null || !countOk) return null
  return {
    price,
    currency,
    interval,
    count: countValue as number,
    product,
    unit,
    refusal,
    transform,
  }
}

/** `unit_amount_decimal` (preferred, exact) or `unit_amount`, in minor units. */
function readUnitAmount(
  price: Record<string, unknown>,
  path: Path,
  legacy: boolean,
  issues: Issues,
): Decimal | null {
  const decimalKey = legacy ? 'amount_decimal' : 'unit_amount_decimal'
  const integerKey = legacy ? 'amount' : 'unit_amount'
  const decimal = field(price, decimalKey)
  if (decimal !== undefined && decimal !== null) {
    if (typeof decimal === 'string' && DECIMAL_AMOUNT.test(decimal))
      return new StripeDecimal(decimal)
    issues.add(
      [...path, decimalKey],
      `${decimalKey} is ${describeValue(decimal)}; it must be a decimal string of minor units such as '1000' or '12.5'`,
    )
    return null
  }
  const integer = field(price, integerKey)
  if (typeof integer === 'number' && Number.isSafeInteger(integer) && integer >= 0)
    return new StripeDecimal(integer)
  issues.add(
    [...path, integerKey],
    `${integerKey} is ${describeValue(integer)}; it must be a whole number of minor units ≥ 0 (or give ${decimalKey})`,
  )
  return null
}

/** Reads a list of discounts (expanded Discount objects), subscription- or item-level. */
function readDiscounts(
  value: unknown,
  path: Path,
  currency: string,
  interval: BillingInterval,
  count: number,
  issues: Issues,
): StripeDiscountFacts[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    issues.add(path, `${path.join('.')} is ${describeValue(value)}; it must be a list of discounts`)
    return []
  }
  if (value.length > MAX_DISCOUNTS) {
    issues.add(
      path,
      `${path.join('.')} has ${value.length} entries; at most ${MAX_DISCOUNTS} are read`,
    )
    return []
  }
  const discounts: StripeDiscountFacts[] = []
  for (let index = 0; index < value.length; index++) {
    const read = readDiscount(value[index], [...path, index], currency, interval, count, issues)
    if (read !== null) discounts.push(read)
  }
  return discounts
}

function readDiscount(
  value: unknown,
  path: Path,
  currency: string,
  interval: BillingInterval,
  count: number,
  issues: Issues,
): StripeDiscountFacts | null {
  if (typeof value === 'string') {
    issues.add(
      path,
      `${path.join('.')} is the id ${describeValue(value)}; request subscriptions with expand[]=data.discounts so each discount is an object`,
    )
    return null
  }
  if (!isObject(value)) {
    issues.add(path, `${path.join('.')} is ${describeValue(value)}; it must be a Discount object`)
    return null
  }
  // API versions before 2025-03-31 put the coupon in `coupon`, later ones in `source.coupon`.
  let coupon = field(value, 'coupon')
  let couponPath: Path = [...path, 'coupon']
  if (coupon === undefined || coupon === null) {
    const source = field(value, 'source')
    coupon = isObject(source) ? field(source, 'coupon') : undefined
    couponPath = [...path, 'source', 'coupon']
  }
  if (typeof coupon === 'string') {
    issues.add(
      couponPath,
      `${couponPath.join('.')} is the id ${describeValue(coupon)}; expand the discount's coupon (expand[]=data.discounts.source.coupon)`,
    )
    return null
  }
  if (!isObject(coupon)) {
    issues.add(
      couponPath,
      `${couponPath.join('.')} is ${describeValue(coupon)}; a discount needs its coupon`,
    )
    return null
  }
  const before = issues.list.length
  const startMs = readSeconds(field(value, 'start'), [...path, 'start'], issues)
  const endMs = readSeconds(field(value, 'end'), [...path, 'end'], issues)
  if (startMs === null)
    issues.add([...path, 'start'], 'start is missing; a discount needs the time it was applied')
  const percent = field(coupon, 'percent_off')
  const amount = field(coupon, 'amount_off')
  let kind: 'percent' | 'amount' = 'percent'
  let discountValue: Decimal | null = null
  if (percent !== undefined && percent !== null) {
    if (typeof percent === 'number' && Number.isFinite(percent) && percent > 0 && percent <= 100)
      discountValue = new StripeDecimal(percent)
    else
      issues.add(
        [...couponPath, 'percent_off'],
        `percent_off is ${describeValue(percent)}; it must be a number above 0 and at most 100`,
      )
  } else if (amount !== undefined && amount !== null) {
    kind = 'amount'
    let off: unknown = amount
    const couponCurrency = field(coupon, 'currency')
    if (couponCurrency !== currency) {
      const options = field(coupon, 'currency_options')
      const option = isObject(options) ? field(options, currency) : undefined
      off = isObject(option) ? field(option, 'amount_off') : undefined
      if (off === undefined)
        issues.add(
          [...couponPath, 'currency'],
          `the coupon takes ${describeValue(amount)} off in ${describeValue(couponCurrency)} but the subscription is in ${describeValue(currency)} and the coupon has no currency_options for it`,
        )
    }
    if (off !== undefined) {
      if (typeof off === 'number' && Number.isSafeInteger(off) && off > 0)
        discountValue = new StripeDecimal(off)
      else
        issues.add(
          [...couponPath, 'amount_off'],
          `amount_off is ${describeValue(off)}; it must be a whole number of minor units above 0`,
        )
    }
  } else {
    issues.add(couponPath, 'the coupon has neither percent_off nor amount_off')
  }
  const duration = field(coupon, 'duration')
  let end = endMs ?? Number.POSITIVE_INFINITY
  if (startMs !== null && startMs !== undefined && endMs === null) {
    if (duration === 'once') end = addInterval(startMs, interval, count)
    else if (duration === 'repeating') {
      const months = field(coupon, 'duration_in_months')
      if (typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 1200)
        end = addMonths(startMs, months)
      else
        issues.add(
          [...couponPath, 'duration_in_months'],
          `duration_in_months is ${describeValue(months)}; a repeating coupon needs a whole number of months`,
        )
    } else if (duration !== 'forever')
      issues.add(
        [...couponPath, 'duration'],
        `duration is ${describeValue(duration)}; it must be 'once', 'repeating' or 'forever'`,
      )
  } else if (duration !== 'once' && duration !== 'repeating' && duration !== 'forever') {
    issues.add(
      [...couponPath, 'duration'],
      `duration is ${describeValue(duration)}; it must be 'once', 'repeating' or 'forever'`,
    )
  }
  let products: Set<string> | null = null
  const appliesTo = field(coupon, 'applies_to')
  if (isObject(appliesTo)) {
    const list = field(appliesTo, 'products')
    if (
      Array.isArray(list) &&
      list.length <= MAX_ITEMS * 10 &&
      list.every((id) => typeof id === 'string')
    )
      products = new Set(list as string[])
    else if (list !== undefined && list !== null)
      issues.add(
        [...couponPath, 'applies_to', 'products'],
        'applies_to.products must be a list of product ids',
      )
  }
  if (
    issues.list.length > before ||
    discountValue === null ||
    startMs === null ||
    startMs === undefined
  )
    return null
  return { kind, value: discountValue, startMs, endMs: end, products }
}

/** Reads one subscription; returns its facts or `null` with the reasons in `issues`. */
export function readStripeSubscription(raw: unknown): {
  facts: StripeSubscriptionFacts | null
  issues: RecordIssue[]
} {
  const issues = createIssues()
  const facts = readFacts(raw, issues)
  return { facts: issues.list.length > 0 ? null : facts, issues: issues.list }
}

function readFacts(raw: unknown, issues: Issues): StripeSubscriptionFacts | null {
  if (!isObject(raw)) {
    issues.add(
      [],
      `the subscription is ${describeValue(raw)}; it must be a Stripe Subscription object`,
    )
    return null
  }
  const object = field(raw, 'object')
  if (object !== undefined && object !== 'subscription') {
    issues.add(
      ['object'],
      `object is ${describeValue(object)}; only Stripe 'subscription' objects are read`,
    )
    return null
  }
  const id = readId(field(raw, 'id'), ['id'], issues, 'id')
  const customer = readCustomer(field(raw, 'customer'), issues)
  const statusValue = field(raw, 'status')
  const status = (STATUSES as readonly unknown[]).includes(statusValue)
    ? (statusValue as Status)
    : null
  if (status === null)
    issues.add(
      ['status'],
      `status is ${describeValue(statusValue)}; it must be one of ${STATUSES.join(', ')}`,
    )
  const startMs =
    readSeconds(field(raw, 'start_date'), ['start_date'], issues) ??
    readSeconds(field(raw, 'created'), ['created'], issues)
  if (startMs === null)
    issues.add(['start_date'], 'start_date is missing; a subscription needs the time it started')
  const endedMs = readSeconds(field(raw, 'ended_at'), ['ended_at'], issues)
  const canceledMs = readSeconds(field(raw, 'canceled_at'), ['canceled_at'], issues)
  const cancelAtMs = readSeconds(field(raw, 'cancel_at'), ['cancel_at'], issues)
  const trialStartMs = readSeconds(field(raw, 'trial_start'), ['trial_start'], issues)
  const trialEndMs = readSeconds(field(raw, 'trial_end'), ['trial_end'], issues)
  const atPeriodEnd = field(raw, 'cancel_at_period_end')
  if (atPeriodEnd !== undefined && atPeriodEnd !== null && typeof atPeriodEnd !== 'boolean')
    issues.add(
      ['cancel_at_period_end'],
      `cancel_at_period_end is ${describeValue(atPeriodEnd)}; it must be true or false`,
    )
  let periodEndMs = readSeconds(field(raw, 'current_period_end'), ['current_period_end'], issues)
  const currencyValue = field(raw, 'currency')
  let currency: string | null = null
  if (currencyValue !== undefined && currencyValue !== null) {
    if (typeof currencyValue === 'string' && /^[a-z]{3}$/.test(currencyValue))
      currency = currencyValue
    else
      issues.add(
        ['currency'],
        `currency is ${describeValue(currencyValue)}; it must be a three-letter lower-case ISO code such as 'usd'`,
      )
  }
  // Items.
  const itemsValue = field(raw, 'items')
  const data = isObject(itemsValue) ? field(itemsValue, 'data') : undefined
  if (!Array.isArray(data)) {
    issues.add(
      ['items', 'data'],
      `items.data is ${describeValue(data)}; a subscription needs its list of items`,
    )
    return null
  }
  if (data.length > MAX_ITEMS) {
    issues.add(
      ['items', 'data'],
      `items.data has ${data.length} items; at most ${MAX_ITEMS} are read (Stripe allows 20)`,
    )
    return null
  }
  if (isObject(itemsValue) && field(itemsValue, 'has_more') === true) {
    issues.add(
      ['items', 'has_more'],
      'items.has_more is true; list every item of the subscription (the list is cut short)',
    )
    return null
  }
  if (data.length === 0) {
    issues.add(['items', 'data'], 'items.data is empty; a subscription needs at least one item')
    return null
  }
  let interval: BillingInterval | null = null
  let intervalCount = 0
  const itemReads: {
    path: Path
    item: Record<string, unknown>
    read: NonNullable<ReturnType<typeof readPrice>>
    quantity: number
    createdMs: number | null
  }[] = []
  for (let index = 0; index < data.length; index++) {
    const path: Path = ['items', 'data', index]
    const item = data[index]
    if (!isObject(item)) {
      issues.add(
        path,
        `${path.join('.')} is ${describeValue(item)}; it must be a subscription item object`,
      )
      continue
    }
    const read = readPrice(item, path, issues)
    const quantityValue = field(item, 'quantity') ?? 1
    const quantityOk =
      typeof quantityValue === 'number' && Number.isSafeInteger(quantityValue) && quantityValue >= 0
    if (!quantityOk)
      issues.add(
        [...path, 'quantity'],
        `quantity is ${describeValue(quantityValue)}; it must be a whole number ≥ 0`,
      )
    const createdMs = readSeconds(field(item, 'created'), [...path, 'created'], issues)
    // Newer API versions (2025-03-31 and later) keep the period on the items.
    const itemPeriodEnd = readSeconds(
      field(item, 'current_period_end'),
      [...path, 'current_period_end'],
      issues,
    )
    if (
      typeof itemPeriodEnd === 'number' &&
      (periodEndMs === null || periodEndMs === undefined || itemPeriodEnd > periodEndMs)
    )
      periodEndMs = itemPeriodEnd
    if (read === null || !quantityOk || createdMs === undefined) continue
    if (currency === null) currency = read.currency
    if (read.currency !== null && read.currency !== currency) {
      issues.add(
        [...path, 'price', 'currency'],
        `the price is in ${describeValue(read.currency)} but the subscription is in ${describeValue(currency)}`,
      )
      continue
    }
    if (interval === null) {
      interval = read.interval
      intervalCount = read.count
    } else if (interval !== read.interval || intervalCount !== read.count) {
      issues.add(
        [...path, 'price', 'recurring'],
        `the item bills every ${read.count} ${read.interval} but an earlier item every ${intervalCount} ${interval}; Stripe bills all items of a subscription on one interval`,
      )
      continue
    }
    itemReads.push({ path, item, read, quantity: quantityValue as number, createdMs })
  }
  if (currency === null && issues.list.length === 0)
    issues.add(['currency'], 'currency is missing on the subscription and its prices')
  if (
    issues.list.length > 0 ||
    interval === null ||
    currency === null ||
    id === null ||
    customer === null ||
    status === null ||
    startMs === null ||
    startMs === undefined
  )
    return null
  const items: StripeItemFacts[] = []
  for (const { path, item, read, quantity, createdMs } of itemReads) {
    let units = quantity
    if (read.transform !== null) {
      const ratio = quantity / read.transform.divideBy
      units = read.transform.round === 'up' ? Math.ceil(ratio) : Math.floor(ratio)
    }
    const discounts = readDiscounts(
      field(item, 'discounts'),
      [...path, 'discounts'],
      currency,
      interval,
      intervalCount,
      issues,
    )
    items.push({
      path,
      product: read.product,
      createdMs,
      perPeriod: read.unit === null ? null : read.unit.times(units),
      refusal: read.refusal,
      item,
      price: read.price,
      discounts,
    })
  }
  // Subscription discounts: the expanded `discounts` list; when it is absent or empty, the legacy
  // `discount` (older API versions have only that one).
  const list = field(raw, 'discounts')
  const legacy = field(raw, 'discount')
  let discounts: StripeDiscountFacts[]
  if (Array.isArray(list) && list.length > 0) {
    const allIds = list.every((entry) => typeof entry === 'string')
    if (allIds && list.length === 1 && isObject(legacy) && field(legacy, 'id') === list[0])
      discounts = readDiscounts([legacy], ['discount'], currency, interval, intervalCount, issues)
    else discounts = readDiscounts(list, ['discounts'], currency, interval, intervalCount, issues)
  } else if (
    (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) &&
    legacy !== undefined &&
    legacy !== null
  ) {
    discounts = readDiscounts([legacy], ['discount'], currency, interval, intervalCount, issues)
  } else {
    discounts = readDiscounts(list, ['discounts'], currency, interval, intervalCount, issues)
  }
  // The instant the subscription stops counting.
  let endMs = Number.POSITIVE_INFINITY
  if (typeof endedMs === 'number') endMs = endedMs
  else if (status === 'canceled' && typeof canceledMs === 'number') endMs = canceledMs
  else if (typeof cancelAtMs === 'number') endMs = cancelAtMs
  else if (atPeriodEnd === true) {
    if (typeof periodEndMs === 'number') endMs = periodEndMs
    else
      issues.add(
        ['current_period_end'],
        'cancel_at_period_end is true but no current_period_end is given (on the subscription or its items)',
      )
  }
  if (status === 'canceled' && endMs === Number.POSITIVE_INFINITY)
    issues.add(
      ['ended_at'],
      'the subscription is canceled but has neither ended_at nor canceled_at',
    )
  if (issues.list.length > 0) return null
  // A trial: [trial_start, trial_end); a trialing subscription without trial_end is all trial.
  let trialFrom = Number.POSITIVE_INFINITY
  let trialTo = Number.NEGATIVE_INFINITY
  if (typeof trialEndMs === 'number') {
    trialFrom = typeof trialStartMs === 'number' ? trialStartMs : startMs
    trialTo = trialEndMs
  } else if (status === 'trialing') {
    trialFrom = typeof trialStartMs === 'number' ? trialStartMs : startMs
    trialTo = Number.POSITIVE_INFINITY
  }
  return {
    id,
    customer,
    currency,
    interval,
    intervalCount,
    startMs,
    endMs,
    trialStartMs: trialFrom,
    trialEndMs: trialTo,
    neverPaid: NEVER_PAID.includes(status),
    items,
    discounts,
    raw,
  }
}
