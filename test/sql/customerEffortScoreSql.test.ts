import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerEffortScoreSql } from '../../src/sql/index.js'
import { customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { customerEffortScoreAggregator } from '../../src/survey/customerEffortScoreAggregator.js'
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

interface Effort {
  readonly rating: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Effort[]) => [
  { name: 'rating', type: 'integer' as const, values: rows.map((row) => row.rating) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

describe('customerEffortScoreSql', () => {
  it('matches the documented example', () => {
    // Ratings 7, 6, 2: sum 15, squares 49 + 36 + 4 = 89; mean 15 / 3 = 5.
    const query = customerEffortScoreSql({
      dialect: 'bigquery',
      from: 'cx.tickets',
      columns: { rating: 'effort' },
    })
    const [row] = query.finish([
      { cx_n: 3, cx_agreeing: 2, cx_total: 3, cx_sum: '15', cx_sumOfSquares: '89', cx_refused: 0 },
    ])
    expect(row?.result.score).toBe(5)
  })

  it('gives the mean and the agree share on a hand-made table, on DuckDB and Postgres', async () => {
    // Ratings 7, 6, 2 (hand): mean 5; agree share (≥ 5) 2/3; s² = ((7−5)² + (6−5)² + (2−5)²)/2 = 7.
    for (const engine of engines) {
      await engine.load('hand_ces', [{ name: 'effort', type: 'integer', values: [7, 6, 2] }])
      const query = customerEffortScoreSql({
        dialect: engine.name,
        from: 'hand_ces',
        columns: { rating: 'effort' },
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.state).toEqual({ agreeing: 2, total: 3, sum: 15, sumOfSquares: 89 })
      expect(row?.result.score).toBe(5)
      expect(row?.result).toEqual(customerEffortScore([7, 6, 2]))
      const share = customerEffortScoreSql({
        dialect: engine.name,
        from: 'hand_ces',
        columns: { rating: 'effort' },
        statistic: 'agree-share',
      })
      expect(share.finish(await engine.query(share.sql))[0]?.result.score).toBe(2 / 3)
    }
  })

  it('refuses a rating outside 1–7', async () => {
    for (const engine of engines) {
      await engine.load('bad_ces', [{ name: 'effort', type: 'integer', values: [7, 8] }])
      const query = customerEffortScoreSql({
        dialect: engine.name,
        from: 'bad_ces',
        columns: { rating: 'effort' },
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'SCORE_OUT_OF_RANGE', {
        path: [0, 'cx_refused'],
        metric: 'customerEffortScoreSql',
      })
    }
  })

  it('refuses sums no set of ratings has (the aggregator’s own state check)', () => {
    const query = customerEffortScoreSql({ dialect: 'duckdb', from: 't', columns: { rating: 'r' } })
    // 2 ratings on 1–7 cannot sum to 20 (at most 14).
    expectMetricError(
      () =>
        query.finish([
          {
            cx_n: 2n,
            cx_agreeing: 2n,
            cx_total: 2n,
            cx_sum: 20n,
            cx_sumOfSquares: 200n,
            cx_refused: 0n,
          },
        ]),
      'INVALID_STATE',
      { metric: 'customerEffortScoreSql', path: [0] },
    )
  })

  it('equals groupMetric with customerEffortScoreAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_ces',
      record: fc.record({
        rating: fc.oneof(
          { weight: 300, arbitrary: fc.integer({ min: 1, max: 7 }) },
          { weight: 1, arbitrary: fc.constantFrom(null, 0, 8) },
        ),
        segment: segments,
        at: instants,
      }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        customerEffortScoreSql({
          dialect,
          from: table,
          columns: { rating: 'rating' },
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => customerEffortScoreAggregator(),
      value: (record) => record.rating,
    })
  }, 240_000)
})
