import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type StripeMrrResult, stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'

/**
 * Property tests of stripeMrr on generated subscriptions. The generator builds plain Stripe
 * objects (monthly, yearly, weekly or daily prices; active, past_due, unpaid, canceled,
 * trialing, incomplete; a forever percent discount or none; now and then a malformed field),
 * and an independent model below says, with plain arithmetic, whether each subscription
 * pays at a month end.
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
const FROM = Date.UTC(2025, 9, 1) / 1000
const TO = Date.UTC(2026, 3, 15) / 1000
const PER_MONTH = { month: 1, year: 1 / 12, week: 52 / 12, day: 365 / 12 } as const

interface Generated {
  readonly customer: string
  readonly status: string
  readonly interval: keyof typeof PER_MONTH
  readonly count: number
  readonly unit: number
  readonly quantity: number
  readonly start: number
  readonly ended: number | null
  readonly percent: number | null
  readonly malformed: boolean
}

const generated: fc.Arbitrary<Generated> = fc.record({
  customer: fc.constantFrom('cus_a', 'cus_b', 'cus_c', 'cus_d'),
  status: fc.constantFrom('active', 'past_due', 'unpaid', 'canceled', 'trialing', 'incomplete'),
  interval: fc.constantFrom('month', 'year', 'week', 'day'),
  count: fc.integer({ min: 1, max: 3 }),
  unit: fc.integer({ min: 0, max: 500_000 }),
  quantity: fc.integer({ min: 0, max: 12 }),
  start: fc.integer({ min: FROM, max: TO }),
  ended: fc.option(fc.integer({ min: FROM, max: TO }), { nil: null }),
  percent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  malformed: fc.integer({ min: 0, max: 7 }).map((n) => n === 0), // one in eight
})

/** The Stripe object of a generated subscription, with id `sub_<n>`. */
function toStripe(value: Generated, n: number): Record<string, unknown> {
  const canceled = value.status === 'canceled'
  const ended = canceled ? Math.max(value.ended ?? value.start, value.start) : null
  return {
    id: `sub_${n}`,
    object: 'subscription',
    customer: value.customer,
    status: value.status,
    currency: 'usd',
    start_date: value.start,
    ended_at: ended,
    canceled_at: ended,
    items: {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `si_${n}`,
          quantity: value.quantity,
          price: {
            currency: 'usd',
            // A malformed row writes its amount as text, which must be refused, not coerced.
            unit_amount: value.malformed ? String(value.unit) : value.unit,
            recurring: { interval: value.interval, interval_count: value.count },
          },
        },
      ],
    },
    discounts:
      value.percent === null
        ? []
        : [
            {
              start: value.start,
              end: null,
              source: { coupon: { percent_off: value.percent, duration: 'forever' } },
            },
          ],
  }
}

/** The model's MRR in cents at a month end (a float; only its sign and size are used). */
function modelCents(value: Generated, monthEnd: number): number {
  if (value.malformed) return 0
  if (['incomplete', 'trialing'].includes(value.status)) return 0
  const start = value.start * 1000
  if (monthEnd < start) return 0
  if (value.status === 'canceled') {
    const ended = Math.max(value.ended ?? value.start, value.start) * 1000
    if (monthEnd >= ended) return 0
  }
  const discount = value.percent === null ? 1 : (100 - value.percent) / 100
  return (value.unit * value.quantity * discount * PER_MONTH[value.interval]) / value.count
}

/** A comparable view of a result: records as text lines, rejections by subscription id. */
function view(result: StripeMrrResult, ids: readonly string[]) {
  return {
    records: result.records.map(
      (record) =>
        `${record.month} ${record.accountId} ${record.amount.toString()} ${record.subscriptions.join(',')}`,
    ),
    rejected: result.rejected.map((entry) => ids[entry.index]).sort(),
  }
}

describe('stripeMrr properties', () => {
  it('accounts for every subscription: in a record when it pays, rejected when malformed, else absent', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 30 }), (values) => {
        const result = stripeMrr(values.map(toStripe), { months: MONTHS })
        const rejected = new Set(result.rejected.map((entry) => entry.index))
        const inRecord = new Map<string, Set<string>>() // month → subscription ids
        for (const record of result.records) {
          const set = inRecord.get(record.month) ?? new Set<string>()
          for (const id of record.subscriptions) set.add(id)
          inRecord.set(record.month, set)
        }
        for (let n = 0; n < values.length; n++) {
          const value = values[n] as Generated
          expect(rejected.has(n)).toBe(value.malformed)
          for (let slot = 0; slot < MONTHS.length; slot++) {
            const cents = modelCents(value, MONTH_ENDS[slot] as number)
            const present = inRecord.get(MONTHS[slot] as string)?.has(`sub_${n}`) ?? false
            // Well above half a cent it must be counted; at zero it must not be.
            if (cents >= 1) expect(present).toBe(true)
            if (cents === 0) expect(present).toBe(false)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  it('does not depend on the order of the subscriptions', () => {
    fc.assert(
      fc.property(
        fc.array(generated, { maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 25 }),
        (values, keys) => {
          const subscriptions = values.map(toStripe)
          const ids = subscriptions.map((subscription) => subscription.id as string)
          const order = subscriptions.map((_, n) => n)
          order.sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || b - a)
          const shuffled = order.map((n) => subscriptions[n])
          const shuffledIds = order.map((n) => ids[n] as string)
          expect(view(stripeMrr(shuffled, { months: MONTHS }), shuffledIds)).toEqual(
            view(stripeMrr(subscriptions, { months: MONTHS }), ids),
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  it('gives MRR > 0 in whole cents, and the same records month by month as all at once', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 25 }), (values) => {
        const subscriptions = values.map(toStripe)
        const ids = subscriptions.map((subscription) => subscription.id as string)
        const all = stripeMrr(subscriptions, { months: MONTHS })
        for (const record of all.records) {
          expect(record.amount.greaterThan(0)).toBe(true)
          expect(record.amount.decimalPlaces()).toBeLessThanOrEqual(2)
          expect(record.currency).toBe('USD')
        }
        const oneByOne = MONTHS.flatMap(
          (month) => view(stripeMrr(subscriptions, { months: [month] }), ids).records,
        )
        expect(oneByOne).toEqual(view(all, ids).records)
      }),
      { numRuns: 100 },
    )
  })

  it('gives each customer the same records alone as among the others', () => {
    fc.assert(
      fc.property(fc.array(generated, { maxLength: 25 }), (values) => {
        const subscriptions = values.map(toStripe)
        const ids = subscriptions.map((subscription) => subscription.id as string)
        const all = view(stripeMrr(subscriptions, { months: MONTHS }), ids).records
        for (const customer of ['cus_a', 'cus_b', 'cus_c', 'cus_d']) {
          const own = subscriptions.filter((subscription) => subscription.customer === customer)
          const ownIds = own.map((subscription) => subscription.id as string)
          const alone = view(stripeMrr(own, { months: MONTHS }), ownIds).records
          expect(alone).toEqual(all.filter((line) => line.split(' ')[1] === customer))
        }
      }),
      { numRuns: 60 },
    )
  })
})
