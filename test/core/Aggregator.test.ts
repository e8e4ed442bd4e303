import { describe, expect, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import { netPromoterScoreAggregator } from '../../src/survey/netPromoterScoreAggregator.js'

describe('Aggregator', () => {
  it('is satisfied by the survey aggregators', () => {
    const aggregator: Aggregator<
      { promoters: number; passives: number; detractors: number },
      number,
      unknown
    > = netPromoterScoreAggregator()
    expect(typeof aggregator.initial).toBe('function')
  })

  it('matches the documented example', () => {
    const nps = netPromoterScoreAggregator()
    const left = nps.add(nps.add(nps.initial(), 10), 3)
    const right = nps.add(nps.initial(), 9)
    // 2 promoters, 1 detractor of 3: 100 · (2 − 1)/3
    expect(nps.result(nps.merge(left, right)).score).toBe(100 / 3)
  })
})
