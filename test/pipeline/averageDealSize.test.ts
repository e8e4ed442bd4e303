import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MoneyInput } from '../../src/core/MoneyInput.js'
import { averageDealSize, orderStatisticRank } from '../../src/pipeline/averageDealSize.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const won = (
  amount: MoneyInput,
  extra: Partial<Opportunity> = {},
  closed = '2026-01-20T12:00:00Z',
): Opportunity => ({
  id: `won-${String(amount)}`,
  createdAt: new Date('2026-01-02T00:00:00Z'),
  closedAt: new Date(closed),
  amount,
  status: 'won',
  stageHistory: [],
  ...extra,
})
const other = (status: 'open' | 'lost', amount: number): Opportunity => ({
  id: `${status}-${amount}`,
  createdAt: new Date('2026-01-02T00:00:00Z'),
  ...(status === 'lost' ? { closedAt: new Date('2026-01-10T00:00:00Z') } : {}),
  amount,
  status,
  stageHistory: [],
})

/** The ten won amounts of test/reference/deal_size.py (WON). */
const WON = [1200, 4500, 800, 15000, 3000, 2200, 950, 6100, 2700, 1800]

describe('averageDealSize', () => {
  it('matches the documented example', () => {
    const deal = (amount: number, owner: string) => ({
      id: owner + amount,
      createdAt: new Date('2026-01-02'),
      closedAt: new Date('2026-01-20'),
      amount,
      status: 'won' as const,
      stageHistory: [],
      ownerId: owner,
    })
    const deals = [deal(1000, 'ana'), deal(3000, 'ana'), deal(2000, 'ben')]
    expect(averageDealSize(deals).mean?.toString()).toBe('2000')
    expect(
      averageDealSize(deals, { by: (d) => d.ownerId ?? null }).map((row) => [
        row.group,
        row.result.mean?.toNumber(),
      ]),
    ).toEqual([
      ['ana', 2000],
      ['ben', 2000],
    ])
  })

  it('averages won deals only, exactly (0.1 + 0.2 is 0.3)', () => {
    // Won 0.1 and 0.2: total 0.3, mean 0.15; the open and lost deals are left out.
    const result = averageDealSize([won(0.1), other('open', 999), won(0.2), other('lost', 5)])
    expect(result.count).toBe(2)
    expect(result.total.toString()).toBe('0.3')
    expect(result.mean?.toString()).toBe('0.15')
    expect(result.median?.toString()).toBe('0.15')
  })

  it('matches scipy for the t interval on the mean of ten deals', () => {
    // scipy.stats.t.interval in test/reference/deal_size.py (WON): mean 3825, s 4262.3187.
    const result = averageDealSize(WON.map((amount) => won(amount)))
    expect(result.mean?.toNumber()).toBe(3825)
    expect(result.median?.toNumber()).toBe(2450)
    expect(result.standardDeviation).toBeCloseTo(4262.318748182861, 9)
    expect(result.lower).toBeCloseTo(775.9208480391521, 8)
    expect(result.upper).toBeCloseTo(6874.079151960848, 8)
    expect(result.method).toBe('mean-t')
    const ninety = averageDealSize(
      WON.map((amount) => won(amount)),
      { confidence: 0.9 },
    )
    expect(ninety.lower).toBeCloseTo(1354.2139210884102, 8)
    expect(ninety.upper).toBeCloseTo(6295.786078911589, 8)
  })

  it('gives the median-order interval [x(2), x(9)] for ten deals (Conover §3.2)', () => {
    // Bin(10, ½): P(B ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(B ≤ 2) = 56/1024, so r = 2:
    // sorted 800, 950, …, 6100, 15000 → [950, 6100] (coverage 1 − 22/1024 = 97.9 %).
    const result = averageDealSize(
      WON.map((amount) => won(amount)),
      { method: 'median-order' },
    )
    expect(result.method).toBe('median-order')
    expect([result.lower, result.upper]).toEqual([950, 6100])
    expect(result.median?.toNumber()).toBe(2450)
  })

  it("finds the order-statistic rank of Conover's table and scipy's binomial", () => {
    // test/reference/deal_size.py (RANKS): n = 5 has none at 95 % (2⁻⁵ = 0.03125 > 0.025).
    const cases: [number, number, number][] = [
      [5, 0.025, 0],
      [6, 0.025, 1],
      [10, 0.025, 2],
      [20, 0.025, 6],
      [20, 0.05, 6],
      [100, 0.025, 40],
      [1000, 0.005, 459],
      [100000, 0.025, 49690],
    ]
    for (const [n, tail, rank] of cases) expect(orderStatisticRank(n, tail)).toBe(rank)
    // Five deals at 95 %: no interval.
    const five = averageDealSize(
      [1, 2, 3, 4, 5].map((amount) => won(amount)),
      {
        method: 'median-order',
      },
    )
    expect([five.lower, five.upper]).toEqual([null, null])
  })

  it('is empty but defined without won deals, and has no interval below two deals', () => {
    const none = averageDealSize([other('open', 5)])
    expect(none).toMatchObject({ count: 0, mean: null, median: null, lower: null, upper: null })
    expect(none.total.toString()).toBe('0')
    const one = averageDealSize([won(700)])
    expect(one.mean?.toNumber()).toBe(700)
    expect([one.standardDeviation, one.lower, one.upper]).toEqual([null, null, null])
  })

  it('gives per-period rows with the change against the previous period of the same group', () => {
    const deals = [
      won(1000, { ownerId: 'ana' }, '2026-01-05T12:00:00Z'),
      won(3000, { ownerId: 'ana' }, '2026-01-25T12:00:00Z'),
      won(2000, { ownerId: 'ben' }, '2026-01-15T12:00:00Z'),
      won(3000, { ownerId: 'ana' }, '2026-02-10T12:00:00Z'),
      won(1000, { ownerId: 'ana' }, '2026-04-10T12:00:00Z'),
    ]
    const rows = averageDealSize(deals, {
      by: (deal) => deal.ownerId ?? null,
      period: { unit: 'month' },
    })
    // ana: Jan mean 2000, Feb 3000 (+50 %), Apr 1000 (March had none: no change); ben: Jan.
    expect(
      rows.map((row) => [
        row.group,
        row.period?.label,
        row.result.mean?.toNumber(),
        row.result.previousMean?.toNumber() ?? null,
        row.result.change,
        row.n,
      ]),
    ).toEqual([
      ['ana', '2026-01', 2000, null, null, 2],
      ['ana', '2026-02', 3000, 2000, 0.5, 1],
      ['ana', '2026-04', 1000, null, null, 1],
      ['ben', '2026-01', 2000, null, null, 1],
    ])
    const filled = averageDealSize(deals, { period: { unit: 'month', fill: true } })
    // All owners: Jan (1000 + 3000 + 2000)/3 = 2000, Feb 3000, Mar none, Apr 1000.
    expect(
      filled.map((row) => [row.period?.label, row.result.mean?.toNumber() ?? null, row.n]),
    ).toEqual([
      ['2026-01', 2000, 3],
      ['2026-02', 3000, 1],
      ['2026-03', null, 0],
      ['2026-04', 1000, 1],
    ])
  })

  it('places a deal in the period of its close date in the time zone', () => {
    // 1 Feb 03:00 UTC is 31 Jan 22:00 in New York.
    const rows = averageDealSize([won(10, {}, '2026-02-01T03:00:00Z')], {
      period: { unit: 'month', timeZone: 'America/New_York' },
    })
    expect(rows.map((row) => row.period?.label)).toEqual(['2026-01'])
    expect(rows[0]?.group).toBeNull()
  })

  it('converts currencies with rates and refuses a mix without them', () => {
    const result = averageDealSize([won(100, { currency: 'EUR' }), won(100, { currency: 'USD' })], {
      rates: { EUR: '1.5' },
      baseCurrency: 'USD',
    })
    // (150 + 100) / 2 = 125 USD.
    expect(result.mean?.toString()).toBe('125')
    expect(result.currency).toBe('USD')
    expectMetricError(
      () => averageDealSize([won(1, { currency: 'EUR' }), won(1, { currency: 'USD' })]),
      'CURRENCY_MISMATCH',
      { path: [1, 'currency'], metric: 'averageDealSize' },
    )
  })

  it('reads money as exact decimals from strings and Decimals', () => {
    const result = averageDealSize([won('1000.10'), won(new Decimal('2000.20'))])
    expect(result.mean?.toString()).toBe('1500.15')
  })

  it('refuses what it cannot value, with the path of the deal', () => {
    const metric = 'averageDealSize'
    const missing = { ...won(1) } as { amount?: unknown }
    delete missing.amount
    expectMetricError(() => averageDealSize([won(1), missing as Opportunity]), 'MISSING_VALUE', {
      path: [1, 'amount'],
      metric,
    })
    const noClose = { ...won(1) } as { closedAt?: Date }
    delete noClose.closedAt
    expectMetricError(() => averageDealSize([noClose as Opportunity]), 'MISSING_VALUE', {
      path: [0, 'closedAt'],
      metric,
    })
    expectMetricError(() => averageDealSize([won(-5)]), 'NEGATIVE_VALUE', {
      path: [0, 'amount'],
      metric,
    })
    expectMetricError(
      () => averageDealSize([won(1)], { method: 'mode' as never }),
      'INVALID_OPTION',
      {
        path: ['method'],
        metric,
      },
    )
    expectMetricError(() => averageDealSize([won(1)], { confidence: 0 }), 'INVALID_OPTION', {
      path: ['confidence'],
      metric,
    })
    expectMetricError(
      () => averageDealSize([won(1)], { by: 'ownerId' as never }),
      'INVALID_OPTION',
      {
        path: ['by'],
        metric,
      },
    )
    expectMetricError(
      () => averageDealSize([won(1)], { period: { unit: 'day' as never } }),
      'INVALID_OPTION',
      { path: ['period', 'unit'], metric },
    )
    expectMetricError(
      () => averageDealSize([other('open', 1), won(1)], { by: () => ({}) as never }),
      'INVALID_RECORD',
      { path: [1, 'by'], metric },
    )
    expectMetricError(
      () =>
        averageDealSize([won(1)], {
          by: () => {
            throw new Error('boom')
          },
        }),
      'INVALID_RECORD',
      { path: [0, 'by'], metric },
    )
    expectMetricError(() => averageDealSize({} as never), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric,
    })
  })

  it('does not mutate its input', () => {
    const deals = WON.map((amount) => won(amount))
    const copy = structuredClone(deals)
    averageDealSize(deals, { period: { unit: 'quarter' }, method: 'median-order' })
    expect(deals).toEqual(copy)
  })

  it('keeps the mean inside the interval and between the smallest and largest deal (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 2, maxLength: 60 }),
        fc.constantFrom(...(['mean-t', 'median-order'] as const)),
        (amounts, method) => {
          const result = averageDealSize(
            amounts.map((amount) => won(amount)),
            { method },
          )
          const mean = result.mean?.toNumber() as number
          expect(mean).toBeGreaterThanOrEqual(Math.min(...amounts))
          expect(mean).toBeLessThanOrEqual(Math.max(...amounts))
          if (method === 'mean-t') {
            expect(result.lower as number).toBeLessThanOrEqual(mean + 1e-9 * mean)
            expect(result.upper as number).toBeGreaterThanOrEqual(mean - 1e-9 * mean)
          } else if (result.lower !== null) {
            const median = result.median?.toNumber() as number
            expect(result.lower).toBeLessThanOrEqual(median)
            expect(result.upper as number).toBeGreaterThanOrEqual(median)
          }
        },
      ),
    )
  })

  it('does not depend on the order of the deals (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 })
          .chain((amounts) =>
            fc.tuple(
              fc.constant(amounts),
              fc.shuffledSubarray(amounts, { minLength: amounts.length }),
            ),
          ),
        ([amounts, shuffled]) => {
          const a = averageDealSize(
            amounts.map((amount) => won(amount)),
            { method: 'median-order' },
          )
          const b = averageDealSize(
            shuffled.map((amount) => won(amount)),
            { method: 'median-order' },
          )
          expect(b.mean?.toString()).toBe(a.mean?.toString())
          expect(b.median?.toString()).toBe(a.median?.toString())
          expect([b.lower, b.upper]).toEqual([a.lower, a.upper])
        },
      ),
    )
  })
})
