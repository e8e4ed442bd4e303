import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { QUANTILE_METHODS, type QuantileMethod, quantile } from '../../src/core/quantile.js'
import { quantileSql } from '../../src/sql/index.js'
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
  readonly value: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'value', type: 'double' as const, values: rows.map((row) => row.value) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

const plain = (values: readonly (number | null)[], segment: string | null = null): Row[] =>
  values.map((value) => ({ value, segment, at: new Date(0) }))

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

describe('quantileSql', () => {
  it('matches the documented example', () => {
    const query = quantileSql({
      dialect: 'duckdb',
      from: 'tickets',
      columns: { value: 'hours' },
      quantile: 0.9,
    })
    // 1..10, linear: h = (10 − 1) · 0.9 = 8.1 (0-based) → 9 + 0.1 · (10 − 9) = 9.1 (R type 7).
    const [row] = query.finish([
      {
        cx_n: 10,
        cx_count: 10,
        cx_base: 8,
        cx_v0: 8,
        cx_v1: 9,
        cx_v2: 10,
        cx_v3: 0,
        cx_badValue: 0,
      },
    ])
    expect(row?.result).toBe(9.1)
  })

  it('gives R types 7 and 6 and the nearest rank on 1..10 per group, on DuckDB and Postgres', async () => {
    // R: quantile(1:10, 0.9, type = 7) = 9.1; type = 6: (10 + 1) · 0.9 = 9.9 → 9.9;
    // nearest rank ⌈0.9 · 10⌉ = 9th value = 9. Group b = {5}: every method 5, except type 6,
    // which needs p in [1/2, 1/2] for N = 1 → null (p = 0.9 is outside).
    const data = [...plain([3, 1, 4, 10, 5, 9, 2, 6, 8, 7], 'a'), ...plain([5], 'b')]
    const expected: Record<QuantileMethod, [number, number | null]> = {
      linear: [9.1, 5],
      'nearest-rank': [9, 5],
      exclusive: [9.9, null],
    }
    for (const engine of engines) {
      await engine.load('hand_q', columnsOf(data))
      for (const method of QUANTILE_METHODS) {
        const query = quantileSql({
          dialect: engine.name,
          from: 'hand_q',
          columns: { value: 'value' },
          groupBy: ['segment'],
          quantile: 0.9,
          method,
        })
        const rows = query.finish(await engine.query(query.sql))
        expect(rows.map((row) => [row.group?.segment, row.result, row.n])).toEqual([
          ['a', (expected[method] as [number, number | null])[0], 10],
          ['b', (expected[method] as [number, number | null])[1], 1],
        ])
      }
    }
  })

  it("uses ranks, not Postgres' percentile_disc, which misses the nearest rank of p = 0.07 over 100 values", async () => {
    // ⌈0.07 · 100⌉ = 7: the 7th of 1..100 is 7. In doubles 0.07 · 100 = 7.000000000000001,
    // and Postgres' percentile_disc takes ceil(p · N) = 8 (shown on the engine below).
    const data = plain(Array.from({ length: 100 }, (_, index) => index + 1))
    const postgres = engines.find((engine) => engine.name === 'postgres') as Engine
    await postgres.load('disc_q', columnsOf(data))
    const [disc] = await postgres.query(
      'SELECT percentile_disc(0.07) WITHIN GROUP (ORDER BY value) AS v FROM disc_q',
    )
    expect(disc?.v).toBe(8)
    for (const engine of engines) {
      await engine.load('disc_q', columnsOf(data))
      const query = quantileSql({
        dialect: engine.name,
        from: 'disc_q',
        columns: { value: 'value' },
        quantile: 0.07,
        method: 'nearest-rank',
      })
      expect(query.finish(await engine.query(query.sql))[0]?.result).toBe(7)
    }
  })

  it('refuses NULL, NaN-free bad values and bad options', async () => {
    for (const engine of engines) {
      await engine.load('bad_q', columnsOf(plain([1, null, 3])))
      const query = quantileSql({
        dialect: engine.name,
        from: 'bad_q',
        columns: { value: 'value' },
        quantile: 0.5,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'NOT_FINITE', {
        path: [0, 'cx_badValue'],
        metric: 'quantileSql',
      })
    }
    const base = { dialect: 'duckdb', from: 't', columns: { value: 'v' } } as const
    const metric = 'quantileSql'
    for (const bad of [-0.1, 1.5, Number.NaN, '0.5', undefined]) {
      expectMetricError(() => quantileSql({ ...base, quantile: bad as number }), 'INVALID_OPTION', {
        path: ['quantile'],
        metric,
      })
    }
    expectMetricError(
      () => quantileSql({ ...base, quantile: 0.5, method: 'type-9' as never }),
      'INVALID_OPTION',
      { path: ['method'], metric },
    )
    expectMetricError(
      () => quantileSql({ ...base, quantile: 0.5, p: 0.5 } as never),
      'INVALID_OPTION',
      { path: ['p'], metric },
    )
    expectMetricError(
      () => quantileSql({ ...base, columns: { value: 'v"; drop table t; --' }, quantile: 0.5 }),
      'INVALID_OPTION',
      { path: ['columns', 'value'], metric },
    )
  })

  it('refuses rows whose order statistics do not hold the quantile', () => {
    const query = quantileSql({
      dialect: 'postgres',
      from: 't',
      columns: { value: 'v' },
      quantile: 0.5,
    })
    // 10 values, linear median at 0-based 4.5 needs ranks 5 and 6; a window from rank 8 lacks them.
    expectMetricError(
      () =>
        query.finish([
          {
            cx_n: 10,
            cx_count: 10,
            cx_base: 8,
            cx_v0: 8,
            cx_v1: 9,
            cx_v2: 10,
            cx_v3: 0,
            cx_badValue: 0,
          },
        ]),
      'INVALID_RECORD',
      { path: [0, 'cx_base'], metric: 'quantileSql' },
    )
  })

  it('equals quantile per group and period on generated tables (ties, NULLs, DST, one row)', async () => {
    let run = 0
    const value = fc.oneof(
      { weight: 200, arbitrary: fc.integer({ min: -5, max: 20 }) },
      { weight: 200, arbitrary: fc.integer({ min: -20_000, max: 20_000 }).map((k) => k / 1024) },
      { weight: 1, arbitrary: fc.constant(null) },
    )
    const probability = fc.oneof(
      fc.constantFrom(0, 0.07, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99, 1),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ value, segment: segments, at: instants }), { maxLength: 40 }),
        fc.option(periodChoices, { freq: 4 }),
        fc.boolean(),
        probability,
        fc.constantFrom(...QUANTILE_METHODS),
        async (rows, periodOrNull, grouped, p, method) => {
          const period: PeriodChoice | undefined = periodOrNull ?? undefined
          const table = `gen_q_${run++}`
          const js = attempt(() => {
            const map = new Map<string, unknown>()
            for (const cell of groupMetric(rows, collect, {
              value: (r: Row) => r,
              ...(grouped ? { by: (r: Row) => r.segment } : {}),
              ...(period === undefined ? {} : { period: { date: (r: Row) => r.at, ...period } }),
            })) {
              if (cell.n === 0) continue
              map.set(`${cell.group}|${cell.period?.label ?? ''}`, {
                result: quantile(
                  cell.result.map((r) => r.value as number),
                  p,
                  { method },
                ),
                n: cell.n,
                start: cell.period?.start.getTime(),
              })
            }
            return map
          })
          for (const engine of engines) {
            await engine.load(table, columnsOf(rows))
            const query = quantileSql({
              dialect: engine.name,
              from: table,
              columns: { value: 'value' },
              quantile: p,
              method,
              ...(grouped ? { groupBy: ['segment'] } : {}),
              ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
            })
            const raw = await engine.query(query.sql)
            const sql = attempt(() => {
              const map = new Map<string, unknown>()
              for (const cell of query.finish(raw)) {
                const group = grouped ? (cell.group?.segment ?? null) : null
                map.set(`${group}|${cell.period?.label ?? ''}`, {
                  result: cell.result,
                  n: cell.n,
                  start: cell.period?.start.getTime(),
                })
              }
              return map
            })
            if (js.ok) {
              expect(sql.ok ? 'ok' : sql.code, engine.name).toBe('ok')
              // Bit for bit: the same definition on the same order statistics.
              if (sql.ok) expect(sql.cells).toEqual(js.cells)
            } else {
              expect(sql.ok ? 'ok' : sql.code, engine.name).toBe(js.code)
            }
            await engine.query(`DROP TABLE ${table}`)
          }
        },
      ),
      { numRuns: 60 },
    )
  }, 300_000)
})
