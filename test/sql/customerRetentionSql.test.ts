import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { customerRetentionSql } from '../../src/sql/index.js'
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
  readonly start: number | null
  readonly end: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'start', type: 'integer' as const, values: rows.map((row) => row.start) },
  { name: 'end', type: 'integer' as const, values: rows.map((row) => row.end) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
// Flags loaded as 0/1 integers (the test loader has no boolean type), mapped with raw `= 1`.
const COLUMNS = { activeAtStart: { raw: '"start" = 1' }, activeAtEnd: { raw: '"end" = 1' } }

describe('customerRetentionSql', () => {
  it('matches the documented example', () => {
    // (11 − 3) / 10 = 0.8.
    const query = customerRetentionSql({
      dialect: 'snowflake',
      from: 'analytics.customer_window',
      columns: { activeAtStart: 'ACTIVE_START', activeAtEnd: 'ACTIVE_END' },
    })
    const [row] = query.finish([
      {
        cx_n: 13,
        cx_customersAtStart: 10,
        cx_customersAtEnd: 11,
        cx_newCustomers: 3,
        cx_churnedCustomers: 2,
      },
    ])
    expect(row?.result.retentionRate).toBe(0.8)
  })

  it('counts start, end, new and churned customers on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand: (start, end) = (1,1) ×3, (1,0) ×1, (0,1) ×2, (0,0) ×1, (NULL,1) ×1 (a new customer).
    // S = 4, E = 6, new = 3, churned = 1: retention (6 − 3) / 4 = 0.75, churn 1/4.
    const pairs: [number | null, number | null][] = [
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 0],
      [null, 1],
    ]
    const rows = pairs.map(([start, end]) => ({ start, end, segment: null, at: new Date(0) }))
    for (const engine of engines) {
      await engine.load('hand_retention', columnsOf(rows))
      const query = customerRetentionSql({
        dialect: engine.name,
        from: 'hand_retention',
        columns: COLUMNS,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.state).toEqual({
        customersAtStart: 4,
        customersAtEnd: 6,
        newCustomers: 3,
        churnedCustomers: 1,
      })
      expect(row?.result.retentionRate).toBe(0.75)
      expect(row?.result.retentionRate).toBe(
        customerRetentionRate({ customersAtStart: 4, customersAtEnd: 6, newCustomers: 3 }),
      )
      expect(row?.result.churnRate).toBe(0.25)
    }
  })

  it('equals groupMetric with customerRetentionAggregator on generated tables', async () => {
    const flag = fc.constantFrom(0, 1, 1, null)
    await checkGeneratedTables({
      engines,
      prefix: 'gen_retention',
      record: fc.record({ start: flag, end: flag, segment: segments, at: instants }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        customerRetentionSql({
          dialect,
          from: table,
          columns: COLUMNS,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => customerRetentionAggregator(),
      value: (row) => ({ activeAtStart: row.start === 1, activeAtEnd: row.end === 1 }),
    })
  }, 240_000)
})
