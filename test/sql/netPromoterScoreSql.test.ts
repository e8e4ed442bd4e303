import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { netPromoterScoreSql } from '../../src/sql/index.js'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { netPromoterScoreAggregator } from '../../src/survey/netPromoterScoreAggregator.js'
import { expectMetricError } from '../helpers.js'
import { EDGE_INSTANTS, type Engine, openEngines } from './engines.js'
import { expectTwinMatchesGroupMetric } from './harness.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

interface Response {
  readonly score: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Response[]) => [
  { name: 'score', type: 'integer' as const, values: rows.map((row) => row.score) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'responded_at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

describe('netPromoterScoreSql', () => {
  it('matches the documented example', () => {
    // Hand count: 2 promoters, 1 passive, 1 detractor of 4 → (2 − 1) / 4 × 100 = 25.
    const query = netPromoterScoreSql({
      dialect: 'duckdb',
      from: 'responses',
      columns: { score: 'score' },
    })
    expect(query.sql.startsWith('SELECT')).toBe(true)
    const [row] = query.finish([
      { cx_n: 4n, cx_promoters: 2n, cx_passives: 1n, cx_detractors: 1n, cx_refused: 0n },
    ])
    expect(row?.result.score).toBe(25)
    expect(row?.group).toBeNull()
    expect(row?.period).toBeNull()
  })

  it('computes NPS by segment and New York month on a hand-made table, on DuckDB and Postgres', async () => {
    // Worked by hand:
    // SMB: 10 at 31 Jan 12:00 UTC (31 Jan NY) and 3 at 1 Feb 03:00 UTC (31 Jan 22:00 NY)
    //   → 2026-01: 1 promoter, 1 detractor, score 0; n 2.
    // SMB: 8 at 1 Feb 05:00 UTC (1 Feb 00:00 NY) → 2026-02: 1 passive, score 0; n 1.
    // Enterprise: 9, 9, 6 in February → 2 promoters, 1 detractor: (2 − 1)/3 × 100 = 33.33…
    const rows: Response[] = [
      { score: 10, segment: 'SMB', at: new Date('2026-01-31T12:00:00Z') },
      { score: 3, segment: 'SMB', at: new Date('2026-02-01T03:00:00Z') },
      { score: 8, segment: 'SMB', at: new Date('2026-02-01T05:00:00Z') },
      { score: 9, segment: 'Enterprise', at: new Date('2026-02-10T12:00:00Z') },
      { score: 9, segment: 'Enterprise', at: new Date('2026-02-11T12:00:00Z') },
      { score: 6, segment: 'Enterprise', at: new Date('2026-02-12T12:00:00Z') },
    ]
    for (const engine of engines) {
      await engine.load('hand_nps', columnsOf(rows))
      const query = netPromoterScoreSql({
        dialect: engine.name,
        from: 'hand_nps',
        columns: { score: 'score' },
        groupBy: ['segment'],
        period: { column: 'responded_at', unit: 'month', timeZone: 'America/New_York' },
      })
      const out = query.finish(await engine.query(query.sql))
      expect(
        out.map((row) => [row.group?.segment, row.period?.label, row.result.score, row.n]),
        engine.name,
      ).toEqual([
        ['Enterprise', '2026-02', 100 / 3, 3],
        ['SMB', '2026-01', 0, 2],
        ['SMB', '2026-02', 0, 1],
      ])
      expect(out[0]?.state).toEqual({ promoters: 2, passives: 0, detractors: 1 })
      // 1 Feb 00:00 in New York is 05:00 UTC (EST, UTC−5).
      expect(out[2]?.period?.start.toISOString()).toBe('2026-02-01T05:00:00.000Z')
      expect(out[2]?.period?.end.toISOString()).toBe('2026-03-01T05:00:00.000Z')
    }
  })

  it('states from the warehouse merge with states of the JavaScript aggregator', async () => {
    // Warehouse part: 10, 9, 3 (2 promoters, 1 detractor); JS part: 7, 0 (1 passive, 1 detractor).
    // Together 2 promoters, 1 passive, 2 detractors of 5: (2 − 2)/5 × 100 = 0.
    const aggregator = netPromoterScoreAggregator()
    for (const engine of engines) {
      await engine.load('merge_nps', [{ name: 'score', type: 'integer', values: [10, 9, 3] }])
      const query = netPromoterScoreSql({
        dialect: engine.name,
        from: 'merge_nps',
        columns: { score: 'score' },
      })
      const [row] = query.finish(await engine.query(query.sql))
      const local = aggregator.addAll(aggregator.initial(), [7, 0])
      const merged = aggregator.merge(row?.state ?? aggregator.initial(), local)
      expect(merged).toEqual({ promoters: 2, passives: 1, detractors: 2 })
      expect(aggregator.result(merged)).toEqual(netPromoterScore([10, 9, 3, 7, 0]))
    }
  })

  it('gives no rows for an empty table and refuses a table with a NULL or out-of-range score', async () => {
    for (const engine of engines) {
      await engine.load('empty_nps', [{ name: 'score', type: 'integer', values: [] }])
      const query = netPromoterScoreSql({
        dialect: engine.name,
        from: 'empty_nps',
        columns: { score: 'score' },
      })
      expect(query.finish(await engine.query(query.sql))).toEqual([])
      await engine.load('bad_nps', [{ name: 'score', type: 'integer', values: [9, 11, null] }])
      const bad = netPromoterScoreSql({
        dialect: engine.name,
        from: 'bad_nps',
        columns: { score: 'score' },
      })
      const rows = await engine.query(bad.sql)
      expectMetricError(() => bad.finish(rows), 'SCORE_OUT_OF_RANGE', {
        path: [0, 'cx_refused'],
        metric: 'netPromoterScoreSql',
        message: /2 table rows/,
      })
    }
  })

  it('equals groupMetric with netPromoterScoreAggregator on generated tables (groups, NULLs, DST, periods)', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            score: fc.oneof(
              { weight: 300, arbitrary: fc.integer({ min: 0, max: 10 }) },
              { weight: 1, arbitrary: fc.constantFrom(null, -1, 11) },
            ),
            segment: fc.constantFrom('a', 'b', 'c', null),
            at: fc.oneof(
              fc.constantFrom(...EDGE_INSTANTS).map((text) => new Date(text)),
              fc
                .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) })
                .map((time) => new Date(Math.floor(time / 1000) * 1000)),
            ),
          }),
          { maxLength: 40 },
        ),
        fc.record({
          unit: fc.constantFrom('week', 'month', 'quarter', 'year') as fc.Arbitrary<
            'week' | 'month' | 'quarter' | 'year'
          >,
          timeZone: fc.constantFrom('UTC', 'America/New_York'),
          weekStartsOn: fc.integer({ min: 0, max: 6 }),
          fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
        }),
        fc.boolean(),
        async (records, period, grouped) => {
          const table = `gen_nps_${run++}`
          for (const engine of engines) {
            await engine.load(table, columnsOf(records))
            await expectTwinMatchesGroupMetric({
              engine,
              query: netPromoterScoreSql({
                dialect: engine.name,
                from: table,
                columns: { score: 'score' },
                ...(grouped ? { groupBy: ['segment'] } : {}),
                period: { column: 'responded_at', ...period },
              }),
              records,
              aggregator: netPromoterScoreAggregator(),
              value: (record) => record.score,
              ...(grouped
                ? { by: (record: Response) => record.segment, groupColumn: 'segment' }
                : {}),
              date: (record) => record.at,
              period,
            })
            await engine.query(`DROP TABLE ${table}`)
          }
        },
      ),
      { numRuns: 25 },
    )
  }, 240_000)
})
