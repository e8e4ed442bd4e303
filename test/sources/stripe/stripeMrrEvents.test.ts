/**
 * stripeMrr with `events`: each month end valued at the subscription's state as of its latest
 * customer.subscription.* Event. Fixtures: test/sources/stripe/fixtures/events/*.json, built
 * by fixtures/build_fixtures.py from Stripe's Event object reference (see fixtures/README.md).
 * Every expected amount below is worked by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest'
import { revenueMovements } from '../../../src/retention/revenueMovements.js'
import { STRIPE_SUBSCRIPTION_EVENT_TYPES } from '../../../src/sources/stripe/stripeEvents.js'
import {
  type StripeMrrRecord,
  type StripeMrrResult,
  stripeMrr,
} from '../../../src/sources/stripe/stripeMrr.js'
import { expectMetricError } from '../../helpers.js'
import {
  copy,
  EVENT_FIXTURE_NAMES,
  type EventFixtureName,
  eventFixture,
  FIRST_HALF_2026,
} from './fixtures.js'

const months = FIRST_HALF_2026

/** The amounts of one customer for each month ('-' where there is no record). */
function series(records: readonly StripeMrrRecord[], customer: string, list = months): string[] {
  const byKey = new Map<string, string>()
  for (const record of records)
    byKey.set(`${record.month} ${record.accountId}`, record.amount.toString())
  return list.map((month) => byKey.get(`${month} ${customer}`) ?? '-')
}

function run(name: EventFixtureName, extra: { timeZone?: string } = {}): StripeMrrResult {
  const { subscriptions, events } = eventFixture(name)
  return stripeMrr(subscriptions, { months, events, ...extra })
}

/** Seconds of a UTC instant written 'YYYY-MM-DDTHH:MM:SS'. */
function seconds(text: string): number {
  return Date.parse(`${text}Z`) / 1000
}

/** A minimal monthly subscription object (API shape) of one item. */
function subscription(
  id: string,
  options: {
    unit?: number
    quantity?: number
    start?: string
    status?: string
    endedAt?: string
    customer?: string
  } = {},
): Record<string, unknown> {
  const start = seconds(options.start ?? '2026-01-01T00:00:00')
  const ended = options.endedAt === undefined ? null : seconds(options.endedAt)
  return {
    id,
    object: 'subscription',
    customer: options.customer ?? `cus_${id}`,
    status: options.status ?? 'active',
    currency: 'usd',
    start_date: start,
    ended_at: ended,
    canceled_at: ended,
    items: {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `si_${id}`,
          quantity: options.quantity ?? 1,
          price: {
            currency: 'usd',
            unit_amount: options.unit ?? 1000,
            recurring: { interval: 'month', interval_count: 1 },
          },
        },
      ],
    },
  }
}

function event(
  id: string,
  type: string,
  created: string,
  object: unknown,
  previous?: unknown,
): Record<string, unknown> {
  const data: Record<string, unknown> = { object }
  if (previous !== undefined) data.previous_attributes = previous
  return { id, object: 'event', type, created: seconds(created), data }
}

describe('STRIPE_SUBSCRIPTION_EVENT_TYPES', () => {
  it('matches the documented example', () => {
    expect(STRIPE_SUBSCRIPTION_EVENT_TYPES.includes('customer.subscription.updated')).toBe(true)
  })

  it("lists the eight customer.subscription.* events of Stripe's Subscriptions reference", () => {
    // docs.stripe.com/api/subscriptions, "Events": created, deleted, paused,
    // pending_update_applied, pending_update_expired, resumed, trial_will_end, updated.
    expect([...STRIPE_SUBSCRIPTION_EVENT_TYPES].sort()).toEqual(
      [
        'created',
        'deleted',
        'paused',
        'pending_update_applied',
        'pending_update_expired',
        'resumed',
        'trial_will_end',
        'updated',
      ].map((type) => `customer.subscription.${type}`),
    )
  })
})

