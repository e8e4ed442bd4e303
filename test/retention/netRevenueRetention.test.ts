import { describe, expect, it } from 'vitest'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { expectMetricError } from '../helpers.js'
import { month } from './revenueRates.shared.js'

describe('netRevenueRetention', () => {
  it('is (S + expansion + reactivation − contraction − churn) / S', () => {
    expect(netRevenueRetention(month)).toBe(1.07)
  })

  it('defaults reactivation to 0', () => {
    const { reactivation: _, ...withoutReactivation } = month
    expect(netRevenueRetention(withoutReactivation)).toBe(1.05)
  })

  it('is null on zero starting revenue', () => {
    expect(
      netRevenueRetention({ startingRevenue: 0, expansion: 0, contraction: 0, churn: 0 }),
    ).toBeNull()
  })

  it('refuses losses above the start', () => {
    expectMetricError(
      () =>
        netRevenueRetention({ startingRevenue: 100, expansion: 500, contraction: 60, churn: 50 }),
      'VALUE_OUT_OF_RANGE',
      { path: ['churn'], metric: 'netRevenueRetention' },
    )
    expectMetricError(
      () =>
        netRevenueRetention({
          startingRevenue: 100,
          expansion: 0,
          contraction: 0,
          churn: 0,
          reactivation: -1,
        }),
      'NEGATIVE_VALUE',
      { path: ['reactivation'] },
    )
  })

  it('matches the documented example', () => {
    expect(
      netRevenueRetention({
        startingRevenue: 10000,
        expansion: 1500,
        contraction: 300,
        churn: 700,
      }),
    ).toBe(1.05)
  })
})
