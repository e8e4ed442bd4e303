/**
 * The query shape of the twins that read their state from one score or rating column
 * (netPromoterScoreSql, csatSql, customerEffortScoreSql): a tally of rows per score, with
 * and without a period (measured against per-row FILTER counts with a period: the tally was
 * 1.00–1.14× faster at 10M rows in DuckDB, notes/sqltally.md). Both cases are run on DuckDB
 * and PostgreSQL (PGlite) against counts worked by hand in the comments, refused rows
 * included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  csatSql,
  customerEffortScoreSql,
  netPromoterScoreSql,
  SQL_DIALECTS,
  type SqlDialect,
} from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { type Engine, openEngines } from './engines.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

const month = { column: 'at', unit: 'month', timeZone: 'America/New_York' } as const
const twins = (dialect: SqlDialect, withPeriod: boolean) => {
  const common = {
    dialect,
    from: 'scores',
    groupBy: ['segment'],
    ...(withPeriod ? { period: month } : {}),
  }
  return [
    netPromoterScoreSql({ ...common, columns: { score: 'score' } }).sql,
    csatSql({ ...common, columns: { rating: 'score' } }).sql,
    customerEffortScoreSql({ ...common, columns: { rating: 'score' } }).sql,
  ]
}
describe('score-column twins: a tally of rows per score, with or without a period', () => {
  it('writes the tally with and without a period', () => {
    for (const dialect of SQL_DIALECTS) {
      for (const sql of [...twins(dialect, false), ...twins(dialect, true)]) {
        expect(sql).toContain('cx_tally')
        expect(sql).toContain('cx_value')
        expect(sql).toContain('cx_rows')
      }
    }
  })

  // Segment a: 10 on Jan 15, 7 on Jan 20, 9 at 2026-02-01T03:00Z (Jan 31, 22:00 in New York,
  // so January), 3 on Feb 10; segment b: 0 on Jan 5 (all at 12:00Z unless said).
  const at = (day: string) => new Date(`${day}T12:00:00Z`)
  const table = {
    segment: ['a', 'a', 'a', 'a', 'b'],
    at: [
      at('2026-01-15'),
      at('2026-01-20'),
      new Date('2026-02-01T03:00:00Z'),
      at('2026-02-10'),
      at('2026-01-05'),
    ],
  }
  const load = async (
    engine: Engine,
    scores: readonly (number | null)[],
    type: 'integer' | 'double',
  ) =>
    engine.load('scores', [
      { name: 'segment', type: 'text', values: table.segment },
      { name: 'at', type: 'timestamptz', values: table.at },
      { name: 'score', type, values: scores },
    ])

  it('netPromoterScoreSql: the same counts by month and overall (hand-worked)', async () => {
    for (const engine of engines) {
      await load(engine, [10, 7, 9, 3, 0], 'integer')
      const options = {
        dialect: engine.name,
        from: 'scores',
        columns: { score: 'score' },
        groupBy: ['segment'],
      }
      const byMonth = netPromoterScoreSql({ ...options, period: month })
      // a January: 10, 7, 9 → 2 promoters, 1 passive; a February: 3 → 1 detractor;
      // b January: 0 → 1 detractor.
      expect(
        byMonth
          .finish(await engine.query(byMonth.sql))
          .map((row) => [row.group?.segment, row.period?.label, row.state, row.n]),
      ).toEqual([
        ['a', '2026-01', { promoters: 2, passives: 1, detractors: 0 }, 3],
        ['a', '2026-02', { promoters: 0, passives: 0, detractors: 1 }, 1],
        ['b', '2026-01', { promoters: 0, passives: 0, detractors: 1 }, 1],
      ])
      const whole = netPromoterScoreSql(options)
      // a: 2 promoters, 1 passive, 1 detractor (NPS (2 − 1) / 4 = 25); b: 1 detractor.
      const rows = whole.finish(await engine.query(whole.sql))
      expect(rows.map((row) => [row.group?.segment, row.state, row.result.score])).toEqual([
        ['a', { promoters: 2, passives: 1, detractors: 1 }, 25],
        ['b', { promoters: 0, passives: 0, detractors: 1 }, -100],
      ])
    }
  })

  it('netPromoterScoreSql refuses a NULL or out-of-range score by month and overall', async () => {
    for (const engine of engines) {
      // a January holds the NULL and 11 → 2 refused rows in result row 0 either way.
      await load(engine, [null, 7, 11, 3, 0], 'integer')
      const options = {
        dialect: engine.name,
        from: 'scores',
        columns: { score: 'score' },
        groupBy: ['segment'],
      }
      for (const query of [
        netPromoterScoreSql({ ...options, period: month }),
        netPromoterScoreSql(options),
      ]) {
        const rows = await engine.query(query.sql)
        expectMetricError(() => query.finish(rows), 'SCORE_OUT_OF_RANGE', {
          path: [0, 'cx_refused'],
          metric: 'netPromoterScoreSql',
          message: /2 table rows/,
        })
      }
    }
  })

  it('csatSql and customerEffortScoreSql: the same states by month and overall (hand-worked)', async () => {
    for (const engine of engines) {
      await load(engine, [5, 2, 7, 4, 1], 'double')
      const options = {
        dialect: engine.name,
        from: 'scores',
        columns: { rating: 'score' },
        groupBy: ['segment'],
      }
      // CSAT on 1–7 with threshold 6: a January 5, 2, 7 → satisfied 1 (7) of 3;
      // a February 4 → 0 of 1; b January 1 → 0 of 1. No period: a 1 of 4, b 0 of 1.
      const csatMonth = csatSql({ ...options, period: month, scaleMax: 7, threshold: 6 })
      expect(csatMonth.finish(await engine.query(csatMonth.sql)).map((row) => row.state)).toEqual([
        { satisfied: 1, total: 3 },
        { satisfied: 0, total: 1 },
        { satisfied: 0, total: 1 },
      ])
      const csatWhole = csatSql({ ...options, scaleMax: 7, threshold: 6 })
      expect(csatWhole.finish(await engine.query(csatWhole.sql)).map((row) => row.state)).toEqual([
        { satisfied: 1, total: 4 },
        { satisfied: 0, total: 1 },
      ])
      // CES (1–7, agree ≥ 5): a January 5, 2, 7 → agreeing 2, sum 14, squares 25 + 4 + 49 = 78;
      // a February 4 → 0, 4, 16; b January 1 → 0, 1, 1. No period: a 2 agreeing of 4, sum 18,
      // squares 94.
      const cesMonth = customerEffortScoreSql({ ...options, period: month })
      expect(cesMonth.finish(await engine.query(cesMonth.sql)).map((row) => row.state)).toEqual([
        { agreeing: 2, total: 3, sum: 14, sumOfSquares: 78 },
        { agreeing: 0, total: 1, sum: 4, sumOfSquares: 16 },
        { agreeing: 0, total: 1, sum: 1, sumOfSquares: 1 },
      ])
      const cesWhole = customerEffortScoreSql(options)
      expect(cesWhole.finish(await engine.query(cesWhole.sql)).map((row) => row.state)).toEqual([
        { agreeing: 2, total: 4, sum: 18, sumOfSquares: 94 },
        { agreeing: 0, total: 1, sum: 1, sumOfSquares: 1 },
      ])
      // A rating of 4.5 in b (result row 2 by month, 1 without) is refused by both twins.
      await load(engine, [5, 2, 7, 4, 4.5], 'double')
      const cases = [
        [csatSql({ ...options, period: month, scaleMax: 7 }), 2, 'csatSql'],
        [csatSql({ ...options, scaleMax: 7 }), 1, 'csatSql'],
        [customerEffortScoreSql({ ...options, period: month }), 2, 'customerEffortScoreSql'],
        [customerEffortScoreSql(options), 1, 'customerEffortScoreSql'],
      ] as const
      for (const [query, row, metric] of cases) {
        const rows = await engine.query(query.sql)
        expectMetricError(() => query.finish(rows), 'SCORE_OUT_OF_RANGE', {
          path: [row, 'cx_refused'],
          metric,
        })
      }
    }
  })
})
