import { describeValue } from '../../core/describeValue.js'
import type { RecordIssue } from '../../schemas/parseRecords.js'

/**
 * The Stripe Event types whose `data.object` is a Subscription as of the event — the
 * history `stripeMrr` reads from its `events` option (any other type is rejected with a
 * reason). Filter `GET /v1/events` with `types[]=customer.subscription.*`.
 *
 * @example
 * ```ts
 * STRIPE_SUBSCRIPTION_EVENT_TYPES.includes('customer.subscription.updated') // => true
 * ```
 * @see https://docs.stripe.com/api/subscriptions (its "Events" list);
 *   https://docs.stripe.com/api/events/types
 * @category Sources
 */
export const STRIPE_SUBSCRIPTION_EVENT_TYPES = [
  'customer.subscription.created',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.pending_update_applied',
  'customer.subscription.pending_update_expired',
  'customer.subscription.resumed',
  'customer.subscription.trial_will_end',
  'customer.subscription.updated',
] as const

/**
 * One of {@link STRIPE_SUBSCRIPTION_EVENT_TYPES}.
 *
 * @category Sources
 */
export type StripeSubscriptionEventType = (typeof STRIPE_SUBSCRIPTION_EVENT_TYPES)[number]

/** Longest event or subscription id accepted. */
const MAX_ID_LENGTH = 255
/** Latest timestamp accepted, 9999-12-31T23:59:59Z, in seconds. */
const MAX_SECONDS = 253_402_300_799
/** Deepest nesting `previous_attributes` is written back to (a Subscription nests about 6). */
const MAX_DEPTH = 32
/** Keys never copied into a rebuilt object. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** One subscription event, read (its subscription state is read later). */
export interface StripeEventFacts {
  readonly index: number
  readonly id: string
  readonly type: StripeSubscriptionEventType
  /** `created` in ms (Stripe writes whole seconds). */
  readonly createdMs: number
  /** Same-second order: `.created` first, `.deleted` last, every other type between. */
  readonly rank: number
  readonly subscriptionId: string
  /** `data.object` as given. */
  readonly object: Record<string, unknown>
  /** `data.previous_attributes` as given, or `null`. */
  readonly previous: Record<string, unknown> | null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function field(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}

function rankOf(type: StripeSubscriptionEventType): number {
  if (type === 'customer.subscription.created') return 0
  if (type === 'customer.subscription.deleted') return 2
  return 1
}

/** Reads one Event object: its facts, or the reasons it is not a subscription event. */
export function readStripeEvent(
  raw: unknown,
  index: number,
): { facts: StripeEventFacts | null; issues: RecordIssue[] } {
  const issues: RecordIssue[] = []
  if (!isObject(raw)) {
    issues.push({
      path: [],
      message: `the event is ${describeValue(raw)}; it must be a Stripe Event object`,
    })
    return { facts: null, issues }
  }
  const object = field(raw, 'object')
  if (object !== undefined && object !== 'event')
    issues.push({
      path: ['object'],
      message: `object is ${describeValue(object)}; only Stripe 'event' objects are read here`,
    })
  const id = field(raw, 'id')
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH)
    issues.push({
      path: ['id'],
      message: `id is ${describeValue(id)}; it must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
    })
  const type = field(raw, 'type')
  const known = (STRIPE_SUBSCRIPTION_EVENT_TYPES as readonly unknown[]).includes(type)
  if (!known)
    issues.push({
      path: ['type'],
      message:
        typeof type === 'string' && type.startsWith('customer.subscription.')
          ? `type ${describeValue(type)} is not a documented subscription event type (${STRIPE_SUBSCRIPTION_EVENT_TYPES.join(', ')})`
          : `type is ${describeValue(type)}; only customer.subscription.* events carry a subscription's history`,
    })
  const created = field(raw, 'created')
  if (
    typeof created !== 'number' ||
    !Number.isInteger(created) ||
    created < 0 ||
    created > MAX_SECONDS
  )
    issues.push({
      path: ['created'],
      message: `created is ${describeValue(created)}; it must be a Unix timestamp in whole seconds`,
    })
  const data = field(raw, 'data')
  let subscription: Record<string, unknown> | null = null
  let previous: Record<string, unknown> | null = null
  let subscriptionId: string | null = null
  if (!isObject(data))
    issues.push({
      path: ['data'],
      message: `data is ${describeValue(data)}; an event carries { object, previous_attributes? }`,
    })
  else {
    const value = field(data, 'object')
    const kind = isObject(value) ? field(value, 'object') : undefined
    if (!isObject(value) || (kind !== undefined && kind !== 'subscription'))
      issues.push({
        path: ['data', 'object'],
        message: isObject(value)
          ? `data.object is a ${describeValue(kind)} object, not a subscription`
          : `data.object is ${describeValue(value)}; it must be the Subscription object`,
      })
    else {
      subscription = value
      const sid = field(value, 'id')
      if (typeof sid === 'string' && sid.length > 0 && sid.length <= MAX_ID_LENGTH)
        subscriptionId = sid
      else
        issues.push({
          path: ['data', 'object', 'id'],
          message: `data.object.id is ${describeValue(sid)}; the subscription needs its id`,
        })
    }
    const before = field(data, 'previous_attributes')
    if (isObject(before)) previous = before
    else if (before !== undefined && before !== null)
      issues.push({
        path: ['data', 'previous_attributes'],
        message: `data.previous_attributes is ${describeValue(before)}; it must be an object or absent`,
      })
  }
  if (issues.length > 0 || subscription === null || subscriptionId === null)
    return { facts: null, issues }
  return {
    facts: {
      index,
      id: id as string,
      type: type as StripeSubscriptionEventType,
      createdMs: (created as number) * 1000,
      rank: rankOf(type as StripeSubscriptionEventType),
      subscriptionId,
      object: subscription,
      previous,
    },
    issues,
  }
}

