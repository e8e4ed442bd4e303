/**
 * revenueMovementsSql on DuckDB and PostgreSQL (PGlite): hand-worked monthly snapshots, the
 * refusals, and generated tables against `revenueRetentionSeries` on the same snapshots (the
 * one-shot function whose rows the twin equals; for weeks, quarters and years each bucket is
 * handed to the series as one synthetic month, in order).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { periodGrid, periodIndex, readPeriodLayout } from '../../src/core/calendarPeriods.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { revenueMovementsAggregator } from '../../src/retention/revenueMovementsAggregator.js'
import { revenueRetentionSeries } from '../../src/retention/revenueRetentionSeries.js'
import { revenueMovementsSql } from '../../src/sql/index.js'
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

interface Snapshot {
  readonly account: string | null
  readonly at: Date | null
  /** A decimal string (≤ 6 places), or null. */
  readonly amount: string | null
  readonly segment: string | null
  readonly currency: string | null
}

const columnsOf = (rows: readonly Snapshot[]): TestColumn[] => [
  { name: 'account', type: 'text', values: rows.map((row) => row.account) },
  { name: 'at', type: 'timestamptz', values: rows.map((row) => row.at) },
  { name: 'amount', type: 'decimal', values: rows.map((row) => row.amount) },
  { name: 'segment', type: 'text', values: rows.map((row) => row.segment) },
  { name: 'currency', type: 'text', values: rows.map((row) => row.currency) },
]

const COLUMNS = { accountId: 'account', amount: 'amount', currency: 'currency' }

/** A comparable copy: Decimals as their strings (JSON), everything else as is. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

function snapshot(
  account: string,
  day: string,
  amount: string,
  segment: string | null = null,
): Snapshot {
  return { account, at: new Date(`${day}T12:00:00Z`), amount, segment, currency: null }
}

/** The hand-worked table: four months, two segments (see the comments in the test). */
const HAND: readonly Snapshot[] = [
  snapshot('a', '2026-01-15', '100', 'x'),
  snapshot('b', '2026-01-15', '50', 'x'),
  snapshot('d', '2026-01-15', '0', 'y'),
  snapshot('e', '2026-01-15', '200', 'x'),
  snapshot('a', '2026-02-15', '120', 'x'),
  snapshot('c', '2026-02-15', '30.5', 'y'),
  snapshot('d', '2026-02-15', '10', 'y'),
  snapshot('e', '2026-02-15', '150', 'y'),
  snapshot('a', '2026-03-15', '90', 'x'),
  snapshot('b', '2026-03-15', '40', 'x'),
  snapshot('c', '2026-03-15', '30.5', 'y'),
  snapshot('d', '2026-03-15', '0', 'y'),
  snapshot('f', '2026-03-10', '20', 'y'),
  snapshot('f', '2026-03-20', '0.000001', 'y'),
  snapshot('a', '2026-04-15', '90', 'x'),
  snapshot('c', '2026-04-15', '45.25', 'y'),
  snapshot('d', '2026-04-15', '5', 'y'),
]

async function run(engine: Engine, table: string, rows: readonly Snapshot[], options: object) {
  await engine.load(table, columnsOf(rows))
  const query = revenueMovementsSql({
    dialect: engine.name,
    from: table,
    columns: COLUMNS,
    period: { column: 'at', unit: 'month' },
    ...options,
  })
  return query.finish(await engine.query(query.sql))
}

