import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupMetric } from '../../src/core/groupMetric.js'
import { averageDealSize } from '../../src/pipeline/averageDealSize.js'
import {
  type AverageDealSizeAggregatorState,
  averageDealSizeAggregator,
} from '../../src/pipeline/averageDealSizeAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const deal = (
  amount: number,
  status: Opportunity['status'] = 'won',
  ownerId = 'ana',
): Opportunity => ({
  id: `${status}-${amount}`,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...(status === 'open' ? {} : { closedAt: new Date('2026-01-09T00:00:00Z') }),
  amount,
  status,
  stageHistory: [],
  ownerId,
})

describe('averageDealSizeAggregator', () => {
  it('matches the documented example', () => {
    const sizes = averageDealSizeAggregator()
    const won = (amount: number) => ({
      id: String(amount),
      createdAt: new Date('2026-01-01'),
      closedAt: new Date('2026-01-09'),
      amount,
      status: 'won' as const,
      stageHistory: [],
    })
    const state = sizes.merge(
      sizes.add(sizes.initial(), won(1000)),
      sizes.addAll(sizes.initial(), [won(2000), won(3000)]),
    )
    expect(sizes.result(state).mean?.toString()).toBe('2000')
    // s² = ((−1000)² + 0 + 1000²)/2 = 10⁶, s = 1000.
    expect(sizes.result(state).standardDeviation).toBe(1000)
  })

  it('gives the t interval of scipy for the ten deals of test/reference/deal_size.py', () => {
    const sizes = averageDealSizeAggregator()
    const amounts = [1200, 4500, 800, 15000, 3000, 2200, 950, 6100, 2700, 1800]
    let state = sizes.initial()
    for (const amount of amounts) state = sizes.add(state, deal(amount))
    const result = sizes.result(state)
    expect(result.lower).toBeCloseTo(775.9208480391521, 8)
    expect(result.upper).toBeCloseTo(6874.079151960848, 8)
    expect(result.median).toBeNull()
  })

  it('equals the one-shot result for any split, merge order and JSON round trip (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 5_000_000 }),
            fc.constantFrom(...(['won', 'won', 'lost', 'open'] as const)),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (rows, cut, swap) => {
          const deals = rows.map(([amount, status]) => deal(amount, status))
          const sizes = averageDealSizeAggregator()
          const split = Math.min(cut, deals.length)
          const left = sizes.addAll(sizes.initial(), deals.slice(0, split))
          let right = sizes.initial()
          for (const item of deals.slice(split)) right = sizes.add(right, item)
          const trip = (state: AverageDealSizeAggregatorState) =>
            JSON.parse(JSON.stringify(state)) as AverageDealSizeAggregatorState
          const merged = swap
            ? sizes.merge(trip(right), trip(left))
            : sizes.merge(trip(left), trip(right))
          const result = sizes.result(merged)
          const oneShot = averageDealSize(deals)
          expect(result.count).toBe(oneShot.count)
          expect(result.total.toString()).toBe(oneShot.total.toString())
          expect(result.mean?.toString()).toBe(oneShot.mean?.toString())
          if (oneShot.standardDeviation === null) {
            expect(result.standardDeviation).toBeNull()
          } else {
            const scale = Math.max(1, oneShot.standardDeviation)
            expect(
              Math.abs((result.standardDeviation as number) - oneShot.standardDeviation),
            ).toBeLessThanOrEqual(1e-9 * scale)
          }
        },
      ),
    )
  })

  it('works with groupMetric per owner', () => {
    const deals = [
      deal(100, 'won', 'ana'),
      deal(300, 'won', 'ana'),
      deal(50, 'lost', 'ben'),
      deal(80, 'won', 'ben'),
    ]
    const rows = groupMetric(deals, averageDealSizeAggregator(), {
      value: (item) => item,
      by: (item) => item.ownerId ?? null,
    })
    // ana: (100 + 300)/2 = 200; ben: 80 (the lost deal is skipped but counted in n).
    expect(rows.map((row) => [row.group, row.result.mean?.toNumber(), row.n])).toEqual([
      ['ana', 200, 2],
      ['ben', 80, 2],
    ])
  })

  it('refuses the median method, bad states and mixed currencies', () => {
    const metric = 'averageDealSizeAggregator'
    expectMetricError(
      () => averageDealSizeAggregator({ method: 'median-order' }),
      'INVALID_OPTION',
      {
        path: ['method'],
        metric,
      },
    )
    const sizes = averageDealSizeAggregator()
    expectMetricError(
      () => sizes.result({ count: 1, total: '0', currency: null } as never),
      'INVALID_STATE',
      { metric },
    )
    expectMetricError(
      () => sizes.result({ count: -1, total: '0', squaredDeviations: 0, currency: null }),
      'NEGATIVE_VALUE',
      { path: ['count'], metric },
    )
    expectMetricError(
      () =>
        sizes.merge(sizes.initial(), {
          count: 1,
          total: '-5',
          squaredDeviations: 0,
          currency: null,
        }),
      'NEGATIVE_VALUE',
      { path: ['b', 'total'], metric },
    )
    const eur = sizes.add(sizes.initial(), { ...deal(1), currency: 'EUR' })
    const usd = sizes.add(sizes.initial(), { ...deal(1), currency: 'USD' })
    expectMetricError(() => sizes.merge(eur, usd), 'CURRENCY_MISMATCH', { metric })
    expectMetricError(
      () => sizes.addAll(sizes.initial(), [deal(1), { ...deal(2), amount: Number.NaN }]),
      'NOT_FINITE',
      { path: [1, 'amount'], metric },
    )
  })
})
