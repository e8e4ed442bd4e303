/**
 * Branches of activityCountsSql's finish not reached by its main test: a Date group value and
 * a row whose piece the aggregator refuses, reported at the row.
 */
import { describe, expect, it } from 'vitest'
import { activityCountsSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'

const make = (extra: Record<string, unknown> = {}) =>
  activityCountsSql({
    dialect: 'duckdb',
    from: 'crm.activities',
    columns: { type: 'type', durationMinutes: 'minutes' },
    ...extra,
  } as never)
const counts = { cx_missingType: 0, cx_negativeDuration: 0 }

describe('activityCountsSql finish', () => {
  it('groups by a Date value', () => {
    // Two calls on day 1 and one on day 2: a cell per day with 2 and 1 activities.
    const day1 = new Date('2026-03-01T00:00:00Z')
    const day2 = new Date('2026-03-02T00:00:00Z')
    const rows = make({ groupBy: ['day'] }).finish([
      {
        cx_group_0: day1,
        cx_group_1: 'call',
        cx_n: 2,
        cx_minutes: 0,
        cx_withoutDuration: 2,
        ...counts,
      },
      {
        cx_group_0: day2,
        cx_group_1: 'call',
        cx_n: 1,
        cx_minutes: 0,
        cx_withoutDuration: 1,
        ...counts,
      },
    ])
    expect(rows).toHaveLength(2)
    expect((rows[0]!.group!.day as Date).getTime()).toBe(day1.getTime())
    expect(rows[0]?.result.activities).toBe(2)
    expect((rows[1]!.group!.day as Date).getTime()).toBe(day2.getTime())
    expect(rows[1]?.result.activities).toBe(1)
  })

  it('reports negative customer minutes refused by the aggregator at the row', () => {
    // A visit is customer time; -5 minutes is a negative value in the merged state.
    expectMetricError(
      () =>
        make().finish([
          { cx_group_0: 'visit', cx_n: 1, cx_minutes: -5, cx_withoutDuration: 0, ...counts },
        ]),
      'NEGATIVE_VALUE',
      { path: [0], metric: 'activityCountsSql' },
    )
  })
})
