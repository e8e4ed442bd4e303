import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slaAttainmentSql } from '../../src/sql/index.js'
import { type SlaItem, slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
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
  readonly duration: number | null
  readonly open: number | null
  readonly segment: string | null
  readonly at: Date
}

// The censored flag is loaded as an integer 0/1 and mapped with a raw `= 1` expression: the
// test loader has no boolean type, and this also exercises a raw column fragment.
const columnsOf = (rows: readonly Row[]) => [
  { name: 'duration', type: 'double' as const, values: rows.map((row) => row.duration) },
  { name: 'open', type: 'integer' as const, values: rows.map((row) => row.open) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { duration: 'duration', censored: { raw: '"open" = 1' } }

const itemOf = (row: Row): SlaItem =>
  ({ duration: row.duration, ...(row.open === 1 ? { censored: true } : {}) }) as SlaItem

describe('slaAttainmentSql', () => {
  it('matches the documented example', () => {
    // 3 within 4 h, 1 late, 1 open past the target: 3 / (4 + 1) = 0.6.
    const query = slaAttainmentSql({
      dialect: 'postgres',
      from: 'tickets',
      columns: { duration: 'hours_to_first_reply', censored: 'is_open' },
      target: 4,
    })
    const [row] = query.finish([
      {
        cx_n: 5,
        cx_within: 3,
        cx_done: 4,
        cx_lateOpen: 1,
        cx_badDuration: 0,
        cx_negativeDuration: 0,
      },
    ])
    expect(row?.result).toBe(0.6)
  })

  it('counts within, done and late open items on a hand-made table, on DuckDB and Postgres', async () => {
    // Target 4: done 1, 4 (on the target counts as within), 4.5; open 2 (not yet late), 6 (late).
    // within 2, done 3, lateOpen 1 → 2 / 4 = 0.5.
    const rows: Row[] = [
      [1, 0],
      [4, 0],
      [4.5, 0],
      [2, 1],
      [6, 1],
    ].map(([duration, open]) => ({
      duration: duration as number,
      open: open as number,
      segment: null,
      at: new Date(0),
    }))
    for (const engine of engines) {
      await engine.load('hand_sla', columnsOf(rows))
      const query = slaAttainmentSql({
        dialect: engine.name,
        from: 'hand_sla',
        columns: COLUMNS,
        target: 4,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.state).toEqual({ within: 2, done: 3, lateOpen: 1 })
      expect(row?.result).toBe(0.5)
    }
  })

  it('refuses negative durations and a missing target', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_sla',
        columnsOf([{ duration: -1, open: 0, segment: null, at: new Date(0) }]),
      )
      const query = slaAttainmentSql({
        dialect: engine.name,
        from: 'bad_sla',
        columns: COLUMNS,
        target: 4,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'NEGATIVE_VALUE', {
        path: [0, 'cx_negativeDuration'],
        metric: 'slaAttainmentSql',
      })
    }
    expectMetricError(
      () => slaAttainmentSql({ dialect: 'duckdb', from: 't', columns: COLUMNS } as never),
      'INVALID_OPTION',
      { path: ['target'], metric: 'slaAttainmentSql' },
    )
  })

  it('equals groupMetric with slaAttainmentAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_sla',
      record: fc.record({
        duration: fc.oneof(
          { weight: 150, arbitrary: fc.integer({ min: 0, max: 100 }).map((tenths) => tenths / 10) },
          { weight: 150, arbitrary: fc.double({ min: 0, max: 20, noNaN: true }) },
          { weight: 1, arbitrary: fc.constantFrom(null, -1) },
        ),
        open: fc.constantFrom(0, 1, null),
        segment: segments,
        at: instants,
      }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        slaAttainmentSql({
          dialect,
          from: table,
          columns: COLUMNS,
          target: 4.5,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => slaAttainmentAggregator({ target: 4.5 }),
      value: itemOf,
    })
  }, 240_000)
})
