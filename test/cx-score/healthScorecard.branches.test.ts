import { describe, expect, it } from 'vitest'
import { healthScorecard } from '../../src/cx-score/healthScorecard.js'
import { expectMetricError } from '../helpers.js'

const components = [
  { name: 'NPS', range: [-100, 100] as const, weight: 1 },
  { name: 'Usage', range: [0, 1] as const, weight: 1 },
]

describe('healthScorecard (bands and hostile definitions)', () => {
  it('refuses bands that are not a list with INVALID_OPTION at ["bands"]', () => {
    expectMetricError(
      () => healthScorecard({ components, bands: 'red' as never }),
      'INVALID_OPTION',
      { path: ['bands'], metric: 'healthScorecard' },
    )
  })

  it('leaves a score below the lowest band without a band and counts it as unscored', () => {
    const score = healthScorecard({ components, bands: [{ name: 'healthy', min: 60 }] })
    const { accounts, counts } = score([{ id: 'a', values: { NPS: 0, Usage: 0.2 } }])
    // NPS 0 on [-100, 100] = 50 points, Usage 0.2 on [0, 1] = 20 points; (50 + 20) / 2 = 35 < 60.
    expect(accounts[0]?.score).toBeCloseTo(35, 12)
    expect(accounts[0]?.band).toBe(null)
    expect(counts).toEqual({ healthy: 0, unscored: 1 })
  })

  it('reports a component whose getter throws as a MetricInputError, not a raw TypeError', () => {
    const hostile = {
      get name(): string {
        throw new TypeError('no name')
      },
      range: [0, 1] as const,
      weight: 1,
    }
    expectMetricError(() => healthScorecard({ components: [hostile] }), 'INVALID_RECORD', {
      metric: 'healthScorecard',
    })
  })
})