describe('revenueMovementsSql', () => {
  it('matches the documented example', () => {
    // January a 100, b 50; February a 120, c 30: S = 150, E = 150, expansion 20, churn 50,
    // new 30; NRR = (150 + 20 − 50) / 150 = 0.8.
    const query = revenueMovementsSql({
      dialect: 'duckdb',
      from: 'billing.mrr',
      columns: { accountId: 'account_id', amount: 'mrr' },
      period: { column: 'snapshot_at', unit: 'month' },
    })
    const [row] = query.finish([
      {
        cx_period: '2026-02-01',
        cx_n: 3,
        cx_startingRevenue: '150.000000',
        cx_endingRevenue: '150.000000',
        cx_new: '30.000000',
        cx_expansion: '20.000000',
        cx_contraction: '0.000000',
        cx_churn: '50.000000',
        cx_reactivation: '0.000000',
        cx_newCount: 1,
        cx_expansionCount: 1,
        cx_contractionCount: 0,
        cx_churnCount: 1,
        cx_reactivationCount: 0,
        cx_unchangedCount: 0,
        cx_startingCustomers: 2,
        cx_endingCustomers: 2,
        cx_currencyLow: null,
        cx_currencyHigh: null,
        cx_missingAccount: 0,
        cx_missingPeriod: 0,
        cx_nullAmount: 0,
        cx_negativeAmount: 0,
        cx_tooPrecise: 0,
        cx_groupConflicts: 0,
        cx_gaps: 0,
      },
    ])
    expect(row?.result.netRevenueRetention).toBe(0.8)
    expect(row?.period?.label).toBe('2026-02')
  })

  it('computes the movements of hand-worked snapshots on DuckDB and Postgres', async () => {
    // Snapshots (segment): Jan a 100 x, b 50 x, d 0 y, e 200 x; Feb a 120 x, c 30.5 y,
    // d 10 y, e 150 y; Mar a 90 x, b 40 x, c 30.5 y, d 0 y, f 20 + 0.000001 y (two rows);
    // Apr a 90 x, c 45.25 y, d 5 y.
    // Feb x: a +20 expansion, b −50 churn (no Feb row), e 200 → 150 contraction 50 (group of
    //   the start, x): S = 350, E = 270, n = 3.
    // Feb y: c new 30.5, d new 10 (its Jan row is 0 and it never paid): S = 0, E = 40.5.
    // Mar x: a contraction 30; b reactivation 40 (paid in Jan): S = 120, E = 130, n = 2.
    // Mar y: c unchanged; d churn 10; e churn 150 (its Feb group, y); f new 20.000001:
    //   S = 30.5 + 10 + 150 = 190.5, E = 30.5 + 20.000001 = 50.500001, n = 4.
    // Apr x: a unchanged, b churn 40: S = 130, E = 90, n = 2.
    // Apr y: c expansion 14.75, d reactivation 5 (paid in Feb), f churn 20.000001:
    //   S = 50.500001, E = 50.25, n = 3.
    for (const engine of engines) {
      const rows = await run(engine, 'hand_movements', HAND, { groupBy: ['segment'] })
      const cells = rows.map((row) => [
        row.group?.segment,
        row.period?.label,
        row.n,
        row.state.startingRevenue,
        row.state.endingRevenue,
        row.state.totals,
      ])
      const zero = { new: '0', expansion: '0', contraction: '0', churn: '0', reactivation: '0' }
      expect(cells, engine.name).toEqual([
        [
          'x',
          '2026-02',
          3,
          '350',
          '270',
          { ...zero, expansion: '20', contraction: '50', churn: '50', unchanged: '0' },
        ],
        [
          'x',
          '2026-03',
          2,
          '120',
          '130',
          { ...zero, contraction: '30', reactivation: '40', unchanged: '0' },
        ],
        ['x', '2026-04', 2, '130', '90', { ...zero, churn: '40', unchanged: '0' }],
        ['y', '2026-02', 2, '0', '40.5', { ...zero, new: '40.5', unchanged: '0' }],
        [
          'y',
          '2026-03',
          4,
          '190.5',
          '50.500001',
          { ...zero, churn: '160', new: '20.000001', unchanged: '0' },
        ],
        [
          'y',
          '2026-04',
          3,
          '50.500001',
          '50.25',
          { ...zero, expansion: '14.75', reactivation: '5', churn: '20.000001', unchanged: '0' },
        ],
      ])
      const marchY = rows[4]
      expect(marchY?.state.counts).toEqual({
        new: 1,
        expansion: 0,
        contraction: 0,
        churn: 2,
        reactivation: 0,
        unchanged: 1,
      })
      // GRR (350 − 50 − 50) / 350 = 5/7, NRR 270 / 350 = 27/35.
      expect(rows[0]?.result.grossRevenueRetention).toBe(5 / 7)
      expect(rows[0]?.result.netRevenueRetention).toBe(27 / 35)
      // Mar y: GRR 30.5 / 190.5 = 61/381; logos (E − N) / S = (2 − 1) / 3; churn 2/3.
      expect(marchY?.result.grossRevenueRetention).toBe(61 / 381)
      expect(marchY?.result.customerRetentionRate).toBe(1 / 3)
      expect(marchY?.result.customerChurnRate).toBe(2 / 3)
      // Feb y began without revenue: every rate is null.
      expect(rows[3]?.result.netRevenueRetention).toBeNull()
      // And the rows are revenueRetentionSeries's on the same snapshots.
      const series = revenueRetentionSeries(
        HAND.map((row) => ({
          accountId: row.account as string,
          month: row.at as Date,
          amount: row.amount as string,
          segment: row.segment,
        })),
        { by: (row) => row.segment },
      )
      expect(rows.length).toBe(series.length)
      for (const expected of series) {
        const actual = rows.find(
          (row) =>
            row.group?.segment === expected.group && row.period?.label === expected.period?.label,
        )
        expect(plain(actual?.result)).toEqual(plain(expected.result))
        expect(actual?.n).toBe(expected.n)
        expect(actual?.period?.start.getTime()).toBe(expected.period?.start.getTime())
      }
    }
  }, 60_000)

  it('sums the whole table per period without groupBy, and its state merges from the groups', async () => {
    // Feb: S = 350 + 0, E = 270 + 40.5 = 310.5 (x and y of the hand table together).
    for (const engine of engines) {
      const grouped = await run(engine, 'hand_movements_all', HAND, { groupBy: ['segment'] })
      const whole = await run(engine, 'hand_movements_all', HAND, {})
      expect(whole.map((row) => row.group)).toEqual([null, null, null])
      expect(whole[0]?.state.startingRevenue).toBe('350')
      expect(whole[0]?.state.endingRevenue).toBe('310.5')
      const moves = revenueMovementsAggregator()
      for (const row of whole) {
        const parts = grouped.filter((part) => part.period?.label === row.period?.label)
        const merged = parts.reduce(
          (state, part) => moves.merge(state, part.state),
          moves.initial(),
        )
        expect(merged).toEqual(row.state)
        expect(row.n).toBe(parts.reduce((sum, part) => sum + part.n, 0))
      }
    }
  }, 60_000)

  it('buckets snapshots in the period time zone across a daylight-saving change', async () => {
    // 2026-04-01T03:30Z is 31 March 23:30 in New York (EDT, UTC−4) and 1 April in UTC.
    // UTC: Feb a 100, Mar a 100 (unchanged), Apr a 50 (contraction 50).
    // New York: Feb a 100, Mar a 100 + 50 = 150 (the April instant is still March there):
    // expansion 50 in March, and no April at all.
    const rows: Snapshot[] = [
      snapshot('a', '2026-02-15', '100'),
      snapshot('a', '2026-03-15', '100'),
      {
        account: 'a',
        at: new Date('2026-04-01T03:30:00Z'),
        amount: '50',
        segment: null,
        currency: null,
      },
    ]
    for (const engine of engines) {
      const utc = await run(engine, 'dst_movements', rows, {})
      expect(utc.map((row) => [row.period?.label, row.state.totals.expansion])).toEqual([
        ['2026-03', '0'],
        ['2026-04', '0'],
      ])
      expect(utc[0]?.state.counts.unchanged).toBe(1)
      // UTC April holds only the 50 row: 100 → 50 is a contraction of 50.
      expect(utc[1]?.state.totals.contraction).toBe('50')
      const newYork = await run(engine, 'dst_movements', rows, {
        period: { column: 'at', unit: 'month', timeZone: 'America/New_York' },
      })
      expect(newYork.map((row) => [row.period?.label, row.state.totals.expansion])).toEqual([
        ['2026-03', '50'],
      ])
      // March begins at 05:00Z in New York (EST, before the 8 March change).
      expect(newYork[0]?.period?.start.toISOString()).toBe('2026-03-01T05:00:00.000Z')
    }
  }, 60_000)

  it('refuses what revenueRetentionSeries refuses, with the same code', async () => {
    const cases: [string, Snapshot[], string][] = [
      [
        'NULL amount',
        [...HAND, { ...snapshot('g', '2026-02-02', '1'), amount: null }],
        'NOT_FINITE',
      ],
      ['negative amount', [...HAND, snapshot('g', '2026-02-02', '-1')], 'NEGATIVE_VALUE'],
      [
        'NULL account',
        [...HAND, { ...snapshot('g', '2026-02-02', '1'), account: null }],
        'MISSING_VALUE',
      ],
      ['empty account', [...HAND, snapshot('', '2026-02-02', '1')], 'MISSING_VALUE'],
      [
        'NULL instant',
        [...HAND, { ...snapshot('g', '2026-02-02', '1'), at: null }],
        'INVALID_DATE',
      ],
      // A month without any row between the first and the last (May missing).
      ['gap', [...HAND, snapshot('a', '2026-06-15', '90')], 'MISSING_VALUE'],
      [
        'two currencies',
        [
          { ...snapshot('a', '2026-01-15', '1'), currency: 'EUR' },
          { ...snapshot('a', '2026-02-15', '1'), currency: 'USD' },
        ],
        'CURRENCY_MISMATCH',
      ],
    ]
    for (const engine of engines) {
      for (const [label, rows, code] of cases) {
        let sqlCode: string | undefined
        try {
          await run(engine, 'refused_movements', rows, {})
        } catch (error) {
          if (!(error instanceof MetricInputError)) throw error
          sqlCode = error.code
          expect(error.metric).toBe('revenueMovementsSql')
        }
        expect(sqlCode, `${engine.name} ${label}`).toBe(code)
        let seriesCode: string | undefined
        try {
          revenueRetentionSeries(
            rows.map((row) => ({
              accountId: row.account as string,
              month: row.at as Date,
              amount: row.amount as string,
              ...(row.currency === null ? {} : { currency: row.currency }),
            })),
          )
        } catch (error) {
          seriesCode = (error as MetricInputError).code
        }
        expect(seriesCode, `series ${label}`).toBe(code)
      }
    }
  }, 60_000)

  it('refuses an account with two groups in one period, and amounts finer than 6 decimals', async () => {
    for (const engine of engines) {
      await expect(
        run(engine, 'conflict_movements', [...HAND, snapshot('a', '2026-02-20', '1', 'y')], {
          groupBy: ['segment'],
        }),
      ).rejects.toMatchObject({ code: 'INVALID_RECORD', path: [0, 'cx_groupConflicts'] })
      // A DOUBLE amount of 1e-7 would be rounded by DECIMAL(38, 6): refused, not rounded.
      await engine.load('fine_movements', [
        { name: 'account', type: 'text', values: ['a', 'a'] },
        {
          name: 'at',
          type: 'timestamptz',
          values: [new Date('2026-01-15'), new Date('2026-02-15')],
        },
        { name: 'amount', type: 'double', values: [1, 0.0000001] },
      ])
      const query = revenueMovementsSql({
        dialect: engine.name,
        from: 'fine_movements',
        columns: { accountId: 'account', amount: 'amount' },
        period: { column: 'at', unit: 'month' },
      })
      const raw = await engine.query(query.sql)
      expectMetricError(() => query.finish(raw), 'VALUE_OUT_OF_RANGE', {
        path: [0, 'cx_tooPrecise'],
        metric: 'revenueMovementsSql',
      })
    }
  }, 60_000)

  it('gives no rows for fewer than two periods, as revenueRetentionSeries', async () => {
    for (const engine of engines) {
      expect(await run(engine, 'one_month', [snapshot('a', '2026-01-15', '5')], {})).toEqual([])
      expect(await run(engine, 'no_month', [], {})).toEqual([])
    }
  }, 60_000)

  it('requires the period option and refuses hostile names', () => {
    const base = { dialect: 'postgres', from: 'mrr', columns: { accountId: 'a', amount: 'm' } }
    expectMetricError(
      () => revenueMovementsSql(base as Parameters<typeof revenueMovementsSql>[0]),
      'INVALID_OPTION',
      { path: ['period'], metric: 'revenueMovementsSql' },
    )
    const period = { column: 'at', unit: 'month' } as const
    expectMetricError(
      () =>
        revenueMovementsSql({ ...base, dialect: 'postgres', period, from: 'mrr; drop table x' }),
      'INVALID_OPTION',
      { path: ['from'], metric: 'revenueMovementsSql' },
    )
    expectMetricError(
      () =>
        revenueMovementsSql({
          ...base,
          dialect: 'postgres',
          period,
          columns: { accountId: 'a"--', amount: 'm' },
        }),
      'INVALID_OPTION',
      { path: ['columns', 'accountId'], metric: 'revenueMovementsSql' },
    )
    expectMetricError(
      () =>
        revenueMovementsSql({
          ...base,
          dialect: 'postgres',
          period: { column: 'at', unit: 'month', timeZone: "UTC'; --" },
        }),
      'INVALID_OPTION',
      { path: ['period', 'timeZone'], metric: 'revenueMovementsSql' },
    )
  })

  it('equals revenueRetentionSeries on generated snapshot tables', async () => {
    let run = 0
    let compared = 0
    await fc.assert(
      fc.asyncProperty(generatedTable, async ({ rows, period, grouped, withCurrency }) => {
        const table = `gen_movements_${run++}`
        const expected = seriesOutcome(rows, period, grouped)
        for (const engine of engines) {
          await engine.load(table, columnsOf(rows))
          const query = revenueMovementsSql({
            dialect: engine.name,
            from: table,
            columns: withCurrency ? COLUMNS : { accountId: 'account', amount: 'amount' },
            period: { column: 'at', ...period },
            ...(grouped ? { groupBy: ['segment'] } : {}),
          })
          const raw = await engine.query(query.sql)
          let actual: Outcome
          try {
            const finished = query.finish(raw)
            actual = {
              ok: true,
              rows: new Map(
                finished.map((row) => [
                  `${String(row.group?.segment ?? null)}|${row.period?.start.getTime()}`,
                  {
                    result: plain(row.result),
                    n: row.n,
                    start: row.period?.start.getTime(),
                    end: row.period?.end.getTime(),
                  },
                ]),
              ),
            }
          } catch (error) {
            if (!(error instanceof MetricInputError)) throw error
            actual = { ok: false, code: error.code }
          }
          expect(actual, engine.name).toEqual(expected)
          if (actual.ok && actual.rows.size > 0) compared++
          await engine.query(`DROP TABLE ${table}`)
        }
      }),
      { numRuns: 30 },
    )
    // Some generated tables give rows to compare, not only refusals (gaps, defects) or single
    // periods: about a third of the runs do (10–26 of 60 engine runs in 7 trials), so none
    // comparing in 30 runs has a probability of about (2/3)^30 ≈ 5e-6.
    expect(compared).toBeGreaterThan(0)
  }, 300_000)
})

