import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AccountRevenueSnapshot } from '../../src/retention/RevenueRetention.js'
import { revenueMovements } from '../../src/retention/revenueMovements.js'
import { revenueRetentionOverWindow } from '../../src/retention/revenueRetentionOverWindow.js'
import { revenueRetentionSeries } from '../../src/retention/revenueRetentionSeries.js'
import { expectMetricError } from '../helpers.js'

const row = (
  accountId: string,
  month: string,
  amount: number | string,
  extra: Partial<AccountRevenueSnapshot> & { segment?: string } = {},
) => ({ accountId, month, amount, ...extra })

describe('revenueRetentionSeries', () => {
  it('reproduces the published GRR worked example (theprimecalculator.com: 200,000 start, 8,000 churn, 4,000 contraction → 94 %)', () => {
    // Accounts summing to the example: A 100,000 + B 50,000 + C 42,000 + D 8,000 = 200,000.
    // February: B contracts by 4,000, D churns (8,000), E is new (10,000, not retention).
    const rows = revenueRetentionSeries([
      row('A', '2026-01', 100_000),
      row('B', '2026-01', 50_000),
      row('C', '2026-01', 42_000),
      row('D', '2026-01', 8_000),
      row('A', '2026-02', 100_000),
      row('B', '2026-02', 46_000),
      row('C', '2026-02', 42_000),
      row('E', '2026-02', 10_000),
    ])
    expect(rows).toHaveLength(1)
    const result = rows[0]!.result
    expect(rows[0]!.period?.label).toBe('2026-02')
    expect(result.startingRevenue.toString()).toBe('200000')
    expect(result.churn.toString()).toBe('8000')
    expect(result.contraction.toString()).toBe('4000')
    expect(result.newRevenue.toString()).toBe('10000')
    expect(result.endingRevenue.toString()).toBe('198000')
    expect(result.grossRevenueRetention).toBe(0.94)
    expect(result.netRevenueRetention).toBe(0.94)
    // (8,000 + 4,000) / 200,000 = 0.06; logo retention: 3 of 4 starting accounts still pay.
    expect(result.grossMrrChurnRate).toBe(0.06)
    expect(result.customerRetentionRate).toBe(0.75)
    expect(result.customerChurnRate).toBe(0.25)
    expect(rows[0]!.n).toBe(5)
  })

  it('reproduces the published GRR/NRR example (revenuecalculators.com: 50,000 start, 2,000 contraction, 3,000 churn, 6,000 expansion)', () => {
    // By hand: GRR = (50,000 − 2,000 − 3,000) / 50,000 = 0.9; NRR = (50,000 + 6,000 − 5,000) / 50,000 = 1.02.
    const rows = revenueRetentionSeries([
      row('A', '2026-05', 20_000),
      row('B', '2026-05', 15_000),
      row('C', '2026-05', 10_000),
      row('D', '2026-05', 3_000),
      row('E', '2026-05', 2_000),
      row('A', '2026-06', 26_000),
      row('B', '2026-06', 13_000),
      row('C', '2026-06', 10_000),
      row('E', '2026-06', 2_000),
    ])
    expect(rows[0]!.result.grossRevenueRetention).toBe(0.9)
    expect(rows[0]!.result.netRevenueRetention).toBe(1.02)
    expect(rows[0]!.result.expansion.toString()).toBe('6000')
  })

  it('matches the documented example', () => {
    const rows = revenueRetentionSeries([
      { accountId: 'a', month: '2026-01', amount: 100 },
      { accountId: 'b', month: '2026-01', amount: 50 },
      { accountId: 'a', month: '2026-02', amount: 120 },
      { accountId: 'c', month: '2026-02', amount: 30 },
      { accountId: 'a', month: '2026-03', amount: 90 },
      { accountId: 'c', month: '2026-03', amount: 30 },
    ])
    expect(
      rows.map((r) => [
        r.period?.label,
        r.result.grossRevenueRetention,
        r.result.netRevenueRetention,
      ]),
    ).toEqual([
      ['2026-02', 0.6666666666666666, 0.8],
      ['2026-03', 0.8, 0.8],
    ])
  })

  it('tells reactivation from new over the whole history, and churn when an account has no row', () => {
    // x pays in Jan, stops in Feb (no row), returns in Apr: Feb churn 10, Apr reactivation 12.
    // y pays 0 in Jan (a row with amount 0), 5 in Mar: new in Mar (never paid before).
    const rows = revenueRetentionSeries([
      row('x', '2026-01', 10),
      row('y', '2026-01', 0),
      row('z', '2026-01', 100),
      row('z', '2026-02', 100),
      row('z', '2026-03', 100),
      row('y', '2026-03', 5),
      row('z', '2026-04', 100),
      row('y', '2026-04', 5),
      row('x', '2026-04', 12),
    ])
    const byMonth = Object.fromEntries(rows.map((r) => [r.period?.label, r.result]))
    expect(byMonth['2026-02']!.churn.toString()).toBe('10')
    expect(byMonth['2026-02']!.grossRevenueRetention).toBe(100 / 110)
    expect(byMonth['2026-03']!.newRevenue.toString()).toBe('5')
    expect(byMonth['2026-03']!.counts.new).toBe(1)
    expect(byMonth['2026-04']!.reactivation.toString()).toBe('12')
    expect(byMonth['2026-04']!.counts.reactivation).toBe(1)
    expect(byMonth['2026-04']!.newRevenue.toString()).toBe('0')
    // NRR of April: (105 + 12) / 105 — reactivation counts (SPEC's netRevenueRetention).
    expect(byMonth['2026-04']!.netRevenueRetention).toBe(117 / 105)
  })

  it('adds several rows of one account in one month exactly (0.1 + 0.2 = 0.3)', () => {
    const rows = revenueRetentionSeries([
      row('a', '2026-01', '0.1'),
      row('a', '2026-01', 0.2),
      row('a', '2026-02', '0.3'),
    ])
    expect(rows[0]!.result.startingRevenue.toString()).toBe('0.3')
    expect(rows[0]!.result.counts.unchanged).toBe(1)
    expect(rows[0]!.result.grossRevenueRetention).toBe(1)
  })

  it('groups by the segment an account had at the start of the month', () => {
    // a moves from SMB to Mid in Feb: its Feb movement counts in SMB (its start group).
    const rows = revenueRetentionSeries(
      [
        row('a', '2026-01', 100, { segment: 'SMB' }),
        row('b', '2026-01', 200, { segment: 'Mid' }),
        row('a', '2026-02', 150, { segment: 'Mid' }),
        row('b', '2026-02', 100, { segment: 'Mid' }),
        row('c', '2026-02', 40, { segment: 'SMB' }),
      ],
      { by: (r) => r.segment ?? null },
    )
    expect(rows.map((r) => [r.group, r.period?.label, r.result.netRevenueRetention, r.n])).toEqual([
      ['SMB', '2026-02', 1.5, 2],
      ['Mid', '2026-02', 0.5, 1],
    ])
  })

  it('reads Date months in the time zone, and gives the period bounds there', () => {
    // 2026-03-01T02:00Z is still 28 February in New York.
    const rows = revenueRetentionSeries(
      [
        { accountId: 'a', month: new Date('2026-01-15T12:00:00Z'), amount: 10 },
        { accountId: 'a', month: new Date('2026-03-01T02:00:00Z'), amount: 20 },
      ],
      { timeZone: 'America/New_York' },
    )
    expect(rows.map((r) => r.period?.label)).toEqual(['2026-02'])
    expect(rows[0]!.period?.start.toISOString()).toBe('2026-02-01T05:00:00.000Z')
    expect(rows[0]!.period?.end.toISOString()).toBe('2026-03-01T05:00:00.000Z')
  })

  it('is empty without rows or with one month, and null rates on a month that began with nothing', () => {
    expect(revenueRetentionSeries([])).toEqual([])
    expect(revenueRetentionSeries([row('a', '2026-01', 5)])).toEqual([])
    const rows = revenueRetentionSeries([row('a', '2026-01', 0), row('a', '2026-02', 5)])
    expect(rows[0]!.result.grossRevenueRetention).toBeNull()
    expect(rows[0]!.result.customerRetentionRate).toBeNull()
  })

  it('refuses bad rows, gaps and options', () => {
    const metric = 'revenueRetentionSeries'
    expectMetricError(
      () => revenueRetentionSeries([row('a', '2026-01', 1), row('a', '2026-03', 1)]),
      'MISSING_VALUE',
      { path: [], metric },
    )
    expectMetricError(() => revenueRetentionSeries([row('a', '2026-13', 1)]), 'INVALID_DATE', {
      path: [0, 'month'],
      metric,
    })
    expectMetricError(() => revenueRetentionSeries([row('a', '2026-02-30', 1)]), 'INVALID_DATE', {
      path: [0, 'month'],
      metric,
    })
    expectMetricError(() => revenueRetentionSeries([row('a', '2026-01', -1)]), 'NEGATIVE_VALUE', {
      path: [0, 'amount'],
      metric,
    })
    expectMetricError(() => revenueRetentionSeries([row('', '2026-01', 1)]), 'MISSING_VALUE', {
      path: [0, 'accountId'],
      metric,
    })
    expectMetricError(
      () =>
        revenueRetentionSeries([
          row('a', '2026-01', 1, { currency: 'EUR' }),
          row('b', '2026-01', 1, { currency: 'USD' }),
        ]),
      'CURRENCY_MISMATCH',
      { path: [1, 'currency'], metric },
    )
    expectMetricError(
      () => revenueRetentionSeries([row('a', '2026-01', 1)], { timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      { path: ['timeZone'], metric },
    )
    expectMetricError(
      () =>
        revenueRetentionSeries([row('a', '2026-01', 1)], {
          by: () => ({}) as unknown as string,
        }),
      'INVALID_RECORD',
      { path: [0, 'by'], metric },
    )
    expectMetricError(() => revenueRetentionSeries('rows' as unknown as []), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric,
    })
    expectMetricError(
      () => revenueRetentionSeries([row('a', '1000-01', 1), row('a', '9999-01', 1)]),
      'VALUE_OUT_OF_RANGE',
      { metric },
    )
  })

  it('keeps a long, sparse history (sparse slot table; per-account groups on the exact path)', () => {
    // 1,100 accounts pay 10 in January 1700 only; z pays 1 every month for 4,000 months:
    // 1,101 accounts × 4,000 months is past the flat table, and 1,101 groups × 4,000 months
    // past the flat totals. By hand: February 1700 loses 1,100 × 10 = 11,000 of 11,001.
    const rows: { accountId: string; month: string; amount: number }[] = []
    for (let account = 0; account < 1100; account++) {
      rows.push({ accountId: `a${account}`, month: '1700-01', amount: 10 })
    }
    for (let month = 0; month < 4000; month++) {
      const label = `${1700 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
      rows.push({ accountId: 'z', month: label, amount: 1 })
    }
    const series = revenueRetentionSeries(rows)
    expect(series).toHaveLength(3999)
    expect(series[0]!.result.churn.toString()).toBe('11000')
    expect(series[0]!.result.grossRevenueRetention).toBe(1 / 11001)
    expect(series[1]!.result.grossRevenueRetention).toBe(1)
    const perAccount = revenueRetentionSeries(rows, { by: (row) => row.accountId })
    expect(perAccount).toHaveLength(1100 + 3999)
    const first = perAccount.find((row) => row.group === 'a0')!
    expect([
      first.period?.label,
      first.result.churn.toString(),
      first.result.customerChurnRate,
    ]).toEqual(['1700-02', '10', 1])
  }, 60_000)

  it('does not change its input', () => {
    const rows = [row('a', '2026-01', 1), row('a', '2026-02', 2)]
    const copy = structuredClone(rows)
    revenueRetentionSeries(rows)
    expect(rows).toEqual(copy)
  })
})

/** Random snapshots: up to 6 accounts × 5 months, cents amounts, some months missing per account. */
const snapshotsArbitrary = fc
  .array(
    fc.record({
      account: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      month: fc.integer({ min: 0, max: 4 }),
      cents: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
      segment: fc.constantFrom('SMB', 'Mid'),
    }),
    { maxLength: 30 },
  )
  .map((entries) => {
    const rows = entries.map((entry) =>
      row(entry.account, `2026-0${entry.month + 1}`, entry.cents / 100, { segment: entry.segment }),
    )
    // Every month between the first and the last needs a row (a month without rows is refused).
    for (let month = 0; month <= 4; month++) rows.push(row('anchor', `2026-0${month + 1}`, 1))
    return rows
  })

describe('revenueRetentionSeries properties', () => {
  it('each month equals revenueMovements between that snapshot and the one before, with the earlier ones as history', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, (rows) => {
        const series = revenueRetentionSeries(rows)
        expect(series.map((r) => r.period?.label)).toEqual([
          '2026-02',
          '2026-03',
          '2026-04',
          '2026-05',
        ])
        for (const seriesRow of series) {
          const label = seriesRow.period!.label
          const month = Number(label.slice(5)) - 1
          const previous = `2026-0${month}`
          const expected = revenueMovements(
            rows.filter((r) => r.month === previous),
            rows.filter((r) => r.month === label),
            { history: rows.filter((r) => r.month < previous) },
          )
          const { result } = seriesRow
          for (const field of [
            'startingRevenue',
            'endingRevenue',
            'newRevenue',
            'expansion',
            'contraction',
            'churn',
            'reactivation',
          ] as const) {
            expect(result[field].toString()).toBe(expected[field].toString())
          }
          expect(result.counts).toEqual(expected.counts)
          expect(seriesRow.n).toBe(expected.accounts.length)
        }
      }),
    )
  })

  it('a one-month window equals that month’s row, with and without groups', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, fc.boolean(), (rows, grouped) => {
        const options = grouped ? { by: (r: (typeof rows)[number]) => r.segment ?? null } : {}
        const series = revenueRetentionSeries(rows, options)
        for (const month of ['2026-02', '2026-03', '2026-04', '2026-05']) {
          const window = revenueRetentionOverWindow(rows, { ...options, from: month, to: month })
          const expected = series.filter((r) => r.period?.label === month)
          // Groups come in order of first appearance, which may differ between the two calls.
          const byGroup = (a: { group: unknown }, b: { group: unknown }) =>
            String(a.group).localeCompare(String(b.group))
          expect([...window].sort(byGroup)).toEqual([...expected].sort(byGroup))
        }
      }),
    )
  })

  it('gives the same rows from decimal strings (exact Decimal path) as from numbers (scaled-integer path)', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, fc.boolean(), (rows, grouped) => {
        const options = grouped ? { by: (r: (typeof rows)[number]) => r.segment ?? null } : {}
        const strings = rows.map((r) => ({ ...r, amount: String(r.amount) }))
        expect(revenueRetentionSeries(strings, options)).toEqual(
          revenueRetentionSeries(rows, options),
        )
        expect(revenueRetentionOverWindow(strings, options)).toEqual(
          revenueRetentionOverWindow(rows, options),
        )
      }),
    )
  })

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(snapshotsArbitrary, (rows) => {
        const forward = revenueRetentionSeries(rows)
        const backward = revenueRetentionSeries([...rows].reverse())
        expect(backward).toEqual(forward)
      }),
    )
  })
})
