/**
 * `Opportunity.amount` is optional in 0.2 (SPEC "Additions for 0.2", New records): CRMs leave
 * early deals without one. Count-based functions do not read it; a money function that must
 * value a deal without one refuses it with `MISSING_VALUE` at `[index, 'amount']`.
 */
import { describe, expect, it } from 'vitest'
import {
  actualsFromOpportunities,
  type Opportunity,
  rankOpportunities,
  salesCycleDays,
  stageConversion,
  sumMoney,
  weightedPipeline,
  winRate,
  winRateAggregator,
} from '../../src/index.js'
import { expectMetricError } from '../helpers.js'

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`)
const deals: Opportunity[] = [
  {
    id: 'a',
    createdAt: day('2026-01-01'),
    status: 'won',
    closedAt: day('2026-01-11'),
    stageHistory: [{ stage: 'Qualify', enteredAt: day('2026-01-01') }],
    amount: 1000,
    ownerId: 'ann',
    probability: 1,
  },
  {
    id: 'b',
    createdAt: day('2026-01-01'),
    status: 'lost',
    closedAt: day('2026-01-21'),
    stageHistory: [{ stage: 'Qualify', enteredAt: day('2026-01-01') }],
    ownerId: 'ann',
  },
  {
    id: 'c',
    createdAt: day('2026-01-05'),
    status: 'open',
    stageHistory: [{ stage: 'Qualify', enteredAt: day('2026-01-05') }],
    probability: 0.5,
    ownerId: 'bob',
  },
]

describe('an opportunity without an amount', () => {
  it('counts in count-based functions', () => {
    // 1 won, 1 lost → 1/2; the Wilson bounds are not the point here.
    expect(winRate(deals).rate).toBe(0.5)
    // cycles 10 and 20 days (closed deals) → mean 15 (outcome 'closed').
    expect(salesCycleDays(deals, { outcome: 'closed' })).toBe(15)
    // 3 deals reached Qualify (the only stage); 1 advanced (won), 1 open → 1 / (3 − 1).
    expect(stageConversion(deals, { stages: ['Qualify'] })[0]?.rate).toBe(0.5)
  })

  it('is refused with MISSING_VALUE at [index, amount] where it must be valued', () => {
    const path = [1, 'amount']
    expectMetricError(() => winRate(deals, { by: 'amount' }), 'MISSING_VALUE', {
      path,
      metric: 'winRate',
    })
    const aggregator = winRateAggregator({ by: 'amount' })
    expectMetricError(() => aggregator.addAll(aggregator.initial(), deals), 'MISSING_VALUE', {
      path,
      metric: 'winRateAggregator',
    })
    expectMetricError(() => weightedPipeline(deals), 'MISSING_VALUE', {
      path: [2, 'amount'],
      metric: 'weightedPipeline',
    })
    expectMetricError(
      () => rankOpportunities(deals, { asOf: day('2026-02-01'), stages: ['Qualify'] }),
      'MISSING_VALUE',
      { path: [2, 'amount'], metric: 'rankOpportunities' },
    )
    const unvaluedWin = [{ ...deals[0], amount: undefined } as unknown as Opportunity]
    expectMetricError(() => actualsFromOpportunities(unvaluedWin), 'MISSING_VALUE', {
      path: [0, 'amount'],
      metric: 'actualsFromOpportunities',
    })
  })

  it('says it is missing, not that it is not a number', () => {
    expect(() => weightedPipeline(deals)).toThrow(/amount at index 2 is missing/)
    // sumMoney over a list with a hole: absence is MISSING_VALUE by the refusal-code rule.
    expectMetricError(() => sumMoney([1, undefined] as unknown as number[]), 'MISSING_VALUE', {
      path: [1],
    })
  })
})
