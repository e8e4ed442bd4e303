import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { winRate } from '../../src/pipeline/winRate.js'
import { expectMetricError } from '../helpers.js'
import { deal } from './fixtures.js'

describe('winRate', () => {
  it('is WON / CLOSED (Salesforce 000387867, HubSpot won / (won + lost)), open deals excluded', () => {
    const deals = [
      deal('won', []),
      deal('won', []),
      deal('lost', []),
      deal('open', []),
      deal('open', []),
    ]
    const result = winRate(deals)
    expect(result.rate).toBeCloseTo(2 / 3, 15)
    expect(result.won).toBe(2)
    expect(result.lost).toBe(1)
    // Wilson 2/3, formula evaluated independently (Python): 0.2076596, 0.9385081
    // (test/reference/wilson.py; = R prop.test(2, 3, correct = FALSE))
    expect(result.interval?.lower).toBeCloseTo(0.2076596, 6)
    expect(result.interval?.upper).toBeCloseTo(0.9385081, 6)
  })

  it('gives the Wilson bounds flat as lower / upper with their confidence, interval kept as the same numbers', () => {
    const deals = [deal('won', []), deal('won', []), deal('lost', []), deal('open', [])]
    const result = winRate(deals, { confidence: 0.9 })
    // Wilson 2/3 at 90 % (= R prop.test(2, 3, conf.level = 0.9, correct = FALSE)), from the
    // formula checked against scipy binomtest: test/reference/option_vocabulary.py
    expect(result.lower).toBeCloseTo(0.2535339, 6)
    expect(result.upper).toBeCloseTo(0.9217343, 6)
    expect(result.confidence).toBe(0.9)
    expect(result.interval).toEqual({ lower: result.lower, upper: result.upper })
    const amount = winRate(deals, { basis: 'amount' })
    expect([amount.lower, amount.upper, amount.interval]).toEqual([null, null, null])
  })

  it('takes basis as the count-vs-money switch, by as its SPEC alias, and refuses the two disagreeing', () => {
    const deals = [
      deal('won', [], { amount: 100 }),
      deal('lost', [], { amount: 300 }),
      deal('won', [], { amount: 100 }),
    ]
    // by amount: 200 / 500 = 0.4; by count: 2 / 3
    expect(winRate(deals, { basis: 'amount' }).rate).toBe(0.4)
    expect(winRate(deals, { by: 'amount' }).rate).toBe(0.4)
    expect(winRate(deals, { basis: 'amount', by: 'amount' }).rate).toBe(0.4)
    expect(winRate(deals, { basis: 'count' }).rate).toBe(2 / 3)
    expectMetricError(() => winRate(deals, { basis: 'amount', by: 'count' }), 'INVALID_OPTION', {
      path: ['basis'],
      metric: 'winRate',
    })
    expectMetricError(() => winRate(deals, { basis: 'logo' as 'count' }), 'INVALID_OPTION', {
      path: ['basis'],
      metric: 'winRate',
    })
    expectMetricError(() => winRate(deals, { by: 'logo' as 'count' }), 'INVALID_OPTION', {
      path: ['by'],
      metric: 'winRate',
    })
  })

  it('by amount is won value / closed value (fivetran dbt_salesforce), exact', () => {
    const deals = [
      deal('won', [], { amount: '0.1' }),
      deal('won', [], { amount: 0.2 }),
      deal('lost', [], { amount: new Decimal('0.7') }),
      deal('open', [], { amount: 1e9 }),
    ]
    const result = winRate(deals, { by: 'amount' })
    expect(result.rate).toBe(0.3)
    expect(result.won.toString()).toBe('0.3')
    expect(result.lost.toString()).toBe('0.7')
    expect(result.interval).toBeNull()
    expect(result.currency).toBeNull()
  })

  it('is null when nothing closed (fivetran: NULL when the denominator is 0)', () => {
    expect(winRate([])).toEqual({
      rate: null,
      won: 0,
      lost: 0,
      lower: null,
      upper: null,
      confidence: 0.95,
      interval: null,
    })
    expect(winRate([deal('open', [])]).rate).toBeNull()
    expect(winRate([deal('open', [])], { by: 'amount' }).rate).toBeNull()
    expect(winRate([deal('lost', [], { amount: 0 })], { by: 'amount' }).rate).toBeNull()
  })

  it('converts currencies exactly with rates, and refuses a missing rate or a mix without rates', () => {
    const deals = [
      deal('won', [], { amount: 100, currency: 'EUR' }),
      deal('lost', [], { amount: 108, currency: 'USD' }),
      deal('lost', [], { amount: 50 }),
    ]
    const result = winRate(deals, { by: 'amount', rates: { EUR: '1.08' }, baseCurrency: 'USD' })
    expect(result.won.toString()).toBe('108')
    expect(result.rate).toBeCloseTo(108 / 266, 15)
    expect(result.currency).toBe('USD')
    expectMetricError(() => winRate(deals, { by: 'amount' }), 'CURRENCY_MISMATCH', {
      path: [1, 'currency'],
    })
    expectMetricError(
      () => winRate(deals, { by: 'amount', rates: { GBP: 1.2 }, baseCurrency: 'USD' }),
      'MISSING_FX_RATE',
      {
        path: [0, 'currency'],
      },
    )
    expectMetricError(() => winRate(deals, { by: 'amount', rates: {} }), 'INVALID_OPTION', {
      path: ['baseCurrency'],
    })
  })

  it('refuses a closed deal without closedAt, an unknown status and bad options', () => {
    const { closedAt: _, ...noClose } = deal('won', [])
    expectMetricError(() => winRate([noClose]), 'MISSING_VALUE', {
      path: [0, 'closedAt'],
      message: 'winRate: closedAt at index 0 is missing; a won opportunity needs its close date',
    })
    expectMetricError(
      () => winRate([{ ...deal('won', []), status: 'closed' as 'won' }]),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'status'] },
    )
    expectMetricError(() => winRate([], { by: 'stage' as 'count' }), 'INVALID_OPTION', {
      path: ['by'],
    })
    expectMetricError(
      () => winRate([deal('won', [], { amount: -5 })], { by: 'amount' }),
      'NEGATIVE_VALUE',
      { path: [0, 'amount'] },
    )
  })

  it('stays in [0, 1] and inside its interval, whatever the deals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>),
        (statuses) => {
          const { rate, interval } = winRate(statuses.map((status) => deal(status, [])))
          if (rate === null) return
          expect(rate).toBeGreaterThanOrEqual(0)
          expect(rate).toBeLessThanOrEqual(1)
          expect(interval!.lower).toBeLessThanOrEqual(rate + 1e-12)
          expect(interval!.upper).toBeGreaterThanOrEqual(rate - 1e-12)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const closed = (status: 'won' | 'lost', amount: number) => ({
      id: status + amount,
      createdAt: new Date('2026-01-01'),
      closedAt: new Date('2026-02-01'),
      amount,
      status,
      stageHistory: [],
    })
    const deals = [closed('won', 100), closed('lost', 300), closed('won', 100)]
    expect(winRate(deals).rate).toBe(0.6666666666666666)
    expect(winRate(deals, { by: 'amount' }).rate).toBe(0.4)
  })
})