describe('stripeMrr with events, on the event fixtures (worked by hand)', () => {
  it('values an upgrade from 3 to 5 seats on 14 March at 3 seats before and 5 after', () => {
    const result = run('upgrade-quantity')
    // From 2026-02-05: 3 × $20.00 = $60 (February); the .updated event of 2026-03-14 makes it
    // 5 × $20.00 = $100 from the end of March. Nothing in January (not started).
    expect(series(result.records, 'cus_hist_up')).toEqual(['-', '60', '100', '100', '100', '100'])
    expect(result.rejected).toEqual([])
    expect(result.rejectedEvents).toEqual([])
  })

  it('without events the same subscription is $100 in February (the gap events close)', () => {
    const { subscriptions } = eventFixture('upgrade-quantity')
    // The current object has 5 seats: 5 × $20 = $100 at every month end since it started.
    const result = stripeMrr(subscriptions, { months })
    expect(series(result.records, 'cus_hist_up')).toEqual(['-', '100', '100', '100', '100', '100'])
    expect('rejectedEvents' in result).toBe(false)
  })

  it('rebuilds the state before the only event from previous_attributes (a downgrade)', () => {
    const result = run('downgrade')
    // Only the .updated event of 2026-04-20 is given; before it, previous_attributes.items
    // holds the Pro item: $99.00 for January–March; then Basic $49.00 for April–June.
    expect(series(result.records, 'cus_hist_down')).toEqual(['99', '99', '99', '49', '49', '49'])
  })

  it('values an annual price ÷ 12 until the switch to monthly, then the monthly price', () => {
    const result = run('annual-to-monthly')
    // $1,200.00 a year ÷ 12 = $100 at the end of January; switched 2026-02-25 to $110.00 a
    // month: $110 from February on.
    expect(series(result.records, 'cus_hist_switch')).toEqual([
      '100',
      '110',
      '110',
      '110',
      '110',
      '110',
    ])
  })

  it('takes a coupon off only while the events say it was on the subscription', () => {
    const result = run('coupon-added-removed')
    // $80.00 a month; 25 % off forever added 2026-02-10 → 80 × 0.75 = $60 at the ends of
    // February and March; removed 2026-04-05 → $80 again from April.
    expect(series(result.records, 'cus_hist_coupon')).toEqual(['80', '60', '60', '80', '80', '80'])
  })

  it('ends the MRR at a .deleted event and values each month before at its own quantity', () => {
    const result = run('cancel')
    // $45.00 × 1 in January; × 2 from 2026-02-03: $90 February–April; deleted (canceled,
    // ended_at) 2026-05-12: nothing at the ends of May and June.
    expect(series(result.records, 'cus_hist_cancel')).toEqual(['45', '90', '90', '90', '-', '-'])
  })

  it('gives the revenue movements the history implies (all five fixtures, revenueMovements)', () => {
    const subscriptions: unknown[] = []
    const events: unknown[] = []
    for (const name of EVENT_FIXTURE_NAMES) {
      if (name === 'not-used') continue
      const fixture = eventFixture(name)
      subscriptions.push(...fixture.subscriptions)
      events.push(...fixture.events)
    }
    const { records, rejected, rejectedEvents } = stripeMrr(subscriptions, { months, events })
    expect(rejected).toEqual([])
    expect(rejectedEvents).toEqual([])
    const month = (label: string) => records.filter((record) => record.month === label)
    // Per customer (up, down, switch, coupon, cancel), from the tests above:
    //   Jan:  -, 99, 100, 80, 45  = 324      Feb: 60, 99, 110, 60, 90 = 419
    //   Mar: 100, 99, 110, 60, 90 = 459      Apr: 100, 49, 110, 80, 90 = 429
    //   May: 100, 49, 110, 80, -  = 339      Jun: the same as May     = 339
    const janFeb = revenueMovements(month('2026-01'), month('2026-02'))
    // new: up 60; expansion: switch +10, cancel +45 = 55; contraction: coupon −20.
    // 324 + 60 + 55 − 20 = 419.
    expect(janFeb.startingRevenue.toString()).toBe('324')
    expect(janFeb.newRevenue.toString()).toBe('60')
    expect(janFeb.expansion.toString()).toBe('55')
    expect(janFeb.contraction.toString()).toBe('20')
    expect(janFeb.churn.toString()).toBe('0')
    expect(janFeb.endingRevenue.toString()).toBe('419')
    const febMar = revenueMovements(month('2026-02'), month('2026-03'))
    // expansion: up 60 → 100 = 40; nothing else moves. 419 + 40 = 459.
    expect(febMar.expansion.toString()).toBe('40')
    expect(febMar.contraction.toString()).toBe('0')
    expect(febMar.endingRevenue.toString()).toBe('459')
    const marApr = revenueMovements(month('2026-03'), month('2026-04'))
    // contraction: down 99 → 49 = 50; expansion: coupon 60 → 80 = 20. 459 − 50 + 20 = 429.
    expect(marApr.contraction.toString()).toBe('50')
    expect(marApr.expansion.toString()).toBe('20')
    expect(marApr.endingRevenue.toString()).toBe('429')
    const aprMay = revenueMovements(month('2026-04'), month('2026-05'))
    // churn: cancel 90. 429 − 90 = 339.
    expect(aprMay.churn.toString()).toBe('90')
    expect(aprMay.counts.churn).toBe(1)
    expect(aprMay.endingRevenue.toString()).toBe('339')
    const mayJun = revenueMovements(month('2026-05'), month('2026-06'))
    // Nothing moves: 4 accounts unchanged.
    expect(mayJun.counts.unchanged).toBe(4)
    expect(mayJun.endingRevenue.toString()).toBe('339')
  })

  it('lists every event it does not use, with its index and reason', () => {
    const { subscriptions, events } = eventFixture('not-used')
    const result = stripeMrr(subscriptions, { months, events })
    // Events: 0 invoice.paid, 1 the upgrade, 2 an unknown subscription, 3 the creation,
    // 4 a second delivery of event 1. The upgrade is still valued 60, then 100.
    expect(series(result.records, 'cus_hist_up')).toEqual(['-', '60', '100', '100', '100', '100'])
    const rejected = result.rejectedEvents ?? []
    expect(rejected.map((entry) => entry.index)).toEqual([0, 2, 4])
    expect(rejected[0]?.issues.map((issue) => issue.path)).toEqual([['type'], ['data', 'object']])
    expect(rejected[0]?.issues[0]?.message).toContain('"invoice.paid"')
    expect(rejected[1]?.issues[0]?.message).toContain('no subscription in subscriptions')
    expect(rejected[1]?.issues[0]?.message).toContain('sub_hist_gone')
    expect(rejected[2]?.issues[0]?.path).toEqual(['id'])
    expect(rejected[2]?.issues[0]?.message).toContain('repeats events[1]')
  })

  it('does not change the fixtures it reads', () => {
    const fixture = eventFixture('coupon-added-removed')
    const before = JSON.stringify(fixture)
    stripeMrr(fixture.subscriptions, { months, events: fixture.events })
    expect(JSON.stringify(fixture)).toBe(before)
  })
})

