import { describe, expect, it } from 'vitest'
import { revenueRetentionOverWindow } from '../../src/retention/revenueRetentionOverWindow.js'
import { revenueRetentionSeries } from '../../src/retention/revenueRetentionSeries.js'
import { expectMetricError } from '../helpers.js'

const row = (accountId: string, month: string, amount: number, segment = 'SMB') => ({
  accountId,
  month,
  amount,
  segment,
})

// A quarter (Jan–Mar 2026) measured against the December snapshot, by hand:
//   a: Dec 100 → Jan 120 → Feb 120 → Mar 90      contraction 10 over the quarter
//   b: Dec 50  → (none) Jan → Feb 50 → Mar 50    left and came back: unchanged over the quarter
//   c: Dec 40  → Jan 40 → Feb 0 → (none) Mar     churn 40
//   d: new in Feb 30 → Mar 30                    new revenue, not retention
//   e: new in Jan 10, gone in Mar                nothing at either end: not in the window
// S = 190; GRR = (190 − 10 − 40) / 190 = 140 / 190; NRR the same (no expansion).
// Logo retention: a, b retained of a, b, c → 2/3.
const quarter = [
  row('a', '2025-12', 100),
  row('b', '2025-12', 50),
  row('c', '2025-12', 40),
  row('a', '2026-01', 120),
  row('c', '2026-01', 40),
  row('e', '2026-01', 10),
  row('a', '2026-02', 120),
  row('b', '2026-02', 50),
  row('c', '2026-02', 0),
  row('d', '2026-02', 30),
  row('e', '2026-02', 10),
  row('a', '2026-03', 90),
  row('b', '2026-03', 50),
  row('d', '2026-03', 30),
]

describe('revenueRetentionOverWindow', () => {
  it('measures a quarter between its two snapshots, not by chaining months (hand-worked)', () => {
    const rows = revenueRetentionOverWindow(quarter, { from: '2026-01', to: '2026-03' })
    expect(rows).toHaveLength(1)
    const { result, period, group, n } = rows[0]!
    expect(group).toBeNull()
    expect(period?.label).toBe('2026-01/2026-03')
    expect(period?.start.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(period?.end.toISOString()).toBe('2026-04-01T00:00:00.000Z')
    expect(result.startingRevenue.toString()).toBe('190')
    expect(result.contraction.toString()).toBe('10')
    expect(result.churn.toString()).toBe('40')
    expect(result.newRevenue.toString()).toBe('30')
    expect(result.grossRevenueRetention).toBe(140 / 190)
    expect(result.netRevenueRetention).toBe(140 / 190)
    expect(result.customerRetentionRate).toBe(2 / 3)
    expect(n).toBe(4)
    // Chaining the monthly GRRs gives another number: January alone loses b (50 of 190).
    const monthly = revenueRetentionSeries(quarter).map((r) => r.result.grossRevenueRetention!)
    const chained = monthly.reduce((product, rate) => product * rate, 1)
    expect(chained).not.toBeCloseTo(140 / 190, 3)
  })

  it('defaults to the whole span after the first snapshot and groups by the start segment', () => {
    const rows = revenueRetentionOverWindow(
      [...quarter, row('f', '2025-12', 60, 'Mid'), row('f', '2026-03', 66, 'Mid')],
      { by: (r) => r.segment },
    )
    expect(rows.map((r) => [r.group, r.period?.label, r.result.netRevenueRetention])).toEqual([
      ['SMB', '2026-01/2026-03', 140 / 190],
      ['Mid', '2026-01/2026-03', 1.1],
    ])
  })

  it('matches the documented example', () => {
    const rows = revenueRetentionOverWindow(
      [
        { accountId: 'a', month: '2025-12', amount: 100 },
        { accountId: 'b', month: '2025-12', amount: 50 },
        { accountId: 'a', month: '2026-01', amount: 120 },
        { accountId: 'a', month: '2026-02', amount: 120 },
        { accountId: 'a', month: '2026-03', amount: 90 },
        { accountId: 'b', month: '2026-03', amount: 50 },
      ],
      { from: '2026-01', to: '2026-03' },
    )
    expect(rows.map((r) => [r.period?.label, r.result.grossRevenueRetention])).toEqual([
      ['2026-01/2026-03', 0.9333333333333333],
    ])
  })

  it('is empty without rows and refuses windows without their snapshots', () => {
    const metric = 'revenueRetentionOverWindow'
    expect(revenueRetentionOverWindow([])).toEqual([])
    expect(revenueRetentionOverWindow([row('a', '2026-01', 1)])).toEqual([])
    expectMetricError(
      () => revenueRetentionOverWindow(quarter, { from: '2025-12' }),
      'INVALID_OPTION',
      { path: ['from'], metric },
    )
    expectMetricError(
      () => revenueRetentionOverWindow(quarter, { from: '2026-02', to: '2026-01' }),
      'INVALID_OPTION',
      { path: ['to'], metric },
    )
    expectMetricError(
      () => revenueRetentionOverWindow(quarter, { to: '2026-04' }),
      'INVALID_OPTION',
      { path: ['to'], metric },
    )
    expectMetricError(
      () => revenueRetentionOverWindow(quarter, { from: '2026-1' }),
      'INVALID_OPTION',
      { path: ['from'], metric },
    )
    expectMetricError(
      () => revenueRetentionOverWindow(quarter, 5 as unknown as undefined),
      'INVALID_OPTION',
      { path: [], metric },
    )
  })
})
