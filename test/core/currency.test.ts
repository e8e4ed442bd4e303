import { describe, expect, it } from 'vitest'
import { createCurrencyTracker, trackCurrency } from '../../src/core/currency.js'
import { expectMetricError } from '../helpers.js'

describe('currency', () => {
  it('fixes the currency at the first record that names one; records without one conflict with none', () => {
    const tracker = createCurrencyTracker('m')
    trackCurrency(tracker, undefined, () => [0])
    trackCurrency(tracker, 'EUR', () => [1])
    trackCurrency(tracker, undefined, () => [2])
    trackCurrency(tracker, 'EUR', () => [3])
    expect(tracker.currency).toBe('EUR')
    expectMetricError(
      () => trackCurrency(tracker, 'USD', () => [4, 'currency']),
      'CURRENCY_MISMATCH',
      {
        path: [4, 'currency'],
        metric: 'm',
      },
    )
  })
})
