import { describe, expect, it } from 'vitest'
import { averageDealSizeAggregator } from '../../src/pipeline/averageDealSizeAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const won = (amount: number, currency?: string): Opportunity => ({
  id: `won-${amount}-${currency ?? ''}`,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  closedAt: new Date('2026-01-09T00:00:00Z'),
  amount,
  status: 'won',
  stageHistory: [],
  ...(currency === undefined ? {} : { currency }),
})

const METRIC = 'averageDealSizeAggregator'

describe('averageDealSizeAggregator (branches)', () => {
  it('converts amounts with rates before averaging', () => {
    // 100 EUR × 1.5 = 150 USD and 100 USD: mean (150 + 100) / 2 = 125;
    // s = √((25² + 25²) / 1) = √1250 = 35.3553390593…
    const sizes = averageDealSizeAggregator({ rates: { EUR: '1.5' }, baseCurrency: 'USD' })
    const result = sizes.result(sizes.addAll(sizes.initial(), [won(100, 'EUR'), won(100, 'USD')]))
    expect(result.mean?.toString()).toBe('125')
    expect(result.currency).toBe('USD')
    expect(result.standardDeviation).toBeCloseTo(Math.sqrt(1250), 9)
  })

  it('refuses a second currency in add, at path currency', () => {
    const sizes = averageDealSizeAggregator()
    const usd = sizes.add(sizes.initial(), won(100, 'USD'))
    expectMetricError(() => sizes.add(usd, won(100, 'EUR')), 'CURRENCY_MISMATCH', {
      path: ['currency'],
      metric: METRIC,
    })
  })

  it('refuses a mix of currencies in addAll, at the index of the first that differs', () => {
    const sizes = averageDealSizeAggregator()
    expectMetricError(
      () => sizes.addAll(sizes.initial(), [won(1, 'USD'), won(2, 'USD'), won(3, 'EUR')]),
      'CURRENCY_MISMATCH',
      { path: [2, 'currency'], metric: METRIC },
    )
  })

  it('stores squared deviations that overflow as Number.MAX_VALUE', () => {
    // 0 and 1e200: mean 5e199, squares 2 · (5e199)² = 5e399 > Number.MAX_VALUE (1.797e308).
    const sizes = averageDealSizeAggregator()
    const state = sizes.addAll(sizes.initial(), [won(0), won(1e200)])
    expect(state.squaredDeviations).toBe(Number.MAX_VALUE)
    expect(state.count).toBe(2)
  })
})
