import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { type StripeMrrResult, stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'

/**
 * Property tests of stripeMrr's `events` option on generated histories: each subscription is
 * a list of states (monthly price × quantity) with the instants they began, given as
 * customer.subscription.* Events, plus a current object. An independent model below values
 * each month end with plain arithmetic from the rules in stripeMrr's TSDoc.
 */

const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']
/** The last instant of each month above in UTC, ms (hand-written: the first of the next month − 1). */
const MONTH_ENDS = [
  Date.UTC(2025, 11, 1) - 1,
  Date.UTC(2026, 0, 1) - 1,
  Date.UTC(2026, 1, 1) - 1,
  Date.UTC(2026, 2, 1) - 1,
  Date.UTC(2026, 3, 1) - 1,
]
/** Every subscription starts 2025-10-01T00:00Z; events fall from then to mid-April 2026. */
const START = Date.UTC(2025, 9, 1) / 1000
const TO = Date.UTC(2026, 3, 15) / 1000

interface State {
  readonly unit: number
  readonly quantity: number
}

interface History {
  /** The first event's type. */
  readonly first: 'created' | 'updated'
  /** previous_attributes of the first event (when `.updated`): the state before it. */
  readonly before: State | null
  /** Each event's state and instant (seconds); any order. */
  readonly events: readonly (State & { readonly at: number })[]
  /** The last event (by time) is a `.deleted` ending the subscription. */
  readonly deleted: boolean
  readonly current: State
}

const state: fc.Arbitrary<State> = fc.record({
  unit: fc.integer({ min: 0, max: 50_000 }),
  quantity: fc.integer({ min: 0, max: 5 }),
})

const history: fc.Arbitrary<History> = fc.record({
  first: fc.constantFrom('created' as const, 'updated' as const),
  before: fc.option(state, { nil: null }),
  events: fc.array(
    fc.record({
      unit: state.map((value) => value.unit),
      quantity: state.map((value) => value.quantity),
      // Coarse instants (whole hours) so that ties of one second happen now and then.
      at: fc.integer({ min: 0, max: Math.floor((TO - START) / 3600) }).map((h) => START + h * 3600),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  deleted: fc.boolean(),
  current: state,
})

/** A Stripe Subscription object of one monthly item. */
function object(n: number, value: State, endedAt: number | null = null): Record<string, unknown> {
  return {
    id: `sub_${n}`,
    object: 'subscription',
    customer: `cus_${n}`,
    status: endedAt === null ? 'active' : 'canceled',
    currency: 'usd',
    start_date: START,
    ended_at: endedAt,
    canceled_at: endedAt,
    items: {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `si_${n}`,
          quantity: value.quantity,
          price: {
            currency: 'usd',
            unit_amount: value.unit,
            recurring: { interval: 'month', interval_count: 1 },
          },
        },
      ],
    },
  }
}

interface Built {
  readonly subscriptions: Record<string, unknown>[]
  readonly events: Record<string, unknown>[]
}

/** Event k of subscription n is `evt_<n>_<k>`, in time order (ties: by k, which is id order here). */
function build(histories: readonly History[]): Built {
  const subscriptions: Record<string, unknown>[] = []
  const events: Record<string, unknown>[] = []
  histories.forEach((value, n) => {
    const ordered = ordering(value)
    const last = ordered[ordered.length - 1] as State & { at: number }
    const endedAt = value.deleted ? last.at : null
    subscriptions.push(object(n, value.current, endedAt))
    ordered.forEach((entry, k) => {
      const isFirst = k === 0
      const isLast = k === ordered.length - 1
      const type =
        isLast && value.deleted
          ? 'customer.subscription.deleted'
          : isFirst && value.first === 'created'
            ? 'customer.subscription.created'
            : 'customer.subscription.updated'
      const data: Record<string, unknown> = {
        object: object(n, entry, isLast && value.deleted ? entry.at : null),
      }
      if (type === 'customer.subscription.updated' && isFirst && value.before !== null)
        data.previous_attributes = {
          items: { data: (object(n, value.before).items as { data: unknown[] }).data },
        }
      events.push({
        id: `evt_${n}_${String(k).padStart(2, '0')}`,
        object: 'event',
        type,
        created: entry.at,
        data,
      })
    })
  })
  return { subscriptions, events }
}

/**
 * The events of a history in the order the model reads them: by instant; in one second a
 * `.created` (the first) before `.updated` before a `.deleted` (the last) — which the id
 * order k already gives, since build numbers them in this order.
 */
function ordering(value: History): (State & { at: number })[] {
  return [...value.events].sort((a, b) => a.at - b.at)
}

/** The model's MRR in cents of history n at a month end, or 0. */
function model(value: History, monthEnd: number): number {
  const ordered = ordering(value)
  let passed = 0
  while (passed < ordered.length && (ordered[passed] as { at: number }).at * 1000 <= monthEnd)
    passed++
  let current: State | null
  if (passed === 0) {
    // Before the first event: nothing after a .created (unless that is also the .deleted
    // event, which is never first-and-created here), else the state before it.
    const isDeleted = value.deleted && ordered.length === 1
    if (value.first === 'created' && !isDeleted) current = null
    else current = value.before ?? (ordered[0] as State)
    if (isDeleted) current = ordered[0] as State
  } else if (passed === ordered.length) {
    current = value.deleted ? null : value.current
  } else current = ordered[passed - 1] as State
  return current === null ? 0 : current.unit * current.quantity
}

/** A comparable view of a result (rejected events by id, so shuffles compare). */
function view(result: StripeMrrResult, eventIds: readonly string[]) {
  return {
    records: result.records.map(
      (record) => `${record.month} ${record.accountId} ${record.amount.toString()}`,
    ),
    rejected: result.rejected.map((entry) => entry.index),
    rejectedEvents: (result.rejectedEvents ?? []).map((entry) => eventIds[entry.index]).sort(),
  }
}

const hostZone = process.env.TZ

afterEach(() => {
  if (hostZone === undefined) delete process.env.TZ
  else process.env.TZ = hostZone
})

describe('stripeMrr events properties', () => {
  it('values each month end as the model does: latest event at or before it, else before/current', () => {
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 6 }), (histories) => {
        const { subscriptions, events } = build(histories)
        const result = stripeMrr(subscriptions, { months: MONTHS, events })
        expect(result.rejected).toEqual([])
        expect(result.rejectedEvents).toEqual([])
        const cents = new Map<string, number>()
        for (const record of result.records)
          cents.set(`${record.month} ${record.accountId}`, record.amount.times(100).toNumber())
        histories.forEach((value, n) => {
          MONTHS.forEach((month, slot) => {
            const expected = model(value, MONTH_ENDS[slot] as number)
            expect(cents.get(`${month} cus_${n}`) ?? 0).toBe(expected)
          })
        })
      }),
      { numRuns: 200 },
    )
  })

  it('with one event per subscription equal to its current object, equals the no-events result', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            current: state,
            ended: fc.option(fc.integer({ min: START, max: TO }), { nil: null }),
            updatedAt: fc.option(fc.integer({ min: START, max: TO }), { nil: null }),
          }),
          { maxLength: 8 },
        ),
        (values) => {
          const subscriptions = values.map((value, n) => object(n, value.current, value.ended))
          // A .created event at start_date, or an .updated one (no previous_attributes) at
          // any instant: both say the subscription was always as it is now.
          const events = values.map((value, n) => ({
            id: `evt_${n}`,
            object: 'event',
            type:
              value.updatedAt === null
                ? 'customer.subscription.created'
                : 'customer.subscription.updated',
            created: value.updatedAt ?? START,
            data: { object: subscriptions[n] },
          }))
          const ids = events.map((entry) => entry.id)
          const withEvents = stripeMrr(subscriptions, { months: MONTHS, events })
          const without = stripeMrr(subscriptions, { months: MONTHS })
          expect(view(withEvents, ids)).toEqual(view(without, ids))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(
        fc.array(history, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (histories, keys) => {
          const { subscriptions, events } = build(histories)
          const ids = events.map((entry) => entry.id as string)
          const order = events.map((_, n) => n)
          order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || b - a)
          const shuffled = order.map((n) => events[n] as Record<string, unknown>)
          const shuffledIds = order.map((n) => ids[n] as string)
          expect(
            view(stripeMrr(subscriptions, { months: MONTHS, events: shuffled }), shuffledIds),
          ).toEqual(view(stripeMrr(subscriptions, { months: MONTHS, events }), ids))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('does not depend on the host time zone', () => {
    fc.assert(
      fc.property(
        fc.array(history, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
        (histories, timeZone) => {
          const { subscriptions, events } = build(histories)
          const ids = events.map((entry) => entry.id as string)
          const seen: unknown[] = []
          for (const host of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
            process.env.TZ = host
            seen.push(view(stripeMrr(subscriptions, { months: MONTHS, events, timeZone }), ids))
          }
          expect(seen[1]).toEqual(seen[0])
          expect(seen[2]).toEqual(seen[0])
        },
      ),
      { numRuns: 40 },
    )
  })
})