type Outcome =
  | {
      readonly ok: true
      readonly rows: Map<
        string,
        { result: unknown; n: number; start: number | undefined; end: number | undefined }
      >
    }
  | { readonly ok: false; readonly code: string }

/**
 * revenueRetentionSeries on the same rows: months directly (Dates read in the zone); other
 * units as synthetic consecutive months, one per bucket of `periodGrid`, mapped back to the
 * bucket's bounds (rows are keyed by group and period start; `periodGrid` labels weeks by
 * their first day, `groupMetric` by ISO week).
 */
function seriesOutcome(rows: readonly Snapshot[], period: PeriodChoice, grouped: boolean): Outcome {
  try {
    const layout = readPeriodLayout(
      {
        period: period.unit,
        timeZone: period.timeZone,
        weekStartsOn: period.weekStartsOn,
        fiscalYearStartMonth: period.fiscalYearStartMonth,
      },
      'test',
    )
    const times = rows.map((row) => row.at?.getTime() ?? 0)
    const grid =
      rows.length === 0 ? null : periodGrid(Math.min(...times), Math.max(...times), layout)
    const snapshots = rows.map((row, index) => ({
      accountId: row.account as string,
      month:
        period.unit === 'month' || grid === null
          ? (row.at as Date)
          : syntheticMonth(periodIndex(grid.starts, times[index] as number)),
      amount: row.amount as string,
      segment: row.segment,
      ...(row.currency === null ? {} : { currency: row.currency }),
    }))
    const series = revenueRetentionSeries(snapshots, {
      ...(grouped ? { by: (row: (typeof snapshots)[number]) => row.segment } : {}),
      ...(period.unit === 'month' ? { timeZone: period.timeZone } : {}),
    })
    const out = new Map()
    for (const row of series) {
      let start = row.period?.start.getTime()
      let end = row.period?.end.getTime()
      if (period.unit !== 'month' && grid !== null) {
        const [year, month] = (row.period?.label ?? '').split('-').map(Number)
        const bucket = ((year as number) - 2000) * 12 + (month as number) - 1
        start = grid.starts[bucket]
        end = grid.starts[bucket + 1]
      }
      out.set(`${String(row.group)}|${start}`, { result: plain(row.result), n: row.n, start, end })
    }
    return { ok: true, rows: out }
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    return { ok: false, code: error.code }
  }
}

