import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_GROWTH_CLASSES,
  type AccountGrowthSnapshot,
  accountGrowth,
} from '../../src/accounts/index.js'
import * as root from '../../src/index.js'
import { expectMetricError } from '../helpers.js'

const WINDOW = { from: '2026-01', to: '2026-04' } as const

/**
 * The hand-worked portfolio: one account per class, a split subscription, a row in a month
 * between the two ends (checked, not counted) and an account active only in that month.
 */
const PORTFOLIO: AccountGrowthSnapshot[] = [
  { accountId: 'a', month: '2026-01', amount: 100 },
  { accountId: 'a', month: '2026-02', amount: 999 },
  { accountId: 'a', month: '2026-04', amount: 130 },
  { accountId: 'b', month: '2026-01', amount: 200 },
  { accountId: 'b', month: '2026-04', amount: 150 },
  { accountId: 'c', month: '2026-01', amount: 80 },
  { accountId: 'c', month: '2026-04-15', amount: 82 },
  { accountId: 'd', month: '2026-01', amount: 50 },
  { accountId: 'e', month: '2026-04', amount: 60 },
  { accountId: 'f', month: '2026-01', amount: 120 },
  { accountId: 'f', month: '2026-04', amount: 70 },
  { accountId: 'f', month: '2026-04', amount: 50 },
  { accountId: 'g', month: '2026-02', amount: 10 },
]

