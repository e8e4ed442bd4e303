import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AverageDealSizeResult } from '../../src/pipeline/averageDealSize.js'
import {
  type AverageDealSizeAggregatorState,
  averageDealSizeAggregator,
} from '../../src/pipeline/averageDealSizeAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { averageDealSizeSql } from '../../src/sql/index.js'
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

interface Row {
  readonly status: string | null
  readonly amount: string | null
  readonly currency: string | null
  readonly segment: string | null
  readonly at: Date
}

function dealOf(row: Row, index: number): Opportunity {
  return {
    id: `d${index}`,
    createdAt: row.at,
    closedAt: row.at,
    status: row.status as Opportunity['status'],
    stageHistory: [],
    ...(row.amount === null ? {} : { amount: row.amount }),
    ...(row.currency === null ? {} : { currency: row.currency }),
  }
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'status', type: 'text' as const, values: rows.map((row) => row.status) },
  { name: 'amount', type: 'decimal' as const, values: rows.map((row) => row.amount) },
  { name: 'currency', type: 'text' as const, values: rows.map((row) => row.currency) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { status: 'status', amount: 'amount', currency: 'currency', closedAt: 'at' }

const EPSILON = 2 ** -52

/**
 * Both sides compute M₂ = Σ(x − mean)² in floats from amounts rounded to floats: the JS
 * aggregator in two passes, the engine with its one-pass VAR_POP. Each is within
 * n·ε·scale·(√M₂ + n·ε·scale) of the exact value, scale = |mean| + √M₂ ≥ max |x| (standard
 * rounding-error bounds of the summed squared deviations, Chan, Golub & LeVeque 1983); the
 * tolerance is 8 times that, plus 1e-12 relative.
 */
function squaresTolerance(state: AverageDealSizeAggregatorState): number {
  const m2 = state.squaredDeviations
  const n = state.count
  const mean = n === 0 ? 0 : Math.abs(Number(state.total) / n)
  const scale = mean + Math.sqrt(m2)
  return 1e-12 * Math.max(1, m2) + 8 * n * EPSILON * scale * (Math.sqrt(m2) + n * EPSILON * scale)
}

function expectStateClose(
  sql: AverageDealSizeAggregatorState,
  js: AverageDealSizeAggregatorState,
): void {
  expect({ ...sql, squaredDeviations: 0 }).toEqual({ ...js, squaredDeviations: 0 })
  const gap = Math.abs(sql.squaredDeviations - js.squaredDeviations)
  expect(
    gap <= squaresTolerance(js),
    `M2 ${sql.squaredDeviations} vs ${js.squaredDeviations}`,
  ).toBe(true)
}

/** Exact fields equal; the spread within the tolerance of M₂ carried through √ and the t half-width. */
function expectResultClose(sql: AverageDealSizeResult, js: AverageDealSizeResult): void {
  expect(sql.count).toBe(js.count)
  expect(sql.total.toString()).toBe(js.total.toString())
  expect(sql.mean?.toString()).toBe(js.mean?.toString())
  expect([sql.median, sql.currency, sql.method, sql.confidence]).toEqual([
    js.median,
    js.currency,
    js.method,
    js.confidence,
  ])
  if (js.standardDeviation === null || sql.standardDeviation === null) {
    expect(sql.standardDeviation).toBe(js.standardDeviation)
    expect([sql.lower, sql.upper]).toEqual([js.lower, js.upper])
    return
  }
  const m2 = js.standardDeviation ** 2 * (js.count - 1)
  const tolerance = squaresTolerance({
    count: js.count,
    total: js.total.toString(),
    squaredDeviations: m2,
    currency: null,
  })
  // |Δs| ≤ ΔM₂ / (2·s·(n − 1)) (+ the rounding of √); bounds move by |Δs|·t/√n = |Δs|·half/s.
  const sdGap =
    js.standardDeviation === 0
      ? Math.sqrt(tolerance / (js.count - 1))
      : tolerance / (2 * js.standardDeviation * (js.count - 1))
  const sdTolerance = sdGap + 1e-12 * Math.max(1, js.standardDeviation)
  expect(Math.abs(sql.standardDeviation - js.standardDeviation)).toBeLessThanOrEqual(sdTolerance)
  const half = ((js.upper as number) - (js.lower as number)) / 2
  const ratio = js.standardDeviation === 0 ? 1 : half / js.standardDeviation
  for (const key of ['lower', 'upper'] as const) {
    const gap = Math.abs((sql[key] as number) - (js[key] as number))
    expect(gap).toBeLessThanOrEqual(
      sdTolerance * Math.max(ratio, 1) * 2 + 1e-12 * Math.max(1, Math.abs(js[key] as number)),
    )
  }
}

const amountText = fc
  .tuple(
    fc.integer({ min: 0, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`,
  )

describe('averageDealSizeSql', () => {
  it('matches the documented example', () => {
    // Hand: won 1000, 2000, 3000 → total 6000, mean 2000; M₂ = 1000² + 0 + 1000² = 2e6;
    // s = √(2e6 / 2) = 1000.
    const query = averageDealSizeSql({
      dialect: 'postgres',
      from: 'crm.deals',
      columns: { status: 'status', amount: 'amount' },
    })
    const [row] = query.finish([
      {
        cx_n: 4,
        cx_count: 3,
        cx_total: '6000.000000',
        cx_squaredDeviations: 2000000,
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_badStatus: 0,
        cx_missingAmount: 0,
        cx_negativeAmount: 0,
        cx_tooPrecise: 0,
      },
    ])
    expect(row?.result.mean?.toString()).toBe('2000')
    expect(row?.result.standardDeviation).toBe(1000)
  })

  it('computes count, exact total and spread on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: won 0.1, 0.2 and 0.3 (lost 5 and open 7 skipped): total 0.6 exactly, mean 0.2,
    // M₂ = 0.01 + 0 + 0.01 = 0.02, s = √(0.02 / 2) = 0.1; t(0.975; 2) = 4.302652729749462
    // (scipy.stats.t.ppf(0.975, 2)) → 0.2 ± 4.302652729749462 · 0.1 / √3.
    const rows: Row[] = [
      ['won', '0.1'],
      ['won', '0.2'],
      ['won', '0.3'],
      ['lost', '5'],
      ['open', '7'],
    ].map(([status, amount]) => ({
      status: status as string,
      amount: amount as string,
      currency: 'EUR',
      segment: null,
      at: new Date('2026-03-08T06:00:00Z'),
    }))
    const half = (4.302652729749462 * 0.1) / Math.sqrt(3)
    for (const engine of engines) {
      await engine.load('hand_sizes', columnsOf(rows))
      const query = averageDealSizeSql({
        dialect: engine.name,
        from: 'hand_sizes',
        columns: COLUMNS,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.n).toBe(5)
      expect(row?.state.count).toBe(3)
      expect(row?.state.total).toBe('0.6')
      expect(row?.state.currency).toBe('EUR')
      expect(Math.abs((row?.state.squaredDeviations as number) - 0.02)).toBeLessThan(1e-15)
      expect(row?.result.mean?.toString()).toBe('0.2')
      expect(Math.abs((row?.result.standardDeviation as number) - 0.1)).toBeLessThan(1e-14)
      expect(Math.abs((row?.result.lower as number) - (0.2 - half))).toBeLessThan(1e-12)
      expect(Math.abs((row?.result.upper as number) - (0.2 + half))).toBeLessThan(1e-12)
      await engine.query('DROP TABLE hand_sizes')
    }
  })

  it('refuses a won deal without an amount, and method median', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_sizes',
        columnsOf([
          { status: 'won', amount: null, currency: null, segment: null, at: new Date(0) },
        ]),
      )
      const query = averageDealSizeSql({
        dialect: engine.name,
        from: 'bad_sizes',
        columns: COLUMNS,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'MISSING_VALUE', {
        path: [0, 'cx_missingAmount'],
        metric: 'averageDealSizeSql',
      })
    }
    expectMetricError(
      () =>
        averageDealSizeSql({
          dialect: 'duckdb',
          from: 't',
          columns: { status: 's', amount: 'a' },
          method: 'median-order',
        }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'averageDealSizeSql' },
    )
  })

  it('equals groupMetric with averageDealSizeAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_sizes',
      record: fc.record({
        status: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('open', 'won', 'won', 'lost') },
          { weight: 1, arbitrary: fc.constantFrom(null, 'pending') },
        ),
        amount: fc.oneof(
          { weight: 250, arbitrary: amountText },
          { weight: 50, arbitrary: fc.constantFrom('1000', '1000.5', '0') },
          { weight: 2, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constant('-5') },
        ),
        currency: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('USD', null) },
          { weight: 1, arbitrary: fc.constant('EUR') },
        ),
        segment: segments,
        at: instants,
      }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        averageDealSizeSql({
          dialect,
          from: table,
          columns: COLUMNS,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => averageDealSizeAggregator(),
      value: (row) => dealOf(row, 0),
      equal: expectResultClose,
      equalState: expectStateClose,
    })
  }, 240_000)
})
