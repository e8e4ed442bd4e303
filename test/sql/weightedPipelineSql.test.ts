import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { weightedPipeline } from '../../src/pipeline/weightedPipeline.js'
import { weightedPipelineAggregator } from '../../src/pipeline/weightedPipelineAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { weightedPipelineSql } from '../../src/sql/index.js'
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
  readonly probability: number | null
  readonly currency: string | null
  readonly segment: string | null
  readonly at: Date
}

function dealOf(row: Row, index: number): Opportunity {
  return {
    id: `d${index}`,
    createdAt: new Date('2025-01-01T00:00:00Z'),
    status: row.status as Opportunity['status'],
    stageHistory: [],
    ...(row.amount === null ? {} : { amount: row.amount }),
    ...(row.probability === null ? {} : { probability: row.probability }),
    ...(row.currency === null ? {} : { currency: row.currency }),
    ...(row.status === 'open' ? {} : { closedAt: new Date('2026-01-01T00:00:00Z') }),
  }
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'status', type: 'text' as const, values: rows.map((row) => row.status) },
  { name: 'amount', type: 'decimal' as const, values: rows.map((row) => row.amount) },
  { name: 'probability', type: 'double' as const, values: rows.map((row) => row.probability) },
  { name: 'currency', type: 'text' as const, values: rows.map((row) => row.currency) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

const COLUMNS = {
  status: 'status',
  amount: 'amount',
  probability: 'probability',
  currency: 'currency',
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

describe('weightedPipelineSql', () => {
  it('matches the documented example', () => {
    // 1000 × 0.25 + 50.10 × 0.5 = 250 + 25.05 = 275.05 (hand).
    const query = weightedPipelineSql({
      dialect: 'spark',
      from: 'crm.deals',
      columns: { status: 'status', amount: 'amount', probability: 'probability' },
    })
    const [row] = query.finish([
      {
        cx_n: 2,
        cx_total: '275.050000000000',
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_badStatus: 0,
        cx_missing: 0,
        cx_negativeAmount: 0,
        cx_badProbability: 0,
        cx_tooPrecise: 0,
      },
    ])
    expect(row?.result.toString()).toBe('275.05')
  })

  it('sums amount × probability exactly on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: open 0.1 × 0.1 = 0.01, 1000000.000001 × 0.333333 = 333333.000000333333,
    // 20 × 0.5 = 10; the won deal (99 × 1) is skipped. Total 333343.010000333333.
    const rows: Row[] = [
      ['open', '0.1', 0.1],
      ['open', '1000000.000001', 0.333333],
      ['open', '20', 0.5],
      ['won', '99', 1],
    ].map(([status, amount, probability]) => ({
      status: status as string,
      amount: amount as string,
      probability: probability as number,
      currency: 'EUR',
      segment: null,
      at: new Date('2026-01-01T00:00:00Z'),
    }))
    for (const engine of engines) {
      await engine.load('hand_weighted', columnsOf(rows))
      const query = weightedPipelineSql({
        dialect: engine.name,
        from: 'hand_weighted',
        columns: COLUMNS,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.state).toEqual({ total: '333343.010000333333', currency: 'EUR' })
      expect(row?.result.toString()).toBe(weightedPipeline(rows.map(dealOf)).toString())
    }
  })

  it('refuses a probability with 7 decimals (DECIMAL(7, 6) would round it) and a probability above 1', async () => {
    for (const engine of engines) {
      const base = { status: 'open', amount: '10', currency: null, segment: null, at: new Date(0) }
      await engine.load('precise_weighted', columnsOf([{ ...base, probability: 0.1234567 }]))
      const query = weightedPipelineSql({
        dialect: engine.name,
        from: 'precise_weighted',
        columns: COLUMNS,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'VALUE_OUT_OF_RANGE', {
        path: [0, 'cx_tooPrecise'],
        metric: 'weightedPipelineSql',
      })
      await engine.load('high_weighted', columnsOf([{ ...base, probability: 1.5 }]))
      const high = weightedPipelineSql({
        dialect: engine.name,
        from: 'high_weighted',
        columns: COLUMNS,
      })
      const highRows = await engine.query(high.sql)
      expectMetricError(() => high.finish(highRows), 'RATE_OUT_OF_RANGE', {
        path: [0, 'cx_badProbability'],
        metric: 'weightedPipelineSql',
      })
    }
  })

  it('equals groupMetric with weightedPipelineAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_weighted',
      record: fc.record({
        status: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('open', 'open', 'won', 'lost') },
          { weight: 1, arbitrary: fc.constantFrom(null, 'pending') },
        ),
        amount: fc.oneof(
          { weight: 300, arbitrary: amountText },
          { weight: 1, arbitrary: fc.constantFrom(null, '-5') },
        ),
        probability: fc.oneof(
          {
            weight: 150,
            arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((units) => units / 1_000_000),
          },
          { weight: 150, arbitrary: fc.constantFrom(0, 0.1, 0.25, 0.5, 0.9, 1) },
          { weight: 1, arbitrary: fc.constantFrom(null, 1.5, -0.1) },
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
        weightedPipelineSql({
          dialect,
          from: table,
          columns: COLUMNS,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => weightedPipelineAggregator(),
      value: (row) => dealOf(row, 0),
      equal: (sql, js) => expect(sql.toString()).toBe(js.toString()),
    })
  }, 240_000)
})
