import { describe, expect, it } from 'vitest'
import { rankOpportunities } from '../../src/pipeline/rankOpportunities.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from './fixtures.js'

const stages = ['Discovery', 'Proposal'] as const

describe('rankOpportunities', () => {
  // History: of closed deals that reached Proposal, 1 of 2 won (50 %); from Discovery, 1 of 3.
  const closed = [
    deal('won', ['Discovery', 'Proposal']),
    deal('lost', ['Discovery', 'Proposal']),
    deal('lost', ['Discovery']),
  ]

  it('orders open deals by amount × probability, using the stage win rate when the record has none', () => {
    const ranked = rankOpportunities(
      [
        ...closed,
        deal('open', ['Discovery'], { id: 'small-sure', amount: 1000, probability: 0.9 }),
        deal('open', ['Discovery', 'Proposal'], { id: 'big-proposal', amount: 6000 }),
        deal('open', ['Discovery'], { id: 'mid-discovery', amount: 3000 }),
        deal('open', [], { id: 'no-history', amount: 50000 }),
      ],
      { asOf: day(10), stages },
    )
    expect(
      ranked.map((r) => [r.rank, r.id, r.probabilitySource, r.expectedValue?.toString() ?? null]),
    ).toEqual([
      [1, 'big-proposal', 'stage-history', '3000'],
      [2, 'mid-discovery', 'stage-history', '1000'],
      [3, 'small-sure', 'record', '900'],
      [4, 'no-history', 'none', null],
    ])
    const top = ranked[0]!
    expect(top.stage).toBe('Proposal')
    expect(top.daysInStage).toBe(8) // entered day 2, asOf day 10
    expect(top.typicalDaysInStage).toBe(1)
    expect(top.reason).toBe(
      '6000.00 × 50.0 % (historical win rate from Proposal) = 3000.00 expected; 8.0 days in Proposal (typical 1.0).',
    )
    expect(ranked[3]?.reason).toBe(
      '50000.00 with no win probability (no record value, no closed deals from its stage).',
    )
  })

  it('returns [] without open deals and refuses bad options', () => {
    expect(rankOpportunities(closed, { asOf: day(10), stages })).toEqual([])
    expectMetricError(() => rankOpportunities([], { asOf: day(1), stages: [] }), 'INVALID_OPTION', {
      path: ['stages'],
    })
    expectMetricError(
      () => rankOpportunities([deal('open', [], { probability: 2 })], { asOf: day(1), stages }),
      'RATE_OUT_OF_RANGE',
      {
        path: [3 - 3, 'probability'],
      },
    )
  })

  it('matches the documented example', () => {
    const at = new Date('2026-03-01')
    const make = (
      id: string,
      amount: number,
      status: 'open' | 'won' | 'lost',
      probability?: number,
    ) => ({
      id,
      createdAt: at,
      amount,
      status,
      ...(status === 'open' ? {} : { closedAt: at }),
      ...(probability === undefined ? {} : { probability }),
      stageHistory: [{ stage: 'Proposal', enteredAt: at }],
    })
    const ranked = rankOpportunities(
      [
        make('a', 1000, 'open', 0.9),
        make('b', 5000, 'open'),
        make('w', 1, 'won'),
        make('l', 1, 'lost'),
      ],
      { asOf: new Date('2026-03-11'), stages: ['Proposal'] },
    )
    expect(ranked.map((r) => [r.id, r.expectedValue?.toString(), r.probabilitySource])).toEqual([
      ['b', '2500', 'stage-history'],
      ['a', '900', 'record'],
    ])
  })
})
