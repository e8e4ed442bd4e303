/**
 * Shared checks of the SQL twin tests: run a twin's query on an engine, finish the rows, and
 * compare with `groupMetric` over the same records with the same aggregator (the one-shot
 * path), cell by cell — results, `n`, periods — and the state with the JS aggregator's state.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import type { CalendarPeriod } from '../../src/core/calendarPeriods.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import type { SqlQuery, SqlResultRow } from '../../src/sql/index.js'
import { EDGE_INSTANTS, type Engine, type TestColumn } from './engines.js'

export interface PeriodChoice {
  readonly unit: CalendarPeriod
  readonly timeZone: string
  readonly weekStartsOn: number
  readonly fiscalYearStartMonth: number
}

/** Outcome of one side: rows keyed by `group|label`, or the error code. */
type Outcome =
  | {
      readonly ok: true
      readonly rows: Map<
        string,
        { result: unknown; state: unknown; n: number; start?: number; end?: number }
      >
    }
  | { readonly ok: false; readonly code: string }

function keyOf(group: unknown, label: string | undefined): string {
  return `${group === null || group === undefined ? '∅' : String(group)}|${label ?? ''}`
}

/** Runs `action`, returning the error code of a MetricInputError (anything else fails the test). */
function outcome(action: () => Outcome): Outcome {
  try {
    return action()
  } catch (error) {
    if (error instanceof MetricInputError) return { ok: false, code: error.code }
    throw error
  }
}

/**
 * The twin's rows (from `engine`) against `groupMetric` on `records`: equal results for every
 * cell (via `equal`), equal `n`, periods and states; or the same error code on both sides.
 * Also checks the rows come in the documented order (group NULLs last, then period).
 */
export async function expectTwinMatchesGroupMetric<R, State, Output>(options: {
  readonly engine: Engine
  readonly query: SqlQuery<State, Output>
  readonly records: readonly R[]
  readonly aggregator: Aggregator<State, unknown, Output>
  readonly value: (record: R) => unknown
  readonly by?: (record: R) => string | null
  readonly groupColumn?: string
  readonly date?: (record: R) => Date
  readonly period?: PeriodChoice
  readonly equal?: (sql: Output, js: Output) => void
  readonly equalState?: (sql: State, js: State) => void
}): Promise<SqlResultRow<State, Output>[] | null> {
  const { engine, query, records, aggregator } = options
  const raw = await options.engine.query(query.sql)
  let finished: SqlResultRow<State, Output>[] | null = null
  const sql = outcome(() => {
    finished = query.finish(raw)
    const rows = new Map()
    for (const row of finished) {
      const group = options.groupColumn === undefined ? null : row.group?.[options.groupColumn]
      rows.set(keyOf(group, row.period?.label), {
        result: row.result,
        state: row.state,
        n: row.n,
        start: row.period?.start.getTime(),
        end: row.period?.end.getTime(),
      })
    }
    return { ok: true, rows }
  })
  const stateAggregator = { ...aggregator, result: (state: State) => state }
  const periodOption =
    options.period === undefined || options.date === undefined
      ? undefined
      : { date: options.date, ...options.period }
  const js = outcome(() => {
    const results = groupMetric(records, aggregator, {
      value: options.value,
      ...(options.by === undefined ? {} : { by: options.by }),
      ...(periodOption === undefined ? {} : { period: periodOption }),
    })
    const states = groupMetric(records, stateAggregator as Aggregator<State, unknown, State>, {
      value: options.value,
      ...(options.by === undefined ? {} : { by: options.by }),
      ...(periodOption === undefined ? {} : { period: periodOption }),
    })
    const rows = new Map()
    results.forEach((row, index) => {
      rows.set(keyOf(row.group, row.period?.label), {
        result: row.result,
        state: states[index]?.result,
        n: row.n,
        start: row.period?.start.getTime(),
        end: row.period?.end.getTime(),
      })
    })
    return { ok: true, rows }
  })
  if (!js.ok || !sql.ok) {
    expect(
      sql.ok,
      `${engine.name}: SQL ${sql.ok ? 'ok' : sql.code}, JS ${js.ok ? 'ok' : js.code}`,
    ).toBe(js.ok)
    if (!js.ok && !sql.ok) {
      // A table has no row order: with several refused rows the query reports one of them,
      // not necessarily the first the JavaScript fold meets. The SQL code must be the JS
      // code of the whole input or of one of its records alone.
      const codes = new Set<string>([js.code])
      for (const record of records) {
        const alone = outcome(() => {
          groupMetric([record], aggregator, { value: options.value })
          return { ok: true, rows: new Map() }
        })
        if (!alone.ok) codes.add(alone.code)
      }
      expect([...codes], engine.name).toContain(sql.code)
    }
    return null
  }
  expect([...sql.rows.keys()].sort()).toEqual([...js.rows.keys()].sort())
  for (const [key, expected] of js.rows) {
    const actual = sql.rows.get(key)
    expect(actual?.n, key).toBe(expected.n)
    expect(actual?.start, key).toBe(expected.start)
    expect(actual?.end, key).toBe(expected.end)
    if (options.equalState === undefined) expect(actual?.state, key).toEqual(expected.state)
    else options.equalState(actual?.state as State, expected.state as State)
    if (options.equal === undefined) expect(actual?.result, key).toEqual(expected.result)
    else options.equal(actual?.result as Output, expected.result as Output)
  }
  // Documented order: by group (NULL last), then by period start.
  const list = finished as unknown as SqlResultRow<State, Output>[]
  for (let index = 1; index < list.length; index++) {
    const previous = list[index - 1] as SqlResultRow<State, Output>
    const current = list[index] as SqlResultRow<State, Output>
    const a =
      options.groupColumn === undefined
        ? null
        : (previous.group?.[options.groupColumn] as string | null)
    const b =
      options.groupColumn === undefined
        ? null
        : (current.group?.[options.groupColumn] as string | null)
    if (a === b) {
      expect((previous.period?.start.getTime() ?? 0) < (current.period?.start.getTime() ?? 1)).toBe(
        true,
      )
    } else {
      expect(a !== null && (b === null || a < b)).toBe(true)
    }
  }
  return list
}

