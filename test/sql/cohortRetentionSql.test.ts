/**
 * cohortRetentionSql on DuckDB and PostgreSQL (PGlite): a hand-worked triangle (customer and
 * revenue bases, asOf), the refusals, and generated activity tables against
 * `cohortRetention` on each group's rows.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { type CohortBasis, cohortRetention } from '../../src/retention/cohortRetention.js'
import { cohortRetentionSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { EDGE_INSTANTS, type Engine, openEngines, type TestColumn } from './engines.js'
import { type PeriodChoice, periodChoices } from './harness.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

interface Activity {
  readonly customer: string | null
  readonly at: Date | null
  readonly revenue: string | null
  readonly segment: string | null
  readonly currency: string | null
}

const columnsOf = (rows: readonly Activity[]): TestColumn[] => [
  { name: 'customer', type: 'text', values: rows.map((row) => row.customer) },
  { name: 'at', type: 'timestamptz', values: rows.map((row) => row.at) },
  { name: 'revenue', type: 'decimal', values: rows.map((row) => row.revenue) },
  { name: 'segment', type: 'text', values: rows.map((row) => row.segment) },
  { name: 'currency', type: 'text', values: rows.map((row) => row.currency) },
]

const COLUMNS = { customerId: 'customer', revenue: 'revenue', currency: 'currency' }

/** The refusal columns of a finish row that refuses nothing. */
const CHECKS = {
  cx_missingCustomer: 0,
  cx_missingAt: 0,
  cx_afterAsOf: 0,
  cx_missingRevenue: 0,
  cx_negativeRevenue: 0,
  cx_tooPrecise: 0,
  cx_currencyLow: null,
  cx_currencyHigh: null,
}
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

function activity(customer: string, day: string, revenue: string): Activity {
  return { customer, at: new Date(`${day}T12:00:00Z`), revenue, segment: null, currency: null }
}

/** Jan cohort a, b; Feb cohort c; Mar cohort d (see the hand-worked test). */
const HAND: readonly Activity[] = [
  activity('a', '2026-01-05', '10'),
  activity('a', '2026-01-25', '5'),
  activity('b', '2026-01-20', '20'),
  activity('a', '2026-02-03', '12'),
  activity('c', '2026-02-10', '7.5'),
  activity('a', '2026-03-10', '0'),
  activity('c', '2026-03-01', '2.25'),
  activity('d', '2026-03-15', '1'),
]

/** The records cohortRetention reads for the same rows. */
function records(rows: readonly Activity[]) {
  return rows.map((row) => ({
    customerId: row.customer as string,
    at: row.at as Date,
    ...(row.revenue === null ? {} : { revenue: row.revenue }),
    ...(row.currency === null ? {} : { currency: row.currency }),
  }))
}

async function run(engine: Engine, table: string, rows: readonly Activity[], options: object) {
  await engine.load(table, columnsOf(rows))
  const query = cohortRetentionSql({
    dialect: engine.name,
    from: table,
    columns: COLUMNS,
    period: { column: 'at', unit: 'month' },
    ...options,
  })
  return query.finish(await engine.query(query.sql))
}

