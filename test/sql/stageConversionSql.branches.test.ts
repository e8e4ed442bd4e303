/**
 * Branches of stageConversionSql's finish not reached by its main test: a row counting more
 * won and open deals than deals, and a Date group value.
 */
import { describe, expect, it } from 'vitest'
import { stageConversionSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'

const make = (extra: Record<string, unknown> = {}) =>
  stageConversionSql({
    dialect: 'duckdb',
    from: 'crm.deals',
    columns: { status: 'status', stage: 'stage' },
    stages: ['A', 'B'],
    ...extra,
  } as never)

describe('stageConversionSql finish', () => {
  it('refuses a row with more won and open deals than deals', () => {
    // 1 won + 1 open of n = 1 deal cannot be.
    expectMetricError(
      () => make().finish([{ cx_group_0: 'A', cx_n: 1, cx_won: 1, cx_open: 1, cx_badStatus: 0 }]),
      'INVALID_RECORD',
      { path: [0], metric: 'stageConversionSql' },
    )
  })

  it('groups by a Date value, one cell per distinct instant', () => {
    // Day 1: one deal lost at A → reached A 1, rate of A 0. Day 2: one won deal that was at
    // B → reached A and B 1, rate of A 1.
    const day1 = new Date('2026-03-01T00:00:00Z')
    const day2 = new Date('2026-03-02T00:00:00Z')
    const rows = make({ groupBy: ['day'] }).finish([
      { cx_group_0: day1, cx_group_1: 'A', cx_n: 1, cx_won: 0, cx_open: 0, cx_badStatus: 0 },
      { cx_group_0: day2, cx_group_1: 'B', cx_n: 1, cx_won: 1, cx_open: 0, cx_badStatus: 0 },
    ])
    expect(rows).toHaveLength(2)
    expect((rows[0]!.group!.day as Date).getTime()).toBe(day1.getTime())
    expect(rows[0]?.result.map((row) => [row.stage, row.reached, row.rate])[0]).toEqual(['A', 1, 0])
    expect((rows[1]!.group!.day as Date).getTime()).toBe(day2.getTime())
    expect(rows[1]?.result.map((row) => [row.stage, row.reached, row.rate])[0]).toEqual(['A', 1, 1])
  })
})
