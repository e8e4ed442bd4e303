import { describe, expect, it } from 'vitest'
import { revenueRetentionSeries } from '../../src/retention/revenueRetentionSeries.js'
import { expectMetricError } from '../helpers.js'

describe('readSnapshots (through revenueRetentionSeries)', () => {
  it('refuses a by option that is not a function with INVALID_OPTION at ["by"]', () => {
    expectMetricError(
      () =>
        revenueRetentionSeries([{ accountId: 'a', month: '2026-01', amount: 1 }], {
          by: 'segment' as never,
        }),
      'INVALID_OPTION',
      { path: ['by'], metric: 'revenueRetentionSeries' },
    )
  })

  it('refuses a month text that is not YYYY-MM with INVALID_DATE at [index, "month"]', () => {
    expectMetricError(
      () =>
        revenueRetentionSeries([
          { accountId: 'a', month: '2026-01', amount: 1 },
          { accountId: 'a', month: 'March', amount: 1 },
        ]),
      'INVALID_DATE',
      { path: [1, 'month'], metric: 'revenueRetentionSeries' },
    )
  })

  it('refuses an invalid Date month with INVALID_DATE at [index, "month"]', () => {
    expectMetricError(
      () => revenueRetentionSeries([{ accountId: 'a', month: new Date('soon'), amount: 1 }]),
      'INVALID_DATE',
      { path: [0, 'month'], metric: 'revenueRetentionSeries' },
    )
  })

  it('reads the same Date instant on several rows as the same month', () => {
    const january = new Date('2026-01-15T12:00:00Z')
    const february = new Date('2026-02-15T12:00:00Z')
    const rows = revenueRetentionSeries([
      { accountId: 'a', month: january, amount: 100 },
      { accountId: 'b', month: new Date(january.getTime()), amount: 100 },
      { accountId: 'a', month: february, amount: 150 },
      { accountId: 'b', month: new Date(february.getTime()), amount: 50 },
    ])
    // Start 200; a expands +50, b contracts −50. NRR = (200 + 50 − 50) / 200 = 1;
    // GRR = (200 − 50) / 200 = 0.75.
    expect(rows.map((r) => r.period?.label)).toEqual(['2026-02'])
    expect(rows[0]?.result.netRevenueRetention).toBe(1)
    expect(rows[0]?.result.grossRevenueRetention).toBe(0.75)
  })

  it('groups by numeric keys and reads −0 as the key 0', () => {
    const rows = revenueRetentionSeries(
      [
        { accountId: 'a', month: '2026-01', amount: 100 },
        { accountId: 'b', month: '2026-01', amount: 200 },
        { accountId: 'a', month: '2026-02', amount: 150 },
        { accountId: 'b', month: '2026-02', amount: 100 },
      ],
      { by: (r) => (r.accountId === 'a' ? -0 : 7) },
    )
    // a: 150 / 100 = 1.5 in group 0; b: 100 / 200 = 0.5 in group 7.
    expect(rows.map((r) => [r.group, r.result.netRevenueRetention])).toEqual([
      [0, 1.5],
      [7, 0.5],
    ])
    expect(Object.is(rows[0]?.group, 0)).toBe(true)
  })
  it('refuses a Date month before the year 1000 with INVALID_DATE at [index, "month"]', () => {
    expectMetricError(
      () =>
        revenueRetentionSeries([
          { accountId: 'a', month: new Date('0999-06-15T00:00:00Z'), amount: 1 },
        ]),
      'INVALID_DATE',
      { path: [0, 'month'], metric: 'revenueRetentionSeries' },
    )
  })
})
