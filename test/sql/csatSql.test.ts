import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csatSql } from '../../src/sql/index.js'
import { csat } from '../../src/survey/csat.js'
import { csatAggregator } from '../../src/survey/csatAggregator.js'
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

interface Rating {
  readonly rating: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Rating[]) => [
  { name: 'rating', type: 'double' as const, values: rows.map((row) => row.rating) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

describe('csatSql', () => {
  it('matches the documented example', () => {
    // 3 satisfied of 4 → 0.75.
    const query = csatSql({ dialect: 'postgres', from: 'tickets', columns: { rating: 'rating' } })
    const [row] = query.finish([{ cx_n: 4, cx_satisfied: 3, cx_total: 4, cx_refused: 0 }])
    expect(row?.result.score).toBe(0.75)
  })

  it('counts top-box ratings by segment on a hand-made table, on DuckDB and Postgres', async () => {
    // Worked by hand, scale 1–5, threshold 4: a: 5, 4, 1, 2 → 2 of 4 = 0.5;
    // b: 3 → 0 of 1 = 0. With threshold 3: a 2 of 4, b 1 of 1.
    const rows: Rating[] = [5, 4, 1, 2, 3].map((rating, index) => ({
      rating,
      segment: index < 4 ? 'a' : 'b',
      at: new Date('2026-05-01T00:00:00Z'),
    }))
    for (const engine of engines) {
      await engine.load('hand_csat', columnsOf(rows))
      const query = csatSql({
        dialect: engine.name,
        from: 'hand_csat',
        columns: { rating: 'rating' },
        groupBy: ['segment'],
      })
      const out = query.finish(await engine.query(query.sql))
      expect(
        out.map((row) => [row.group?.segment, row.result.score, row.result.satisfied, row.n]),
      ).toEqual([
        ['a', 0.5, 2, 4],
        ['b', 0, 0, 1],
      ])
      // The Wilson interval is the aggregator's: equal to csat on the same ratings.
      expect(out[0]?.result).toEqual(csat([5, 4, 1, 2]))
      const lenient = csatSql({
        dialect: engine.name,
        from: 'hand_csat',
        columns: { rating: 'rating' },
        groupBy: ['segment'],
        threshold: 3,
      })
      expect(
        lenient.finish(await engine.query(lenient.sql)).map((row) => row.result.satisfied),
      ).toEqual([2, 1])
    }
  })

  it('refuses a table with a rating of 4.5, 0 or NULL', async () => {
    for (const engine of engines) {
      await engine.load('bad_csat', [{ name: 'rating', type: 'double', values: [5, 4.5] }])
      const query = csatSql({
        dialect: engine.name,
        from: 'bad_csat',
        columns: { rating: 'rating' },
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'SCORE_OUT_OF_RANGE', {
        path: [0, 'cx_refused'],
        metric: 'csatSql',
      })
    }
  })

  it('equals groupMetric with csatAggregator on generated tables', async () => {
    const scaleMax = 7
    await checkGeneratedTables({
      engines,
      prefix: 'gen_csat',
      record: fc.record({
        rating: fc.oneof(
          { weight: 300, arbitrary: fc.integer({ min: 1, max: scaleMax }) },
          { weight: 1, arbitrary: fc.constantFrom(null, 0, 8, 2.5) },
        ),
        segment: segments,
        at: instants,
      }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        csatSql({
          dialect,
          from: table,
          columns: { rating: 'rating' },
          scaleMax,
          threshold: 6,
          confidence: 0.9,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => csatAggregator({ scaleMax, threshold: 6, confidence: 0.9 }),
      value: (record) => record.rating,
    })
  }, 240_000)
})
