import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { kaplanMeierSql } from '../../src/sql/index.js'
import { kaplanMeier } from '../../src/survival/kaplanMeier.js'
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
  readonly duration: number | null
  readonly event: number | null
  readonly entry: number | null
  readonly segment: string | null
  readonly at: Date
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'duration', type: 'double' as const, values: rows.map((row) => row.duration) },
  { name: 'event', type: 'integer' as const, values: rows.map((row) => row.event) },
  { name: 'entry', type: 'double' as const, values: rows.map((row) => row.entry) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]

const row = (duration: number | null, event: number | null, entry: number | null = null): Row => ({
  duration,
  event,
  entry,
  segment: null,
  at: new Date(0),
})

/** Collects a cell's rows, so that `kaplanMeier` (not an aggregator) can run per cell. */
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

const oneShot = (rows: readonly Row[], withEntry: boolean, method: 'log' | 'log-log' | 'plain') =>
  kaplanMeier(
    {
      durations: rows.map((r) => r.duration as number),
      events: rows.map((r) => r.event as number),
      ...(withEntry ? { entries: rows.map((r) => r.entry as number) } : {}),
    },
    { method },
  )

describe('kaplanMeierSql', () => {
  it('matches the documented example', () => {
    const query = kaplanMeierSql({
      dialect: 'duckdb',
      from: 'customers',
      columns: { duration: 'months', event: 'churned' },
    })
    // Four subjects, one churn at each of months 1–4: S = 3/4, 2/4, 1/4, 0; S = 0.5 exactly
    // at 2, so the median is the midpoint (2 + 3) / 2 = 2.5 (R's rule).
    const checks = { cx_badDuration: 0, cx_negativeDuration: 0, cx_badEvent: 0 }
    const rows = [1, 2, 3, 4].map((month) => ({
      cx_time: month,
      cx_events: 1,
      cx_censored: 0,
      ...checks,
    }))
    const [curve] = query.finish(rows)
    expect(curve?.result.steps.map((step) => step.survival)).toEqual([0.75, 0.5, 0.25, 0])
    expect(curve?.result.median).toBe(2.5)
  })

  it("returns the counts per time and R's curve for aml's Maintained group, on DuckDB and Postgres", async () => {
    // aml Maintained (R survival): 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+.
    // R summary(survfit): survival 0.909 0.818 0.716 0.614 0.491 0.368 0.184; median 31.
    const data = [
      [9, 1],
      [13, 1],
      [13, 0],
      [18, 1],
      [23, 1],
      [28, 0],
      [31, 1],
      [34, 1],
      [45, 0],
      [48, 1],
      [161, 0],
    ].map(([d, e]) => row(d as number, e as number))
    for (const engine of engines) {
      await engine.load('hand_km', columnsOf(data))
      for (const event of ['event', { raw: '"event" = 1' }] as const) {
        const query = kaplanMeierSql({
          dialect: engine.name,
          from: 'hand_km',
          columns: { duration: 'duration', event },
        })
        const [curve, extra] = query.finish(await engine.query(query.sql))
        expect(extra).toBeUndefined()
        expect(curve?.state).toEqual({
          times: [9, 13, 18, 23, 28, 31, 34, 45, 48, 161],
          events: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0],
          censored: [0, 1, 0, 0, 1, 0, 0, 1, 0, 1],
        })
        expect(curve?.n).toBe(11)
        const r = [0.909, 0.818, 0.716, 0.614, 0.491, 0.368, 0.184]
        curve?.result.steps.forEach((step, index) => {
          expect(step.survival).toBeCloseTo(r[index] as number, 3)
        })
        expect(curve?.result.median).toBe(31)
      }
    }
  })

  it('counts late entries per time (hand-worked), on DuckDB and Postgres', async () => {
    // (entry, duration, event): (0, 2, 1), (0, 4, 0), (1, 3, 1), (2, 5, 1).
    // At risk: t=2 → 3 (subjects 1–3), t=3 → 3 (2, 3, 4), t=5 → 1: S = 2/3, 4/9, 0.
    const data = [row(2, 1, 0), row(4, 0, 0), row(3, 1, 1), row(5, 1, 2)]
    for (const engine of engines) {
      await engine.load('hand_km_entry', columnsOf(data))
      const query = kaplanMeierSql({
        dialect: engine.name,
        from: 'hand_km_entry',
        columns: { duration: 'duration', event: 'event', entry: 'entry' },
      })
      const [curve] = query.finish(await engine.query(query.sql))
      expect(curve?.state).toEqual({
        times: [0, 1, 2, 3, 4, 5],
        events: [0, 0, 1, 1, 0, 1],
        censored: [0, 0, 0, 0, 1, 0],
        entries: [2, 1, 1, 0, 0, 0],
      })
      expect(curve?.result.steps.map((step) => [step.time, step.atRisk])).toEqual([
        [2, 3],
        [3, 3],
        [5, 1],
      ])
      expect(curve?.result.steps[1]?.survival).toBeCloseTo(4 / 9, 15)
    }
  })

  it('refuses bad durations, events and entries with the codes kaplanMeier uses', async () => {
    const cases: [Row, string, string][] = [
      [row(null, 1), 'NOT_FINITE', 'cx_badDuration'],
      [row(-1, 1), 'NEGATIVE_VALUE', 'cx_negativeDuration'],
      [row(1, 2), 'VALUE_OUT_OF_RANGE', 'cx_badEvent'],
      [row(1, null), 'VALUE_OUT_OF_RANGE', 'cx_badEvent'],
      [row(1, 1, null), 'NOT_FINITE', 'cx_badEntry'],
      [row(1, 1, -2), 'NEGATIVE_VALUE', 'cx_negativeEntry'],
      [row(1, 1, 1), 'END_BEFORE_START', 'cx_entryNotBefore'],
    ]
    for (const engine of engines) {
      for (const [bad, code, column] of cases) {
        await engine.load('bad_km', columnsOf([row(3, 1, 0), bad]))
        const query = kaplanMeierSql({
          dialect: engine.name,
          from: 'bad_km',
          columns: { duration: 'duration', event: 'event', entry: 'entry' },
        })
        const rows = await engine.query(query.sql)
        expectMetricError(() => query.finish(rows), code as never, {
          metric: 'kaplanMeierSql',
        })
        try {
          query.finish(rows)
        } catch (error) {
          expect((error as MetricInputError).path?.[1]).toBe(column)
        }
        // The same refusal from the one-shot function.
        expectMetricError(() => oneShot([bad], true, 'log'), code as never, {
          metric: 'kaplanMeier',
        })
      }
    }
  })

  it('reads event flags of any numeric or BOOLEAN column exactly, and refuses fractions (not rounded)', async () => {
    // Hand-worked: durations 1, 2, 3 with events 1, 0, 1 → at t = 1, 3 at risk, 1 event:
    // S = 2/3; t = 2 censored; at t = 3, 1 at risk, 1 event: S = 0. Every spelling of the
    // same flags (INTEGER 1/0, DOUBLE 1.0/0.0, DECIMAL 1.000000/0.000000, BOOLEAN) gives it.
    const flags = [1, 0, 1]
    for (const engine of engines) {
      for (const type of ['integer', 'double', 'decimal'] as const) {
        await engine.load('km_types', [
          { name: 'duration', type: 'double', values: [1, 2, 3] },
          { name: 'event', type, values: flags },
        ])
        for (const from of [
          'km_types',
          { raw: '(SELECT duration, CAST(event AS INTEGER) <> 0 AS event FROM km_types) AS t' },
        ]) {
          const query = kaplanMeierSql({
            dialect: engine.name,
            from,
            columns: { duration: 'duration', event: 'event' },
          })
          const [curve] = query.finish(await engine.query(query.sql))
          expect(
            curve?.result.steps.map((step) => [step.time, step.survival]),
            `${engine.name} ${type} ${JSON.stringify(from)}`,
          ).toEqual([
            [1, 2 / 3],
            [3, 0],
          ])
        }
      }
      // 0.7 and 1.4 are not flags: kaplanMeier refuses them, and so does the twin (a cast to
      // INTEGER would round them to 1 and accept them).
      for (const bad of [0.7, 1.4, 0.5]) {
        for (const type of ['double', 'decimal'] as const) {
          await engine.load('km_types', [
            { name: 'duration', type: 'double', values: [1, 2] },
            { name: 'event', type, values: [1, bad] },
          ])
          const query = kaplanMeierSql({
            dialect: engine.name,
            from: 'km_types',
            columns: { duration: 'duration', event: 'event' },
          })
          const rows = await engine.query(query.sql)
          expectMetricError(() => query.finish(rows), 'VALUE_OUT_OF_RANGE', {
            metric: 'kaplanMeierSql',
          })
        }
        expectMetricError(
          () => oneShot([row(1, 1), row(2, bad)], false, 'log'),
          'VALUE_OUT_OF_RANGE',
          {
            metric: 'kaplanMeier',
          },
        )
      }
    }
  })

  it('refuses rows that are not its query', () => {
    const query = kaplanMeierSql({
      dialect: 'postgres',
      from: 't',
      columns: { duration: 'd', event: 'e' },
      groupBy: ['segment'],
    })
    const ok = { cx_badDuration: 0, cx_negativeDuration: 0, cx_badEvent: 0 }
    const at = (segment: string, time: number) => ({
      cx_group_0: segment,
      cx_time: time,
      cx_events: 1,
      cx_censored: 0,
      ...ok,
    })
    expect(query.finish([at('a', 1), at('a', 2), at('b', 1)]).map((r) => r.group)).toEqual([
      { segment: 'a' },
      { segment: 'b' },
    ])
    const metric = 'kaplanMeierSql'
    expectMetricError(() => query.finish([at('a', 2), at('a', 1)]), 'INVALID_RECORD', {
      path: [1, 'cx_time'],
      metric,
    })
    expectMetricError(() => query.finish([at('a', 1), at('b', 1), at('a', 2)]), 'INVALID_RECORD', {
      path: [2],
      metric,
    })
    expectMetricError(() => query.finish([{ ...at('a', 1), cx_events: 1.5 }]), 'INVALID_RECORD', {
      path: [0, 'cx_events'],
      metric,
    })
    expectMetricError(() => query.finish([{ ...at('a', 1), extra: 1 }]), 'INVALID_RECORD', {
      path: [0, 'extra'],
      metric,
    })
    expectMetricError(() => query.finish('rows' as never), 'VALUE_OUT_OF_RANGE', { metric })
    expectMetricError(
      () =>
        kaplanMeierSql({
          dialect: 'duckdb',
          from: 't',
          columns: { duration: 'd', event: 'e' },
          method: 'x' as never,
        }),
      'INVALID_OPTION',
      { path: ['method'], metric },
    )
    expectMetricError(
      () =>
        kaplanMeierSql({ dialect: 'duckdb', from: 't', columns: { duration: 'd;', event: 'e' } }),
      'INVALID_OPTION',
      { path: ['columns', 'duration'], metric },
    )
  })

  it('equals kaplanMeier per group and period on generated tables (ties, NULLs, late entry, DST)', async () => {
    let run = 0
    const record = fc.record({
      duration: fc.oneof(
        { weight: 300, arbitrary: fc.integer({ min: 1, max: 24 }).map((value) => value / 2) },
        // k / 1024: fine, distinct times whose decimal text the test loader's literals
        // carry exactly (a 17-digit literal is read through DECIMAL by DuckDB and can round).
        { weight: 100, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((k) => k / 1024) },
        { weight: 1, arbitrary: fc.constantFrom(null, -1, 0) },
      ),
      event: fc.oneof(
        { weight: 400, arbitrary: fc.constantFrom(0, 1) },
        { weight: 1, arbitrary: fc.constantFrom(null, 2) },
      ),
      lag: fc.integer({ min: 1, max: 6 }),
      segment: segments,
      at: instants,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 40 }),
        fc.option(periodChoices, { freq: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('log', 'log-log', 'plain') as fc.Arbitrary<'log' | 'log-log' | 'plain'>,
        async (generated, periodOrNull, grouped, withEntry, method) => {
          const period: PeriodChoice | undefined = periodOrNull ?? undefined
          const rows: Row[] = generated.map((g) => ({
            duration: g.duration,
            event: g.event,
            entry: g.duration === null || g.duration <= 0 ? 0 : Math.max(0, g.duration - g.lag / 4),
            segment: g.segment,
            at: g.at,
          }))
          const table = `gen_km_${run++}`
          const js = attempt(() => {
            const cells = groupMetric(rows, collect, {
              value: (r: Row) => r,
              ...(grouped ? { by: (r: Row) => r.segment } : {}),
              ...(period === undefined ? {} : { period: { date: (r: Row) => r.at, ...period } }),
            })
            const map = new Map<string, unknown>()
            // A table with no rows has no group: the query returns no row for it.
            for (const cell of cells) {
              if (cell.n === 0) continue
              map.set(`${cell.group}|${cell.period?.label ?? ''}`, {
                result: oneShot(cell.result, withEntry, method),
                n: cell.n,
                start: cell.period?.start.getTime(),
              })
            }
            return map
          })
          for (const engine of engines) {
            await engine.load(table, columnsOf(rows))
            const query = kaplanMeierSql({
              dialect: engine.name,
              from: table,
              columns: {
                duration: 'duration',
                event: 'event',
                ...(withEntry ? { entry: 'entry' } : {}),
              },
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
            if (!js.ok) {
              // Several refused rows: the query reports one of them; its code must be the
              // one-shot code of one of the records alone.
              const codes = new Set<string>([js.code])
              for (const alone of rows) {
                const single = attempt(() => {
                  oneShot([alone], withEntry, method)
                  return new Map()
                })
                if (!single.ok) codes.add(single.code)
              }
              expect(sql.ok, engine.name).toBe(false)
              if (!sql.ok) expect([...codes], engine.name).toContain(sql.code)
            } else {
              expect(sql.ok ? 'ok' : sql.code, engine.name).toBe('ok')
              if (sql.ok) expect(sql.cells).toEqual(js.cells)
            }
            await engine.query(`DROP TABLE ${table}`)
          }
        },
      ),
      { numRuns: 40 },
    )
  }, 300_000)
})