/** Period layouts of the generated tests: every unit, both zones, every week start and fiscal start. */
export const periodChoices: fc.Arbitrary<PeriodChoice> = fc.record({
  unit: fc.constantFrom('week', 'month', 'quarter', 'year') as fc.Arbitrary<CalendarPeriod>,
  timeZone: fc.constantFrom('UTC', 'America/New_York'),
  weekStartsOn: fc.integer({ min: 0, max: 6 }),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
})

/** Instants: the DST and period edges of {@link EDGE_INSTANTS}, or any second of 2024–2027. */
export const instants: fc.Arbitrary<Date> = fc.oneof(
  fc.constantFrom(...EDGE_INSTANTS).map((text) => new Date(text)),
  fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) })
    .map((time) => new Date(Math.floor(time / 1000) * 1000)),
)

/** A group value: three segments or NULL. */
export const segments: fc.Arbitrary<string | null> = fc.constantFrom('a', 'b', 'c', null)

/**
 * The generated-table property of a twin: for each generated table (records, a period
 * layout, grouped or not), on every engine, the twin equals `groupMetric`.
 */
export async function checkGeneratedTables<
  R extends { readonly segment: string | null; readonly at: Date },
  State,
  Output,
>(options: {
  readonly engines: readonly Engine[]
  readonly prefix: string
  readonly record: fc.Arbitrary<R>
  readonly columnsOf: (records: readonly R[]) => TestColumn[]
  readonly query: (
    dialect: Engine['name'],
    table: string,
    grouped: boolean,
    period: PeriodChoice | undefined,
  ) => SqlQuery<State, Output>
  readonly aggregator: () => Aggregator<State, unknown, Output>
  readonly value: (record: R) => unknown
  readonly equal?: (sql: Output, js: Output) => void
  readonly equalState?: (sql: State, js: State) => void
  readonly numRuns?: number
}): Promise<void> {
  let run = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(options.record, { maxLength: 40 }),
      fc.option(periodChoices, { freq: 4 }),
      fc.boolean(),
      async (records, periodOrNull, grouped) => {
        const period = periodOrNull ?? undefined
        const table = `${options.prefix}_${run++}`
        for (const engine of options.engines) {
          await engine.load(table, options.columnsOf(records))
          await expectTwinMatchesGroupMetric({
            engine,
            query: options.query(engine.name, table, grouped, period),
            records,
            aggregator: options.aggregator(),
            value: options.value,
            ...(grouped ? { by: (record: R) => record.segment, groupColumn: 'segment' } : {}),
            ...(period === undefined ? {} : { date: (record: R) => record.at, period }),
            ...(options.equal === undefined ? {} : { equal: options.equal }),
            ...(options.equalState === undefined ? {} : { equalState: options.equalState }),
          })
          await engine.query(`DROP TABLE ${table}`)
        }
      },
    ),
    { numRuns: options.numRuns ?? 25 },
  )
}

/**
 * Every number of `actual` within 1e-12 relative of the same field of `expected` (absolute
 * 1e-12 near 0), everything else equal: float sums added in another order.
 */
export function expectClose(actual: unknown, expected: unknown, where = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-12 * Math.max(1, Math.abs(expected))
    expect(Math.abs(actual - expected) <= tolerance, `${where}: ${actual} vs ${expected}`).toBe(
      true,
    )
    return
  }
  if (
    typeof expected === 'object' &&
    expected !== null &&
    typeof actual === 'object' &&
    actual !== null
  ) {
    expect(Object.keys(actual).sort(), where).toEqual(Object.keys(expected).sort())
    for (const key of Object.keys(expected)) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${where}.${key}`,
      )
    }
    return
  }
  expect(actual, where).toEqual(expected)
}
