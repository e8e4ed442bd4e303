import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StageConversionOptions } from '../../src/pipeline/stageConversion.js'
import { stageConversionAggregator } from '../../src/pipeline/stageConversionAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { stageConversionSql } from '../../src/sql/index.js'
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
  readonly stage: string | null
  readonly segment: string | null
  readonly at: Date
}

/** The deal of a row: its furthest stage as a one-entry history (none when NULL). */
function dealOf(row: Row): Opportunity {
  return {
    id: 'd',
    createdAt: row.at,
    status: row.status as Opportunity['status'],
    stageHistory: row.stage === null ? [] : [{ stage: row.stage, enteredAt: row.at }],
  }
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'status', type: 'text' as const, values: rows.map((row) => row.status) },
  { name: 'stage', type: 'text' as const, values: rows.map((row) => row.stage) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { status: 'status', stage: 'stage' }

describe('stageConversionSql', () => {
  it('matches the documented example', () => {
    // Hand: reached A = 3 (all), advanced A = 2 (won, lost at B) → 2/3; reached B = 2,
    // advanced B = 1 (won) → 1/2.
    const query = stageConversionSql({
      dialect: 'snowflake',
      from: 'crm.deals',
      columns: { status: 'STATUS', stage: 'FURTHEST_STAGE' },
      stages: ['A', 'B'],
    })
    const rows = query.finish([
      { cx_group_0: 'A', cx_n: 1, cx_won: 0, cx_open: 0, cx_badStatus: 0 },
      { cx_group_0: 'B', cx_n: 2, cx_won: 1, cx_open: 0, cx_badStatus: 0 },
    ])
    expect(rows).toHaveLength(1)
    expect(rows[0]?.result.map((row) => [row.stage, row.reached, row.rate])).toEqual([
      ['A', 3, 2 / 3],
      ['B', 2, 0.5],
    ])
  })

  it('counts a funnel on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand, stages Lead → Demo → Proposal, open policy exclude:
    //   won (stage Demo, ignored: won passes every stage), lost at Demo, open at Demo,
    //   open at Lead, lost at 'Other' (not listed: skipped), lost with no stage (skipped).
    // atFurthest: Lead 1, Demo 2, Proposal 0, won 1 → reached [4, 3, 1], advanced [3, 1, 1],
    // open [1, 1, 0]; rates 3/(4−1) = 1, 1/(3−1) = 0.5, 1/1 = 1.
    const at = new Date('2026-03-08T06:00:00Z')
    const rows: Row[] = [
      ['won', 'Demo'],
      ['lost', 'Demo'],
      ['open', 'Demo'],
      ['open', 'Lead'],
      ['lost', 'Other'],
      ['lost', null],
    ].map(([status, stage]) => ({
      status: status as string,
      stage: stage ?? null,
      segment: null,
      at,
    }))
    for (const engine of engines) {
      await engine.load('hand_funnel', columnsOf(rows))
      const query = stageConversionSql({
        dialect: engine.name,
        from: 'hand_funnel',
        columns: COLUMNS,
        stages: ['Lead', 'Demo', 'Proposal'],
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.n).toBe(6)
      expect(row?.state).toEqual({ reached: [4, 3, 1], advanced: [3, 1, 1], open: [1, 1, 0] })
      expect(row?.result.map((stage) => stage.rate)).toEqual([1, 0.5, 1])
      await engine.query('DROP TABLE hand_funnel')
    }
  })

  it('refuses a bad status, missing stages and a stage that is not text', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_funnel',
        columnsOf([{ status: 'pending', stage: 'A', segment: null, at: new Date(0) }]),
      )
      const query = stageConversionSql({
        dialect: engine.name,
        from: 'bad_funnel',
        columns: COLUMNS,
        stages: ['A'],
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'VALUE_OUT_OF_RANGE', {
        path: [0, 'cx_badStatus'],
        metric: 'stageConversionSql',
      })
    }
    expectMetricError(
      () =>
        stageConversionSql({
          dialect: 'duckdb',
          from: 't',
          columns: COLUMNS,
        } as unknown as Parameters<typeof stageConversionSql>[0]),
      'INVALID_OPTION',
      { path: ['stages'], metric: 'stageConversionSql' },
    )
    const query = stageConversionSql({
      dialect: 'duckdb',
      from: 't',
      columns: COLUMNS,
      stages: ['A'],
    })
    expectMetricError(
      () => query.finish([{ cx_group_0: 3, cx_n: 1, cx_won: 0, cx_open: 0, cx_badStatus: 0 }]),
      'INVALID_RECORD',
      { path: [0, 'cx_group_0'], metric: 'stageConversionSql' },
    )
  })

  for (const settings of [
    { stages: ['Lead', 'Demo', 'Proposal'] },
    { stages: ['Demo', 'Lead'], mode: 'cumulative', open: 'include', confidence: 0.9 },
  ] as const) {
    it(`equals groupMetric with stageConversionAggregator on generated tables (${settings.stages.join(' → ')})`, async () => {
      const options = settings as unknown as Omit<StageConversionOptions, 'by' | 'period'>
      await checkGeneratedTables({
        engines,
        prefix: `gen_funnel_${settings.stages.length}`,
        record: fc.record({
          status: fc.oneof(
            { weight: 300, arbitrary: fc.constantFrom('open', 'won', 'lost') },
            { weight: 1, arbitrary: fc.constantFrom(null, 'pending') },
          ),
          stage: fc.constantFrom('Lead', 'Demo', 'Proposal', 'Other', '__proto__', null),
          segment: segments,
          at: instants,
        }),
        columnsOf,
        query: (dialect, table, grouped, period) =>
          stageConversionSql({
            dialect,
            from: table,
            columns: COLUMNS,
            ...options,
            ...(grouped ? { groupBy: ['segment'] } : {}),
            ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
          }),
        aggregator: () => stageConversionAggregator(options),
        value: dealOf,
        numRuns: 15,
      })
    }, 240_000)
  }
})
