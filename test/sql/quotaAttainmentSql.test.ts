import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Booking } from '../../src/quota/Booking.js'
import { quotaAttainmentAggregator } from '../../src/quota/quotaAttainmentAggregator.js'
import { quotaAttainmentSql } from '../../src/sql/index.js'
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
  readonly owner: string | null
  readonly amount: string | null
  readonly currency: string | null
  readonly segment: string | null
  readonly at: Date
}

function bookingOf(row: Row): Booking {
  return {
    ownerId: row.owner as string,
    at: row.at,
    // A NULL amount is a booking without one (MISSING_VALUE), as in the table.
    ...(row.amount === null ? {} : { amount: row.amount }),
    ...(row.currency === null ? {} : { currency: row.currency }),
  } as Booking
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'owner', type: 'text' as const, values: rows.map((row) => row.owner) },
  { name: 'amount', type: 'decimal' as const, values: rows.map((row) => row.amount) },
  { name: 'currency', type: 'text' as const, values: rows.map((row) => row.currency) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { ownerId: 'owner', at: 'at', amount: 'amount', currency: 'currency' }

/** Quotas around the generated instants (2024–2027), a team quota and a DST-edge quarter. */
const PLAN = {
  quotas: [
    { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
    { ownerId: 'ana', periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: 0 },
    { ownerId: 'ben', periodStart: '2025-01-01', periodEnd: '2025-12-31', amount: '5000.5' },
    { ownerId: 'east', periodStart: '2024-03-10', periodEnd: '2027-11-07', amount: 20000 },
  ],
  members: { east: ['ana', 'cy'] },
  timeZone: 'America/New_York',
}

const amountText = fc
  .tuple(
    fc.integer({ min: 0, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, places)}`,
  )

describe('quotaAttainmentSql', () => {
  it('matches the documented example', () => {
    // Hand: 300.25 + 500 = 800.25 booked against Ana's Q1 quota of 1000.
    const query = quotaAttainmentSql({
      dialect: 'duckdb',
      from: 'crm.bookings',
      columns: { ownerId: 'owner_id', at: 'closed_at', amount: 'amount' },
      quotas: [
        { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
      ],
    })
    const checks = {
      cx_missingOwner: 0,
      cx_missingAt: 0,
      cx_missingAmount: 0,
      cx_negativeAmount: 0,
      cx_tooPrecise: 0,
    }
    const [row, more] = query.finish([
      { cx_group_0: 'ana', cx_group_1: '2026-01-10', cx_n: 1, cx_amount: '300.250000', ...checks },
      { cx_group_0: 'ana', cx_group_1: '2026-03-10', cx_n: 1, cx_amount: '500.000000', ...checks },
    ])
    expect(more).toBeUndefined()
    expect(row?.n).toBe(2)
    expect(row?.result.rows[0]?.booked.toString()).toBe('800.25')
    expect(row?.state).toEqual({ booked: ['800.25'], currency: null })
  })

  it('credits bookings by their local date on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand, timeZone America/New_York: 2026-04-01T03:30Z is 31 March 23:30 in New York, so
    // its 100.5 counts in Ana's Q1 (and the east team's); 2026-04-01T05:00Z (1 April 01:00)
    // counts in Q2. Cy's 7 counts only for east. Q1: 100.5 + 0.25 = 100.75 (of 1000 →
    // 0.10075); Q2: 40; ben: 0; east: 100.5 + 0.25 + 40 + 7 = 147.75.
    const rows: Row[] = [
      { owner: 'ana', amount: '100.5', at: new Date('2026-04-01T03:30:00Z') },
      { owner: 'ana', amount: '0.25', at: new Date('2026-01-01T05:00:00Z') },
      { owner: 'ana', amount: '40', at: new Date('2026-04-01T05:00:00Z') },
      { owner: 'cy', amount: '7', at: new Date('2026-02-01T00:00:00Z') },
      { owner: 'dan', amount: '9', at: new Date('2026-02-01T00:00:00Z') },
    ].map((row) => ({ ...row, currency: 'USD', segment: null }))
    for (const engine of engines) {
      await engine.load('hand_quota', columnsOf(rows))
      const query = quotaAttainmentSql({
        dialect: engine.name,
        from: 'hand_quota',
        columns: COLUMNS,
        ...PLAN,
      })
      const [row] = query.finish(await engine.query(query.sql))
      expect(row?.n).toBe(5)
      expect(row?.state).toEqual({ booked: ['100.75', '40', '0', '147.75'], currency: 'USD' })
      expect(row?.result.rows[0]?.attainment).toBe(0.10075)
      await engine.query('DROP TABLE hand_quota')
    }
  })

  it('refuses a NULL owner and a negative amount; never writes quotas into the SQL', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_quota',
        columnsOf([{ owner: null, amount: '1', currency: null, segment: null, at: new Date(0) }]),
      )
      const query = quotaAttainmentSql({
        dialect: engine.name,
        from: 'bad_quota',
        columns: COLUMNS,
        ...PLAN,
      })
      expect(query.sql).not.toContain('ana')
      expect(query.sql).not.toContain('2026')
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'MISSING_VALUE', {
        path: [0, 'cx_missingOwner'],
        metric: 'quotaAttainmentSql',
      })
    }
    // A NULL amount is a booking without an amount: MISSING_VALUE, as quotaAttainment says
    // for a booking with no amount (this table was a generated counterexample when the
    // check said INVALID_RECORD).
    for (const engine of engines) {
      await engine.load(
        'null_amount_quota',
        columnsOf([
          {
            owner: 'ana',
            amount: null,
            currency: 'USD',
            segment: 'a',
            at: new Date('2026-03-08T04:59:59Z'),
          },
        ]),
      )
      const query = quotaAttainmentSql({
        dialect: engine.name,
        from: 'null_amount_quota',
        columns: COLUMNS,
        ...PLAN,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'MISSING_VALUE', {
        path: [0, 'cx_missingAmount'],
        metric: 'quotaAttainmentSql',
      })
    }
    expectMetricError(
      () =>
        quotaAttainmentSql({
          dialect: 'duckdb',
          from: 't',
          columns: COLUMNS,
          ...PLAN,
          timeZone: "UTC'; DROP TABLE t; --",
        }),
      'INVALID_OPTION',
      { path: ['timeZone'], metric: 'quotaAttainmentSql' },
    )
  })

  it('equals groupMetric with quotaAttainmentAggregator on generated tables', async () => {
    await checkGeneratedTables({
      engines,
      prefix: 'gen_quota',
      record: fc.record({
        owner: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('ana', 'ben', 'cy', 'dan') },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        amount: fc.oneof(
          { weight: 300, arbitrary: amountText },
          { weight: 1, arbitrary: fc.constantFrom(null, '-5') },
        ),
        currency: fc.oneof(
          { weight: 300, arbitrary: fc.constantFrom('USD', null) },
          { weight: 1, arbitrary: fc.constant('EUR') },
        ),
        segment: segments,
        at: instants,
      }),
      columnsOf,
      query: (dialect, table, grouped, period) =>
        quotaAttainmentSql({
          dialect,
          from: table,
          columns: COLUMNS,
          ...PLAN,
          ...(grouped ? { groupBy: ['segment'] } : {}),
          ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
        }),
      aggregator: () => quotaAttainmentAggregator(PLAN),
      value: bookingOf,
    })
  }, 240_000)
})
