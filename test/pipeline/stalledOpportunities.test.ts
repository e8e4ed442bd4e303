import { describe, expect, it } from 'vitest'
import { stalledOpportunities } from '../../src/pipeline/stalledOpportunities.js'
import { expectMetricError } from '../helpers.js'
import { day } from './fixtures.js'

const won = (id: string, days: number) => ({
  id,
  createdAt: day(1),
  amount: 1,
  status: 'won' as const,
  closedAt: day(1 + days),
  stageHistory: [{ stage: 'Legal', enteredAt: day(1) }],
})
const open = (id: string, entered: number, ownerId?: string) => ({
  id,
  createdAt: day(1),
  amount: 1,
  status: 'open' as const,
  stageHistory: [{ stage: 'Legal', enteredAt: day(entered) }],
  ...(ownerId === undefined ? {} : { ownerId }),
})

describe('stalledOpportunities', () => {
  // Finished Legal spells 2, 3, 4, 5, 6 days: p90 (type 7) = 5.6 days.
  const history = [won('a', 2), won('b', 3), won('c', 4), won('d', 5), won('e', 6)]

  it('flags open deals past the stage p90, most overdue first', () => {
    const stalled = stalledOpportunities(
      [...history, open('fresh', 18), open('slow', 14, 'rep-1'), open('stuck', 1)],
      { asOf: day(20) },
    )
    expect(stalled.map((deal) => [deal.id, deal.daysInStage])).toEqual([
      ['stuck', 19],
      ['slow', 6],
    ])
    expect(stalled[0]?.thresholdDays).toBeCloseTo(5.6, 12)
    expect(stalled[1]?.ownerId).toBe('rep-1')
  })

  it('does not judge a stage with too little history, and takes another quantile', () => {
    expect(stalledOpportunities([won('a', 2), open('x', 1)], { asOf: day(30) })).toEqual([])
    expect(
      stalledOpportunities([...history, open('x', 15)], { asOf: day(20), quantile: 0.5 }).map(
        (deal) => deal.id,
      ),
    ).toEqual(['x'])
  })

  it('refuses a missing asOf or a quantile outside 0..1', () => {
    expectMetricError(() => stalledOpportunities([], { asOf: new Date('x') }), 'INVALID_DATE', {
      path: ['asOf'],
    })
    expectMetricError(
      () => stalledOpportunities([], { asOf: day(1), quantile: 90 }),
      // 0.2: a bad option value is INVALID_OPTION (was RATE_OUT_OF_RANGE).
      'INVALID_OPTION',
      { path: ['quantile'] },
    )
  })

  it('matches the documented example', () => {
    const stuck = open('late', 1)
    expect(
      stalledOpportunities([won('a', 2), won('b', 3), won('c', 4), stuck], {
        asOf: day(20),
        minimumSpells: 3,
      }).map((deal) => deal.id),
    ).toEqual(['late'])
  })
})
