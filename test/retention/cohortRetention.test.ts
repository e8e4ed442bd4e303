import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cohortRetention } from '../../src/retention/cohortRetention.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)

describe('cohortRetention', () => {
  // Hand-worked: January cohort {a, b, d}, February cohort {c}; a active Jan, Feb, Mar;
  // b only January (0 % afterwards); d January and March.
  const activity = [
    { customerId: 'a', at: at('2026-01-05T00:00:00Z'), revenue: 100 },
    { customerId: 'b', at: at('2026-01-20T00:00:00Z'), revenue: 50 },
    { customerId: 'd', at: at('2026-01-25T00:00:00Z'), revenue: 50 },
    { customerId: 'a', at: at('2026-02-03T00:00:00Z'), revenue: 120 },
    { customerId: 'a', at: at('2026-02-17T00:00:00Z'), revenue: 0 },
    { customerId: 'c', at: at('2026-02-10T00:00:00Z'), revenue: 80 },
    { customerId: 'a', at: at('2026-03-01T00:00:00Z'), revenue: 130 },
    { customerId: 'd', at: at('2026-03-09T00:00:00Z'), revenue: 40 },
  ]

  it('builds the logo triangle: null where not yet observable, a customer once per period', () => {
    const table = cohortRetention(activity)
    expect(table.periods).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(table.cohorts.map((row) => [row.cohort, row.size, row.active, row.retention])).toEqual([
      ['2026-01', 3, [3, 1, 2], [1, 1 / 3, 2 / 3]],
      ['2026-02', 1, [1, 0, null], [1, 0, null]],
    ])
    expect(table.cohorts[0]?.revenue).toBeNull()
  })

  it('pools by cohort size and keeps 0 % cohorts (PostHog/posthog#30624)', () => {
    const { pooled } = cohortRetention(activity)
    // age 1: (1 + 0) / (3 + 1) — the February cohort's 0 % counts; age 2: January only.
    expect(pooled).toEqual([
      { age: 0, retention: 1, cohorts: 2 },
      { age: 1, retention: 0.25, cohorts: 2 },
      { age: 2, retention: 2 / 3, cohorts: 1 },
    ])
  })

  it('revenue basis: revenue kept relative to age 0, above 100 % with expansion', () => {
    const table = cohortRetention(activity, { basis: 'revenue' })
    const january = table.cohorts[0]!
    expect(january.revenue?.map((amount) => amount?.toString())).toEqual(['200', '120', '170'])
    expect(january.retention).toEqual([1, 0.6, 0.85])
    expect(table.cohorts[1]?.retention).toEqual([1, 0, null])
    // age 1: (120 + 0) / (200 + 80)
    expect(table.pooled[1]?.retention).toBeCloseTo(120 / 280, 15)
    expect(table.pooled[2]?.retention).toBe(0.85)
  })

  it("takes basis 'count' / 'amount' (the shared words), with 'logo' / 'revenue' as aliases that give the same table", () => {
    const byAmount = cohortRetention(activity, { basis: 'amount' })
    // Same hand figures as the revenue-basis test: January revenue 200, 120, 170.
    expect(byAmount.basis).toBe('amount')
    expect(byAmount.cohorts[0]?.retention).toEqual([1, 0.6, 0.85])
    expect(cohortRetention(activity, { basis: 'revenue' })).toEqual(byAmount)
    const byCount = cohortRetention(activity, { basis: 'count' })
    expect(byCount.basis).toBe('count')
    expect(byCount.cohorts[0]?.revenue).toBeNull()
    expect(cohortRetention(activity, { basis: 'logo' })).toEqual(byCount)
    expect(cohortRetention(activity)).toEqual(byCount)
  })

  it('asOf extends the table: quiet recent periods are 0, not unknown', () => {
    const table = cohortRetention(activity, { asOf: at('2026-04-15T00:00:00Z') })
    expect(table.periods).toHaveLength(4)
    expect(table.cohorts[1]?.retention).toEqual([1, 0, 0, null])
  })

  it('puts customers into cohorts by the calendar of the time zone', () => {
    // 2026-02-01T02:00Z is still 31 January in New York.
    const rows = [
      { customerId: 'x', at: at('2026-02-01T02:00:00Z') },
      { customerId: 'x', at: at('2026-02-15T00:00:00Z') },
    ]
    expect(cohortRetention(rows).cohorts.map((row) => row.cohort)).toEqual(['2026-02'])
    const newYork = cohortRetention(rows, { timeZone: 'America/New_York' })
    expect(newYork.cohorts.map((row) => [row.cohort, row.retention])).toEqual([['2026-01', [1, 1]]])
  })

  it('a revenue base of 0 gives null retention for that cohort', () => {
    const table = cohortRetention(
      [
        { customerId: 'free', at: at('2026-01-01T00:00:00Z'), revenue: 0 },
        { customerId: 'free', at: at('2026-02-01T00:00:00Z'), revenue: 10 },
      ],
      { basis: 'revenue' },
    )
    expect(table.cohorts[0]?.retention).toEqual([null, null])
    expect(table.pooled.map((cell) => cell.retention)).toEqual([null, null])
  })

  it('returns empty lists for no activity', () => {
    expect(cohortRetention([])).toEqual({
      basis: 'count',
      periods: [],
      cohorts: [],
      pooled: [],
      currency: null,
    })
  })

  it('refuses revenue of two currencies in one table (USD 100 and JPY 100 are not 200)', () => {
    const rows = [
      { customerId: 'a', at: at('2026-01-05'), revenue: 100, currency: 'USD' },
      { customerId: 'b', at: at('2026-01-09'), revenue: 100 },
      { customerId: 'c', at: at('2026-02-03'), revenue: 100, currency: 'JPY' },
    ]
    expectMetricError(() => cohortRetention(rows, { basis: 'revenue' }), 'CURRENCY_MISMATCH', {
      path: [2, 'currency'],
      metric: 'cohortRetention',
    })
    // One currency (and rows naming none) is kept and reported; the logo basis ignores money.
    expect(cohortRetention(rows.slice(0, 2), { basis: 'revenue' }).currency).toBe('USD')
    expect(cohortRetention(rows).currency).toBeNull()
    expectMetricError(
      () =>
        cohortRetention(
          [{ customerId: 'a', at: at('2026-01-05'), revenue: 1, currency: 7 as never }],
          {
            basis: 'revenue',
          },
        ),
      'INVALID_RECORD',
      { path: [0, 'currency'] },
    )
  })

  it('refuses rows it cannot place', () => {
    expectMetricError(
      () => cohortRetention([{ customerId: '', at: at('2026-01-01') }]),
      'MISSING_VALUE',
      { path: [0, 'customerId'] },
    )
    expectMetricError(
      () => cohortRetention([{ customerId: 'a', at: at('nope') }]),
      'INVALID_DATE',
      { path: [0, 'at'] },
    )
    expectMetricError(
      () => cohortRetention([{ customerId: 'a', at: at('2026-01-01') }], { basis: 'revenue' }),
      'MISSING_VALUE',
      {
        path: [0, 'revenue'],
      },
    )
    expectMetricError(
      () =>
        cohortRetention([{ customerId: 'a', at: at('2026-01-01'), revenue: -3 }], {
          basis: 'revenue',
        }),
      'NEGATIVE_VALUE',
      { path: [0, 'revenue'] },
    )
    expectMetricError(
      () =>
        cohortRetention([{ customerId: 'a', at: at('2026-05-01') }], { asOf: at('2026-04-01') }),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'at'] },
    )
    expectMetricError(() => cohortRetention([], { basis: 'seats' as 'logo' }), 'INVALID_OPTION', {
      path: ['basis'],
    })
  })

  it('age-0 retention is 1, every cell is in [0, 1], and cohort sizes add up to the customers', () => {
    const row = fc.record({
      customer: fc.integer({ min: 0, max: 9 }),
      day: fc.integer({ min: 0, max: 200 }),
    })
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), (rows) => {
        const table = cohortRetention(
          rows.map((r) => ({
            customerId: `c${r.customer}`,
            at: new Date(Date.UTC(2026, 0, 1) + r.day * 86_400_000),
          })),
          { period: 'week' },
        )
        expect(table.cohorts.reduce((sum, cohort) => sum + cohort.size, 0)).toBe(
          new Set(rows.map((r) => r.customer)).size,
        )
        for (const cohort of table.cohorts) {
          expect(cohort.retention[0]).toBe(1)
          for (const cell of cohort.retention)
            if (cell !== null) expect(cell).toBeGreaterThanOrEqual(0)
          for (const cell of cohort.retention)
            if (cell !== null) expect(cell).toBeLessThanOrEqual(1)
        }
      }),
    )
  })

  it('matches the documented example', () => {
    const table = cohortRetention([
      { customerId: 'a', at: at('2026-01-05') },
      { customerId: 'b', at: at('2026-01-20') },
      { customerId: 'a', at: at('2026-02-03') },
      { customerId: 'c', at: at('2026-02-10') },
    ])
    expect(table.cohorts.map((row) => [row.cohort, row.retention])).toEqual([
      ['2026-01', [1, 0.5]],
      ['2026-02', [1, null]],
    ])
    expect(table.pooled.map((cell) => cell.retention)).toEqual([1, 0.5])
  })
})