describe('accountGrowth', () => {
  it('matches the documented example', () => {
    const { accounts, summary } = accountGrowth(
      [
        { accountId: 'a', month: '2026-01', amount: 100 },
        { accountId: 'a', month: '2026-06', amount: 150 },
        { accountId: 'b', month: '2026-01', amount: 200 },
        { accountId: 'b', month: '2026-06', amount: 100 },
        { accountId: 'c', month: '2026-01', amount: 50 },
        { accountId: 'd', month: '2026-06', amount: 40 },
      ],
      { from: '2026-01', to: '2026-06' },
    )
    // Hand arithmetic: a (150 − 100) / 100 = 0.5; b (100 − 200) / 200 = −0.5; c churned −1;
    // d new. NRR = (150 + 100 + 0) / (100 + 200 + 50) = 250 / 350 = 5 / 7; median of
    // [−1, −0.5, 0.5] is −0.5.
    expect(accounts.map((account) => [account.accountId, account.class, account.growth])).toEqual([
      ['a', 'expanded', 0.5],
      ['b', 'contracted', -0.5],
      ['c', 'churned', -1],
      ['d', 'new', null],
    ])
    expect(summary.netRevenueRetention).toBe(0.7142857142857143)
    expect(summary.netRevenueRetention).toBeCloseTo(5 / 7, 15)
    expect(summary.medianGrowth).toBe(-0.5)
  })

  it('classifies the hand-worked portfolio of every class (flatTolerance 0.05)', () => {
    const { accounts, summary, currency } = accountGrowth(PORTFOLIO, {
      ...WINDOW,
      flatTolerance: 0.05,
    })
    // Hand-worked: a 100 → 130: +30 / 100 = 0.3, expanded (the February 999 is not an end).
    // b 200 → 150: −50 / 200 = −0.25, contracted. c 80 → 82 (a date in April): 2 / 80 =
    // 0.025 ≤ 0.05, flat. d 50 → nothing: −1, churned. e nothing → 60: new, growth null.
    // f 120 → 70 + 50 = 120: 0, flat. g has revenue only in February: left out.
    expect(
      accounts.map((account) => [
        account.accountId,
        account.start.toString(),
        account.end.toString(),
        account.growth,
        account.class,
      ]),
    ).toEqual([
      ['a', '100', '130', 0.3, 'expanded'],
      ['b', '200', '150', -0.25, 'contracted'],
      ['c', '80', '82', 0.025, 'flat'],
      ['d', '50', '0', -1, 'churned'],
      ['e', '0', '60', null, 'new'],
      ['f', '120', '120', 0, 'flat'],
    ])
    // Counts: new 1, churned 1, expanded 1, contracted 1, flat 2 of 6 accounts.
    expect(summary.accounts).toBe(6)
    expect(summary.startAccounts).toBe(5)
    expect(summary.counts).toEqual({ new: 1, churned: 1, expanded: 1, contracted: 1, flat: 2 })
    expect(summary.shares).toEqual({
      new: 1 / 6,
      churned: 1 / 6,
      expanded: 1 / 6,
      contracted: 1 / 6,
      flat: 2 / 6,
    })
    // Expanding among the 5 accounts with a start: 1 / 5.
    expect(summary.shareExpanding).toBe(0.2)
    // Growths sorted: −1, −0.25, 0, 0.025, 0.3; R type 7 at 0.5: h = (5 − 1) × 0.5 = 2 → 0.
    expect(summary.medianGrowth).toBe(0)
    // Start: 100 + 200 + 80 + 50 + 120 = 550; end: 130 + 150 + 82 + 0 + 60 + 120 = 542.
    expect(summary.startRevenue.toString()).toBe('550')
    expect(summary.endRevenue.toString()).toBe('542')
    // NRR (start cohort only, e excluded): (130 + 150 + 82 + 0 + 120) / 550 = 482 / 550.
    expect(summary.netRevenueRetention).toBeCloseTo(482 / 550, 15)
    expect(currency).toBeNull()
  })

  it('puts a growth on the band edge in flat, and anything above it in expanded', () => {
    // c: |82 − 80| = 2 and 0.025 × 80 = 2: on the edge, flat (the band is inclusive).
    const edge = accountGrowth(PORTFOLIO, { ...WINDOW, flatTolerance: 0.025 })
    expect(edge.accounts.find((account) => account.accountId === 'c')?.class).toBe('flat')
    // Default tolerance 0: only f (unchanged) is flat; c expands. Expanding: a, c of 5 = 0.4.
    const strict = accountGrowth(PORTFOLIO, WINDOW)
    expect(strict.summary.counts).toEqual({
      new: 1,
      churned: 1,
      expanded: 2,
      contracted: 1,
      flat: 1,
    })
    expect(strict.summary.shareExpanding).toBe(0.4)
  })

  it('adds duplicate account-month rows exactly (several subscriptions)', () => {
    const { accounts, summary } = accountGrowth(
      [
        { accountId: 'a', month: '2026-01', amount: '0.1' },
        { accountId: 'a', month: '2026-01', amount: 0.2 },
        { accountId: 'a', month: '2026-04', amount: new Decimal('0.3') },
      ],
      WINDOW,
    )
    // 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004): growth 0, flat, NRR 1.
    expect(accounts[0]?.start.toString()).toBe('0.3')
    expect(accounts[0]?.class).toBe('flat')
    expect(accounts[0]?.growth).toBe(0)
    expect(summary.netRevenueRetention).toBe(1)
  })

  it('gives empty counts and null ratios for empty input', () => {
    const { accounts, summary, currency } = accountGrowth([], WINDOW)
    expect(accounts).toEqual([])
    expect(summary.accounts).toBe(0)
    expect(summary.counts).toEqual({ new: 0, churned: 0, expanded: 0, contracted: 0, flat: 0 })
    expect(summary.shares).toEqual({
      new: null,
      churned: null,
      expanded: null,
      contracted: null,
      flat: null,
    })
    expect(summary.shareExpanding).toBeNull()
    expect(summary.medianGrowth).toBeNull()
    expect(summary.netRevenueRetention).toBeNull()
    expect(summary.startRevenue.toString()).toBe('0')
    expect(currency).toBeNull()
  })

  it('handles one account, and an account with zero at both ends is left out', () => {
    const one = accountGrowth(
      [
        { accountId: 'solo', month: '2026-01', amount: 40, currency: 'EUR' },
        { accountId: 'solo', month: '2026-04', amount: 50, currency: 'EUR' },
        { accountId: 'zero', month: '2026-01', amount: 0, currency: 'EUR' },
      ],
      WINDOW,
    )
    // 50 / 40 = 1.25; growth 0.25; the one account is the median; share expanding 1 / 1.
    expect(one.accounts.map((account) => account.accountId)).toEqual(['solo'])
    expect(one.accounts[0]?.growth).toBe(0.25)
    expect(one.summary.medianGrowth).toBe(0.25)
    expect(one.summary.shareExpanding).toBe(1)
    expect(one.summary.netRevenueRetention).toBe(1.25)
    expect(one.currency).toBe('EUR')
    // Only new accounts: no start cohort, so NRR, median and share expanding are null.
    const onlyNew = accountGrowth([{ accountId: 'n', month: '2026-04', amount: 5 }], WINDOW)
    expect(onlyNew.summary.shares.new).toBe(1)
    expect(onlyNew.summary.shareExpanding).toBeNull()
    expect(onlyNew.summary.medianGrowth).toBeNull()
    expect(onlyNew.summary.netRevenueRetention).toBeNull()
  })

  it('reads Date months in the timeZone option, not the host zone', () => {
    // 2026-01-31T23:30Z is 31 January in UTC but 1 February 08:30 in Tokyo, and
    // 2026-04-30T20:00Z is 30 April in UTC but 1 May in Tokyo.
    const rows = [
      { accountId: 'a', month: new Date('2026-01-31T23:30:00Z'), amount: 10 },
      { accountId: 'a', month: new Date('2026-04-30T20:00:00Z'), amount: 20 },
    ]
    const utc = accountGrowth(rows, WINDOW)
    expect(utc.accounts[0]?.class).toBe('expanded')
    expect(utc.accounts[0]?.growth).toBe(1)
    const tokyo = accountGrowth(rows, { ...WINDOW, timeZone: 'Asia/Tokyo' })
    expect(tokyo.accounts).toEqual([])
  })

  it('refuses bad rows and options with paths', () => {
    const metric = 'accountGrowth'
    expectMetricError(() => accountGrowth('x' as never, WINDOW), 'VALUE_OUT_OF_RANGE', {
      metric,
    })
    expectMetricError(() => accountGrowth([null as never], WINDOW), 'INVALID_RECORD', {
      path: [0],
      metric,
    })
    expectMetricError(
      () => accountGrowth([{ accountId: '', month: '2026-01', amount: 1 }], WINDOW),
      'MISSING_VALUE',
      { path: [0, 'accountId'], metric },
    )
    expectMetricError(
      () => accountGrowth([{ accountId: 'a', month: '2026-13', amount: 1 }], WINDOW),
      'INVALID_DATE',
      { path: [0, 'month'], metric },
    )
    expectMetricError(
      () => accountGrowth([{ accountId: 'a', month: '2026-02-30', amount: 1 }], WINDOW),
      'INVALID_DATE',
      { path: [0, 'month'], metric },
    )
    expectMetricError(
      () => accountGrowth([{ accountId: 'a', month: '2026-01', amount: -1 }], WINDOW),
      'NEGATIVE_VALUE',
      { path: [0, 'amount'], metric },
    )
    // A row outside the window is still checked.
    expectMetricError(
      () => accountGrowth([{ accountId: 'a', month: '2026-02', amount: Number.NaN }], WINDOW),
      'NOT_FINITE',
      { path: [0, 'amount'], metric },
    )
    expectMetricError(
      () =>
        accountGrowth(
          [
            { accountId: 'a', month: '2026-01', amount: 1, currency: 'EUR' },
            { accountId: 'b', month: '2026-01', amount: 1, currency: 'USD' },
          ],
          WINDOW,
        ),
      'CURRENCY_MISMATCH',
      { path: [1, 'currency'], metric },
    )
    expectMetricError(() => accountGrowth([], undefined as never), 'INVALID_OPTION', {
      path: ['from'],
      metric,
    })
    expectMetricError(
      () => accountGrowth([], { from: '2026-1', to: '2026-04' }),
      'INVALID_OPTION',
      {
        path: ['from'],
        metric,
      },
    )
    expectMetricError(
      () => accountGrowth([], { from: '2026-04', to: '2026-04' }),
      'INVALID_OPTION',
      { path: ['to'], metric },
    )
    expectMetricError(
      () => accountGrowth([], { ...WINDOW, flatTolerance: -0.1 }),
      'INVALID_OPTION',
      {
        path: ['flatTolerance'],
        metric,
      },
    )
    expectMetricError(
      () => accountGrowth([], { ...WINDOW, flatTolerance: '0.1' as never }),
      'INVALID_OPTION',
      { path: ['flatTolerance'], metric },
    )
    expectMetricError(
      () => accountGrowth([], { ...WINDOW, timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      {
        path: ['timeZone'],
        metric,
      },
    )
    expectMetricError(() => accountGrowth([], null as never), 'INVALID_OPTION', {
      path: [],
      metric,
    })
  })

  it('refuses a total that needs more than 34 significant digits instead of rounding it', () => {
    // 1e30 + 0.0001 = 1000000000000000000000000000000.0001: 35 significant digits.
    expectMetricError(
      () =>
        accountGrowth(
          [
            { accountId: 'a', month: '2026-01', amount: '1e30' },
            { accountId: 'b', month: '2026-01', amount: '0.0001' },
          ],
          WINDOW,
        ),
      'VALUE_OUT_OF_RANGE',
      { metric: 'accountGrowth' },
    )
  })

  it('does not mutate its input', () => {
    const copy = structuredClone(PORTFOLIO)
    accountGrowth(PORTFOLIO, WINDOW)
    expect(PORTFOLIO).toEqual(copy)
  })

  it('exports the class list from the package root', () => {
    expect(root.ACCOUNT_GROWTH_CLASSES).toEqual([
      'new',
      'churned',
      'expanded',
      'contracted',
      'flat',
    ])
    expect(root.accountGrowth).toBe(accountGrowth)
  })

  it('property: order independence; shares sum to 1; counts add up', () => {
    const row = fc.record({
      accountId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      month: fc.constantFrom('2026-01', '2026-02', '2026-04'),
      amount: fc.integer({ min: 0, max: 1_000 }),
    })
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.constantFrom(0, 0.05, 0.5),
        fc.func(fc.integer()),
        (rows, flatTolerance, key) => {
          const options = { ...WINDOW, flatTolerance }
          const base = accountGrowth(rows, options)
          const shuffled = rows
            .map((item, index) => ({ item, rank: key(index) }))
            .sort((x, y) => x.rank - y.rank)
            .map(({ item }) => item)
          const other = accountGrowth(shuffled, options)
          const byId = (result: typeof base) =>
            Object.fromEntries(
              result.accounts.map((account) => [
                account.accountId,
                [account.start.toString(), account.end.toString(), account.growth, account.class],
              ]),
            )
          expect(byId(other)).toEqual(byId(base))
          expect(other.summary.counts).toEqual(base.summary.counts)
          expect(other.summary.medianGrowth).toBe(base.summary.medianGrowth)
          expect(other.summary.netRevenueRetention).toBe(base.summary.netRevenueRetention)
          let count = 0
          let share = 0
          for (const kind of ACCOUNT_GROWTH_CLASSES) {
            count += base.summary.counts[kind]
            share += base.summary.shares[kind] ?? 0
          }
          expect(count).toBe(base.summary.accounts)
          if (base.summary.accounts > 0) expect(share).toBeCloseTo(1, 12)
          if (base.summary.shareExpanding !== null) {
            expect(base.summary.shareExpanding).toBeGreaterThanOrEqual(0)
            expect(base.summary.shareExpanding).toBeLessThanOrEqual(1)
          }
        },
      ),
    )
  })
})
