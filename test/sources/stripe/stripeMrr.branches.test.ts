import { Decimal } from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { expectMetricError } from '../../helpers.js'

/** A UTC date in Unix seconds. */
const seconds = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 1000
const JAN_1 = seconds(2026, 1, 1)

type Json = Record<string, unknown>

function price(extra: Json = {}): Json {
  return { currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' }, ...extra }
}

function subscription(extra: Json = {}, items: unknown[] = [{ price: price() }]): Json {
  return {
    id: 'sub_1',
    object: 'subscription',
    customer: 'cus_1',
    status: 'active',
    currency: 'usd',
    start_date: JAN_1,
    items: { data: items },
    ...extra,
  }
}

const JANUARY = { months: ['2026-01'] }
const METRIC = { metric: 'stripeMrr' }

describe('stripeMrr: options and the subscriptions iterable', () => {
  it('refuses a timeZone that is not a string and a month that is not a string', () => {
    expectMetricError(
      () => stripeMrr([], { months: ['2026-01'], timeZone: 5 as never }),
      'INVALID_OPTION',
      { path: ['timeZone'], ...METRIC },
    )
    expectMetricError(() => stripeMrr([], { months: [202601 as never] }), 'INVALID_OPTION', {
      path: ['months', 0],
      ...METRIC,
    })
  })

  it('refuses null, a non-iterable object and iterators that are not iterators', () => {
    for (const bad of [
      null,
      {},
      { [Symbol.iterator]: () => 5 },
      { [Symbol.iterator]: () => ({ next: 1 }) },
    ])
      expectMetricError(() => stripeMrr(bad as never, JANUARY), 'INVALID_OPTION', {
        path: ['subscriptions'],
        ...METRIC,
      })
  })

  it('reports an error thrown by the iterable, its message or "an error" for a non-Error', () => {
    const throwing = {
      [Symbol.iterator]() {
        throw new Error('boom')
      },
    }
    expectMetricError(() => stripeMrr(throwing as never, JANUARY), 'INVALID_OPTION', {
      path: ['subscriptions'],
      message: /could not be read: .*boom/,
      ...METRIC,
    })
    const nextThrows = {
      [Symbol.iterator]: () => ({
        next() {
          throw 'not an Error'
        },
      }),
    }
    expectMetricError(() => stripeMrr(nextThrows as never, JANUARY), 'INVALID_OPTION', {
      path: ['subscriptions'],
      message: /at index 0: an error$/,
      ...METRIC,
    })
  })
})

describe('stripeMrr: discounts and valuation', () => {
  it('takes amount_off only from the items of the products it applies to', () => {
    const coupon = {
      amount_off: 300,
      currency: 'usd',
      duration: 'forever',
      applies_to: { products: ['prod_2'] },
    }
    const { records } = stripeMrr(
      [
        subscription({ discounts: [{ start: JAN_1, coupon }] }, [
          { price: price({ product: 'prod_1' }) },
          { price: price({ product: 'prod_2', unit_amount: 500 }) },
        ]),
      ],
      JANUARY,
    )
    // prod_1 is not eligible: 1000 + (500 − 300) = 1200 cents = $12.
    expect(records.map((r) => r.amount.toString())).toEqual(['12'])
  })

  it('applies an item discount only once it has started', () => {
    const coupon = { percent_off: 50, duration: 'forever' }
    const { records } = stripeMrr(
      [
        subscription({}, [
          { price: price(), discounts: [{ start: seconds(2026, 2, 15), coupon }] },
        ]),
      ],
      { months: ['2026-01', '2026-02'] },
    )
    // January: not started, 1000 cents = $10; February: 50 % off, 500 cents = $5.
    expect(records.map((r) => [r.month, r.amount.toString()])).toEqual([
      ['2026-01', '10'],
      ['2026-02', '5'],
    ])
  })

  it('rejects a subscription whose monthly amount has more than 30 digits', () => {
    const huge = price({ unit_amount_decimal: '999999999999999.999999999999' })
    const { records, rejected } = stripeMrr(
      [subscription({}, [{ quantity: Number.MAX_SAFE_INTEGER, price: huge }])],
      JANUARY,
    )
    // 9007199254740991 × (1e15 − 1e-12) = 9007199254740991e15 − 9007.199254740991
    // = 9007199254740990999999999990992.800745259009: 31 integer digits, above the 30 allowed
    // (the message shows it at 40 significant digits, then is cut short).
    expect(records).toEqual([])
    expect(rejected).toEqual([
      {
        index: 0,
        issues: [
          {
            path: [],
            message: expect.stringMatching(
              /could not be valued: .*its monthly amount 9007199254740990999999999990992\.800745259/,
            ),
          },
        ],
      },
    ])
  })

  it('keeps a non-integer amount exact while leaving out a subscription refused for currency', () => {
    const a = subscription({ id: 'sub_a' })
    const b = subscription(
      {
        id: 'sub_b',
        currency: 'eur',
        start_date: seconds(2026, 3, 1),
        cancel_at: seconds(2026, 4, 1),
      },
      [{ price: price({ currency: 'eur' }) }],
    )
    const c = subscription({ id: 'sub_c', start_date: seconds(2026, 4, 1) }, [
      { price: price({ unit_amount_decimal: '1000.5' }) },
    ])
    const { records, rejected } = stripeMrr([a, b, c], {
      months: ['2026-01', '2026-03', '2026-04'],
    })
    // March: sub_a (USD) and sub_b (EUR) for cus_1 → both refused everywhere. April: sub_a
    // (refused) and sub_c: 1000.5 cents rounded half up = 1001 cents = $10.01.
    expect(records.map((r) => [r.month, r.amount.toString(), r.subscriptions])).toEqual([
      ['2026-04', '10.01', ['sub_c']],
    ])
    expect(rejected.map((r) => [r.index, r.issues[0]?.path])).toEqual([
      [0, ['currency']],
      [1, ['currency']],
    ])
  })
})

describe('stripeMrr: mixed currencies', () => {
  it('names only the first mixed month when a customer mixes currencies in several', () => {
    const usd = subscription({ id: 'sub_usd' })
    const eur = subscription({ id: 'sub_eur', currency: 'eur' }, [
      { price: price({ currency: 'eur' }) },
    ])
    const { records, rejected } = stripeMrr([usd, eur], { months: ['2026-01', '2026-02'] })
    // Both months mix USD and EUR for cus_1: one issue per subscription, naming January.
    expect(records).toEqual([])
    expect(rejected.map((r) => [r.index, r.issues.length])).toEqual([
      [0, 1],
      [1, 1],
    ])
    for (const entry of rejected) expect(entry.issues[0]?.message).toMatch(/end of 2026-01;/)
  })
})

describe('stripeMrr: a refused subscription beside a counted one (whole amounts)', () => {
  it('sums only the counted subscription in a month the refused one is also active', () => {
    const a = subscription({ id: 'sub_a' })
    const b = subscription(
      {
        id: 'sub_b',
        currency: 'eur',
        start_date: seconds(2026, 3, 1),
        cancel_at: seconds(2026, 4, 1),
      },
      [{ price: price({ currency: 'eur' }) }],
    )
    const c = subscription({ id: 'sub_c', start_date: seconds(2026, 4, 1) }, [
      { price: price({ unit_amount: 2000 }) },
    ])
    const { records } = stripeMrr([a, b, c], { months: ['2026-03', '2026-04'] })
    // March mixes USD and EUR: sub_a and sub_b refused. April: sub_a (refused, 1000) and
    // sub_c (2000 cents) → only sub_c counts: $20.
    expect(records.map((r) => [r.month, r.amount.toString(), r.subscriptions])).toEqual([
      ['2026-04', '20', ['sub_c']],
    ])
  })
})

describe('stripeMrr: resolvePrice', () => {
  const tiered = subscription({}, [
    { price: price({ billing_scheme: 'tiered', unit_amount: null }) },
  ])

  it('accepts a decimal.js Decimal', () => {
    const { records } = stripeMrr([tiered], { ...JANUARY, resolvePrice: () => new Decimal(2500) })
    // 2500 cents a month = $25.
    expect(records.map((r) => r.amount.toString())).toEqual(['25'])
  })

  it('refuses an amount that overflows to Infinity', () => {
    expectMetricError(
      () => stripeMrr([tiered], { ...JANUARY, resolvePrice: () => '1e99999999999999999' }),
      'INVALID_OPTION',
      { path: ['resolvePrice'], ...METRIC },
    )
  })
})