/** Event order: `created`, then `.created` < other types < `.deleted`, then id (code units). */
export function compareEvents(a: StripeEventFacts, b: StripeEventFacts): number {
  if (a.createdMs !== b.createdMs) return a.createdMs - b.createdMs
  if (a.rank !== b.rank) return a.rank - b.rank
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The subscription as it was just before an event: `data.object` with
 * `data.previous_attributes` written back (objects merged key by key, arrays and other
 * values replaced, as Stripe writes changed arrays whole): a new object, in which
 * `__proto__`, `constructor` and `prototype` keys are never copied; `data.object` itself when
 * the event has no `previous_attributes`.
 */
export function stateBefore(
  object: Record<string, unknown>,
  previous: Record<string, unknown> | null,
): Record<string, unknown> {
  return previous === null ? object : writeBack(object, previous, 0)
}

function writeBack(
  object: Record<string, unknown>,
  previous: Record<string, unknown>,
  depth: number,
): Record<string, unknown> {
  if (depth > MAX_DEPTH)
    throw new Error(`data.previous_attributes is nested more than ${MAX_DEPTH} levels deep`)
  const out: Record<string, unknown> = {}
  const keys = Object.keys(object)
  for (let slot = 0; slot < keys.length; slot++) {
    const key = keys[slot] as string
    if (!UNSAFE_KEYS.has(key)) out[key] = object[key]
  }
  const changed = Object.keys(previous)
  for (let slot = 0; slot < changed.length; slot++) {
    const key = changed[slot] as string
    if (UNSAFE_KEYS.has(key)) continue
    const before = previous[key]
    const now = Object.hasOwn(out, key) ? out[key] : undefined
    out[key] = isObject(before) && isObject(now) ? writeBack(now, before, depth + 1) : before
  }
  return out
}

/**
 * The Discount objects of a subscription as given (its `discounts` list, legacy `discount`
 * and its items' `discounts`), by id: an event's subscription names its discounts by id
 * (events are never expanded), and these give the objects.
 */
export function knownDiscounts(subscription: unknown): Map<string, Record<string, unknown>> {
  const known = new Map<string, Record<string, unknown>>()
  const add = (value: unknown) => {
    if (!isObject(value)) return
    const id = field(value, 'id')
    if (typeof id === 'string' && !known.has(id)) known.set(id, value)
  }
  const addAll = (list: unknown) => {
    if (!Array.isArray(list) || list.length > 1000) return
    for (let slot = 0; slot < list.length; slot++) add(list[slot])
  }
  if (!isObject(subscription)) return known
  addAll(field(subscription, 'discounts'))
  add(field(subscription, 'discount'))
  const items = field(subscription, 'items')
  const data = isObject(items) ? field(items, 'data') : undefined
  if (Array.isArray(data) && data.length <= 1000)
    for (let slot = 0; slot < data.length; slot++) {
      const item = data[slot]
      if (isObject(item)) addAll(field(item, 'discounts'))
    }
  return known
}

/**
 * An event's subscription with the discount ids in its `discounts` lists (subscription and
 * items) replaced by the known Discount objects: a new object where something was replaced,
 * else the object itself. Ids that are not known are left as they are and reported.
 */
export function expandDiscountIds(
  subscription: Record<string, unknown>,
  known: ReadonlyMap<string, Record<string, unknown>>,
  unknown: RecordIssue[],
): Record<string, unknown> {
  const replace = (list: unknown, path: (string | number)[]): unknown[] | null => {
    if (!Array.isArray(list) || !list.some((entry) => typeof entry === 'string')) return null
    const out: unknown[] = []
    for (let slot = 0; slot < list.length; slot++) {
      const entry: unknown = list[slot]
      if (typeof entry !== 'string') out.push(entry)
      else if (known.has(entry)) out.push(known.get(entry))
      else {
        out.push(entry)
        unknown.push({
          path: [...path, slot],
          message: `the discount ${describeValue(entry)} is named by id (events are never expanded) and is not on the subscription in subscriptions; a discount removed since cannot be valued from events alone`,
        })
      }
    }
    return out
  }
  let out = subscription
  const list = field(subscription, 'discounts')
  const legacy = field(subscription, 'discount')
  // Before API 2025-03-31 the object carries the one discount as `discount`: read as given.
  const legacyCovers =
    Array.isArray(list) && list.length === 1 && isObject(legacy) && field(legacy, 'id') === list[0]
  const discounts = legacyCovers ? null : replace(list, ['discounts'])
  if (discounts !== null) out = { ...out, discounts }
  const items = field(subscription, 'items')
  const data = isObject(items) ? field(items, 'data') : undefined
  if (Array.isArray(data) && data.length <= 1000) {
    let changed: unknown[] | null = null
    for (let slot = 0; slot < data.length; slot++) {
      const item = data[slot]
      if (!isObject(item)) continue
      const itemDiscounts = replace(field(item, 'discounts'), ['items', 'data', slot, 'discounts'])
      if (itemDiscounts === null) continue
      changed ??= [...data]
      changed[slot] = { ...item, discounts: itemDiscounts }
    }
    if (changed !== null) out = { ...out, items: { ...(items as object), data: changed } }
  }
  return out
}
