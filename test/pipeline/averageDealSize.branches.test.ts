import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import type { MoneyInput } from '../../src/core/MoneyInput.js'
import { averageDealSize, floatOf, tInterval } from '../../src/pipeline/averageDealSize.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const won = (amount: number, closed: string, created = '2025-06-01T00:00:00Z'): Opportunity => ({
  id: `won-${amount}-${closed}`,
  createdAt: new Date(created),
  closedAt: new Date(closed),
  amount,
  status: 'won',
  stageHistory: [],
})

const METRIC = 'averageDealSize'

describe('averageDealSize (branches)', () => {
  it('refuses period: null', () => {
    expectMetricError(
      () => averageDealSize([won(1000, '2026-01-20T00:00:00Z')], { period: null as never }),
      'INVALID_OPTION',
      { path: ['period'], metric: METRIC },
    )
  })

  it('refuses a period.date that is not a function', () => {
    expectMetricError(
      () =>
        averageDealSize([won(1000, '2026-01-20T00:00:00Z')], {
          period: { unit: 'month', date: 'closedAt' as never },
        }),
      'INVALID_OPTION',
      { path: ['period', 'date'], metric: METRIC },
    )
  })

  it('refuses a group key that is a boolean', () => {
    expectMetricError(
      () =>
        averageDealSize([won(1000, '2026-01-20T00:00:00Z')], {
          by: () => true as never,
        }),
      'INVALID_RECORD',
      { path: [0, 'by'], metric: METRIC },
    )
  })

  it('files a key of −0 under +0 and an undefined key under null', () => {
    const deals = [won(1000, '2026-01-20T00:00:00Z'), won(3000, '2026-01-21T00:00:00Z')]
    const rows = averageDealSize(deals, { by: (_, index) => (index === 0 ? -0 : undefined) })
    // One deal per group: the mean is the deal's amount.
    const zero = rows.find((row) => row.group === 0)
    expect(Object.is(zero?.group, 0)).toBe(true)
    expect(zero?.result.mean?.toNumber()).toBe(1000)
    expect(rows.find((row) => row.group === null)?.result.mean?.toNumber()).toBe(3000)
  })

  it('buckets by a custom date into weeks that start on Sunday', () => {
    // Created Sat 2026-01-10 and Sun 2026-01-11 (1 Jan 2026 is a Thursday): with weeks from
    // Sunday they fall in the weeks of Sun 4 Jan and Sun 11 Jan; both closed the same day.
    const deals = [
      won(1000, '2026-02-01T00:00:00Z', '2026-01-10T12:00:00Z'),
      won(3000, '2026-02-01T00:00:00Z', '2026-01-11T12:00:00Z'),
    ]
    const rows = averageDealSize(deals, {
      period: {
        unit: 'week',
        date: (deal) => deal.createdAt,
        weekStartsOn: 0,
        timeZone: 'UTC',
      },
    })
    expect(rows.map((row) => [row.period?.label, row.result.mean?.toNumber()])).toEqual([
      ['2026-01-04', 1000],
      ['2026-01-11', 3000],
    ])
  })

  it('uses a fiscal year starting in February and gives the change against the previous one', () => {
    // Fiscal years from February, named by the calendar year they end in: 20 Jan 2026 is in
    // FY2026 (Feb 2025 – Jan 2026), 10 Feb 2026 in FY2027. change = 3000 / 1000 − 1 = 2.
    const rows = averageDealSize(
      [won(1000, '2026-01-20T00:00:00Z'), won(3000, '2026-02-10T00:00:00Z')],
      { period: { unit: 'year', fiscalYearStartMonth: 2 } },
    )
    expect(rows.map((row) => [row.period?.label, row.result.mean?.toNumber()])).toEqual([
      ['FY2026', 1000],
      ['FY2027', 3000],
    ])
    expect(rows[1]?.result.change).toBe(2)
  })

  it('reports a change of exactly 0 when two periods have the same mean', () => {
    // January mean (500 + 1500) / 2 = 1000, February mean 1000: 1000 / 1000 − 1 = 0.
    const rows = averageDealSize(
      [
        won(500, '2026-01-05T00:00:00Z'),
        won(1500, '2026-01-25T00:00:00Z'),
        won(1000, '2026-02-10T00:00:00Z'),
      ],
      { period: { unit: 'month' } },
    )
    expect(rows.map((row) => row.period?.label)).toEqual(['2026-01', '2026-02'])
    expect(Object.is(rows[1]?.result.change, 0)).toBe(true)
  })

  it('files a numeric key as that number', () => {
    const rows = averageDealSize([won(1000, '2026-01-20T00:00:00Z')], { by: () => 7 })
    expect(rows.map((row) => [row.group, row.result.mean?.toNumber()])).toEqual([[7, 1000]])
  })

  it("passes on a MetricInputError thrown by the caller's by function unchanged", () => {
    const own = new MetricInputError({
      code: 'INVALID_RECORD',
      metric: 'callerCheck',
      path: ['region'],
      message: 'callerCheck: no region',
    })
    expectMetricError(
      () =>
        averageDealSize([won(1000, '2026-01-20T00:00:00Z')], {
          by: () => {
            throw own
          },
        }),
      'INVALID_RECORD',
      { path: ['region'], metric: 'callerCheck' },
    )
  })

  it('converts currencies per group with rates', () => {
    // Group a: 100 EUR × 1.5 = 150 USD and 50 USD → (150 + 50) / 2 = 100; group b: 10 EUR → 15.
    const deals: Opportunity[] = [
      { ...won(100, '2026-01-20T00:00:00Z'), currency: 'EUR', ownerId: 'a' },
      { ...won(50, '2026-01-21T00:00:00Z'), currency: 'USD', ownerId: 'a' },
      { ...won(10, '2026-01-22T00:00:00Z'), currency: 'EUR', ownerId: 'b' },
    ]
    const rows = averageDealSize(deals, {
      by: (deal) => deal.ownerId ?? null,
      rates: { EUR: '1.5' },
      baseCurrency: 'USD',
    })
    expect(rows.map((row) => [row.group, row.result.mean?.toString()])).toEqual([
      ['a', '100'],
      ['b', '15'],
    ])
  })

  it('gives no median interval for five deals at 95 %', () => {
    // The widest order-statistic interval [x₁, x₅] covers the median with probability
    // 1 − 2 · 0.5⁵ = 0.9375 < 0.95, so no 95 % interval exists; the median is x₃ = 300.
    const result = averageDealSize(
      [100, 200, 300, 400, 500].map((amount) => won(amount, '2026-01-20T00:00:00Z')),
      { method: 'median-order' },
    )
    expect(result.median?.toNumber()).toBe(300)
    expect(result.lower).toBeNull()
    expect(result.upper).toBeNull()
  })
})

describe('tInterval', () => {
  it('gives no bounds when the half-width overflows', () => {
    // t(0.975; 1) = 12.706 (t table); 12.706 · 1e308 / √2 ≈ 9e308 > Number.MAX_VALUE.
    expect(tInterval(0, 1e308, 2, 0.95)).toEqual([null, null])
  })

  it('gives [+0, +0] for a zero-spread sample at −0', () => {
    // s = 0 → half-width 0; −0 − 0 = −0 is reported as +0.
    const [lower, upper] = tInterval(-0, 0, 3, 0.95)
    expect(Object.is(lower, 0)).toBe(true)
    expect(Object.is(upper, 0)).toBe(true)
  })
})

describe('floatOf', () => {
  it('reads a checked amount string with surrounding spaces', () => {
    expect(floatOf(' 12.5 ')).toBe(12.5)
  })

  it('gives NaN for a value that is not an amount', () => {
    expect(floatOf({} as unknown as MoneyInput)).toBeNaN()
  })
})