/** Bucket k as the month 2000-01 + k. */
function syntheticMonth(bucket: number): string {
  const month = 2000 * 12 + bucket
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** Amounts: 0 often, whole numbers, and decimals of up to 6 places. */
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

/** Spans of three or four periods per unit (so that few tables miss a period), around the
 * 2026 New York DST changes. */
const SPANS = {
  week: [Date.parse('2026-02-27T00:00:00Z'), Date.parse('2026-03-16T00:00:00Z')],
  month: [Date.parse('2026-02-15T00:00:00Z'), Date.parse('2026-04-10T00:00:00Z')],
  quarter: [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-08-15T00:00:00Z')],
  year: [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2027-02-01T00:00:00Z')],
} as const

const generatedTable = periodChoices.chain((period) => {
  const [low, high] = SPANS[period.unit]
  const edges = EDGE_INSTANTS.map((text) => Date.parse(text)).filter(
    (time) => time >= low && time <= high,
  )
  const instant = fc.oneof(
    fc.integer({ min: low, max: high }).map((time) => new Date(Math.floor(time / 1000) * 1000)),
    ...(edges.length === 0 ? [] : [fc.constantFrom(...edges).map((time) => new Date(time))]),
  )
  // Each account has one segment per period parity, so accounts move between groups.
  const segmentOf = fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd'),
    fc.tuple(fc.constantFrom('x', 'y', null), fc.constantFrom('x', 'y', null)),
  )
  return fc
    .record({
      period: fc.constant(period),
      grouped: fc.boolean(),
      withCurrency: fc.boolean(),
      defect: fc.constantFrom('none', 'none', 'none', 'none', 'null', 'negative', 'currency'),
      segments: segmentOf,
      raw: fc.array(
        fc.record({ account: fc.constantFrom('a', 'b', 'c', 'd'), at: instant, amount: amounts }),
        { maxLength: 40 },
      ),
    })
    .map(({ period, grouped, withCurrency, defect, segments, raw }) => {
      const layout = readPeriodLayout(
        {
          period: period.unit,
          timeZone: period.timeZone,
          weekStartsOn: period.weekStartsOn,
          fiscalYearStartMonth: period.fiscalYearStartMonth,
        },
        'test',
      )
      const grid = periodGrid(low, high, layout)
      const rows: Snapshot[] = raw.map((row) => {
        const parity = periodIndex(grid.starts, row.at.getTime()) % 2
        const pair = segments[row.account] ?? ['x', 'y']
        return { ...row, segment: pair[parity] ?? null, currency: withCurrency ? 'EUR' : null }
      })
      if (rows.length > 0 && defect !== 'none') {
        const first = rows[0] as Snapshot
        rows[0] =
          defect === 'null'
            ? { ...first, amount: null }
            : defect === 'negative'
              ? { ...first, amount: '-1.5' }
              : { ...first, currency: withCurrency ? 'USD' : null }
      }
      return { rows, period, grouped, withCurrency }
    })
})
