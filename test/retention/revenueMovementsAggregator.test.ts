import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { revenueMovements } from '../../src/retention/revenueMovements.js'
import { revenueMovementsAggregator } from '../../src/retention/revenueMovementsAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('revenueMovementsAggregator', () => {
  const moves = revenueMovementsAggregator()

  it('starts at zero and skips accounts that paid nothing on both sides', () => {
    const state = moves.add(moves.initial(), { startAmount: 0, endAmount: 0 })
    expect(state).toEqual(moves.initial())
    expect(netRevenueRetention(moves.result(state))).toBeNull()
  })

  it('tells reactivation from new by paidBefore', () => {
    const state = moves.add(
      moves.add(moves.initial(), { startAmount: 0, endAmount: 5, paidBefore: true }),
      {
        startAmount: 0,
        endAmount: 7,
      },
    )
    const result = moves.result(state)
    expect(result.reactivation.toString()).toBe('5')
    expect(result.newRevenue.toString()).toBe('7')
  })

  it('refuses bad amounts', () => {
    expectMetricError(
      () => moves.add(moves.initial(), { startAmount: -1, endAmount: 0 }),
      'NEGATIVE_VALUE',
      {
        path: ['startAmount'],
        metric: 'revenueMovementsAggregator',
      },
    )
  })

  it('any split by account, merged in any order and through JSON, equals revenueMovements', () => {
    const account = fc.record({
      start: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      end: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      paidBefore: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(account, { maxLength: 30 }), fc.nat(), (accounts, cut) => {
        const id = (index: number) => `acct-${String(index).padStart(3, '0')}`
        const expected = revenueMovements(
          accounts.map((a, index) => ({ accountId: id(index), amount: a.start })),
          accounts.map((a, index) => ({ accountId: id(index), amount: a.end })),
          {
            history: accounts.flatMap((a, index) =>
              a.paidBefore ? [{ accountId: id(index), amount: 1 }] : [],
            ),
          },
        )
        const at = cut % (accounts.length + 1)
        const part = (rows: typeof accounts) =>
          JSON.parse(
            JSON.stringify(
              rows.reduce(
                (state, a) =>
                  moves.add(state, {
                    startAmount: a.start,
                    endAmount: a.end,
                    paidBefore: a.paidBefore,
                  }),
                moves.initial(),
              ),
            ),
          )
        const result = moves.result(
          moves.merge(part(accounts.slice(at)), part(accounts.slice(0, at))),
        )
        for (const key of [
          'startingRevenue',
          'endingRevenue',
          'newRevenue',
          'expansion',
          'contraction',
          'churn',
          'reactivation',
        ] as const) {
          expect(result[key].eq(expected[key])).toBe(true)
        }
        expect(result.counts).toEqual(expected.counts)
      }),
    )
  })

  it('matches the documented example', () => {
    const a = moves.add(moves.initial(), { startAmount: 100, endAmount: 120 })
    const b = moves.add(moves.initial(), { startAmount: 50, endAmount: 0 })
    // (150 + 20 − 50) / 150
    expect(netRevenueRetention(moves.result(moves.merge(a, b)))).toBe(0.8)
  })
})
