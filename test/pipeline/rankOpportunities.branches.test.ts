import { describe, expect, it } from 'vitest'
import { rankOpportunities } from '../../src/pipeline/rankOpportunities.js'
import { day, deal } from './fixtures.js'

describe('rankOpportunities (branches)', () => {
  // No closed deals: no stage history win rate and no typical time in any stage.
  const ranked = rankOpportunities(
    [
      deal('open', ['Discovery'], { id: 'a', amount: 100 }),
      deal('open', ['Discovery'], { id: 'b', amount: 300 }),
      deal('open', ['Discovery'], { id: 'huge', amount: 1e21, probability: 0.5, ownerId: 'ana' }),
      deal('open', ['Discovery'], { id: 'c', amount: 200 }),
    ],
    { asOf: day(10), stages: ['Discovery', 'Proposal'] },
  )

  it('puts deals with an expected value first, then the rest by amount, largest first', () => {
    // huge: 1e21 × 0.5 = 5e20 expected; a, b, c have no probability → ordered 300, 200, 100.
    expect(ranked.map((row) => [row.rank, row.id])).toEqual([
      [1, 'huge'],
      [2, 'b'],
      [3, 'c'],
      [4, 'a'],
    ])
    expect(ranked[0]?.expectedValue?.toString()).toBe('500000000000000000000')
  })

  it('keeps the owner of a deal that has one, and none on a deal without', () => {
    expect(ranked[0]?.ownerId).toBe('ana')
    expect('ownerId' in (ranked[1] as object)).toBe(false)
  })

  it('writes amounts of 10^21 and more in scientific notation and leaves out a missing typical pace', () => {
    // Entered Discovery on day 1, asOf day 10 → 9 days; no closed deal → no typical time.
    expect(ranked[0]?.typicalDaysInStage).toBeNull()
    expect(ranked[0]?.daysInStage).toBe(9)
    expect(ranked[0]?.reason).toBe(
      '1.000000e+21 × 50.0 % (CRM probability) = 500000000000000000000.00 expected; 9.0 days in Discovery.',
    )
  })
})
