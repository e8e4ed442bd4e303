import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MoneyInput } from '../../src/core/MoneyInput.js'
import { bookingsMix } from '../../src/index.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

/** A won deal of `accountId` closed at `at` (an ISO instant). */
const won = (
  accountId: string,
  at: string,
  amount: MoneyInput,
  extra: Partial<Opportunity> = {},
): Opportunity => ({
  id: `${accountId}-${at}-${String(amount)}`,
  accountId,
  createdAt: new Date('2020-01-01T00:00:00Z'),
  closedAt: new Date(at),
  amount,
  status: 'won',
  stageHistory: [],
  ...extra,
})

const summary = (rows: ReturnType<typeof bookingsMix>) =>
  rows.map((row) => [
    row.group,
    row.period?.label ?? null,
    row.result.newLogoCount,
    row.result.newLogoAmount.toString(),
    row.result.expansionCount,
    row.result.expansionAmount.toString(),
    row.result.expansionShare,
    row.n,
  ])

describe('bookingsMix', () => {
  it('matches the documented example', () => {
    const make = (accountId: string, day: string, amount: number) => ({
      id: accountId + day,
      accountId,
      createdAt: new Date('2026-01-01'),
      closedAt: new Date(day),
      amount,
      status: 'won' as const,
      stageHistory: [],
    })
    const [mix] = bookingsMix(
      [
        make('acme', '2026-01-10', 1000),
        make('acme', '2026-02-03', 500),
        make('globex', '2026-02-20', 1500),
        make('initech', '2026-03-01', 1000),
      ],
      { existingCustomers: ['initech'] },
    )
    // By hand: new-logo = acme's first win 1000 + globex 1500 = 2500; expansion = acme's
    // second win 500 + initech (an existing customer) 1000 = 1500; share 1500 / 4000 = 0.375.
    expect([
      mix?.result.newLogoAmount.toNumber(),
      mix?.result.expansionAmount.toNumber(),
      mix?.result.expansionShare,
    ]).toEqual([2500, 1500, 0.375])
  })

  it('decides first wins over all the data, not per period', () => {
    const rows = bookingsMix(
      [
        won('acme', '2026-01-10T12:00:00Z', 1000),
        won('acme', '2026-02-03T12:00:00Z', 500),
        won('globex', '2026-02-20T12:00:00Z', 1500),
        won('initech', '2026-03-01T12:00:00Z', 1000),
      ],
      { existingCustomers: ['initech'], period: { unit: 'month' } },
    )
    // January: acme's first win, all new-logo (share 0 / 1000 = 0).
    // February: acme's second win is expansion although it is acme's first win *in February*:
    //   500 / (500 + 1500) = 0.25.
    // March: initech was a customer before the data starts: 1000 / 1000 = 1.
    expect(summary(rows)).toEqual([
      [null, '2026-01', 1, '1000', 0, '0', 0, 1],
      [null, '2026-02', 1, '1500', 1, '500', 0.25, 2],
      [null, '2026-03', 0, '0', 1, '1000', 1, 1],
    ])
  })

  it('counts every win on the first close date as new-logo (ties)', () => {
    const [row] = bookingsMix([
      won('acme', '2026-01-11T08:00:00Z', 300),
      won('acme', '2026-01-10T17:00:00Z', 200),
      won('acme', '2026-01-10T09:00:00Z', 100),
    ])
    // 10 Jan holds two wins (100 + 200 = 300, new-logo); 11 Jan's 300 is expansion.
    // Shares: amount 300 / 600 = 0.5; count 1 / 3 expansion, 2 / 3 new-logo.
    expect(row?.result.newLogoCount).toBe(2)
    expect(row?.result.newLogoAmount.toString()).toBe('300')
    expect(row?.result.expansionCount).toBe(1)
    expect(row?.result.expansionShare).toBe(0.5)
    expect(row?.result.newLogoShare).toBe(0.5)
    expect(row?.result.expansionCountShare).toBe(1 / 3)
    expect(row?.result.newLogoCountShare).toBe(2 / 3)
    expect(row?.result.count).toBe(3)
    expect(row?.result.amount.toString()).toBe('600')
  })

  it('reads close dates in timeZone: a tie in New York is two dates in UTC', () => {
    // 23:30Z on 10 Jan and 02:00Z on 11 Jan are 18:30 and 21:00 on 10 Jan in New York (UTC−5).
    const deals = [
      won('acme', '2026-01-10T23:30:00Z', 100),
      won('acme', '2026-01-11T02:00:00Z', 50),
    ]
    const [utc] = bookingsMix(deals)
    const [newYork] = bookingsMix(deals, { timeZone: 'America/New_York' })
    // UTC: 100 new-logo, 50 expansion → share 50 / 150 = 1/3. New York: both new-logo → 0.
    expect([utc?.result.newLogoCount, utc?.result.expansionShare]).toEqual([1, 50 / 150])
    expect([newYork?.result.newLogoCount, newYork?.result.expansionShare]).toEqual([2, 0])
  })

  it('a later instant on an earlier local date is the first date (Tokyo across a day line)', () => {
    // In Asia/Tokyo (UTC+9, no DST): 2026-01-10T14:59Z is 23:59 on 10 Jan; 2026-01-10T15:01Z
    // is 00:01 on 11 Jan. The first local date is 10 Jan, holding only the first deal.
    const [row] = bookingsMix(
      [won('acme', '2026-01-10T15:01:00Z', 7), won('acme', '2026-01-10T14:59:00Z', 3)],
      { timeZone: 'Asia/Tokyo' },
    )
    expect([row?.result.newLogoAmount.toString(), row?.result.expansionAmount.toString()]).toEqual([
      '3',
      '7',
    ])
  })

  it('uses timeZone for the period too unless period names its own zone', () => {
    // 2026-01-31T23:00Z is 1 Feb 08:00 in Tokyo: February there, January in UTC.
    const deals = [won('acme', '2026-01-31T23:00:00Z', 10)]
    expect(
      bookingsMix(deals, { timeZone: 'Asia/Tokyo', period: { unit: 'month' } })[0]?.period?.label,
    ).toBe('2026-02')
    expect(
      bookingsMix(deals, { timeZone: 'Asia/Tokyo', period: { unit: 'month', timeZone: 'UTC' } })[0]
        ?.period?.label,
    ).toBe('2026-01')
  })

  it('gives the same classes whatever the host time zone (instants near midnight in Los Angeles)', () => {
    // npm test runs this file under TZ=UTC and TZ=America/Los_Angeles. Both deals close on
    // 2 Mar in UTC (the default timeZone): a tie, both new-logo. A reading in the host zone
    // would see 1 Mar 23:30 and 2 Mar 01:00 in Los Angeles (UTC−8): two dates.
    const [row] = bookingsMix([
      won('acme', '2026-03-02T07:30:00Z', 1),
      won('acme', '2026-03-02T09:00:00Z', 2),
    ])
    expect(row?.result.newLogoCount).toBe(2)
    expect(row?.result.expansionCount).toBe(0)
  })

  it('sums amounts exactly and leaves out open and lost deals', () => {
    const [row] = bookingsMix([
      won('acme', '2026-01-10T12:00:00Z', 0.1),
      won('globex', '2026-01-11T12:00:00Z', 0.2),
      won('acme', '2026-02-10T12:00:00Z', '0.3'),
      {
        id: 'lost',
        createdAt: new Date('2026-01-01'),
        closedAt: new Date('2026-01-09'),
        status: 'lost',
        stageHistory: [],
        amount: 999,
      },
      { id: 'open', createdAt: new Date('2026-01-01'), status: 'open', stageHistory: [] },
    ])
    // 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004); expansion 0.3; share 0.3 / 0.6 = 0.5.
    expect(row?.result.newLogoAmount.toString()).toBe('0.3')
    expect(row?.result.expansionAmount.toString()).toBe('0.3')
    expect(row?.result.amount.toString()).toBe('0.6')
    expect(row?.result.expansionShare).toBe(0.5)
    expect(row?.n).toBe(3)
  })

  it('returns no rows for no deals or no won deal', () => {
    expect(bookingsMix([])).toEqual([])
    expect(
      bookingsMix([{ id: 'o', createdAt: new Date(0), status: 'open', stageHistory: [] }]),
    ).toEqual([])
  })

  it('one won deal is one new logo; a zero total amount has no amount share', () => {
    const [one] = bookingsMix([won('acme', '2026-01-10T00:00:00Z', 250)])
    expect([one?.group, one?.period, one?.result.newLogoCount, one?.result.expansionShare]).toEqual(
      [null, null, 1, 0],
    )
    const [free] = bookingsMix([won('acme', '2026-01-10T00:00:00Z', 0)])
    // 0 / 0: no amount share, but one of one deals is new-logo.
    expect([free?.result.expansionShare, free?.result.newLogoShare]).toEqual([null, null])
    expect([free?.result.expansionCountShare, free?.result.newLogoCountShare]).toEqual([0, 1])
  })

  it('all deals of existing customers are expansion', () => {
    const [row] = bookingsMix(
      [won('acme', '2026-01-10T00:00:00Z', 10), won('acme', '2026-01-10T00:00:00Z', 20)],
      { existingCustomers: ['acme', 'not-in-the-data'] },
    )
    expect([row?.result.expansionCount, row?.result.expansionShare]).toEqual([2, 1])
  })

  it('groups by owner in order of first appearance, with fill for empty periods', () => {
    const rows = bookingsMix(
      [
        won('acme', '2026-01-10T12:00:00Z', 100, { ownerId: 'ben' }),
        won('globex', '2026-01-12T12:00:00Z', 300, { ownerId: 'ana' }),
        won('acme', '2026-03-10T12:00:00Z', 100, { ownerId: 'ana' }),
      ],
      { by: (deal) => deal.ownerId ?? null, period: { unit: 'month', fill: true } },
    )
    // ben: Jan acme first win (new-logo); Feb, Mar empty. ana: Jan globex new-logo 300;
    // Feb empty; Mar acme's second win (expansion, share 100 / 100 = 1).
    expect(summary(rows)).toEqual([
      ['ben', '2026-01', 1, '100', 0, '0', 0, 1],
      ['ben', '2026-02', 0, '0', 0, '0', null, 0],
      ['ben', '2026-03', 0, '0', 0, '0', null, 0],
      ['ana', '2026-01', 1, '300', 0, '0', 0, 1],
      ['ana', '2026-02', 0, '0', 0, '0', null, 0],
      ['ana', '2026-03', 0, '0', 1, '100', 1, 1],
    ])
    expect(rows[1]?.result.expansionCountShare).toBeNull()
  })

  it('converts currencies with rates and refuses mixed currencies without them', () => {
    const deals = [
      won('acme', '2026-01-10T00:00:00Z', 100, { currency: 'EUR' }),
      won('acme', '2026-02-10T00:00:00Z', 50, { currency: 'USD' }),
    ]
    expectMetricError(() => bookingsMix(deals), 'CURRENCY_MISMATCH', {
      path: [1, 'currency'],
      metric: 'bookingsMix',
    })
    const [row] = bookingsMix(deals, { rates: { EUR: '1.1' }, baseCurrency: 'USD' })
    // 100 EUR × 1.1 = 110 USD new-logo; 50 USD expansion; share 50 / 160 = 0.3125.
    expect(row?.result.newLogoAmount.toString()).toBe('110')
    expect(row?.result.expansionShare).toBe(0.3125)
    expect(row?.result.currency).toBe('USD')
    expectMetricError(
      () => bookingsMix(deals, { rates: { GBP: '1.2' }, baseCurrency: 'USD' }),
      'MISSING_FX_RATE',
      { path: [0, 'currency'], metric: 'bookingsMix' },
    )
  })

  it('handles 100,000 deals exactly', () => {
    // Deal k (k = 0..99,999) of account k mod 1000 closes on day k: the first 1000 deals are
    // new-logo (1000 × 0.01 = 10), the other 99,000 expansion (990); share 990 / 1000 = 0.99.
    const deals: Opportunity[] = []
    for (let k = 0; k < 100_000; k++) {
      deals.push({
        id: String(k),
        accountId: `a${k % 1000}`,
        createdAt: new Date(0),
        closedAt: new Date(k * 86_400_000),
        amount: 0.01,
        status: 'won',
        stageHistory: [],
      })
    }
    const [row] = bookingsMix(deals)
    expect(row?.result.newLogoCount).toBe(1000)
    expect(row?.result.newLogoAmount.toString()).toBe('10')
    expect(row?.result.expansionAmount.toString()).toBe('990')
    expect(row?.result.expansionShare).toBe(0.99)
  })

  it('refuses won deals without an account, amount or close date, and bad options', () => {
    const metric = 'bookingsMix'
    const noAccount = { ...won('x', '2026-01-10T00:00:00Z', 1) } as { accountId?: string }
    delete noAccount.accountId
    expectMetricError(
      () => bookingsMix([won('a', '2026-01-10T00:00:00Z', 1), noAccount as Opportunity]),
      'MISSING_VALUE',
      { path: [1, 'accountId'], metric },
    )
    expectMetricError(
      () => bookingsMix([won('a', '2026-01-10T00:00:00Z', 1, { accountId: 7 as never })]),
      'INVALID_RECORD',
      { path: [0, 'accountId'], metric },
    )
    const noAmount = { ...won('a', '2026-01-10T00:00:00Z', 1) } as { amount?: unknown }
    delete noAmount.amount
    expectMetricError(() => bookingsMix([noAmount as Opportunity]), 'MISSING_VALUE', {
      path: [0, 'amount'],
      metric,
    })
    const noClose = { ...won('a', '2026-01-10T00:00:00Z', 1) } as { closedAt?: unknown }
    delete noClose.closedAt
    expectMetricError(() => bookingsMix([noClose as Opportunity]), 'MISSING_VALUE', {
      path: [0, 'closedAt'],
      metric,
    })
    expectMetricError(() => bookingsMix([won('a', '2026-01-10T00:00:00Z', -5)]), 'NEGATIVE_VALUE', {
      metric,
    })
    expectMetricError(
      () => bookingsMix([won('a', '2026-01-10T00:00:00Z', 1, { status: 'closed' as never })]),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'status'], metric },
    )
    expectMetricError(
      () => bookingsMix([], { existingCustomers: 'acme' as never }),
      'INVALID_OPTION',
      { path: ['existingCustomers'], metric },
    )
    expectMetricError(
      () => bookingsMix([], { existingCustomers: ['acme', 3 as never] }),
      'INVALID_OPTION',
      { path: ['existingCustomers', 1], metric },
    )
    expectMetricError(() => bookingsMix([], { timeZone: 'Mars/Olympus' }), 'INVALID_OPTION', {
      path: ['timeZone'],
      metric,
    })
    expectMetricError(
      () => bookingsMix([won('a', '2026-01-10T00:00:00Z', 1)], { by: 'owner' as never }),
      'INVALID_OPTION',
      { path: ['by'], metric },
    )
    expectMetricError(
      () =>
        bookingsMix([won('a', '2026-01-10T00:00:00Z', 1)], { period: { unit: 'day' as never } }),
      'INVALID_OPTION',
      { metric },
    )
    expectMetricError(() => bookingsMix([], null as never), 'INVALID_OPTION', { path: [], metric })
    expectMetricError(() => bookingsMix('deals' as never), 'VALUE_OUT_OF_RANGE', { metric })
  })

  it('does not mutate its input', () => {
    const deals = [won('a', '2026-01-10T00:00:00Z', 1), won('a', '2026-02-10T00:00:00Z', 2)]
    const copy = structuredClone(deals)
    const existing = ['b']
    bookingsMix(deals, { existingCustomers: existing, period: { unit: 'month' } })
    expect(deals).toEqual(copy)
    expect(existing).toEqual(['b'])
  })

  // Deals of 4 accounts on 20 days (ties likely), amounts in cents, some existing customers.
  const dealsArbitrary = fc.array(
    fc.record({
      account: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: 0, max: 19 }),
      hour: fc.integer({ min: 0, max: 23 }),
      cents: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  const toDeals = (specs: { account: number; day: number; hour: number; cents: number }[]) =>
    specs.map((spec, index) =>
      won(
        `a${spec.account}`,
        new Date(Date.UTC(2026, 0, 1 + spec.day, spec.hour)).toISOString(),
        spec.cents / 100,
        { id: String(index) },
      ),
    )

  it('does not depend on the order of the deals (property)', () => {
    fc.assert(
      fc.property(
        dealsArbitrary,
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        (specs, existingCodes, zoneKey) => {
          const timeZone = zoneKey < 'm' ? 'UTC' : 'America/New_York'
          const options = {
            existingCustomers: existingCodes.map((code) => `a${code}`),
            timeZone,
          }
          const deals = toDeals(specs)
          const reversed = [...deals].reverse()
          const key = (rows: ReturnType<typeof bookingsMix>) =>
            rows.map((row) => [
              row.result.newLogoCount,
              row.result.newLogoAmount.toString(),
              row.result.expansionAmount.toString(),
            ])
          expect(key(bookingsMix(reversed, options))).toEqual(key(bookingsMix(deals, options)))
        },
      ),
    )
  })

  it('shares sum to 1, period rows add up to the total, and each new account has a new logo (property)', () => {
    fc.assert(
      fc.property(dealsArbitrary, fc.integer({ min: 0, max: 3 }), (specs, existingCode) => {
        const deals = toDeals(specs)
        const existingCustomers = [`a${existingCode}`]
        const [total] = bookingsMix(deals, { existingCustomers })
        const weeks = bookingsMix(deals, { existingCustomers, period: { unit: 'week' } })
        if (total === undefined) throw new Error('one won deal gives one row')
        const result = total.result
        if (result.expansionShare !== null && result.newLogoShare !== null) {
          expect(result.expansionShare + result.newLogoShare).toBeCloseTo(1, 12)
        } else {
          expect(result.amount.isZero()).toBe(true)
        }
        expect(
          (result.expansionCountShare as number) + (result.newLogoCountShare as number),
        ).toBeCloseTo(1, 12)
        let newLogoSum = result.newLogoAmount.minus(result.newLogoAmount)
        let count = 0
        for (const week of weeks) {
          newLogoSum = newLogoSum.plus(week.result.newLogoAmount)
          count += week.n
        }
        expect(newLogoSum.eq(result.newLogoAmount)).toBe(true)
        expect(count).toBe(deals.length)
        // Every account not named existing has at least one new-logo deal; existing ones none.
        const newAccounts = new Set(
          specs.filter((spec) => spec.account !== existingCode).map((s) => s.account),
        )
        expect(result.newLogoCount).toBeGreaterThanOrEqual(newAccounts.size)
        const existingDeals = specs.filter((spec) => spec.account === existingCode).length
        expect(result.expansionCount).toBeGreaterThanOrEqual(existingDeals)
      }),
    )
  })
})
