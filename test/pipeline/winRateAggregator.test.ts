import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type WinRateOptions, winRate } from '../../src/pipeline/winRate.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
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

  it('takes basis (by as its alias), refuses the two disagreeing and options that are not an object', () => {
    const deals = [deal('won', [], { amount: 100 }), deal('lost', [], { amount: 300 })]
    for (const options of [{ basis: 'amount' }, { by: 'amount' }] as const) {
      const rates = winRateAggregator(options)
      // by amount: 100 / (100 + 300) = 0.25 (by count it would be 1/2)
      expect(rates.result(rates.addAll(rates.initial(), deals)).rate).toBe(0.25)
    }
    expectMetricError(() => winRateAggregator({ basis: 'count', by: 'amount' }), 'INVALID_OPTION', {
      path: ['basis'],
      metric: 'winRateAggregator',
    })
    for (const bad of [null, 1, 'amount', []]) {
      expectMetricError(() => winRateAggregator(bad as WinRateOptions), 'INVALID_OPTION', {
        path: [],
        metric: 'winRateAggregator',
      })
    }
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

describe('winRateAggregator.addAll', () => {
  const options = [
    { by: 'count' },
    { by: 'amount' },
    { by: 'amount', rates: { EUR: '1.08' }, baseCurrency: 'USD' },
  ] as const
  const mixedDeal: fc.Arbitrary<Opportunity> = fc
    .record({
      status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
      cents: fc.integer({ min: 0, max: 1e9 }),
      named: fc.boolean(),
    })
    .map(({ status, cents, named }) =>
      deal(status, [], named ? { amount: cents / 100, currency: 'EUR' } : { amount: cents / 100 }),
    )
  const fold = <S, I>(agg: { add(s: S, i: I): S }, state: S, rows: readonly I[]) =>
    rows.reduce((s, row) => agg.add(s, row), state)

  it('equals folding add, and winRate after result, for random deals', () => {
    fc.assert(
      fc.property(
        fc.array(mixedDeal, { maxLength: 30 }),
        fc.array(mixedDeal, { maxLength: 5 }),
        fc.constantFrom(0, 1, 2),
        (deals, prefix, which) => {
          const agg = winRateAggregator(options[which])
          const start = fold(agg, agg.initial(), prefix)
          const batched = agg.addAll(start, deals)
          expect(batched).toEqual(fold(agg, start, deals))
          // Independent source: the one-shot winRate over the same deals.
          const all = [...prefix, ...deals]
          const expected = winRate(
            all,
            options[which] as WinRateOptions & { readonly by: 'amount' },
          )
          const result = agg.result(batched)
          expect(result.rate).toBe(expected.rate)
          expect(String(result.won)).toBe(String(expected.won))
          expect(String(result.lost)).toBe(String(expected.lost))
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals winRate', () => {
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 30 }),
        fc.nat(),
        fc.boolean(),
        (deals, cut, byAmount) => {
          const agg = winRateAggregator(byAmount ? { by: 'amount' } : { by: 'count' })
          const at = cut % (deals.length + 1)
          const part = (rows: Opportunity[]) =>
            JSON.parse(JSON.stringify(agg.addAll(agg.initial(), rows)))
          const result = agg.result(agg.merge(part(deals.slice(at)), part(deals.slice(0, at))))
          const expected = byAmount ? winRate(deals, { by: 'amount' }) : winRate(deals)
          expect(result.rate).toBe(expected.rate)
          expect(String(result.won)).toBe(String(expected.won))
          expect(result.interval).toEqual(expected.interval)
        },
      ),
    )
  })

  it('empty inputs return an equal state', () => {
    for (const option of options) {
      const agg = winRateAggregator(option)
      const state = agg.add(agg.initial(), deal('won', [], { amount: 12.5, currency: 'EUR' }))
      expect(agg.addAll(state, [])).toEqual(state)
      expect(agg.addAll(agg.initial(), [])).toEqual(agg.initial())
    }
  })

  it('counts the documented example by hand: 2 won and 1 lost give won 2, rate 2/3', () => {
    const agg = winRateAggregator()
    const state = agg.addAll(agg.initial(), [deal('won', []), deal('lost', []), deal('won', [])])
    expect(state).toEqual({ won: 2, lost: 1, currency: null })
    expect(agg.result(state).rate).toBe(2 / 3)
  })

  it('adds amounts exactly: 0.1 + 0.2 won, 0.3 lost (hand sums) with rates EUR→USD 1.08', () => {
    const agg = winRateAggregator({ by: 'amount', rates: { EUR: '1.08' }, baseCurrency: 'USD' })
    const state = agg.addAll(agg.initial(), [
      deal('won', [], { amount: 0.1, currency: 'EUR' }),
      deal('won', [], { amount: 0.2 }),
      deal('lost', [], { amount: 0.3, currency: 'USD' }),
    ])
    // 0.1 × 1.08 + 0.2 = 0.308; lost 0.3.
    expect(state).toEqual({ won: '0.308', lost: '0.3', currency: 'USD' })
  })

  it('refuses a bad deal at index k with the code add gives and the path [k, …]', () => {
    const bad: Array<[string, Opportunity, string]> = [
      [
        'status',
        { ...deal('won', []), status: 'closed' } as unknown as Opportunity,
        'VALUE_OUT_OF_RANGE',
      ],
      [
        'closedAt',
        { ...deal('lost', []), closedAt: undefined } as unknown as Opportunity,
        'MISSING_VALUE',
      ],
      ['amount', deal('won', [], { amount: -1 }), 'NEGATIVE_VALUE'],
      ['currency', deal('won', [], { currency: 'USD' }), 'CURRENCY_MISMATCH'],
      ['row', null as unknown as Opportunity, 'INVALID_RECORD'],
    ]
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (good, cut, [field, row, code]) => {
          const agg = winRateAggregator({ by: 'amount' })
          // A closed EUR deal first, so that a USD deal is a mismatch wherever it lands.
          good = [deal('won', [], { currency: 'EUR' }), ...good]
          const k = 1 + (cut % good.length)
          const rows = [...good.slice(0, k), row, ...good.slice(k)]
          // The add fold fails on the same row with the same code.
          expectMetricError(() => fold(agg, agg.initial(), rows), code as never)
          const expectedPath = field === 'row' ? [k] : [k, field]
          expectMetricError(() => agg.addAll(agg.initial(), rows), code as never, {
            path: expectedPath,
            metric: 'winRateAggregator',
          })
        },
      ),
    )
    const counts = winRateAggregator()
    expectMetricError(
      () =>
        counts.addAll(counts.initial(), [
          deal('won', []),
          { ...deal('won', []), status: 'x' } as unknown as Opportunity,
        ]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'status'] },
    )
  })

  it('refuses inputs that are not an array and a foreign state', () => {
    const agg = winRateAggregator()
    for (const inputs of [null, undefined, 'deals', { length: 1 }, 3]) {
      expectMetricError(() => agg.addAll(agg.initial(), inputs as never), 'VALUE_OUT_OF_RANGE', {
        path: [],
        metric: 'winRateAggregator',
      })
    }
    expectMetricError(
      () => agg.addAll({ won: 1.5, lost: 0, currency: null }, []),
      'INVALID_STATE',
      {
        path: ['state', 'won'],
      },
    )
    expectMetricError(() => agg.addAll(null as never, []), 'INVALID_STATE')
  })

  it('does not mutate its inputs', () => {
    const agg = winRateAggregator({ by: 'amount' })
    const state = agg.initial()
    const rows = [deal('won', [], { amount: 5 })]
    const before = JSON.stringify([state, rows])
    agg.addAll(state, rows)
    expect(JSON.stringify([state, rows])).toBe(before)
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
    // Hand count: two of the three deals are won.
    expect(
      rates.result(rates.addAll(rates.initial(), [make('won'), make('won'), make('lost')])).won,
    ).toBe(2)
  })
})
