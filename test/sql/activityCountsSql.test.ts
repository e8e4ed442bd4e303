import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activityCountsAggregator } from '../../src/activity/activityCountsAggregator.js'
import type { Activity } from '../../src/records/Activity.js'
import { activityCountsSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'
import { type Engine, openEngines } from './engines.js'
import { checkGeneratedTables, expectClose, instants, segments } from './harness.js'

let engines: Engine[] = []
beforeAll(async () => {
  engines = await openEngines()
}, 120_000)
afterAll(async () => {
  for (const engine of engines) await engine.close()
})

interface Row {
  readonly type: string | null
  readonly minutes: number | null
  readonly segment: string | null
  readonly at: Date
}

function activityOf(row: Row, index: number): Activity {
  return {
    id: `a${index}`,
    ownerId: 'rep',
    type: row.type as string,
    at: row.at,
    ...(row.minutes === null ? {} : { durationMinutes: row.minutes }),
  }
}

const columnsOf = (rows: readonly Row[]) => [
  { name: 'type', type: 'text' as const, values: rows.map((row) => row.type) },
  { name: 'minutes', type: 'double' as const, values: rows.map((row) => row.minutes) },
  { name: 'segment', type: 'text' as const, values: rows.map((row) => row.segment) },
  { name: 'at', type: 'timestamptz' as const, values: rows.map((row) => row.at) },
]
const COLUMNS = { type: 'type', durationMinutes: 'minutes', at: 'at' }

describe('activityCountsSql', () => {
  it('matches the documented example', () => {
    // Hand: 3 activities; visits are customer time: 2 activities, 30 + 45 = 75 minutes.
    const query = activityCountsSql({
      dialect: 'duckdb',
      from: 'crm.activities',
      columns: { type: 'type', durationMinutes: 'minutes' },
    })
    const [row, more] = query.finish([
      {
        cx_group_0: 'call',
        cx_n: 1,
        cx_minutes: 0,
        cx_withoutDuration: 1,
        cx_missingType: 0,
        cx_negativeDuration: 0,
      },
      {
        cx_group_0: 'visit',
        cx_n: 2,
        cx_minutes: 75,
        cx_withoutDuration: 0,
        cx_missingType: 0,
        cx_negativeDuration: 0,
      },
    ])
    expect(more).toBeUndefined()
    expect(row?.group).toBeNull()
    expect(row?.n).toBe(3)
    expect(row?.state).toEqual({
      activities: 3,
      byType: { call: 1, visit: 2 },
      customerActivities: 2,
      customerMinutes: 75,
      withoutDuration: 0,
    })
  })

  it('never writes customerTimeTypes into the SQL text', () => {
    const query = activityCountsSql({
      dialect: 'postgres',
      from: 'activities',
      columns: COLUMNS,
      customerTimeTypes: ["x'); DROP TABLE activities; --"],
    })
    expect(query.sql).not.toContain('DROP')
    expect(query.sql).not.toContain('meeting')
  })

  it('folds per-type rows on a hand-made table, on DuckDB and Postgres', async () => {
    // Hand, customerTimeTypes ['call']: segment a = call 10, call (no duration), email 3 →
    //   activities 3, byType { call: 2, email: 1 }, customer 2, minutes 10, withoutDuration 1;
    // segment NULL = meeting 20 → activities 1, customer 0 (meeting is not customer time here).
    const at = new Date('2026-03-08T06:00:00Z')
    const rows: Row[] = [
      { type: 'call', minutes: 10, segment: 'a', at },
      { type: 'call', minutes: null, segment: 'a', at },
      { type: 'email', minutes: 3, segment: 'a', at },
      { type: 'meeting', minutes: 20, segment: null, at },
    ]
    for (const engine of engines) {
      await engine.load('hand_activities', columnsOf(rows))
      const query = activityCountsSql({
        dialect: engine.name,
        from: 'hand_activities',
        columns: COLUMNS,
        groupBy: ['segment'],
        customerTimeTypes: ['call'],
      })
      const out = query.finish(await engine.query(query.sql))
      expect(out.map((row) => [row.group, row.n, row.state])).toEqual([
        [
          { segment: 'a' },
          3,
          {
            activities: 3,
            byType: { call: 2, email: 1 },
            customerActivities: 2,
            customerMinutes: 10,
            withoutDuration: 1,
          },
        ],
        [
          { segment: null },
          1,
          {
            activities: 1,
            byType: { meeting: 1 },
            customerActivities: 0,
            customerMinutes: 0,
            withoutDuration: 0,
          },
        ],
      ])
      await engine.query('DROP TABLE hand_activities')
    }
  })

  it('refuses a negative duration and a NULL type', async () => {
    for (const engine of engines) {
      await engine.load(
        'bad_activities',
        columnsOf([{ type: 'call', minutes: -1, segment: null, at: new Date(0) }]),
      )
      const query = activityCountsSql({
        dialect: engine.name,
        from: 'bad_activities',
        columns: COLUMNS,
      })
      const rows = await engine.query(query.sql)
      expectMetricError(() => query.finish(rows), 'NEGATIVE_VALUE', {
        path: [0, 'cx_negativeDuration'],
        metric: 'activityCountsSql',
      })
      await engine.load(
        'bad_types',
        columnsOf([{ type: null, minutes: 1, segment: null, at: new Date(0) }]),
      )
      const typeQuery = activityCountsSql({
        dialect: engine.name,
        from: 'bad_types',
        columns: COLUMNS,
      })
      const typeRows = await engine.query(typeQuery.sql)
      expectMetricError(() => typeQuery.finish(typeRows), 'INVALID_RECORD', {
        path: [0, 'cx_missingType'],
        metric: 'activityCountsSql',
      })
    }
  })

  it('refuses a type that is not text and an unknown option', () => {
    const query = activityCountsSql({ dialect: 'duckdb', from: 't', columns: { type: 'type' } })
    expectMetricError(
      () =>
        query.finish([
          { cx_group_0: 7, cx_n: 1, cx_minutes: 0, cx_withoutDuration: 1, cx_missingType: 0 },
        ]),
      'INVALID_RECORD',
      { path: [0, 'cx_group_0'], metric: 'activityCountsSql' },
    )
    expectMetricError(
      () =>
        activityCountsSql({
          dialect: 'duckdb',
          from: 't',
          columns: { type: 'type' },
          customerTimeTypes: 'visit' as unknown as string[],
        }),
      'INVALID_OPTION',
      { path: ['customerTimeTypes'], metric: 'activityCountsSql' },
    )
  })

  it('equals groupMetric with activityCountsAggregator on generated tables', async () => {
    for (const customerTimeTypes of [undefined, ['call', '__proto__']]) {
      await checkGeneratedTables({
        engines,
        prefix: `gen_activities_${customerTimeTypes === undefined ? 'd' : 'c'}`,
        record: fc.record({
          type: fc.oneof(
            {
              weight: 300,
              arbitrary: fc.constantFrom('call', 'meeting', 'visit', 'email', '__proto__', 'Visit'),
            },
            { weight: 1, arbitrary: fc.constant(null) },
          ),
          minutes: fc.oneof(
            { weight: 200, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
            { weight: 100, arbitrary: fc.integer({ min: 0, max: 600 }) },
            { weight: 80, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.constant(-2) },
          ),
          segment: segments,
          at: instants,
        }),
        columnsOf,
        query: (dialect, table, grouped, period) =>
          activityCountsSql({
            dialect,
            from: table,
            columns: COLUMNS,
            ...(customerTimeTypes === undefined ? {} : { customerTimeTypes }),
            ...(grouped ? { groupBy: ['segment'] } : {}),
            ...(period === undefined ? {} : { period: { column: 'at', ...period } }),
          }),
        aggregator: () =>
          activityCountsAggregator(
            customerTimeTypes === undefined ? undefined : { customerTimeTypes },
          ),
        value: (row) => activityOf(row, 0),
        equal: (sql, js) => expectClose(sql, js),
        equalState: (sql, js) => expectClose(sql, js),
        numRuns: 15,
      })
    }
  }, 240_000)
})
