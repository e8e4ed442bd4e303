import { describe, expect, it } from 'vitest'
import { criticalValue } from '../../src/core/criticalValue.js'
import { expectMetricError } from '../helpers.js'

describe('criticalValue', () => {
  it('is the two-sided quantile, not the one-sided one', () => {
    // R: qnorm(0.975) = 1.959964, qnorm(0.95) = 1.644854 (one-sided, the peer bug to avoid).
    expect(criticalValue(0.95, 'm')).toBeCloseTo(1.959963984540054, 12)
    expect(criticalValue(0.9, 'm')).toBeCloseTo(1.644853626951472, 12)
    expect(criticalValue(0.99, 'm')).toBeCloseTo(2.575829303548901, 12)
  })

  it('refuses a confidence outside (0, 1) on behalf of the caller', () => {
    expectMetricError(() => criticalValue(1, 'npsInterval'), 'INVALID_OPTION', {
      metric: 'npsInterval',
      path: ['confidence'],
    })
  })
})
