import { describe, expect, it } from 'vitest'
import {
  addInterval,
  readStripeSubscription,
} from '../../../src/sources/stripe/readStripeSubscription.js'

/** 2026-01-01T00:00:00Z in seconds. */
const JAN_1 = 1_767_225_600
const JAN_1_MS = JAN_1 * 1000
const DAY_MS = 86_400_000

type Json = Record<string, unknown>

function price(extra: Json = {}): Json {
  return { currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' }, ...extra }
}

function subscription(extra: Json = {}, items: unknown[] = [{ quantity: 1, price: price() }]) {
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

/** The paths of the issues (facts must then be null). */
function issuePaths(raw: unknown): (string | number)[][] {
  const { facts, issues } = readStripeSubscription(raw)
  expect(facts).toBeNull()
  expect(issues.length).toBeGreaterThan(0)
  return issues.map((issue) => [...issue.path])
}

function factsOf(raw: unknown) {
  const { facts, issues } = readStripeSubscription(raw)
  expect(issues).toEqual([])
  if (facts === null) throw new Error('expected facts')
  return facts
}

function discount(coupon: unknown, extra: Json = {}): Json {
  return { start: JAN_1, coupon, ...extra }
}

describe('addInterval', () => {
  it('adds days and weeks as fixed lengths, years as 12 months clamped to the month end', () => {
    expect(addInterval(0, 'day', 2)).toBe(2 * DAY_MS)
    expect(addInterval(0, 'week', 1)).toBe(7 * DAY_MS)
    // 2024-02-29 + 1 year → 2025-02-28 (February 2025 has 28 days).
    expect(addInterval(Date.UTC(2024, 1, 29), 'year', 1)).toBe(Date.UTC(2025, 1, 28))
  })
})

describe('readStripeSubscription: the subscription', () => {
  it('refuses a value that is not an object, and an object of another kind', () => {
    expect(issuePaths(42)).toEqual([[]])
    expect(issuePaths(subscription({ object: 'customer' }))).toEqual([['object']])
  })

  it('refuses a non-boolean cancel_at_period_end and a malformed currency', () => {
    expect(issuePaths(subscription({ cancel_at_period_end: 'yes' }))).toEqual([
      ['cancel_at_period_end'],
    ])
    expect(issuePaths(subscription({ currency: 'USD' }))).toEqual([['currency']])
  })

  it('refuses a missing, oversized, cut-short or empty items list', () => {
    expect(issuePaths(subscription({ items: {} }))).toEqual([['items', 'data']])
    const many = Array.from({ length: 101 }, () => ({ price: price() }))
    expect(issuePaths(subscription({}, many))).toEqual([['items', 'data']])
    expect(
      issuePaths(subscription({ items: { data: [{ price: price() }], has_more: true } })),
    ).toEqual([['items', 'has_more']])
    expect(issuePaths(subscription({}, []))).toEqual([['items', 'data']])
  })

  it('refuses an item that is not an object and a bad quantity', () => {
    expect(issuePaths(subscription({}, ['item']))).toEqual([['items', 'data', 0]])
    expect(issuePaths(subscription({}, [{ quantity: -1, price: price() }]))).toEqual([
      ['items', 'data', 0, 'quantity'],
    ])
  })

  it('takes a missing quantity as 1', () => {
    // 1 × 1000 cents.
    expect(factsOf(subscription({}, [{ price: price() }])).items[0]?.perPeriod?.toString()).toBe(
      '1000',
    )
  })

  it('refuses items whose currency or interval differ from the first', () => {
    expect(
      issuePaths(
        subscription({ currency: null }, [
          { price: price() },
          { price: price({ currency: 'eur' }) },
        ]),
      ),
    ).toEqual([['items', 'data', 1, 'price', 'currency']])
    expect(
      issuePaths(
        subscription({}, [
          { price: price() },
          { price: price({ recurring: { interval: 'year' } }) },
        ]),
      ),
    ).toEqual([['items', 'data', 1, 'price', 'recurring']])
  })

  it('takes the currency from the prices when the subscription has none, else refuses', () => {
    expect(factsOf(subscription({ currency: undefined })).currency).toBe('usd')
    const noCurrency = { unit_amount: 1000, recurring: { interval: 'month' } }
    expect(issuePaths(subscription({ currency: undefined }, [{ price: noCurrency }]))).toEqual([
      ['currency'],
    ])
  })

  it('ends at canceled_at for a canceled subscription, at cancel_at otherwise', () => {
    const canceled = factsOf(subscription({ status: 'canceled', canceled_at: JAN_1 + 86_400 }))
    expect(canceled.endMs).toBe(JAN_1_MS + DAY_MS)
    const cancelAt = factsOf(subscription({ cancel_at: JAN_1 + 2 * 86_400 }))
    expect(cancelAt.endMs).toBe(JAN_1_MS + 2 * DAY_MS)
  })

  it('ends at the latest item current_period_end when cancel_at_period_end', () => {
    const facts = factsOf(
      subscription({ cancel_at_period_end: true, current_period_end: JAN_1 + 86_400 }, [
        { price: price(), current_period_end: JAN_1 + 3 * 86_400 },
        { price: price(), current_period_end: JAN_1 + 2 * 86_400 },
      ]),
    )
    // The latest of 1, 3 and 2 days after January 1st.
    expect(facts.endMs).toBe(JAN_1_MS + 3 * DAY_MS)
    const onItemOnly = factsOf(
      subscription({ cancel_at_period_end: true }, [
        { price: price(), current_period_end: JAN_1 + 5 * 86_400 },
      ]),
    )
    expect(onItemOnly.endMs).toBe(JAN_1_MS + 5 * DAY_MS)
  })

  it('refuses cancel_at_period_end without a period end, and canceled without an end', () => {
    expect(issuePaths(subscription({ cancel_at_period_end: true }))).toEqual([
      ['current_period_end'],
    ])
    expect(issuePaths(subscription({ status: 'canceled' }))).toEqual([['ended_at']])
  })

  it('reads a trial from trial_start, or from the start when only trial_end is given', () => {
    const both = factsOf(subscription({ trial_start: JAN_1 + 86_400, trial_end: JAN_1 + 864_000 }))
    expect([both.trialStartMs, both.trialEndMs]).toEqual([
      JAN_1_MS + DAY_MS,
      JAN_1_MS + 10 * DAY_MS,
    ])
    const endOnly = factsOf(subscription({ trial_end: JAN_1 + 864_000 }))
    expect([endOnly.trialStartMs, endOnly.trialEndMs]).toEqual([JAN_1_MS, JAN_1_MS + 10 * DAY_MS])
    const trialing = factsOf(subscription({ status: 'trialing', trial_start: JAN_1 + 86_400 }))
    expect([trialing.trialStartMs, trialing.trialEndMs]).toEqual([
      JAN_1_MS + DAY_MS,
      Number.POSITIVE_INFINITY,
    ])
  })
})

describe('readStripeSubscription: prices', () => {
  const at = (...rest: (string | number)[]) => ['items', 'data', 0, ...rest]

  it('refuses a price id and a missing price (then looked for as a legacy plan)', () => {
    expect(issuePaths(subscription({}, [{ price: 'price_1' }]))).toEqual([at('price')])
    expect(issuePaths(subscription({}, [{ price: null }]))).toEqual([at('plan')])
  })

  it('reads a legacy plan: interval on the plan, amount or amount_decimal', () => {
    const plan = { currency: 'usd', amount: 500, interval: 'week', interval_count: 2 }
    const facts = factsOf(subscription({}, [{ quantity: 2, plan }]))
    // 2 × 500 cents, every 2 weeks.
    expect([facts.interval, facts.intervalCount]).toEqual(['week', 2])
    expect(facts.items[0]?.perPeriod?.toString()).toBe('1000')
    const decimal = factsOf(subscription({}, [{ plan: { ...plan, amount_decimal: '12.5' } }]))
    expect(decimal.items[0]?.perPeriod?.toString()).toBe('12.5')
  })

  it('refuses a bad price currency, interval_count and a non-Stripe scheme', () => {
    expect(issuePaths(subscription({}, [{ price: price({ currency: 'US' }) }]))).toEqual([
      at('price', 'currency'),
    ])
    expect(
      issuePaths(
        subscription({}, [
          { price: price({ recurring: { interval: 'month', interval_count: 0 } }) },
        ]),
      ),
    ).toEqual([at('price', 'recurring', 'interval_count')])
    expect(issuePaths(subscription({}, [{ price: price({ billing_scheme: 'flat' }) }]))).toEqual([
      at('price'),
    ])
  })

  it('refuses a unit_amount_decimal that is not a decimal string of minor units', () => {
    expect(
      issuePaths(subscription({}, [{ price: price({ unit_amount_decimal: '1e3' }) }])),
    ).toEqual([at('price', 'unit_amount_decimal')])
  })

  it('reads the product from an expanded product object, null without an id', () => {
    const expanded = factsOf(subscription({}, [{ price: price({ product: { id: 'prod_1' } }) }]))
    expect(expanded.items[0]?.product).toBe('prod_1')
    const noId = factsOf(subscription({}, [{ price: price({ product: { name: 'x' } }) }]))
    expect(noId.items[0]?.product).toBeNull()
  })

  it('applies transform_quantity rounding down, and refuses a malformed one', () => {
    const facts = factsOf(
      subscription({}, [
        { quantity: 7, price: price({ transform_quantity: { divide_by: 5, round: 'down' } }) },
      ]),
    )
    // floor(7 / 5) = 1 unit × 1000 cents.
    expect(facts.items[0]?.perPeriod?.toString()).toBe('1000')
    expect(issuePaths(subscription({}, [{ price: price({ transform_quantity: 5 }) }]))).toEqual([
      at('price', 'transform_quantity'),
    ])
    expect(
      issuePaths(
        subscription({}, [{ price: price({ transform_quantity: { divide_by: 0, round: 'up' } }) }]),
      ),
    ).toEqual([at('price', 'transform_quantity')])
  })
})

describe('readStripeSubscription: discounts', () => {
  const percent = { percent_off: 10, duration: 'forever' }

  it('refuses a discounts value that is not a list, or has more than 100 entries', () => {
    expect(issuePaths(subscription({ discounts: 'di_1' }))).toEqual([['discounts']])
    const many = Array.from({ length: 101 }, () => discount(percent))
    expect(issuePaths(subscription({ discounts: many }))).toEqual([['discounts']])
  })

  it('refuses a discount id, a non-object, a coupon id and a missing coupon', () => {
    expect(issuePaths(subscription({ discounts: ['di_1', 'di_2'] }))).toEqual([
      ['discounts', 0],
      ['discounts', 1],
    ])
    expect(issuePaths(subscription({ discounts: [7] }))).toEqual([['discounts', 0]])
    expect(issuePaths(subscription({ discounts: [discount('co_1')] }))).toEqual([
      ['discounts', 0, 'coupon'],
    ])
    expect(issuePaths(subscription({ discounts: [{ start: JAN_1 }] }))).toEqual([
      ['discounts', 0, 'source', 'coupon'],
    ])
  })

  it('reads the coupon under source.coupon, and the legacy discount a lone id points to', () => {
    const facts = factsOf(
      subscription({ discounts: [{ start: JAN_1, source: { coupon: percent } }] }),
    )
    expect(facts.discounts[0]?.kind).toBe('percent')
    expect(facts.discounts[0]?.value.toString()).toBe('10')
    const legacy = factsOf(
      subscription({ discounts: ['di_1'], discount: { id: 'di_1', ...discount(percent) } }),
    )
    expect(legacy.discounts.map((d) => d.value.toString())).toEqual(['10'])
  })

  it('refuses a missing start, a bad percent_off, and a coupon with neither amount', () => {
    expect(issuePaths(subscription({ discounts: [{ coupon: percent }] }))).toEqual([
      ['discounts', 0, 'start'],
    ])
    expect(
      issuePaths(
        subscription({ discounts: [discount({ percent_off: 150, duration: 'forever' })] }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'percent_off']])
    expect(issuePaths(subscription({ discounts: [discount({ duration: 'forever' })] }))).toEqual([
      ['discounts', 0, 'coupon'],
    ])
  })

  it('reads amount_off in another currency from currency_options, else refuses', () => {
    const coupon = {
      amount_off: 500,
      currency: 'eur',
      duration: 'forever',
      currency_options: { usd: { amount_off: 600 } },
    }
    const facts = factsOf(subscription({ discounts: [discount(coupon)] }))
    expect(facts.discounts[0]?.kind).toBe('amount')
    expect(facts.discounts[0]?.value.toString()).toBe('600')
    expect(
      issuePaths(
        subscription({ discounts: [discount({ ...coupon, currency_options: undefined })] }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'currency']])
    expect(
      issuePaths(
        subscription({
          discounts: [discount({ amount_off: 1.5, currency: 'usd', duration: 'forever' })],
        }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'amount_off']])
  })

  it('ends a once coupon after one billing interval of the subscription (days here)', () => {
    const daily = { recurring: { interval: 'day', interval_count: 3 } }
    const facts = factsOf(
      subscription({ discounts: [discount({ percent_off: 10, duration: 'once' })] }, [
        { price: price(daily) },
      ]),
    )
    // 3 days after January 1st.
    expect(facts.discounts[0]?.endMs).toBe(JAN_1_MS + 3 * DAY_MS)
  })

  it('refuses a repeating coupon without months and an unknown duration', () => {
    expect(
      issuePaths(
        subscription({ discounts: [discount({ percent_off: 10, duration: 'repeating' })] }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'duration_in_months']])
    expect(
      issuePaths(subscription({ discounts: [discount({ percent_off: 10, duration: 'weekly' })] })),
    ).toEqual([['discounts', 0, 'coupon', 'duration']])
    // With an explicit end, the duration is still checked.
    expect(
      issuePaths(
        subscription({
          discounts: [discount({ percent_off: 10, duration: 'weekly' }, { end: JAN_1 + 86_400 })],
        }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'duration']])
  })

  it('keeps an explicit end, and reads applies_to.products (refusing a non-list)', () => {
    const coupon = { percent_off: 10, duration: 'once', applies_to: { products: ['prod_1'] } }
    const facts = factsOf(subscription({ discounts: [discount(coupon, { end: JAN_1 + 86_400 })] }))
    expect(facts.discounts[0]?.endMs).toBe(JAN_1_MS + DAY_MS)
    expect([...(facts.discounts[0]?.products ?? [])]).toEqual(['prod_1'])
    const none = factsOf(
      subscription({ discounts: [discount({ ...coupon, applies_to: { products: null } })] }),
    )
    expect(none.discounts[0]?.products).toBeNull()
    expect(
      issuePaths(
        subscription({ discounts: [discount({ ...coupon, applies_to: { products: [1] } })] }),
      ),
    ).toEqual([['discounts', 0, 'coupon', 'applies_to', 'products']])
  })

  it('reads item-level discounts', () => {
    const facts = factsOf(
      subscription({}, [
        { price: price(), discounts: [discount({ percent_off: 20, duration: 'forever' })] },
      ]),
    )
    expect(facts.items[0]?.discounts[0]?.value.toString()).toBe('20')
  })
})
