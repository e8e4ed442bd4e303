import { describe, expect, it } from 'vitest'
import { netMrrChurnRate } from '../../src/retention/netMrrChurnRate.js'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { expectMetricError } from '../helpers.js'
import { month } from './revenueRates.shared.js'

describe('netMrrChurnRate', () => {
  it('is (churn + contraction − expansion − reactivation) / S, negative when expansion wins; 1 − NRR', () => {
    expect(netMrrChurnRate(month)).toBe(-0.07)
    expect(netMrrChurnRate(month)! + netRevenueRetention(month)!).toBeCloseTo(1, 15)
  })

  it('is null on zero starting revenue and refuses losses above it', () => {
    expect(
      netMrrChurnRate({ startingRevenue: 0, expansion: 0, contraction: 0, churn: 0 }),
    ).toBeNull()
    expectMetricError(
      () => netMrrChurnRate({ startingRevenue: 1, expansion: 0, contraction: 1, churn: 1 }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'netMrrChurnRate' },
    )
  })

  it('matches the documented example', () => {
    expect(
      netMrrChurnRate({ startingRevenue: 10000, expansion: 1500, contraction: 300, churn: 700 }),
    ).toBe(-0.05)
  })
})
