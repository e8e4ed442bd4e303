import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  OPEN_DEAL_POLICIES,
  STAGE_CONVERSION_MODES,
  stageConversion,
} from '../../src/pipeline/stageConversion.js'
import { stageConversionAggregator } from '../../src/pipeline/stageConversionAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'
import { deal } from './fixtures.js'

const stages = ['Discovery', 'Proposal', 'Negotiation'] as const

const dealArbitrary: fc.Arbitrary<Opportunity> = fc
  .record({
    status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
    history: fc.array(fc.constantFrom('Discovery', 'Proposal', 'Negotiation', 'Unlisted'), {
      maxLength: 4,
    }),
  })
  .map(({ status, history }) => deal(status, history))

describe('stageConversionAggregator', () => {
  it('any split, merged in any order and through JSON, equals stageConversion — every mode and open policy', () => {
    fc.assert(
      fc.property(
        fc.array(dealArbitrary, { maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...STAGE_CONVERSION_MODES),
        fc.constantFrom(...OPEN_DEAL_POLICIES),
        fc.boolean(),
        (deals, cut, mode, open, batch) => {
          const options = { stages, mode, open }
          const funnel = stageConversionAggregator(options)
          const at = cut % (deals.length + 1)
          const part = (rows: Opportunity[]) =>
            JSON.parse(
              JSON.stringify(
                batch
                  ? funnel.addAll(funnel.initial(), rows)
                  : rows.reduce((state, d) => funnel.add(state, d), funnel.initial()),
              ),
            )
          const merged = funnel.merge(part(deals.slice(at)), part(deals.slice(0, at)))
          expect(funnel.result(merged)).toEqual(stageConversion(deals, options))
        },
      ),
    )
  })

  it('counts the hand-worked funnel of stageConversion.test.ts in its state', () => {
    // won D→P→N, won (no history), lost D, lost D→N (skips P), open D→P, lost D→P→D.
    const funnel = stageConversionAggregator({ stages })
    const state = funnel.addAll(funnel.initial(), [
      deal('won', ['Discovery', 'Proposal', 'Negotiation']),
      deal('won', []),
      deal('lost', ['Discovery']),
      deal('lost', ['Discovery', 'Negotiation']),
      deal('open', ['Discovery', 'Proposal']),
      deal('lost', ['Discovery', 'Proposal', 'Discovery']),
    ])
    expect(state).toEqual({ reached: [6, 5, 3], advanced: [5, 3, 2], open: [0, 1, 0] })
    expect(funnel.result(state).map((row) => row.rate)).toEqual([5 / 6, 3 / 4, 2 / 3])
  })

  it('matches the documented example', () => {
    const funnel = stageConversionAggregator({ stages: ['A', 'B'] })
    const make = (status: 'open' | 'won' | 'lost', ...names: string[]) => ({
      id: names.join(),
      createdAt: new Date('2026-01-01'),
      amount: 1,
      status,
      stageHistory: names.map((stage, d) => ({
        stage,
        enteredAt: new Date(Date.UTC(2026, 0, d + 1)),
      })),
    })
    const east = funnel.addAll(funnel.initial(), [make('won', 'A', 'B'), make('lost', 'A')])
    const west = funnel.add(funnel.initial(), make('lost', 'A', 'B'))
    expect(
      funnel.result(funnel.merge(east, west)).map((row) => [row.stage, row.reached, row.rate]),
    ).toEqual([
      ['A', 3, 0.6666666666666666],
      ['B', 2, 0.5],
    ])
  })

  it('refuses bad options at once, and without options everything but initial', () => {
    const metric = 'stageConversionAggregator'
    expectMetricError(() => stageConversionAggregator({ stages: [] }), 'INVALID_OPTION', {
      path: ['stages'],
      metric,
    })
    expectMetricError(
      () => stageConversionAggregator({ stages, mode: 'strict' as 'cumulative' }),
      'INVALID_OPTION',
      { path: ['mode'], metric },
    )
    expectMetricError(
      () => stageConversionAggregator({ stages, open: 'maybe' as 'include' }),
      'INVALID_OPTION',
      { path: ['open'], metric },
    )
    expectMetricError(
      () => stageConversionAggregator({ stages, confidence: 1 }),
      'INVALID_OPTION',
      {
        path: ['confidence'],
        metric,
      },
    )
    const bare = stageConversionAggregator()
    expect(bare.initial()).toEqual({ reached: [], advanced: [], open: [] })
    expectMetricError(() => bare.result(bare.initial()), 'INVALID_OPTION', {
      path: ['stages'],
      metric,
    })
  })

  it('refuses bad deals with their index and states it did not make', () => {
    const metric = 'stageConversionAggregator'
    const funnel = stageConversionAggregator({ stages })
    expectMetricError(
      () =>
        funnel.addAll(funnel.initial(), [
          deal('lost', ['Discovery']),
          { ...deal('lost', []), status: 'pending' } as unknown as Opportunity,
        ]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'status'], metric },
    )
    expectMetricError(
      () => funnel.addAll(funnel.initial(), 5 as unknown as []),
      'VALUE_OUT_OF_RANGE',
      {
        path: [],
        metric,
      },
    )
    const good = funnel.initial()
    expectMetricError(() => funnel.merge({ ...good, reached: [1, 0] }, good), 'INVALID_STATE', {
      path: ['a', 'reached'],
      metric,
    })
    expectMetricError(
      () => funnel.merge(good, { ...good, reached: [1, 0.5, 0] }),
      'INVALID_STATE',
      { path: ['b', 'reached', 1], metric },
    )
    expectMetricError(() => funnel.result({ ...good, open: [-1, 0, 0] }), 'NEGATIVE_VALUE', {
      path: ['open', 0],
      metric,
    })
    expectMetricError(
      () => funnel.result({ reached: [1, 1, 0], advanced: [1, 1, 0], open: [1, 0, 0] }),
      'INVALID_STATE',
      { path: ['reached', 0], metric },
    )
    expectMetricError(() => funnel.result({ ...good, extra: 1 } as never), 'INVALID_STATE', {
      path: ['extra'],
      metric,
    })
    expectMetricError(() => funnel.result(null as never), 'INVALID_STATE', { path: [], metric })
  })
})
