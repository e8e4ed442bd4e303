import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { grossRevenueRetention } from '../../src/retention/grossRevenueRetention.js'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { revenueMovements } from '../../src/retention/revenueMovements.js'
import { expectMetricError } from '../helpers.js'

describe('revenueMovements', () => {
  const start = [
    { accountId: 'expands', amount: 100 },
    { accountId: 'shrinks', amount: '80.50' },
    { accountId: 'leaves', amount: 60 },
    { accountId: 'stays', amount: 40 },
    { accountId: 'two-subscriptions', amount: 10 },
    { accountId: 'two-subscriptions', amount: 15 },
  ]
  const end = [
    { accountId: 'expands', amount: 130 },
    { accountId: 'shrinks', amount: 50 },
    { accountId: 'stays', amount: '40.00' },
    { accountId: 'two-subscriptions', amount: 30 },
    { accountId: 'fresh', amount: 20 },
    { accountId: 'returns', amount: 35 },
  ]
  const history = [{ accountId: 'returns', amount: 25 }]

  it('classifies each account and totals every movement exactly (hand-worked)', () => {
    const moves = revenueMovements(start, end, { history })
    expect(moves.accounts.map((account) => [account.accountId, account.movement])).toEqual([
      ['expands', 'expansion'],
      ['fresh', 'new'],
      ['leaves', 'churn'],
      ['returns', 'reactivation'],
      ['shrinks', 'contraction'],
      ['stays', 'unchanged'],
      ['two-subscriptions', 'expansion'],
    ])
    expect(moves.startingRevenue.toString()).toBe('305.5') // 100 + 80.5 + 60 + 40 + 25
    expect(moves.expansion.toString()).toBe('35') // 30 + 5
    expect(moves.contraction.toString()).toBe('30.5')
    expect(moves.churn.toString()).toBe('60')
    expect(moves.newRevenue.toString()).toBe('20')
    expect(moves.reactivation.toString()).toBe('35')
    expect(moves.endingRevenue.toString()).toBe('305') // 130 + 50 + 40 + 30 + 20 + 35
    expect(moves.counts).toEqual({
      new: 1,
      expansion: 2,
      contraction: 1,
      churn: 1,
      reactivation: 1,
      unchanged: 1,
      startingCustomers: 5,
      endingCustomers: 6,
    })
  })

  it('counts a returning account as new without history', () => {
    expect(revenueMovements(start, end).counts.new).toBe(2)
  })

  it('feeds the retention functions directly', () => {
    const moves = revenueMovements(start, end, { history })
    // NRR = (305.5 + 35 + 35 − 30.5 − 60) / 305.5 ; GRR = (305.5 − 90.5) / 305.5
    expect(netRevenueRetention(moves)).toBeCloseTo(285 / 305.5, 15)
    expect(grossRevenueRetention(moves)).toBeCloseTo(215 / 305.5, 15)
  })

  it('is all zero for empty snapshots and ignores accounts at zero on both sides', () => {
    const empty = revenueMovements([], [{ accountId: 'x', amount: 0 }])
    expect(empty.startingRevenue.toString()).toBe('0')
    expect(empty.accounts).toEqual([])
    expect(netRevenueRetention(empty)).toBeNull()
  })

  it('keeps one currency and refuses another', () => {
    expect(
      revenueMovements(
        [{ accountId: 'a', amount: 1, currency: 'EUR' }],
        [{ accountId: 'a', amount: 2 }],
      ).currency,
    ).toBe('EUR')
    expectMetricError(
      () =>
        revenueMovements(
          [{ accountId: 'a', amount: 1, currency: 'EUR' }],
          [{ accountId: 'a', amount: 2, currency: 'USD' }],
        ),
      'CURRENCY_MISMATCH',
      { path: ['end', 0, 'currency'], message: /"USD" but start\.0\.currency is "EUR"/ },
    )
  })

  it('refuses negative amounts and missing account ids with the snapshot and row', () => {
    expectMetricError(
      () => revenueMovements([{ accountId: 'a', amount: -1 }], []),
      'NEGATIVE_VALUE',
      {
        path: ['start', 0, 'amount'],
        message: 'revenueMovements: amount at start[0] is -1; amounts must not be negative',
      },
    )
    expectMetricError(() => revenueMovements([], [{ accountId: '', amount: 1 }]), 'MISSING_VALUE', {
      path: ['end', 0, 'accountId'],
    })
    expectMetricError(
      () => revenueMovements([], [], { history: [{ accountId: 'a', amount: 'x' }] }),
      'NOT_FINITE',
      {
        path: ['history', 0, 'amount'],
      },
    )
  })

  it('ending = starting + new + expansion + reactivation − contraction − churn, exactly, for any snapshots', () => {
    const snapshot = fc.array(
      fc.record({
        accountId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        amount: fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100),
      }),
      { maxLength: 12 },
    )
    fc.assert(
      fc.property(snapshot, snapshot, snapshot, (first, second, earlier) => {
        const m = revenueMovements(first, second, { history: earlier })
        const rebuilt = m.startingRevenue
          .plus(m.newRevenue)
          .plus(m.expansion)
          .plus(m.reactivation)
          .minus(m.contraction)
          .minus(m.churn)
        expect(rebuilt.eq(m.endingRevenue)).toBe(true)
        const sum = (rows: typeof first) =>
          rows.reduce((total, row) => total.plus(String(row.amount)), new Decimal(0))
        expect(m.startingRevenue.eq(sum(first))).toBe(true)
        expect(m.endingRevenue.eq(sum(second))).toBe(true)
      }),
    )
  })

  it('matches the documented example', () => {
    const moves = revenueMovements(
      [
        { accountId: 'a', amount: 100 },
        { accountId: 'b', amount: 50 },
      ],
      [
        { accountId: 'a', amount: 120 },
        { accountId: 'c', amount: 30 },
      ],
    )
    expect(moves.expansion.toString()).toBe('20')
    expect(moves.churn.toString()).toBe('50')
    expect(netRevenueRetention(moves)).toBe(0.8)
  })
})
