import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { averageDealSize } from '../../src/pipeline/averageDealSize.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { averageDealSizeSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { type Engine, openEngines } from './engines.js'
import { instants, type PeriodChoice, periodChoices, segments } from './harness.js'

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
  readonly segment: string | null
  readonly at: Date
}

const dealOf = (row: Row, index: number): Opportunity => ({
  id: `d${index}`,
  createdAt: row.at,
  closedAt: row.at,
  status: row.status as Opportunity['status'],
  stageHistory: [],
  ...(row.amount === null ? {} : { amount: row.amount }),
})

const columnsOf = (rows: readonly Row[]) => [
  { name: 'status', type: 'text' as const, values: rows.map((row) => row.status) },
  { name: 'amount', type: 'decimal' as const, values: rows.map((row) => row.amount) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { status: 'status', amount: 'amount', closedAt: 'at' }

const collect: Aggregator<Row[], Row, Row[]> = {
  initial: () => [],
  add: (state, input) => [...state, input],
  merge: (a, b) => [...a, ...b],
  result: (state) => state,
}

type Outcome = { ok: true; cells: Map<string, unknown> } | { ok: false; code: string }
const attempt = (action: () => Map<string, unknown>): Outcome => {
  try {
    return { ok: true, cells: action() }
  } catch (error) {
    if (error instanceof MetricInputError) return { ok: false, code: error.code }
    throw error
  }
}

/** The exact fields of a result as text (the float spread is compared by averageDealSizeSql.test.ts). */
const exactFields = (result: {
  count: number
  total: { toString(): string }
  mean: { toString(): string } | null
  median: { toString(): string } | null
}) => ({
  count: result.count,
  total: result.total.toString(),
  mean: result.mean?.toString() ?? null,
  median: result.median?.toString() ?? null,
})

describe("averageDealSizeSql with statistic: 'median'", () => {
  it('matches the documented example', () => {
    const query = averageDealSizeSql({
      dialect: 'postgres',
      from: 'crm.deals',
      columns: { status: 'status', amount: 'amount' },
      statistic: 'median',
    })
    // Won 1000, 2000, 3000: the middle (2nd of 3) is 2000; MIN = MAX = 2000 → (2000 + 2000) / 2.
    const [row] = query.finish([
      {
        cx_n: 4,
        cx_count: 3,
        cx_total: '6000.000000',
        cx_squaredDeviations: 2000000,
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_medianLow: '2000.000000',
        cx_medianHigh: '2000.000000',
        cx_badStatus: 0,
        cx_missingAmount: 0,
        cx_negativeAmount: 0,
        cx_tooPrecise: 0,
      },
    ])
    expect(row?.result.median?.toString()).toBe('2000')
    expect(row?.state).toEqual({
      count: 3,
      total: '6000',
      squaredDeviations: 2000000,
      currency: null,
    })
  })

  it('gives the exact middle amount (odd) and the mean of the two (even) per group, on DuckDB and Postgres', async () => {
    // a: won 0.000001, 5, 1000000.5 (+ open 7, lost 1): median 5.
    // b: won 10.25, 0.000003, 99999999.999999, 3 → sorted 0.000003, 3, 10.25, 99999999.999999:
    //    (3 + 10.25) / 2 = 6.625.  c: only open deals: no won deal, median null.
    const rows: Row[] = [
      ['a', 'won', '5'],
      ['a', 'won', '1000000.5'],
      ['a', 'open', '7'],
      ['a', 'won', '0.000001'],
      ['a', 'lost', '1'],
      ['b', 'won', '10.25'],
      ['b', 'won', '0.000003'],
      ['b', 'won', '99999999.999999'],
      ['b', 'won', '3'],
      ['c', 'open', '4'],
    ].map(([segment, status, amount]) => ({
      segment: segment as string,
      status: status as string,
      amount: amount as string,
      at: new Date(0),
    }))
    for (const engine of engines) {
      await engine.load('hand_median', columnsOf(rows))
      const query = averageDealSizeSql({
        dialect: engine.name,
        from: 'hand_median',
        columns: COLUMNS,
        groupBy: ['segment'],
        statistic: 'median',
      })
      const out = query.finish(await engine.query(query.sql))
      expect(out.map((row) => [row.group?.segment, row.result.median?.toString() ?? null])).toEqual(
        [
          ['a', '5'],
          ['b', '6.625'],
          ['c', null],
        ],
      )
      // The mean path is unchanged: a's exact total 1000005.500001 over 3 deals.
      expect(out[0]?.result.total.toString()).toBe('1000005.500001')
    }
  })

  it('refuses an unknown statistic', () => {
    expectMetricError(
      () =>
        averageDealSizeSql({
          dialect: 'duckdb',
          from: 't',
          columns: { status: 's', amount: 'a' },
          statistic: 'mode' as never,
        }),
      'INVALID_OPTION',
      { path: ['statistic'], metric: 'averageDealSizeSql' },
    )
  })

  it('equals averageDealSize (count, total, mean, median exactly) per group and period on generated tables', async () => {
    let run = 0
    const amount = fc.oneof(
      {
        weight: 200,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 999_999 }))
          .map(([units, micros]) => `${units}.${String(micros).padStart(6, '0')}`),
      },
      { weight: 100, arbitrary: fc.constantFrom('1000', '1000.5', '0', '250') },
      { weight: 1, arbitrary: fc.constantFrom(null, '-5') },
    )
    const record = fc.record({
      status: fc.oneof(
        { weight: 300, arbitrary: fc.constantFrom('open', 'won', 'won', 'lost') },
        { weight: 1, arbitrary: fc.constant('pending') },
      ),
      amount,
      segment: segments,
      at: instants,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 40 }),
        fc.option(periodChoices, { freq: 4 }),
        fc.boolean(),
        async (rows, periodOrNull, grouped) => {
          const period: PeriodChoice | undefined = periodOrNull ?? undefined
          const table = `gen_median_${run++}`
          const js = attempt(() => {
            const map = new Map<string, unknown>()
            for (const cell of groupMetric(rows, collect, {
              value: (r: Row) => r,
              ...(grouped ? { by: (r: Row) => r.segment } : {}),
              ...(period === undefined ? {} : { period: { date: (r: Row) => r.at, ...period } }),
            })) {
              if (cell.n === 0) continue
              map.set(`${cell.group}|${cell.period?.label ?? ''}`, {
                ...exactFields(averageDealSize(cell.result.map(dealOf))),
                start: cell.period?.start.getTime(),
              })
            }
            return map
          })
          for (const engine of engines) {
            await engine.load(table, columnsOf(rows))
            const query = averageDealSizeSql({
              dialect: engine.name,
              from: table,
              columns: COLUMNS,
              statistic: 'median',
              ...(grouped ? { groupBy: ['segment'] } : {}),
              ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
            })
            const raw = await engine.query(query.sql)
            const sql = attempt(() => {
              const map = new Map<string, unknown>()
              for (const cell of query.finish(raw)) {
                const group = grouped ? (cell.group?.segment ?? null) : null
                map.set(`${group}|${cell.period?.label ?? ''}`, {
                  ...exactFields(cell.result),
                  start: cell.period?.start.getTime(),
                })
              }
              return map
            })
            if (js.ok) {
              expect(sql.ok ? 'ok' : sql.code, engine.name).toBe('ok')
              if (sql.ok) expect(sql.cells).toEqual(js.cells)
            } else {
              // Several refused rows: the query reports one; its code is one of theirs alone.
              const codes = new Set<string>([js.code])
              rows.forEach((alone, index) => {
                const single = attempt(() => {
                  averageDealSize([dealOf(alone, index)])
                  return new Map()
                })
                if (!single.ok) codes.add(single.code)
              })
              expect(sql.ok, engine.name).toBe(false)
              if (!sql.ok) expect([...codes], engine.name).toContain(sql.code)
            }
            await engine.query(`DROP TABLE ${table}`)
          }
        },
      ),
      { numRuns: 40 },
    )
  }, 300_000)
})
