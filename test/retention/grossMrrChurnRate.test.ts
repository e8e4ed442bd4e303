import { describe, expect, it } from 'vitest'
import { grossMrrChurnRate } from '../../src/retention/grossMrrChurnRate.js'
import { grossRevenueRetention } from '../../src/retention/grossRevenueRetention.js'
import { expectMetricError } from '../helpers.js'
import { month } from './revenueRates.shared.js'

describe('grossMrrChurnRate', () => {
  it('is (churn + contraction) / S, 1 − GRR', () => {
    expect(grossMrrChurnRate(month)).toBe(0.1)
    expect(grossMrrChurnRate(month)! + grossRevenueRetention(month)!).toBeCloseTo(1, 15)
  })

  it('is null on zero starting revenue and refuses losses above it', () => {
    expect(grossMrrChurnRate({ startingRevenue: 0, contraction: 0, churn: 0 })).toBeNull()
    expectMetricError(
      () => grossMrrChurnRate({ startingRevenue: 1, contraction: 1, churn: 1 }),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('matches the documented example', () => {
    expect(
      grossMrrChurnRate({ startingRevenue: 10000, expansion: 1500, contraction: 300, churn: 700 }),
    ).toBe(0.1)
  })
})
