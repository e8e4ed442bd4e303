import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { winRate } from '../../src/pipeline/winRate.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { winRateSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { type Engine, openEngines } from './engines.js'
import { checkGeneratedTables, instants, segments } from './harness.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

type Deal = Opportunity & { readonly at: Date }

interface Row {
  readonly status: string | null
  readonly amount: string | null
  readonly currency: string | null
  readonly closedAt: Date | null
  readonly segment: string | null
  readonly at: Date
}

const CREATED = new Date('2025-01-01T00:00:00Z')

function dealOf(row: Row, index: number): Deal {
  return {
    id: `d${index}`,
    createdAt: CREATED,
    status: row.status as Opportunity['status'],
    stageHistory: [],
    ...(row.amount === null ? {} : { amount: row.amount }),
    ...(row.currency === null ? {} : { currency: row.currency }),
    ...(row.closedAt === null ? {} : { closedAt: row.closedAt }),
    at: row.at,
  }
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'status', type: 'text' as const, values: rows.map((row) => row.status) },
  { name: 'amount', type: 'decimal' as const, values: rows.map((row) => row.amount) },
  { name: 'currency', type: 'text' as const, values: rows.map((row) => row.currency) },
  { name: 'closed_at', type: 'timestamptz' as const, values: rows.map((row) => row.closedAt) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

const COLUMNS = { status: 'status', amount: 'amount', currency: 'currency', closedAt: 'closed_at' }

/** An amount with 0–6 decimals, as exact text. */
const amountText = fc
  .tuple(
    fc.integer({ min: 0, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`,
  )

const rowArbitrary: fc.Arbitrary<Row> = fc.record({
  status: fc.oneof(
    { weight: 300, arbitrary: fc.constantFrom('open', 'won', 'lost') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'pending') },
  ),
  amount: fc.oneof(
    { weight: 300, arbitrary: amountText },
    { weight: 1, arbitrary: fc.constantFrom(null, '-5') },
  ),
  currency: fc.oneof(
    { weight: 300, arbitrary: fc.constantFrom('USD', null) },
    { weight: 1, arbitrary: fc.constant('EUR') },
  ),
  closedAt: fc.oneof(
    { weight: 300, arbitrary: fc.constant(new Date('2026-02-01T00:00:00Z')) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  segment: segments,
  at: instants,
})

describe('winRateSql', () => {
  it('matches the documented example', () => {
    // Won 1500.50, lost 500.50 → state as the aggregator writes decimals: '1500.5', '500.5'.
    const query = winRateSql({
      dialect: 'snowflake',
      from: 'crm.deals',
      columns: { status: 'STATUS', amount: 'AMOUNT' },
      basis: 'amount',
    })
    const [row] = query.finish([
      {
        cx_n: 3,
        cx_won: '1500.500000',
        cx_lost: '500.500000',
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_badStatus: 0,
        cx_missingAmount: 0,
        cx_negativeAmount: 0,
        cx_tooPrecise: 0,
      },
    ])
    expect(row?.state).toEqual({ won: '1500.5', lost: '500.5', currency: null })
  })

  it('counts and sums exactly on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: won 0.1 + 0.2 = 0.3 and 1000000.000001; lost 2.5; one open deal of 99 skipped.
    // Count: 2 won, 1 lost → 2/3. Amount: won 1000000.300001, lost 2.5; rate = 1000000.300001 / 1000002.800001.
    const rows: Row[] = [
      ['won', '0.1'],
      ['won', '0.2'],
      ['won', '1000000.000001'],
      ['lost', '2.5'],
      ['open', '99'],
    ].map(([status, amount]) => ({
      status: status as string,
      amount: amount as string,
      currency: 'USD',
      closedAt: status === 'open' ? null : new Date('2026-02-01T00:00:00Z'),
      segment: 'a',
      at: new Date('2026-02-01T00:00:00Z'),
    }))
    for (const engine of engines) {
      await engine.load('hand_win', columnsOf(rows))
      const counts = winRateSql({ dialect: engine.name, from: 'hand_win', columns: COLUMNS })
      const [byCount] = counts.finish(await engine.query(counts.sql))
      expect(byCount?.state).toEqual({ won: 3, lost: 1, currency: null })
      expect(byCount?.result.rate).toBe(0.75)
      const amounts = winRateSql({
        dialect: engine.name,
        from: 'hand_win',
        columns: COLUMNS,
        basis: 'amount',
      })
      const [byAmount] = amounts.finish(await engine.query(amounts.sql))
      expect(byAmount?.state).toEqual({ won: '1000000.300001', lost: '2.5', currency: 'USD' })
      expect(byAmount?.result).toEqual(winRate(rows.map(dealOf), { basis: 'amount' }))
    }
  })

  it('refuses amounts past 6 decimals, mixed currencies and unknown statuses', async () => {
    for (const engine of engines) {
      await engine.query('DROP TABLE IF EXISTS precise_win')
      await engine.query(
        `CREATE TABLE precise_win (status ${engine.name === 'duckdb' ? 'VARCHAR' : 'TEXT'}, amount NUMERIC(20, 8))`,
      )
      await engine.query("INSERT INTO precise_win VALUES ('won', 1.00000001)")
      const precise = winRateSql({
        dialect: engine.name,
        from: 'precise_win',
        columns: { status: 'status', amount: 'amount' },
        basis: 'amount',
      })
      const preciseRows = await engine.query(precise.sql)
      expectMetricError(() => precise.finish(preciseRows), 'VALUE_OUT_OF_RANGE', {
        path: [0, 'cx_tooPrecise'],
        metric: 'winRateSql',
      })

      const mixed: Row[] = ['USD', 'EUR'].map((currency) => ({
        status: 'won',
        amount: '1',
        currency,
        closedAt: new Date('2026-01-01T00:00:00Z'),
        segment: null,
        at: new Date('2026-01-01T00:00:00Z'),
      }))
      await engine.load('mixed_win', columnsOf(mixed))
      const query = winRateSql({
        dialect: engine.name,
        from: 'mixed_win',
        columns: COLUMNS,
        basis: 'amount',
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'CURRENCY_MISMATCH', {
        path: [0, 'cx_currencyHigh'],
        metric: 'winRateSql',
      })
    }
  })

  it('refuses currency conversion options and an amount basis without an amount column', () => {
    expectMetricError(
      () =>
        winRateSql({
          dialect: 'duckdb',
          from: 't',
          columns: { status: 's' },
          rates: { EUR: '1.1' },
        } as never),
      'INVALID_OPTION',
      { path: ['rates'], metric: 'winRateSql' },
    )
    expectMetricError(
      () => winRateSql({ dialect: 'duckdb', from: 't', columns: { status: 's' }, basis: 'amount' }),
      'INVALID_OPTION',
      { path: ['columns', 'amount'], metric: 'winRateSql' },
    )
  })

  for (const basis of ['count', 'amount'] as const) {
    it(`equals groupMetric with winRateAggregator({ basis: '${basis}' }) on generated tables`, async () => {
      await checkGeneratedTables({
        engines,
        prefix: `gen_win_${basis}`,
        record: rowArbitrary,
        columnsOf: (rows) => columnsOf(rows),
        query: (dialect, table, grouped, period) =>
          winRateSql({
            dialect,
            from: table,
            columns: COLUMNS,
            basis,
            ...(grouped ? { groupBy: ['segment'] } : {}),
            ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
          }),
        aggregator: () => winRateAggregator({ basis }),
        value: (row) => dealOf(row, 0),
      })
    }, 240_000)
  }
})
