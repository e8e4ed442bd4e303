import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { grossRevenueRetention } from '../../src/retention/grossRevenueRetention.js'
import { expectMetricError } from '../helpers.js'
import { month } from './revenueRates.shared.js'

describe('grossRevenueRetention', () => {
  it('is (S − contraction − churn) / S and ignores expansion', () => {
    expect(grossRevenueRetention(month)).toBe(0.9)
  })

  it('never exceeds 1 and is exact on decimal amounts', () => {
    expect(grossRevenueRetention({ startingRevenue: 0.3, contraction: 0.1, churn: 0.2 })).toBe(0)
    expect(
      grossRevenueRetention({ startingRevenue: new Decimal('100.10'), contraction: 0, churn: 0 }),
    ).toBe(1)
  })

  it('is null on zero starting revenue', () => {
    expect(grossRevenueRetention({ startingRevenue: 0, contraction: 0, churn: 0 })).toBeNull()
  })

  it('refuses losses above the start, negatives and missing fields', () => {
    expectMetricError(
      () => grossRevenueRetention({ startingRevenue: 100, contraction: 60, churn: 50 }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['churn'],
      },
    )
    expectMetricError(
      () => grossRevenueRetention({ startingRevenue: 100, contraction: -5, churn: 0 }),
      'NEGATIVE_VALUE',
      {
        path: ['contraction'],
        message: 'grossRevenueRetention: contraction is -5; amounts must not be negative',
      },
    )
    expectMetricError(
      () => grossRevenueRetention({ startingRevenue: 100, contraction: 0 } as never),
      'MISSING_VALUE',
      {
        path: ['churn'],
      },
    )
    expectMetricError(
      () => grossRevenueRetention({ startingRevenue: 'abc', contraction: 0, churn: 0 }),
      'NOT_FINITE',
      {
        path: ['startingRevenue'],
      },
    )
  })

  it('matches the documented example', () => {
    expect(grossRevenueRetention({ startingRevenue: 10000, contraction: 300, churn: 700 })).toBe(
      0.9,
    )
  })
})