describe('cohortRetentionSql', () => {
  it('matches the documented example', () => {
    // January cohort: 2 customers, 1 active in February (0.5); February cohort: 1 customer,
    // not yet observable at age 1.
    const query = cohortRetentionSql({
      dialect: 'postgres',
      from: 'app.logins',
      columns: { customerId: 'customer_id' },
      period: { column: 'logged_in_at', unit: 'month' },
    })
    const [table] = query.finish([
      {
        cx_cohort: '2026-01-01',
        cx_period: '2026-01-01',
        cx_n: 2,
        cx_active: 2,
        cx_revenue: '0',
        ...CHECKS,
      },
      {
        cx_cohort: '2026-01-01',
        cx_period: '2026-02-01',
        cx_n: 1,
        cx_active: 1,
        cx_revenue: '0',
        ...CHECKS,
      },
      {
        cx_cohort: '2026-02-01',
        cx_period: '2026-02-01',
        cx_n: 1,
        cx_active: 1,
        cx_revenue: '0',
        ...CHECKS,
      },
    ])
    expect(table?.result.cohorts.map((row) => [row.cohort, row.retention])).toEqual([
      ['2026-01', [1, 0.5]],
      ['2026-02', [1, null]],
    ])
  })

  it('counts a hand-worked triangle of customers on DuckDB and Postgres', async () => {
    // Cohorts: Jan {a, b}, Feb {c}, Mar {d}. a is active in Jan, Feb, Mar; c in Feb, Mar.
    // Jan: [2, 1, 1] of 2 → [1, 0.5, 0.5]; Feb: [1, 1, null] → [1, 1, null]; Mar: [1].
    // Pooled: age 0 (2 + 1 + 1) / 4 = 1; age 1 (1 + 1) / (2 + 1) = 2/3; age 2 1/2.
    for (const engine of engines) {
      const [table, ...others] = await run(engine, 'hand_cohorts', HAND, {})
      expect(others).toEqual([])
      expect(table?.group).toBeNull()
      expect(table?.n).toBe(8)
      expect(table?.result.periods).toEqual(['2026-01', '2026-02', '2026-03'])
      expect(table?.result.cohorts.map((row) => [row.cohort, row.size, row.active])).toEqual([
        ['2026-01', 2, [2, 1, 1]],
        ['2026-02', 1, [1, 1, null]],
        ['2026-03', 1, [1, null, null]],
      ])
      expect(table?.result.cohorts[0]?.retention).toEqual([1, 0.5, 0.5])
      expect(table?.result.pooled).toEqual([
        { age: 0, retention: 1, cohorts: 3 },
        { age: 1, retention: 2 / 3, cohorts: 2 },
        { age: 2, retention: 0.5, cohorts: 1 },
      ])
      expect(plain(table?.result)).toEqual(
        plain(cohortRetention(records(HAND), { period: 'month' })),
      )
    }
  }, 60_000)

  it('sums a hand-worked triangle of revenue exactly', async () => {
    // Jan cohort revenue: age 0 10 + 5 + 20 = 35, age 1 12, age 2 0 (a's March row is 0)
    // → [1, 12/35, 0]; Feb: 7.5 then 2.25 → [1, 0.3, null]; Mar: 1 → [1, null, null].
    // Pooled: age 1 (12 + 2.25) / (35 + 7.5) = 14.25 / 42.5 = 57/170; age 2 0 / 35 = 0.
    for (const engine of engines) {
      const [table] = await run(engine, 'hand_cohort_revenue', HAND, { basis: 'amount' })
      const rows = table?.result.cohorts ?? []
      expect(rows.map((row) => row.revenue?.map((value) => value?.toString() ?? null))).toEqual([
        ['35', '12', '0'],
        ['7.5', '2.25', null],
        ['1', null, null],
      ])
      expect(rows.map((row) => row.retention)).toEqual([
        [1, 12 / 35, 0],
        [1, 0.3, null],
        [1, null, null],
      ])
      expect(table?.result.pooled.map((cell) => cell.retention)).toEqual([1, 57 / 170, 0])
      expect(table?.result.basis).toBe('amount')
      expect(plain(table?.result)).toEqual(
        plain(cohortRetention(records(HAND), { period: 'month', basis: 'revenue' })),
      )
    }
  }, 60_000)

  it('extends the table to asOf and refuses activity after it', async () => {
    // asOf 2026-04-15: a fourth period April; every cohort is observable there with 0 active.
    const asOf = new Date('2026-04-15T00:00:00Z')
    for (const engine of engines) {
      const [table] = await run(engine, 'as_of_cohorts', HAND, { asOf })
      expect(table?.result.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
      expect(table?.result.cohorts[2]?.active).toEqual([1, 0, null, null])
      expect(plain(table?.result)).toEqual(
        plain(cohortRetention(records(HAND), { period: 'month', asOf })),
      )
      // d's activity on 15 March 12:00 is after an asOf of 15 March 00:00.
      await expect(
        run(engine, 'as_of_cohorts', HAND, { asOf: new Date('2026-03-15T00:00:00Z') }),
      ).rejects.toMatchObject({ code: 'VALUE_OUT_OF_RANGE', path: [0, 'cx_afterAsOf'] })
    }
  }, 60_000)

  it('refuses what cohortRetention refuses, with the same code', async () => {
    const cases: [string, Activity[], CohortBasis, string][] = [
      [
        'NULL customer',
        [...HAND, { ...activity('x', '2026-02-02', '1'), customer: null }],
        'count',
        'MISSING_VALUE',
      ],
      ['empty customer', [...HAND, activity('', '2026-02-02', '1')], 'count', 'MISSING_VALUE'],
      [
        'NULL instant',
        [...HAND, { ...activity('x', '2026-02-02', '1'), at: null }],
        'count',
        'INVALID_DATE',
      ],
      [
        'NULL revenue',
        [...HAND, { ...activity('x', '2026-02-02', '1'), revenue: null }],
        'amount',
        'MISSING_VALUE',
      ],
      [
        'negative revenue',
        [...HAND, activity('x', '2026-02-02', '-1')],
        'amount',
        'NEGATIVE_VALUE',
      ],
      [
        'two currencies',
        [
          { ...activity('x', '2026-01-02', '1'), currency: 'EUR' },
          { ...activity('y', '2026-02-02', '1'), currency: 'USD' },
        ],
        'amount',
        'CURRENCY_MISMATCH',
      ],
      // Only one row, and it is refused: the placeholder row still carries the refusal.
      [
        'one refused row',
        [{ ...activity('x', '2026-02-02', '1'), customer: null }],
        'count',
        'MISSING_VALUE',
      ],
    ]
    for (const engine of engines) {
      for (const [label, rows, basis, code] of cases) {
        let sqlCode: string | undefined
        try {
          await run(engine, 'refused_cohorts', rows, { basis })
        } catch (error) {
          if (!(error instanceof MetricInputError)) throw error
          sqlCode = error.code
          expect(error.metric).toBe('cohortRetentionSql')
        }
        expect(sqlCode, `${engine.name} ${label}`).toBe(code)
        let tsCode: string | undefined
        try {
          cohortRetention(records(rows), { basis })
        } catch (error) {
          tsCode = (error as MetricInputError).code
        }
        expect(tsCode, `cohortRetention ${label}`).toBe(code)
      }
    }
  }, 60_000)

  it('refuses tampered cells in finish, naming the query row (checks now in cohortRetentionFromCounts)', () => {
    const query = cohortRetentionSql({
      dialect: 'duckdb',
      from: 'logins',
      columns: { customerId: 'c' },
      period: { column: 'at', unit: 'month' },
    })
    const cell = (cohort: string, period: string, active: number) => ({
      cx_cohort: cohort,
      cx_period: period,
      cx_n: active,
      cx_active: active,
      cx_revenue: '0',
      ...CHECKS,
    })
    const metric = 'cohortRetentionSql'
    expectMetricError(
      () =>
        query.finish([cell('2026-01-01', '2026-01-01', 2), cell('2026-02-01', '2026-01-01', 1)]),
      'END_BEFORE_START',
      { path: [1, 'cx_period'], metric },
    )
    expectMetricError(
      () =>
        query.finish([cell('2026-01-01', '2026-01-01', 2), cell('2026-01-01', '2026-02-03', 1)]),
      'INVALID_RECORD',
      { path: [1, 'cx_period'], metric },
    )
    expectMetricError(
      () =>
        query.finish([cell('2026-01-01', '2026-01-01', 2), cell('2026-01-01', '2026-02-01', 3)]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'cx_active'], metric },
    )
  })

  it('gives no tables for an empty table', async () => {
    for (const engine of engines) {
      expect(await run(engine, 'empty_cohorts', [], {})).toEqual([])
    }
  }, 60_000)

  it('refuses bad options and hostile names', () => {
    const base = { dialect: 'duckdb', from: 'logins', columns: { customerId: 'c' } } as const
    const period = { column: 'at', unit: 'month' } as const
    expectMetricError(
      () => cohortRetentionSql(base as unknown as Parameters<typeof cohortRetentionSql>[0]),
      'INVALID_OPTION',
      { path: ['period'], metric: 'cohortRetentionSql' },
    )
    expectMetricError(
      () => cohortRetentionSql({ ...base, period, basis: 'amount' }),
      'INVALID_OPTION',
      { path: ['columns', 'revenue'], metric: 'cohortRetentionSql' },
    )
    expectMetricError(
      () => cohortRetentionSql({ ...base, period, basis: 'money' as CohortBasis }),
      'INVALID_OPTION',
      { path: ['basis'], metric: 'cohortRetentionSql' },
    )
    expectMetricError(
      () => cohortRetentionSql({ ...base, period, asOf: new Date(Number.NaN) }),
      'INVALID_DATE',
      { path: ['asOf'], metric: 'cohortRetentionSql' },
    )
    expectMetricError(
      () => cohortRetentionSql({ ...base, period: { column: 'at;', unit: 'month' } }),
      'INVALID_OPTION',
      { path: ['period', 'column'], metric: 'cohortRetentionSql' },
    )
    expectMetricError(
      () => cohortRetentionSql({ ...base, period, columns: { customerId: "c' OR 1=1" } }),
      'INVALID_OPTION',
      { path: ['columns', 'customerId'], metric: 'cohortRetentionSql' },
    )
  })

  it('equals cohortRetention on the rows of each group of generated tables', async () => {
    let count = 0
    let compared = 0
    await fc.assert(
      fc.asyncProperty(generatedTable, async ({ rows, period, grouped, basis, asOf }) => {
        const table = `gen_cohorts_${count++}`
        const options = {
          period: period.unit,
          timeZone: period.timeZone,
          weekStartsOn: period.weekStartsOn,
          fiscalYearStartMonth: period.fiscalYearStartMonth,
          basis,
          ...(asOf === null ? {} : { asOf }),
        }
        const expected = outcome(() => {
          const keys = grouped ? [...new Set(rows.map((row) => row.segment))] : [null]
          const out = new Map<string, unknown>()
          for (const key of keys) {
            const part = grouped ? rows.filter((row) => row.segment === key) : rows
            out.set(String(key), plain(cohortRetention(records(part), options)))
          }
          // cohortRetention checks all rows of the call; the twin refuses the whole table.
          if (grouped) cohortRetention(records(rows), options)
          return out
        })
        for (const engine of engines) {
          await engine.load(table, columnsOf(rows))
          const query = cohortRetentionSql({
            dialect: engine.name,
            from: table,
            columns: COLUMNS,
            period: { column: 'at', ...period },
            basis,
            ...(asOf === null ? {} : { asOf }),
            ...(grouped ? { groupBy: ['segment'] } : {}),
          })
          const raw = await engine.query(query.sql)
          const actual = outcome(() => {
            const out = new Map<string, unknown>()
            for (const row of query.finish(raw)) {
              out.set(String(row.group?.segment ?? null), plain(row.result))
            }
            return out
          })
          expect(actual, engine.name).toEqual(
            expected.ok && rows.length === 0 ? { ok: true, value: new Map() } : expected,
          )
          if (actual.ok && actual.value.size > 0) compared++
          await engine.query(`DROP TABLE ${table}`)
        }
      }),
      { numRuns: 30 },
    )
    // Most generated tables give tables to compare (not only refusals or empty input).
    expect(compared).toBeGreaterThan(20)
  }, 300_000)
})