describe('stripeMrr with events: the rules', () => {
  const january = ['2026-01', '2026-02']

  it('counts an event at the last second of a month for that month, not one a second later', () => {
    const current = subscription('sub_edge', { unit: 3000 })
    const events = [
      event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', {
        ...subscription('sub_edge', { unit: 1000 }),
      }),
      // 2026-01-31T23:59:59Z ≤ the end of January (23:59:59.999): January is $20.
      event('evt_2', 'customer.subscription.updated', '2026-01-31T23:59:59', {
        ...subscription('sub_edge', { unit: 2000 }),
      }),
      // 2026-02-01T00:00:00Z is after the end of January; it is the latest event, so from
      // February the current object ($30) counts.
      event('evt_3', 'customer.subscription.updated', '2026-02-01T00:00:00', current),
    ]
    const result = stripeMrr([current], { months: january, events })
    expect(series(result.records, 'cus_sub_edge', january)).toEqual(['20', '30'])
  })

  it('values month ends in the time zone: an event at 23:30 on 31 March in New York is March', () => {
    const current = subscription('sub_tz', { unit: 5000 })
    const months = ['2026-03', '2026-04', '2026-05']
    const events = [
      event('evt_a', 'customer.subscription.created', '2026-01-01T00:00:00', {
        ...subscription('sub_tz', { unit: 1000 }),
      }),
      // 2026-04-01T03:30Z = 2026-03-31 23:30 in New York (EDT, UTC−4).
      event('evt_b', 'customer.subscription.updated', '2026-04-01T03:30:00', {
        ...subscription('sub_tz', { unit: 4000 }),
      }),
      event('evt_c', 'customer.subscription.updated', '2026-05-10T00:00:00', current),
    ]
    const utc = stripeMrr([current], { months, events })
    const newYork = stripeMrr([current], { months, events, timeZone: 'America/New_York' })
    // UTC: March ends before evt_b → $10; April → $40; May after the latest → $50.
    expect(series(utc.records, 'cus_sub_tz', months)).toEqual(['10', '40', '50'])
    // New York: March ends at 2026-04-01T03:59:59.999Z, after evt_b → $40.
    expect(series(newYork.records, 'cus_sub_tz', months)).toEqual(['40', '40', '50'])
  })

  it('orders events of one second: .created, then other types, then .deleted, then by id', () => {
    const months = ['2026-01', '2026-02']
    const current = subscription('sub_tie', { unit: 9900 })
    const second = '2026-01-15T12:00:00'
    // Three events in the same second, given in reverse: .created ($10), .updated evt_b ($20),
    // .updated evt_c ($30). Order: created, then evt_b < evt_c by id: the latest is evt_c.
    const events = [
      event('evt_c', 'customer.subscription.updated', second, {
        ...subscription('sub_tie', { unit: 3000 }),
      }),
      event('evt_b', 'customer.subscription.updated', second, {
        ...subscription('sub_tie', { unit: 2000 }),
      }),
      event('evt_z', 'customer.subscription.created', second, {
        ...subscription('sub_tie', { unit: 1000 }),
      }),
      // A later event so that January is valued from the tie, not from the current object.
      event('evt_d', 'customer.subscription.updated', '2026-02-10T00:00:00', current),
    ]
    const result = stripeMrr([current], { months, events })
    expect(series(result.records, 'cus_sub_tie', months)).toEqual(['30', '99'])
    // A .deleted in the same second as an .updated comes last: the subscription is canceled.
    const canceled = subscription('sub_tie', {
      unit: 2000,
      status: 'canceled',
      endedAt: second,
    })
    const withDelete = [
      event('evt_a', 'customer.subscription.deleted', second, canceled),
      event('evt_y', 'customer.subscription.updated', second, {
        ...subscription('sub_tie', { unit: 2000 }),
      }),
      event('evt_e', 'customer.subscription.updated', '2026-02-10T00:00:00', current),
    ]
    const deleted = stripeMrr([current], { months, events: withDelete })
    // January: the latest is the .deleted (ended 2026-01-15) → nothing; February: current $99.
    expect(series(deleted.records, 'cus_sub_tie', months)).toEqual(['-', '99'])
  })

  it('takes the state before a first .updated event without previous_attributes as unchanged', () => {
    const current = subscription('sub_same', { unit: 2500, start: '2025-12-01T00:00:00' })
    const events = [event('evt_1', 'customer.subscription.updated', '2026-02-15T00:00:00', current)]
    const result = stripeMrr([current], { months: january, events })
    // No previous_attributes: nothing changed, $25 at both month ends.
    expect(series(result.records, 'cus_sub_same', january)).toEqual(['25', '25'])
  })

  it('has nothing before a first .created event, even when start_date is earlier', () => {
    // A backdated start (2025-12-01) but created 2026-02-03: January has no state.
    const current = subscription('sub_back', { unit: 2500, start: '2025-12-01T00:00:00' })
    const events = [event('evt_1', 'customer.subscription.created', '2026-02-03T00:00:00', current)]
    const result = stripeMrr([current], { months: january, events })
    expect(series(result.records, 'cus_sub_back', january)).toEqual(['-', '25'])
  })

  it('gives resolvePrice the state as of each month end', () => {
    // Graduated tiers: the first 5 units at $10.00, the rest at $8.00 (Stripe's
    // tiers_mode 'graduated'): 4 units = 4000 cents; 8 units = 5 × 1000 + 3 × 800 = 7400.
    const tiered = (quantity: number) => {
      const value = subscription('sub_tier', { quantity })
      const item = (value.items as { data: Record<string, unknown>[] }).data[0] as Record<
        string,
        unknown
      >
      item.price = {
        currency: 'usd',
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        recurring: { interval: 'month', interval_count: 1 },
      }
      return value
    }
    const current = tiered(8)
    const events = [
      event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', tiered(4)),
      event('evt_2', 'customer.subscription.updated', '2026-02-02T00:00:00', current),
    ]
    const resolvePrice = (context: { item: unknown }) => {
      const quantity = (context.item as { quantity: number }).quantity
      return Math.min(quantity, 5) * 1000 + Math.max(quantity - 5, 0) * 800
    }
    const result = stripeMrr([current], { months: january, events, resolvePrice })
    expect(series(result.records, 'cus_sub_tier', january)).toEqual(['40', '74'])
    // Without resolvePrice the tiered states refuse the subscription and every event.
    const refused = stripeMrr([current], { months: january, events })
    expect(refused.records).toEqual([])
    expect(refused.rejected.map((entry) => entry.index)).toEqual([0])
    expect(refused.rejectedEvents?.map((entry) => entry.index)).toEqual([0, 1])
    expect(refused.rejectedEvents?.[0]?.issues[0]?.message).toContain('subscriptions[0]')
    // resolvePrice refusing the earlier state rejects the subscription, naming the event.
    const partial = stripeMrr([current], {
      months: january,
      events,
      resolvePrice: (context) =>
        (context.item as { quantity: number }).quantity === 4 ? null : 7400,
    })
    expect(partial.records).toEqual([])
    expect(partial.rejected[0]?.issues[0]?.message).toContain('as of the event "evt_1"')
    expect(partial.rejectedEvents?.map((entry) => entry.index)).toEqual([0, 1])
  })

  it('rejects the subscription and all its events when one event cannot be read', () => {
    const current = subscription('sub_bad', { unit: 1000 })
    const broken = subscription('sub_bad', { unit: 1000 })
    ;(
      (broken.items as { data: Record<string, unknown>[] }).data[0] as Record<string, unknown>
    ).quantity = '3'
    const events = [
      event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', current),
      event('evt_2', 'customer.subscription.updated', '2026-01-10T00:00:00', broken),
      event('evt_3', 'customer.subscription.updated', '2026-01-20T00:00:00', current),
    ]
    const result = stripeMrr([current, subscription('sub_ok')], { months: january, events })
    // sub_ok ($10) is still counted; sub_bad adds nothing.
    expect(result.records.map((record) => record.accountId)).toEqual(['cus_sub_ok', 'cus_sub_ok'])
    expect(result.rejected).toEqual([
      {
        index: 0,
        issues: [
          {
            path: [],
            message: 'its history cannot be read: the event "evt_2" (events[1]) is rejected',
          },
        ],
      },
    ])
    const rejected = result.rejectedEvents ?? []
    expect(rejected.map((entry) => entry.index)).toEqual([0, 1, 2])
    expect(rejected[1]?.issues[0]?.path).toEqual(['data', 'object', 'items', 'data', 0, 'quantity'])
    expect(rejected[0]?.issues[0]?.message).toContain('subscriptions[0]) is rejected')
  })

  it('rejects every copy of an event id with two contents, and the subscription', () => {
    const current = subscription('sub_dup', { unit: 1000 })
    const events = [
      event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', current),
      event('evt_2', 'customer.subscription.updated', '2026-01-10T00:00:00', current),
      event('evt_2', 'customer.subscription.updated', '2026-01-10T00:00:00', {
        ...subscription('sub_dup', { unit: 5000 }),
      }),
    ]
    const result = stripeMrr([current], { months: january, events })
    expect(result.records).toEqual([])
    expect(result.rejected[0]?.issues[0]?.message).toContain('ambiguous')
    const rejected = result.rejectedEvents ?? []
    expect(rejected.map((entry) => entry.index)).toEqual([0, 1, 2])
    expect(rejected[1]?.issues[0]?.message).toContain('appears at indexes 1, 2')
  })

  it('rejects the events of a subscription rejected in subscriptions, naming its index', () => {
    const bad = { ...subscription('sub_rej'), customer: 12 }
    const events = [
      event(
        'evt_1',
        'customer.subscription.created',
        '2026-01-01T00:00:00',
        subscription('sub_rej'),
      ),
    ]
    const result = stripeMrr([subscription('sub_x'), bad], { months: january, events })
    expect(result.rejected.map((entry) => entry.index)).toEqual([1])
    expect(result.rejectedEvents).toEqual([
      {
        index: 0,
        issues: [
          {
            path: ['data', 'object', 'id'],
            message: 'its subscription (subscriptions[1]) is rejected',
          },
        ],
      },
    ])
    // A subscription id given twice in subscriptions: both copies and the event are rejected.
    const twice = stripeMrr([subscription('sub_rej'), subscription('sub_rej')], {
      months: january,
      events,
    })
    expect(twice.rejected.map((entry) => entry.index)).toEqual([0, 1])
    expect(twice.rejectedEvents?.[0]?.issues[0]?.message).toContain('subscriptions[0]')
  })

  it('rejects values that are not subscription events, each with its reason', () => {
    const current = subscription('sub_r')
    const events: unknown[] = [
      null,
      'evt_1',
      {
        ...event('evt_a', 'customer.subscription.updated', '2026-01-02T00:00:00', current),
        object: 'subscription',
      },
      {
        ...event('evt_b', 'customer.subscription.updated', '2026-01-02T00:00:00', current),
        id: '',
      },
      event('evt_c', 'customer.subscription.renamed', '2026-01-02T00:00:00', current),
      {
        ...event('evt_d', 'customer.subscription.updated', '2026-01-02T00:00:00', current),
        created: 1.5,
      },
      {
        ...event('evt_e', 'customer.subscription.updated', '2026-01-02T00:00:00', current),
        data: [],
      },
      event('evt_f', 'customer.subscription.updated', '2026-01-02T00:00:00', { ...current, id: 7 }),
      event('evt_g', 'customer.subscription.updated', '2026-01-02T00:00:00', current, 'items'),
      current,
    ]
    const result = stripeMrr([current], { months: january, events })
    const reasons = (result.rejectedEvents ?? []).map((entry) => [
      entry.index,
      entry.issues.map((issue) => issue.path.join('.')).join(' '),
    ])
    expect(reasons).toEqual([
      [0, ''],
      [1, ''],
      [2, 'object'],
      [3, 'id'],
      [4, 'type'],
      [5, 'created'],
      [6, 'data'],
      [7, 'data.object.id'],
      [8, 'data.previous_attributes'],
      // A Subscription given as an event: object, id is fine but type and data are missing.
      [9, 'object type created data'],
    ])
    // Nothing was used: the current object counts at both month ends.
    expect(series(result.records, 'cus_sub_r', january)).toEqual(['10', '10'])
  })

  it('never copies __proto__ from previous_attributes, and refuses deep nesting', () => {
    const current = subscription('sub_proto', { unit: 2000, start: '2025-12-01T00:00:00' })
    const previous = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"x": 1}, "items": {"__proto__": {"data": []}}}',
    ) as unknown
    const events = [
      event('evt_1', 'customer.subscription.updated', '2026-02-15T00:00:00', current, previous),
    ]
    const result = stripeMrr([current], { months: january, events })
    expect(({} as { polluted?: unknown }).polluted).toBe(undefined)
    // The unsafe keys were skipped: the state before is the current object, $20 both months.
    expect(series(result.records, 'cus_sub_proto', january)).toEqual(['20', '20'])
    for (const record of result.records) expect(Object.hasOwn(record, '__proto__')).toBe(false)
    let deep: Record<string, unknown> = {}
    let deepNow: Record<string, unknown> = {}
    const top = { metadata: deep }
    const topNow = { ...current, metadata: deepNow }
    for (let level = 0; level < 40; level++) {
      deep.a = {}
      deep = deep.a as Record<string, unknown>
      deepNow.a = {}
      deepNow = deepNow.a as Record<string, unknown>
    }
    const nested = stripeMrr([current], {
      months: january,
      events: [event('evt_1', 'customer.subscription.updated', '2026-02-15T00:00:00', topNow, top)],
    })
    expect(nested.records).toEqual([])
    expect(nested.rejectedEvents?.[0]?.issues[0]?.message).toContain('nested more than 32')
  })

  it('gives the same records with an empty events list, and an empty rejectedEvents', () => {
    const current = subscription('sub_e')
    const without = stripeMrr([current], { months: january })
    const empty = stripeMrr([current], { months: january, events: [] })
    expect(empty.records).toEqual(without.records)
    expect(empty.rejectedEvents).toEqual([])
    // Any iterable: a Set and a generator.
    const once = [event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', current)]
    function* generate() {
      yield* once
    }
    expect(stripeMrr([current], { months: january, events: new Set(once) }).records).toEqual(
      without.records,
    )
    expect(stripeMrr([current], { months: january, events: generate() }).records).toEqual(
      without.records,
    )
  })

  it('refuses an events option that is not iterable, or whose iterator throws', () => {
    for (const events of [42, 'evt', null, { length: 1 }]) {
      expectMetricError(
        () => stripeMrr([], { months: january, events: events as never }),
        'INVALID_OPTION',
        { path: ['events'], metric: 'stripeMrr' },
      )
    }
    const throwing = {
      [Symbol.iterator]: () => ({
        next: () => {
          throw new Error('stream closed')
        },
      }),
    }
    expectMetricError(
      () => stripeMrr([], { months: january, events: throwing }),
      'INVALID_OPTION',
      { path: ['events'], metric: 'stripeMrr' },
    )
  })

  it('takes the discounts an event names by id from the current subscription (API 2025-03-31 on)', () => {
    // From API 2025-03-31 the subscription has no legacy `discount`; an event's `discounts`
    // are ids. The current object (listed with expand[]=data.discounts) has the objects.
    const discount = {
      id: 'di_1',
      object: 'discount',
      start: seconds('2026-01-01T00:00:00'),
      end: null,
      source: { type: 'coupon', coupon: { id: 'HALF', percent_off: 50, duration: 'forever' } },
    }
    const itemDiscount = {
      id: 'di_2',
      object: 'discount',
      start: seconds('2026-01-01T00:00:00'),
      end: null,
      source: { type: 'coupon', coupon: { id: 'TEN', percent_off: 10, duration: 'forever' } },
    }
    const withDiscounts = (unit: number, ids: boolean): Record<string, unknown> => {
      const value = subscription('sub_basil', { unit })
      value.discounts = [ids ? 'di_1' : discount]
      const item = (value.items as { data: Record<string, unknown>[] }).data[0] as Record<
        string,
        unknown
      >
      item.discounts = [ids ? 'di_2' : itemDiscount]
      return value
    }
    const current = withDiscounts(4000, false)
    const events = [
      event(
        'evt_1',
        'customer.subscription.created',
        '2026-01-01T00:00:00',
        withDiscounts(2000, true),
      ),
      event(
        'evt_2',
        'customer.subscription.updated',
        '2026-02-05T00:00:00',
        withDiscounts(4000, true),
      ),
    ]
    const result = stripeMrr([current], { months: january, events })
    // January: $20 × 0.9 (item, 10 % off) × 0.5 (subscription, 50 % off) = $9; February
    // (the current object): $40 × 0.9 × 0.5 = $18.
    expect(series(result.records, 'cus_sub_basil', january)).toEqual(['9', '18'])
    expect(result.rejectedEvents).toEqual([])
    // A discount removed since is not on the current object: the event cannot be valued.
    const removed = withDiscounts(2000, true)
    removed.discounts = ['di_gone']
    const gone = stripeMrr([current], {
      months: january,
      events: [event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', removed)],
    })
    expect(gone.records).toEqual([])
    expect(gone.rejectedEvents?.[0]?.issues).toEqual([
      {
        path: ['data', 'object', 'discounts', 0],
        message: expect.stringContaining('"di_gone" is named by id'),
      },
    ])
  })

  it('reads an event whose data.object has no `object` field as a subscription', () => {
    const current = subscription('sub_plain')
    const { object: _, ...plain } = subscription('sub_plain', { unit: 500 })
    const events = [
      event('evt_1', 'customer.subscription.created', '2026-01-01T00:00:00', plain),
      event('evt_2', 'customer.subscription.updated', '2026-02-10T00:00:00', copy(current)),
    ]
    const result = stripeMrr([current], { months: january, events })
    expect(series(result.records, 'cus_sub_plain', january)).toEqual(['5', '10'])
  })
})
