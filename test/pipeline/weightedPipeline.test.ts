import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { weightedPipeline } from '../../src/pipeline/weightedPipeline.js'
import { expectMetricError } from '../helpers.js'
import { deal } from './fixtures.js'

describe('weightedPipeline', () => {
  it('is Σ amount × probability over open deals (fivetran sum(amount * probability))', () => {
    const deals = [
      deal('open', [], { amount: 10000, probability: 0.25 }),
      deal('open', [], { amount: '4000.10', probability: 0.5 }),
      deal('won', [], { amount: 99999, probability: 1 }),
      deal('lost', [], { amount: 99999 }),
    ]
    expect(weightedPipeline(deals).toString()).toBe('4500.05')
  })

  it('is exact where a float loop drifts: a thousand deals of 0.01 at 10 % make exactly 1', () => {
    const deals = Array.from({ length: 1000 }, () =>
      deal('open', [], { amount: 0.01, probability: 0.1 }),
    )
    let float = 0
    for (let index = 0; index < 1000; index++) float += 0.01 * 0.1
    expect(float).not.toBe(1)
    expect(weightedPipeline(deals).toString()).toBe('1')
  })

  it('falls back to decimals for many places or huge amounts', () => {
    const deals = [
      deal('open', [], { amount: 123456789012.34, probability: 0.123456 }),
      deal('open', [], { amount: new Decimal('0.0000001'), probability: 0.5 }),
    ]
    expect(weightedPipeline(deals).toString()).toBe(
      new Decimal('123456789012.34').times('0.123456').plus('0.00000005').toString(),
    )
  })

  it('converts currencies with rates', () => {
    const deals = [
      deal('open', [], { amount: 100, currency: 'EUR', probability: 0.5 }),
      deal('open', [], { amount: 100, probability: 0.5 }),
    ]
    expect(weightedPipeline(deals, { rates: { EUR: '1.1' }, baseCurrency: 'USD' }).toString()).toBe(
      '105',
    )
  })

  it('is 0 without open deals', () => {
    expect(weightedPipeline([]).toString()).toBe('0')
    expect(weightedPipeline([deal('won', [])]).toString()).toBe('0')
  })

  it('refuses an open deal without a probability, or one outside 0..1, never a silent 0', () => {
    expectMetricError(() => weightedPipeline([deal('open', [])]), 'MISSING_VALUE', {
      path: [0, 'probability'],
    })
    expectMetricError(
      () => weightedPipeline([deal('open', [], { probability: 35 })]),
      'RATE_OUT_OF_RANGE',
      {
        path: [0, 'probability'],
        message:
          'weightedPipeline: probability at index 0 is 35; it must be a fraction from 0 to 1',
      },
    )
    expectMetricError(
      () => weightedPipeline([deal('open', [], { probability: 0.5, amount: Number.NaN })]),
      'NOT_FINITE',
      {
        path: [0, 'amount'],
      },
    )
  })

  it('equals an exact decimal reference for any open deals', () => {
    const row = fc.record({
      cents: fc.integer({ min: 0, max: 1e11 }),
      percent: fc.integer({ min: 0, max: 100 }),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const deals = rows.map((r) =>
          deal('open', [], { amount: r.cents / 100, probability: r.percent / 100 }),
        )
        const expected = rows.reduce(
          (sum, r) => sum.plus(new Decimal(String(r.cents / 100)).times(String(r.percent / 100))),
          new Decimal(0),
        )
        expect(weightedPipeline(deals).eq(expected)).toBe(true)
      }),
    )
  })

  it('matches the documented example', () => {
    const open = (amount: number, probability: number) => ({
      id: String(amount),
      createdAt: new Date('2026-01-01'),
      amount,
      status: 'open' as const,
      probability,
      stageHistory: [],
    })
    expect(weightedPipeline([open(10000, 0.25), open(4000.1, 0.5)]).toString()).toBe('4500.05')
  })
})