type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string }

function outcome<T>(action: () => T): Outcome<T> {
  try {
    return { ok: true, value: action() }
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    return { ok: false, code: error.code }
  }
}

const amounts: fc.Arbitrary<string> = fc.oneof(
  fc.constant('0'),
  fc.integer({ min: 1, max: 5000 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 6 }))
    .map(([units, scale]) => {
      const text = String(units).padStart(scale + 1, '0')
      return scale === 0 ? text : `${text.slice(0, text.length - scale)}.${text.slice(-scale)}`
    }),
)

/** Spans of a few periods per unit, around the 2026 New York DST changes. */
const SPANS = {
  week: [Date.parse('2026-02-20T00:00:00Z'), Date.parse('2026-03-25T00:00:00Z')],
  month: [Date.parse('2026-01-20T00:00:00Z'), Date.parse('2026-05-10T00:00:00Z')],
  quarter: [Date.parse('2025-11-01T00:00:00Z'), Date.parse('2026-11-15T00:00:00Z')],
  year: [Date.parse('2024-06-01T00:00:00Z'), Date.parse('2027-03-01T00:00:00Z')],
} as const

const generatedTable = periodChoices.chain((period: PeriodChoice) => {
  const [low, high] = SPANS[period.unit]
  const edges = EDGE_INSTANTS.map((text) => Date.parse(text)).filter(
    (time) => time >= low && time <= high,
  )
  const instant = fc.oneof(
    fc.integer({ min: low, max: high }).map((time) => new Date(Math.floor(time / 1000) * 1000)),
    ...(edges.length === 0 ? [] : [fc.constantFrom(...edges).map((time) => new Date(time))]),
  )
  return fc
    .record({
      grouped: fc.boolean(),
      basis: fc.constantFrom<CohortBasis>('count', 'amount', 'logo', 'revenue'),
      asOf: fc.option(fc.constant(new Date(high + 40 * 86_400_000)), { freq: 3 }),
      defect: fc.constantFrom('none', 'none', 'none', 'none', 'null', 'negative', 'currency'),
      raw: fc.array(
        fc.record({
          customer: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
          at: instant,
          revenue: amounts,
          segment: fc.constantFrom('x', 'y', null),
        }),
        { maxLength: 40 },
      ),
    })
    .map(({ grouped, basis, asOf, defect, raw }) => {
      const rows: Activity[] = raw.map((row) => ({ ...row, currency: 'EUR' }))
      if (rows.length > 0 && defect !== 'none') {
        const first = rows[0] as Activity
        rows[0] =
          defect === 'null'
            ? { ...first, revenue: null }
            : defect === 'negative'
              ? { ...first, revenue: '-1.5' }
              : { ...first, currency: 'USD' }
      }
      return { rows, period, grouped, basis, asOf }
    })
})
