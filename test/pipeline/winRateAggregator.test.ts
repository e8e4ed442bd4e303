import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Opportunity } from '../../src/pipeline/Opportunity.js'
import { winRate } from '../../src/pipeline/winRate.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import { expectMetricError } from '../helpers.js'
import { deal } from './fixtures.js'

const dealArbitrary: fc.Arbitrary<Opportunity> = fc
  .record({
    status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
    cents: fc.integer({ min: 0, max: 1e9 }),
  })
  .map(({ status, cents }) => deal(status, [], { amount: cents / 100, currency: 'EUR' }))

describe('winRateAggregator', () => {
  it('skips open deals and gives null with nothing closed', () => {
    const agg = winRateAggregator()
    expect(agg.add(agg.initial(), deal('open', []))).toEqual(agg.initial())
    expect(agg.result(agg.initial()).rate).toBeNull()
  })

  it('refuses corrupted states, mixed currencies and bad deals', () => {
    const agg = winRateAggregator()
    expectMetricError(
      () => agg.merge({ won: -1, lost: 0, currency: null }, agg.initial()),
      'NEGATIVE_VALUE',
      { path: ['a', 'won'] },
    )
    expectMetricError(() => agg.result({ won: Number.NaN, lost: 0, currency: null }), 'NOT_FINITE')
    const byAmount = winRateAggregator({ by: 'amount' })
    const eur = byAmount.add(byAmount.initial(), deal('won', [], { currency: 'EUR' }))
    const usd = byAmount.add(byAmount.initial(), deal('won', [], { currency: 'USD' }))
    expectMetricError(() => byAmount.merge(eur, usd), 'CURRENCY_MISMATCH')
    expectMetricError(
      () => byAmount.add(eur, deal('lost', [], { currency: 'USD' })),
      'CURRENCY_MISMATCH',
    )
    expectMetricError(
      () =>
        agg.add(agg.initial(), {
          ...deal('won', []),
          closedAt: undefined,
        } as unknown as Opportunity),
      'MISSING_VALUE',
    )
  })

  it('converts with rates into the base currency', () => {
    const agg = winRateAggregator({ by: 'amount', rates: { EUR: 2 }, baseCurrency: 'USD' })
    const state = agg.add(
      agg.add(agg.initial(), deal('won', [], { amount: 10, currency: 'EUR' })),
      deal('lost', [], { amount: 20 }),
    )
    expect(agg.result(state)).toMatchObject({ rate: 0.5, currency: 'USD' })
  })

  it('any split, merged in any order and through JSON, equals winRate — by count and by amount', () => {
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 25 }),
        fc.nat(),
        fc.boolean(),
        (deals, cut, byAmount) => {
          const options = byAmount ? ({ by: 'amount' } as const) : ({ by: 'count' } as const)
          const agg = winRateAggregator(options)
          const at = cut % (deals.length + 1)
          const part = (rows: Opportunity[]) =>
            JSON.parse(JSON.stringify(rows.reduce((s, d) => agg.add(s, d), agg.initial())))
          const result = agg.result(agg.merge(part(deals.slice(at)), part(deals.slice(0, at))))
          const expected = byAmount ? winRate(deals, { by: 'amount' }) : winRate(deals)
          expect(result.rate).toBe(expected.rate)
          expect(String(result.won)).toBe(String(expected.won))
          expect(result.interval).toEqual(expected.interval)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const rates = winRateAggregator()
    const make = (status: 'won' | 'lost') => ({
      id: status,
      createdAt: new Date('2026-01-01'),
      closedAt: new Date('2026-01-09'),
      amount: 1,
      status,
      stageHistory: [],
    })
    const state = rates.merge(
      rates.add(rates.initial(), make('won')),
      rates.add(rates.initial(), make('lost')),
    )
    expect(rates.result(state).rate).toBe(0.5)
  })
})
