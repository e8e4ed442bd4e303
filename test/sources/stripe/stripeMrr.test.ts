import { describe, expect, it } from 'vitest'
import { revenueRetentionSeries } from '../../../src/retention/revenueRetentionSeries.js'
import {
  STRIPE_THREE_DECIMAL_CURRENCIES,
  STRIPE_ZERO_DECIMAL_CURRENCIES,
} from '../../../src/sources/stripe/stripeCurrencies.js'
import { type StripeMrrRecord, stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { expectMetricError } from '../../helpers.js'
import { allFixtures, copy, FIRST_HALF_2026, fixture } from './fixtures.js'

/** `{ 'YYYY-MM customer': amount }` of the records, amounts as decimal strings. */
function table(records: readonly StripeMrrRecord[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const record of records)
    out[`${record.month} ${record.accountId}`] = record.amount.toString()
  return out
}

/** The amounts of one customer for each of `months` ('-' where there is no record). */
function series(records: readonly StripeMrrRecord[], customer: string, months = FIRST_HALF_2026) {
  const byKey = table(records)
  return months.map((month) => byKey[`${month} ${customer}`] ?? '-')
}

const months = FIRST_HALF_2026

describe('stripeMrr on the fixtures (expected MRR worked by hand)', () => {
  const result = stripeMrr(allFixtures(), { months })

  it('matches the documented example', () => {
    const { records } = stripeMrr(
      [
        {
          id: 'sub_1',
          object: 'subscription',
          customer: 'cus_1',
          status: 'active',
          currency: 'usd',
          start_date: 1767225600,
          items: {
            data: [
              {
                quantity: 3,
                price: {
                  currency: 'usd',
                  unit_amount: 12000,
                  recurring: { interval: 'year', interval_count: 1 },
                },
              },
            ],
          },
        },
      ],
      { months: ['2026-01'] },
    )
    // 3 × 12000 cents a year = 36000 / 12 = 3000 cents = $30.
    expect(records[0]?.amount.toString()).toBe('30')
  })

  it('counts a monthly price from its start date (a month it starts in counts)', () => {
    // $49.00 = 4900 cents from 2026-01-10: every month end from January on.
    expect(series(result.records, 'cus_monthly')).toEqual(['49', '49', '49', '49', '49', '49'])
  })

  it('divides an annual price by 12', () => {
    // 120000 cents a year / 12 = 10000 cents = $100.
    expect(series(result.records, 'cus_annual')).toEqual(['100', '100', '100', '100', '100', '100'])
  })

  it('normalises a weekly price as × 52 ÷ 12, read with its customer expanded as an object', () => {
    // 1500 × 52 / 12 = 6500 cents = $65; starts 2026-02-03, so nothing at the end of January.
    expect(series(result.records, 'cus_weekly')).toEqual(['-', '65', '65', '65', '65', '65'])
  })

  it('multiplies by quantity and reads unit_amount_decimal exactly, rounding once, half up', () => {
    // 7 × 2000 cents = 14000 = $140.
    expect(series(result.records, 'cus_quantity')).toEqual([
      '140',
      '140',
      '140',
      '140',
      '140',
      '140',
    ])
    // 3 × 1234.5 cents = 3703.5 cents → 3704 (half up) = $37.04.
    expect(series(result.records, 'cus_decimal')).toEqual(Array(6).fill('37.04'))
  })

  it('takes a forever percent coupon off every month', () => {
    // 10000 × (1 − 0.25) = 7500 cents = $75.
    expect(series(result.records, 'cus_pf')).toEqual(Array(6).fill('75'))
  })

  it('takes a once amount coupon off the first billing period only', () => {
    // 8000 − 3000 = 5000 at the end of January (period 2026-01-15 .. 02-15); 8000 after.
    expect(series(result.records, 'cus_ao')).toEqual(['50', '80', '80', '80', '80', '80'])
  })

  it('takes a repeating coupon off until its end', () => {
    // 240000 / 12 = 20000 cents; 50 % off until 2026-03-20: $100 in Jan and Feb, $200 from March.
    expect(series(result.records, 'cus_pr')).toEqual(['100', '100', '200', '200', '200', '200'])
  })

  it('reads the legacy discount field and computes a repeating end from duration_in_months', () => {
    // 6000 − 1000 from 2026-01-01 for 2 months (to 2026-03-01): $50, $50, then $60.
    expect(series(result.records, 'cus_legacy')).toEqual(['50', '50', '60', '60', '60', '60'])
  })

  it('counts a trial as zero and a subscription still trialing not at all', () => {
    // Trial 2026-01-20 .. 02-03: nothing at the end of January, 3000 cents from February.
    expect(series(result.records, 'cus_trial')).toEqual(['-', '30', '30', '30', '30', '30'])
    expect(series(result.records, 'cus_trialing')).toEqual(Array(6).fill('-'))
  })

  it('values an upgrade by the month-end state (an item added mid-month counts that month)', () => {
    // 4900 until the add-on item (5000) appears on 2026-03-14: $49, $49, then $99.
    expect(series(result.records, 'cus_upgrade')).toEqual(['49', '49', '99', '99', '99', '99'])
  })

  it('values a price swapped on an existing item mid-month at the new price, unprorated', () => {
    // Stripe keeps the item (its id and created) when its price is swapped; the object then
    // shows only the new price: $99 (9900 cents) at the end of March, the month of the swap,
    // with no proration of the $49 it replaced.
    const swapped = copy(fixture('monthly')[0]) as {
      items: { data: { price: { unit_amount: number; unit_amount_decimal: string } }[] }
    }
    const price = (
      swapped.items.data[0] as { price: { unit_amount: number; unit_amount_decimal: string } }
    ).price
    price.unit_amount = 9900
    price.unit_amount_decimal = '9900'
    const { records } = stripeMrr([swapped], { months: ['2026-03'] })
    expect(records[0]?.amount.toString()).toBe('99')
  })

  it('keeps a cancel_at_period_end subscription until its period ends', () => {
    // Period (on the item) ends 2026-04-01T00:00Z: $40 through March, nothing from April.
    expect(series(result.records, 'cus_cape')).toEqual(['40', '40', '40', '-', '-', '-'])
  })

  it('drops a canceled subscription from its ended_at', () => {
    // ended_at 2026-02-10: $25 at the end of January only.
    expect(series(result.records, 'cus_canceled')).toEqual(['25', '-', '-', '-', '-', '-'])
  })

  it('keeps a past-due subscription until it is canceled', () => {
    expect(series(result.records, 'cus_pastdue')).toEqual(Array(6).fill('35'))
  })

  it('keeps a zero-decimal currency whole', () => {
    // ¥100,000 a year / 12 = ¥8,333.33… → ¥8,333 (yen have no minor unit).
    expect(series(result.records, 'cus_jpy')).toEqual(Array(6).fill('8333'))
    expect(result.records.find((record) => record.accountId === 'cus_jpy')?.currency).toBe('JPY')
  })

  it('sums the subscriptions of one customer', () => {
    // 1000 (monthly) + 12000 / 12 (yearly) = 2000 cents = $20.
    expect(series(result.records, 'cus_multi')).toEqual(Array(6).fill('20'))
    const january = result.records.find(
      (record) => record.accountId === 'cus_multi' && record.month === '2026-01',
    )
    expect(january?.subscriptions).toEqual(['sub_multi_m', 'sub_multi_y'])
  })

  it('rejects the tiered price, the malformed object and the mixed-currency customer, by index', () => {
    // Indexes in allFixtures(): tiered 18, malformed 19, mixed-currency 20 and 21.
    expect(result.rejected.map((entry) => entry.index)).toEqual([18, 19, 20, 21])
    const [tiered, malformed, usd, eur] = result.rejected
    expect(tiered?.issues).toEqual([
      {
        path: ['items', 'data', 0, 'price'],
        message: expect.stringMatching(/tiered.*resolvePrice/),
      },
    ])
    expect(malformed?.issues.map((issue) => issue.path)).toEqual([
      ['customer'],
      ['items', 'data', 0, 'price', 'recurring'],
    ])
    // EUR from 2026-03-01 beside USD: March is the first month with two currencies.
    expect(usd?.issues).toEqual([
      { path: ['currency'], message: expect.stringMatching(/EUR and USD at the end of 2026-03/) },
    ])
    expect(eur?.issues[0]?.path).toEqual(['currency'])
    expect(series(result.records, 'cus_mixed')).toEqual(Array(6).fill('-'))
  })

  it('writes one record per customer and month with MRR > 0, months then customer ids in order', () => {
    const keys = result.records.map((record) => `${record.month} ${record.accountId}`)
    expect(keys).toEqual([...keys].sort())
    expect(new Set(keys).size).toBe(keys.length)
    // Hand count of paying customers per month: Jan 14 (13 USD above + JPY); Feb 16 (+weekly,
    // +trial, +ny, −canceled); Mar 16; from April 15 (−cape).
    const perMonth = months.map(
      (month) => result.records.filter((record) => record.month === month).length,
    )
    expect(perMonth).toEqual([14, 16, 16, 15, 15, 15])
  })
})

describe('stripeMrr records in revenueRetentionSeries (movements worked by hand)', () => {
  const { records } = stripeMrr(allFixtures(), { months })
  const usd = records.filter((record) => record.currency === 'USD')
  const rows = revenueRetentionSeries(usd)

  it('gives one row per month after the first', () => {
    expect(rows.map((row) => row.period?.label)).toEqual(months.slice(1))
  })

  it('splits each month into new, expansion, contraction and churn', () => {
    // USD MRR at the end of January (cents / 100):
    //   monthly 49 + annual 100 + quantity 140 + decimal 37.04 + pf 75 + ao 50 + pr 100
    //   + legacy 50 + upgrade 49 + cape 40 + canceled 25 + pastdue 35 + multi 20 = 770.04
    // February: new weekly 65 + trial 30 + ny 70 = 165; expansion ao +30; churn canceled 25.
    //   End 770.04 + 165 + 30 − 25 = 940.04.
    // March: expansion pr +100, legacy +10, upgrade +50 = 160. End 1100.04.
    // April: churn cape 40. End 1060.04. May, June: no movement.
    const view = rows.map((row) => [
      row.period?.label,
      row.result.startingRevenue.toString(),
      row.result.newRevenue.toString(),
      row.result.expansion.toString(),
      row.result.contraction.toString(),
      row.result.churn.toString(),
      row.result.endingRevenue.toString(),
    ])
    expect(view).toEqual([
      ['2026-02', '770.04', '165', '30', '0', '25', '940.04'],
      ['2026-03', '940.04', '0', '160', '0', '0', '1100.04'],
      ['2026-04', '1100.04', '0', '0', '0', '40', '1060.04'],
      ['2026-05', '1060.04', '0', '0', '0', '0', '1060.04'],
      ['2026-06', '1060.04', '0', '0', '0', '0', '1060.04'],
    ])
  })

  it('counts a contraction when a forever discount starts on a paying customer', () => {
    const base = fixture('monthly')[0] as Record<string, unknown>
    const discounted = copy(base)
    // 25 % off forever from 2026-03-05T00:00Z (1772668800): $49 → $36.75 from March.
    discounted.discounts = [
      {
        id: 'di_late',
        object: 'discount',
        start: 1772668800,
        end: null,
        source: { type: 'coupon', coupon: { id: 'Q', percent_off: 25, duration: 'forever' } },
      },
    ]
    const { records: snapshots } = stripeMrr([discounted], { months: ['2026-02', '2026-03'] })
    const [march] = revenueRetentionSeries(snapshots)
    // 4900 × 0.75 = 3675 cents: contraction 49 − 36.75 = 12.25.
    expect(march?.result.contraction.toString()).toBe('12.25')
    expect(march?.result.netRevenueRetention).toBeCloseTo(36.75 / 49, 12)
  })
})

describe('stripeMrr month ends in a time zone', () => {
  const newYork = fixture('new-york-month-end')

  it('counts a subscription started at 23:30 on 31 January in New York in January there', () => {
    // start 2026-02-01T04:30Z = 2026-01-31 23:30 EST; January ends 2026-02-01T05:00Z in New York.
    const there = stripeMrr(newYork, {
      months: ['2026-01', '2026-02'],
      timeZone: 'America/New_York',
    })
    expect(series(there.records, 'cus_ny', ['2026-01', '2026-02'])).toEqual(['70', '70'])
    // In UTC, January ended at 2026-02-01T00:00Z, before the start.
    const utc = stripeMrr(newYork, { months: ['2026-01', '2026-02'] })
    expect(series(utc.records, 'cus_ny', ['2026-01', '2026-02'])).toEqual(['-', '70'])
  })

  it('ends a cancel_at_period_end subscription by the instant, whatever the zone', () => {
    // The period ends 2026-04-01T00:00Z = 2026-03-31 20:00 EDT: before March ends in New York.
    const there = stripeMrr(fixture('cancel-at-period-end'), {
      months: ['2026-03'],
      timeZone: 'America/New_York',
    })
    expect(there.records).toEqual([])
  })

  it('gives the same records whatever the host time zone (run under TZ=America/Los_Angeles too)', () => {
    const there = stripeMrr(allFixtures(), { months, timeZone: 'America/New_York' })
    // Host-independent facts: in New York the NY subscription counts in January and the
    // cape subscription stops in March (its period ends 20:00 EDT on 31 March).
    expect(series(there.records, 'cus_ny')).toEqual(Array(6).fill('70'))
    expect(series(there.records, 'cus_cape')).toEqual(['40', '40', '-', '-', '-', '-'])
  })
})

describe('stripeMrr normalisation details', () => {
  /** A one-item active subscription for the tests below. */
  function subscription(
    price: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    quantity = 1,
  ): Record<string, unknown> {
    return {
      id: 'sub_x',
      object: 'subscription',
      customer: 'cus_x',
      status: 'active',
      start_date: 1767225600, // 2026-01-01T00:00Z
      items: { data: [{ id: 'si_x', quantity, price: { currency: 'usd', ...price } }] },
      ...extra,
    }
  }
  const january = { months: ['2026-01'] }

  it('normalises a daily price as × 365 ÷ 12 and an interval_count of 3 months as ÷ 3', () => {
    // 100 cents a day × 365 / 12 = 3041.67 cents → 3042 = $30.42.
    const daily = stripeMrr(
      [subscription({ unit_amount: 100, recurring: { interval: 'day', interval_count: 1 } })],
      january,
    )
    expect(daily.records[0]?.amount.toString()).toBe('30.42')
    // 30000 cents a quarter / 3 = 10000 = $100.
    const quarterly = stripeMrr(
      [subscription({ unit_amount: 30000, recurring: { interval: 'month', interval_count: 3 } })],
      january,
    )
    expect(quarterly.records[0]?.amount.toString()).toBe('100')
  })

  it('adds money exactly: three subscriptions of 10 cents make 30 cents, not 0.30000000000000004', () => {
    const base = subscription({ unit_amount_decimal: '10', recurring: { interval: 'month' } })
    const three = [0, 1, 2].map((n) => ({ ...copy(base), id: `sub_${n}` }))
    const { records } = stripeMrr(three, january)
    expect(records[0]?.amount.toString()).toBe('0.3')
  })

  it('rounds the exact sum, not a sum of rounded quotients: 1/3 + 1/3 + 5/6 cent = 1.5 → 2 cents', () => {
    // Two subscriptions of 1 cent every 3 months (1/3 cent a month each) and one of 5 cents
    // every 6 months (5/6): 1.5 cents exactly, a tie, half up to 2 cents.
    const every = (id: string, cents: number, count: number) => ({
      ...subscription({
        unit_amount: cents,
        recurring: { interval: 'month', interval_count: count },
      }),
      id,
    })
    const { records } = stripeMrr(
      [every('sub_a', 1, 3), every('sub_b', 1, 3), every('sub_c', 5, 6)],
      january,
    )
    expect(records[0]?.amount.toString()).toBe('0.02')
    // The same with a fraction in a numerator (the scaled-integer path): 0.5 cent a month
    // from unit_amount_decimal '1.5' every 3 months, plus 1/3 + 2/3 → 1.5 cents → 2 cents.
    const fraction = {
      ...subscription({
        unit_amount_decimal: '1.5',
        recurring: { interval: 'month', interval_count: 3 },
      }),
      id: 'sub_d',
    }
    const mixed = stripeMrr([fraction, every('sub_e', 1, 3), every('sub_f', 2, 3)], january)
    expect(mixed.records[0]?.amount.toString()).toBe('0.02')
  })

  it('prefers unit_amount_decimal to unit_amount', () => {
    // unit_amount_decimal '999.5' × 2 = 1999 cents = $19.99 (unit_amount 1000 would give $20).
    const { records } = stripeMrr(
      [
        subscription(
          { unit_amount: 1000, unit_amount_decimal: '999.5', recurring: { interval: 'month' } },
          {},
          2,
        ),
      ],
      january,
    )
    expect(records[0]?.amount.toString()).toBe('19.99')
  })

  it('reads three-decimal currencies in thousandths and lists the zero-decimal ones', () => {
    // 12345 fils a month = 12.345 KWD.
    const { records } = stripeMrr(
      [
        subscription(
          { currency: 'kwd', unit_amount: 12345, recurring: { interval: 'month' } },
          { currency: 'kwd' },
        ),
      ],
      january,
    )
    expect(records[0]?.amount.toString()).toBe('12.345')
    expect(records[0]?.currency).toBe('KWD')
    // docs.stripe.com/currencies#zero-decimal lists 16 codes, yen and won among them.
    expect(STRIPE_ZERO_DECIMAL_CURRENCIES).toHaveLength(16)
    expect(STRIPE_ZERO_DECIMAL_CURRENCIES).toContain('krw')
    expect(STRIPE_THREE_DECIMAL_CURRENCIES).toContain('bhd')
  })

  it('applies transform_quantity (divide_by, rounded up or down)', () => {
    // 7 seats sold in packs of 5, rounded up: 2 packs × 5000 cents = $100; rounded down: 1 = $50.
    const up = stripeMrr(
      [
        subscription(
          {
            unit_amount: 5000,
            recurring: { interval: 'month' },
            transform_quantity: { divide_by: 5, round: 'up' },
          },
          {},
          7,
        ),
      ],
      january,
    )
    expect(up.records[0]?.amount.toString()).toBe('100')
    const down = stripeMrr(
      [
        subscription(
          {
            unit_amount: 5000,
            recurring: { interval: 'month' },
            transform_quantity: { divide_by: 5, round: 'down' },
          },
          {},
          7,
        ),
      ],
      january,
    )
    expect(down.records[0]?.amount.toString()).toBe('50')
  })

  it('stacks discounts in list order, limits a coupon to its products and caps amount_off', () => {
    const two = {
      id: 'sub_two',
      object: 'subscription',
      customer: 'cus_two',
      status: 'active',
      start_date: 1767225600,
      items: {
        data: [
          {
            quantity: 1,
            price: {
              currency: 'usd',
              product: 'prod_a',
              unit_amount: 10000,
              recurring: { interval: 'month' },
            },
          },
          {
            quantity: 1,
            price: {
              currency: 'usd',
              product: 'prod_b',
              unit_amount: 2000,
              recurring: { interval: 'month' },
            },
          },
        ],
      },
      discounts: [
        // 50 % off prod_a only: 10000 → 5000.
        {
          start: 1767225600,
          source: {
            coupon: { percent_off: 50, duration: 'forever', applies_to: { products: ['prod_a'] } },
          },
        },
        // then 9000 off (usd) the rest: 5000 + 2000 = 7000 < 9000 → 0, never negative.
        {
          start: 1767225600,
          source: { coupon: { amount_off: 9000, currency: 'usd', duration: 'forever' } },
        },
      ],
    }
    const { records, rejected } = stripeMrr([two], january)
    expect(rejected).toEqual([])
    expect(records).toEqual([]) // MRR 0: no record
    // Without the second discount: 5000 + 2000 = 7000 cents = $70.
    const one = copy(two)
    one.discounts = one.discounts.slice(0, 1)
    expect(stripeMrr([one], january).records[0]?.amount.toString()).toBe('70')
  })

  it('reads an amount_off coupon in another currency from its currency_options', () => {
    const euro = subscription(
      { currency: 'eur', unit_amount: 5000, recurring: { interval: 'month' } },
      {
        currency: 'eur',
        discounts: [
          {
            start: 1767225600,
            coupon: {
              amount_off: 1000,
              currency: 'usd',
              currency_options: { eur: { amount_off: 900 } },
              duration: 'forever',
            },
          },
        ],
      },
    )
    // 5000 − 900 = 4100 cents = €41.
    expect(stripeMrr([euro], january).records[0]?.amount.toString()).toBe('41')
    const noOption = copy(euro) as { discounts: { coupon: Record<string, unknown> }[] }
    delete noOption.discounts[0]?.coupon.currency_options
    const refused = stripeMrr([noOption], january)
    expect(refused.rejected[0]?.issues[0]?.path).toEqual(['discounts', 0, 'coupon', 'currency'])
  })

  it('applies an item-level discount to its item', () => {
    const itemDiscount = subscription({ unit_amount: 4000, recurring: { interval: 'month' } }) as {
      items: { data: Record<string, unknown>[] }
    }
    ;(itemDiscount.items.data[0] as Record<string, unknown>).discounts = [
      { start: 1767225600, source: { coupon: { percent_off: 10, duration: 'forever' } } },
    ]
    // 4000 × 0.9 = 3600 cents = $36.
    expect(stripeMrr([itemDiscount], january).records[0]?.amount.toString()).toBe('36')
  })

  it('stops at cancel_at, and never counts incomplete, incomplete_expired or paused', () => {
    const scheduled = subscription(
      { unit_amount: 1000, recurring: { interval: 'month' } },
      { cancel_at: 1770000000 }, // 2026-02-02T02:40Z
    )
    const scheduledResult = stripeMrr([scheduled], { months: ['2026-01', '2026-02'] })
    expect(scheduledResult.records.map((record) => record.month)).toEqual(['2026-01'])
    for (const status of ['incomplete', 'incomplete_expired', 'paused']) {
      const never = subscription(
        { unit_amount: 1000, recurring: { interval: 'month' } },
        { status },
      )
      expect(stripeMrr([never], january)).toEqual({ records: [], rejected: [] })
    }
    const unpaid = subscription(
      { unit_amount: 1000, recurring: { interval: 'month' } },
      { status: 'unpaid' },
    )
    expect(stripeMrr([unpaid], january).records[0]?.amount.toString()).toBe('10')
  })

  it('values a tiered price through resolvePrice', () => {
    // Graduated tiers of the fixture: 5 units × 1000 + 3 units × 800 = 7400 cents = $74.
    const seen: string[] = []
    const { records, rejected } = stripeMrr(fixture('tiered'), {
      months: ['2026-01', '2026-02'],
      resolvePrice: ({ item, month }) => {
        seen.push(month)
        const quantity = (item as { quantity: number }).quantity
        return Math.min(quantity, 5) * 1000 + Math.max(quantity - 5, 0) * 800
      },
    })
    expect(rejected).toEqual([])
    expect(records.map((record) => record.amount.toString())).toEqual(['74', '74'])
    expect(seen).toEqual(['2026-01', '2026-02'])
    // A resolver that returns null refuses the subscription.
    const refused = stripeMrr(fixture('tiered'), { months: ['2026-01'], resolvePrice: () => null })
    expect(refused.rejected[0]?.issues[0]?.message).toMatch(/resolvePrice refused/)
  })

  it('refuses a metered price without resolvePrice', () => {
    const metered = subscription({
      unit_amount: 5,
      recurring: { interval: 'month', usage_type: 'metered' },
    })
    const { rejected } = stripeMrr([metered], january)
    expect(rejected[0]?.issues[0]?.message).toMatch(/metered/)
  })

  it('refuses unexpanded discounts, a cut-short item list and a repeated subscription id', () => {
    const ids = subscription(
      { unit_amount: 1000, recurring: { interval: 'month' } },
      { discounts: ['di_123'] },
    )
    expect(stripeMrr([ids], january).rejected[0]?.issues[0]).toEqual({
      path: ['discounts', 0],
      message: expect.stringMatching(/expand/),
    })
    const cut = subscription({ unit_amount: 1000, recurring: { interval: 'month' } }) as {
      items: Record<string, unknown>
    }
    cut.items.has_more = true
    expect(stripeMrr([cut], january).rejected[0]?.issues[0]?.path).toEqual(['items', 'has_more'])
    const twice = subscription({ unit_amount: 1000, recurring: { interval: 'month' } })
    const result = stripeMrr([twice, copy(twice)], january)
    expect(result.records).toEqual([])
    expect(result.rejected.map((entry) => entry.index)).toEqual([0, 1])
  })

  it('falls back to the legacy discount when the discounts list is empty', () => {
    const legacyOnly = subscription(
      { unit_amount: 2000, recurring: { interval: 'month' } },
      {
        discounts: [],
        discount: {
          id: 'di_1',
          start: 1767225600,
          coupon: { amount_off: 500, currency: 'usd', duration: 'forever' },
        },
      },
    )
    // 2000 − 500 = 1500 cents = $15.
    expect(stripeMrr([legacyOnly], january).records[0]?.amount.toString()).toBe('15')
  })

  it('reads a legacy discount given both as an id in discounts and expanded in discount', () => {
    const both = subscription(
      { unit_amount: 2000, recurring: { interval: 'month' } },
      {
        discounts: ['di_1'],
        discount: {
          id: 'di_1',
          start: 1767225600,
          coupon: { percent_off: 50, duration: 'forever' },
        },
      },
    )
    expect(stripeMrr([both], january).records[0]?.amount.toString()).toBe('10')
  })
})

describe('Stripe currency lists', () => {
  it('matches the documented example', () => {
    // docs.stripe.com/currencies#zero-decimal lists JPY; #three-decimal lists KWD.
    expect(STRIPE_ZERO_DECIMAL_CURRENCIES.includes('jpy')).toBe(true)
    expect(STRIPE_THREE_DECIMAL_CURRENCIES.includes('kwd')).toBe(true)
    // USD is two-decimal: in neither list.
    expect((STRIPE_ZERO_DECIMAL_CURRENCIES as readonly string[]).includes('usd')).toBe(false)
  })
})

describe('stripeMrr refusals of options', () => {
  const subscriptions = fixture('monthly')

  it('refuses bad months with INVALID_OPTION at the month', () => {
    expectMetricError(() => stripeMrr(subscriptions, { months: ['2026-13'] }), 'INVALID_OPTION', {
      path: ['months', 0],
      metric: 'stripeMrr',
    })
    expectMetricError(
      () => stripeMrr(subscriptions, { months: ['2026-01', '2026-01'] }),
      'INVALID_OPTION',
      { path: ['months', 1], metric: 'stripeMrr' },
    )
    expectMetricError(() => stripeMrr(subscriptions, { months: [] }), 'INVALID_OPTION', {
      path: ['months'],
      metric: 'stripeMrr',
    })
  })

  it('refuses a bad timeZone, resolvePrice, options or subscriptions', () => {
    expectMetricError(
      () => stripeMrr(subscriptions, { months: ['2026-01'], timeZone: 'Mars/Olympus' }),
      'INVALID_OPTION',
      { path: ['timeZone'], metric: 'stripeMrr' },
    )
    expectMetricError(
      () => stripeMrr(subscriptions, { months: ['2026-01'], resolvePrice: 3 as never }),
      'INVALID_OPTION',
      { path: ['resolvePrice'], metric: 'stripeMrr' },
    )
    expectMetricError(() => stripeMrr(subscriptions, null as never), 'INVALID_OPTION', {
      path: [],
      metric: 'stripeMrr',
    })
    expectMetricError(() => stripeMrr(42 as never, { months: ['2026-01'] }), 'INVALID_OPTION', {
      path: ['subscriptions'],
      metric: 'stripeMrr',
    })
  })

  it('refuses a resolvePrice that returns a negative or non-numeric amount', () => {
    expectMetricError(
      () => stripeMrr(fixture('tiered'), { months: ['2026-01'], resolvePrice: () => -5 }),
      'INVALID_OPTION',
      { path: ['resolvePrice'], metric: 'stripeMrr' },
    )
    expectMetricError(
      () => stripeMrr(fixture('tiered'), { months: ['2026-01'], resolvePrice: () => 'ten' }),
      'INVALID_OPTION',
      { path: ['resolvePrice'], metric: 'stripeMrr' },
    )
  })

  it('returns no records and no rejections for no subscriptions', () => {
    expect(stripeMrr([], { months: ['2026-01'] })).toEqual({ records: [], rejected: [] })
  })

  it('does not mutate its input', () => {
    const input = allFixtures()
    const before = JSON.stringify(input)
    stripeMrr(input, { months })
    expect(JSON.stringify(input)).toBe(before)
  })
})
