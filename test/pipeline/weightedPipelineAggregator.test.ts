import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Opportunity } from '../../src/pipeline/Opportunity.js'
import { weightedPipeline } from '../../src/pipeline/weightedPipeline.js'
import { weightedPipelineAggregator } from '../../src/pipeline/weightedPipelineAggregator.js'
import { expectMetricError } from '../helpers.js'
import { deal } from './fixtures.js'

describe('weightedPipelineAggregator', () => {
  it('skips closed deals and refuses an open one without a probability', () => {
    const agg = weightedPipelineAggregator()
    expect(agg.add(agg.initial(), deal('won', []))).toEqual(agg.initial())
    expectMetricError(() => agg.add(agg.initial(), deal('open', [])), 'MISSING_VALUE', {
      path: [0, 'probability'],
    })
  })

  it('keeps the base currency with rates, and refuses parts in different currencies without', () => {
    const converted = weightedPipelineAggregator({ rates: { EUR: 2 }, baseCurrency: 'USD' })
    const state = converted.add(
      converted.initial(),
      deal('open', [], { amount: 10, currency: 'EUR', probability: 0.5 }),
    )
    expect(state.currency).toBe('USD')
    expect(converted.result(state).toString()).toBe('10')
    const plain = weightedPipelineAggregator()
    const eur = plain.add(plain.initial(), deal('open', [], { currency: 'EUR', probability: 0.5 }))
    const usd = plain.add(plain.initial(), deal('open', [], { currency: 'USD', probability: 0.5 }))
    expectMetricError(() => plain.merge(eur, usd), 'CURRENCY_MISMATCH')
  })

  it('any split, merged in any order and through JSON, equals weightedPipeline', () => {
    const agg = weightedPipelineAggregator()
    const arbitrary: fc.Arbitrary<Opportunity> = fc
      .record({
        cents: fc.integer({ min: 0, max: 1e10 }),
        percent: fc.integer({ min: 0, max: 100 }),
        open: fc.boolean(),
      })
      .map(({ cents, percent, open }) =>
        deal(open ? 'open' : 'lost', [], { amount: cents / 100, probability: percent / 100 }),
      )
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 25 }), fc.nat(), (deals, cut) => {
        const at = cut % (deals.length + 1)
        const part = (rows: Opportunity[]) =>
          JSON.parse(JSON.stringify(rows.reduce((s, d) => agg.add(s, d), agg.initial())))
        expect(
          agg
            .result(agg.merge(part(deals.slice(at)), part(deals.slice(0, at))))
            .eq(weightedPipeline(deals)),
        ).toBe(true)
      }),
    )
  })

  it('matches the documented example', () => {
    const pipeline = weightedPipelineAggregator()
    const open = (amount: number, probability: number) => ({
      id: String(amount),
      createdAt: new Date('2026-01-01'),
      amount,
      status: 'open' as const,
      probability,
      stageHistory: [],
    })
    const state = pipeline.merge(
      pipeline.add(pipeline.initial(), open(10000, 0.25)),
      pipeline.add(pipeline.initial(), open(4000.1, 0.5)),
    )
    expect(pipeline.result(state).toString()).toBe('4500.05')
  })
})
