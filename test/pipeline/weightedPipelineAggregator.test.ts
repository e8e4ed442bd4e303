import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { weightedPipeline } from '../../src/pipeline/weightedPipeline.js'
import { weightedPipelineAggregator } from '../../src/pipeline/weightedPipelineAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
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

describe('weightedPipelineAggregator.addAll', () => {
  const arbitrary: fc.Arbitrary<Opportunity> = fc
    .record({
      cents: fc.integer({ min: 0, max: 1e10 }),
      percent: fc.integer({ min: 0, max: 100 }),
      status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
      named: fc.boolean(),
    })
    .map(({ cents, percent, status, named }) =>
      deal(status, [], {
        amount: cents / 100,
        probability: percent / 100,
        ...(named ? { currency: 'EUR' } : {}),
      }),
    )
  const fold = <S, I>(agg: { add(s: S, i: I): S }, state: S, rows: readonly I[]) =>
    rows.reduce((s, row) => agg.add(s, row), state)
  const options = [{}, { rates: { EUR: '1.08' }, baseCurrency: 'USD' }] as const

  it('equals folding add, and weightedPipeline after result, for random deals', () => {
    fc.assert(
      fc.property(
        fc.array(arbitrary, { maxLength: 30 }),
        fc.array(arbitrary, { maxLength: 5 }),
        fc.constantFrom(0, 1),
        (deals, prefix, which) => {
          const agg = weightedPipelineAggregator(options[which])
          const start = fold(agg, agg.initial(), prefix)
          const batched = agg.addAll(start, deals)
          expect(batched).toEqual(fold(agg, start, deals))
          // Independent source: the one-shot weightedPipeline over the same deals.
          expect(
            agg.result(batched).eq(weightedPipeline([...prefix, ...deals], options[which])),
          ).toBe(true)
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals weightedPipeline', () => {
    const agg = weightedPipelineAggregator()
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 30 }), fc.nat(), (deals, cut) => {
        const at = cut % (deals.length + 1)
        const part = (rows: Opportunity[]) =>
          JSON.parse(JSON.stringify(agg.addAll(agg.initial(), rows)))
        expect(
          agg
            .result(agg.merge(part(deals.slice(at)), part(deals.slice(0, at))))
            .eq(weightedPipeline(deals)),
        ).toBe(true)
      }),
    )
  })

  it('empty inputs return an equal state', () => {
    const agg = weightedPipelineAggregator()
    const state = agg.add(
      agg.initial(),
      deal('open', [], { amount: 10, probability: 0.5, currency: 'EUR' }),
    )
    expect(agg.addAll(state, [])).toEqual(state)
    expect(agg.addAll(agg.initial(), [])).toEqual(agg.initial())
  })

  it('sums exactly by hand: 0.1 × 0.3 + 0.2 × 0.7 = 0.03 + 0.14 = 0.17', () => {
    const agg = weightedPipelineAggregator()
    const state = agg.addAll(agg.initial(), [
      deal('open', [], { amount: 0.1, probability: 0.3 }),
      deal('won', [], { amount: 99 }),
      deal('open', [], { amount: 0.2, probability: 0.7, currency: 'EUR' }),
    ])
    expect(state).toEqual({ total: '0.17', currency: 'EUR' })
  })

  it('refuses a bad deal at index k with the code add gives and the path [k, …]', () => {
    const bad: Array<[readonly (string | number)[], Opportunity, string]> = [
      [
        ['status'],
        { ...deal('open', []), status: 'closed' } as unknown as Opportunity,
        'VALUE_OUT_OF_RANGE',
      ],
      [['probability'], deal('open', []), 'MISSING_VALUE'],
      [['probability'], deal('open', [], { probability: 1.5 }), 'RATE_OUT_OF_RANGE'],
      [['amount'], deal('open', [], { amount: -1, probability: 0.5 }), 'NEGATIVE_VALUE'],
      [['currency'], deal('open', [], { probability: 0.5, currency: 'USD' }), 'CURRENCY_MISMATCH'],
      [[], null as unknown as Opportunity, 'INVALID_RECORD'],
    ]
    const agg = weightedPipelineAggregator()
    fc.assert(
      fc.property(
        fc.array(arbitrary, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (good, cut, [field, row, code]) => {
          // An open EUR deal first, so that a USD deal is a mismatch wherever it lands.
          const rows = [deal('open', [], { probability: 0.5, currency: 'EUR' }), ...good]
          const k = 1 + (cut % rows.length)
          rows.splice(k, 0, row)
          expectMetricError(() => fold(agg, agg.initial(), rows), code as never)
          expectMetricError(() => agg.addAll(agg.initial(), rows), code as never, {
            path: [k, ...field],
            metric: 'weightedPipelineAggregator',
          })
        },
      ),
    )
    const converted = weightedPipelineAggregator({ rates: { EUR: '1.08' }, baseCurrency: 'USD' })
    const gbp = deal('open', [], { probability: 0.5, currency: 'GBP' })
    expectMetricError(() => converted.add(converted.initial(), gbp), 'MISSING_FX_RATE')
    expectMetricError(
      () => converted.addAll(converted.initial(), [deal('won', []), gbp]),
      'MISSING_FX_RATE',
      {
        path: [1, 'currency'],
      },
    )
  })

  it('refuses inputs that are not an array and a foreign state', () => {
    const agg = weightedPipelineAggregator()
    for (const inputs of [null, undefined, 'deals', { length: 1 }, 3]) {
      expectMetricError(() => agg.addAll(agg.initial(), inputs as never), 'VALUE_OUT_OF_RANGE', {
        path: [],
        metric: 'weightedPipelineAggregator',
      })
    }
    expectMetricError(() => agg.addAll({ total: '-1', currency: null }, []), 'NEGATIVE_VALUE')
    expectMetricError(() => agg.addAll({ total: 0 } as never, []), 'INVALID_STATE')
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
    // Hand sum: 10000 × 0.25 + 4000.1 × 0.5 = 2500 + 2000.05 = 4500.05.
    expect(pipeline.addAll(pipeline.initial(), [open(10000, 0.25), open(4000.1, 0.5)]).total).toBe(
      '4500.05',
    )
  })
})
