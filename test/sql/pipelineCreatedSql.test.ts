import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pipelineCreatedAggregator } from '../../src/pipeline/pipelineCreatedAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { pipelineCreatedSql } from '../../src/sql/index.js'
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
const COLUMNS = { status: 'status', amount: 'amount', currency: 'currency', createdAt: 'at' }

const amountText = fc
  .tuple(
    fc.integer({ min: 0, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`,
  )

describe('pipelineCreatedSql', () => {
  it('matches the documented example', () => {
    // 1200.50 + 800 = 2000.5; one of three deals without an amount.
    const query = pipelineCreatedSql({
      dialect: 'bigquery',
      from: 'crm.deals',
      columns: { status: 'status', amount: 'amount' },
    })
    const [row] = query.finish([
      {
        cx_n: 3,
        cx_amount: '2000.500000',
        cx_withoutAmount: 1,
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_badStatus: 0,
        cx_negativeAmount: 0,
        cx_tooPrecise: 0,
      },
    ])
    expect(row?.state).toEqual({ count: 3, amount: '2000.5', withoutAmount: 1, currency: null })
  })

  it('counts deals and sums amounts exactly on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: 0.1 + 0.2 + 999999999.999999 = 1000000000.299999; one deal without an amount; 4 deals.
    const rows: Row[] = ['0.1', '0.2', '999999999.999999', null].map((amount, index) => ({
      status: ['open', 'won', 'lost', 'open'][index] as string,
      amount,
      currency: 'USD',
      segment: null,
      at: new Date('2026-03-08T06:00:00Z'),
    }))
    for (const engine of engines) {
      await engine.load('hand_created', columnsOf(rows))
      const query = pipelineCreatedSql({
        dialect: engine.name,
        from: 'hand_created',
        columns: COLUMNS,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.state).toEqual({
        count: 4,
        amount: '1000000000.299999',
        withoutAmount: 1,
        currency: 'USD',
      })
    }
  })

  it('refuses a negative amount', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_created',
        columnsOf([
          { status: 'open', amount: '-1', currency: null, segment: null, at: new Date(0) },
        ]),
      )
      const query = pipelineCreatedSql({
        dialect: engine.name,
        from: 'bad_created',
        columns: COLUMNS,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'NEGATIVE_VALUE', {
        path: [0, 'cx_negativeAmount'],
        metric: 'pipelineCreatedSql',
      })
    }
  })

  it('equals groupMetric with pipelineCreatedAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_created',
      record: fc.record({
        status: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('open', 'won', 'lost') },
          { weight: 1, arbitrary: fc.constantFrom(null, 'pending') },
        ),
        amount: fc.oneof(
          { weight: 250, arbitrary: amountText },
          { weight: 50, arbitrary: fc.constant(null) },
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
        pipelineCreatedSql({
          dialect,
          from: table,
          columns: COLUMNS,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => pipelineCreatedAggregator(),
      value: (row) => dealOf(row, 0),
      equal: (sql, js) => expect(JSON.stringify(sql)).toBe(JSON.stringify(js)),
    })
  }, 240_000)
})
