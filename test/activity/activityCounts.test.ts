import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activityCounts } from '../../src/activity/activityCounts.js'
import type { Activity } from '../../src/records/Activity.js'
import { expectMetricError } from '../helpers.js'

const metric = 'activityCounts'

const make = (
  id: string,
  ownerId: string,
  type: string,
  at: string,
  extra: { durationMinutes?: number; accountId?: string } = {},
): Activity => ({ id, ownerId, type, at: new Date(at), ...extra })

/** The ACTIVITY_TYPES counts all zero, for building expected `byType` objects by hand. */
const zero = { call: 0, email: 0, meeting: 0, visit: 0, demo: 0, 'proposal-sent': 0 }

// A hand-built week of two reps (all instants UTC):
//   ana: call 2 Mar, meeting 45 min 2 Mar (acct A), visit without duration 3 Mar (acct A),
//        proposal-sent 31 Mar 23:30 (1 Apr in Berlin), linkedin 1 Apr
//   ben: visit 90 min 10 Mar (acct B), meeting 30 min 15 Apr (acct A), call 20 min 16 Apr
const week: Activity[] = [
  make('1', 'ana', 'call', '2026-03-02T09:00:00Z'),
  make('2', 'ana', 'meeting', '2026-03-02T10:00:00Z', { durationMinutes: 45, accountId: 'A' }),
  make('3', 'ben', 'visit', '2026-03-10T10:00:00Z', { durationMinutes: 90, accountId: 'B' }),
  make('4', 'ana', 'visit', '2026-03-03T10:00:00Z', { accountId: 'A' }),
  make('5', 'ana', 'proposal-sent', '2026-03-31T23:30:00Z'),
  make('6', 'ana', 'linkedin', '2026-04-01T08:00:00Z'),
  make('7', 'ben', 'meeting', '2026-04-15T10:00:00Z', { durationMinutes: 30, accountId: 'A' }),
  make('8', 'ben', 'call', '2026-04-16T10:00:00Z', { durationMinutes: 20 }),
]

describe('activityCounts', () => {
  it('matches the documented example', () => {
    const activity = (id: string, ownerId: string, type: string, durationMinutes?: number) => ({
      id,
      ownerId,
      type,
      at: new Date('2026-03-02T10:00:00Z'),
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    })
    const rows = activityCounts([
      activity('1', 'ana', 'call'),
      activity('2', 'ana', 'meeting', 45),
      activity('3', 'ana', 'visit'),
      activity('4', 'ben', 'proposal-sent'),
    ])
    expect(
      rows.map((row) => [
        row.group,
        row.result.byType.call,
        row.result.customerMinutes,
        row.result.withoutDuration,
      ]),
    ).toEqual([
      ['ana', 1, 45, 1],
      ['ben', 0, 0, 0],
    ])
  })

  it('counts per rep by type, with the customer minutes (hand-counted)', () => {
    // ana: 5 activities — call 1, meeting 1, visit 1, proposal-sent 1, linkedin 1;
    //   customer types meeting + visit = 2 activities, minutes 45, 1 without duration.
    // ben: 3 activities — visit 1, meeting 1, call 1; customer 2, minutes 90 + 30 = 120.
    //   The call's 20 minutes are not customer time under the default types.
    expect(activityCounts(week)).toEqual([
      {
        group: 'ana',
        period: null,
        n: 5,
        result: {
          activities: 5,
          byType: { ...zero, call: 1, meeting: 1, visit: 1, 'proposal-sent': 1, linkedin: 1 },
          customerActivities: 2,
          customerMinutes: 45,
          withoutDuration: 1,
        },
      },
      {
        group: 'ben',
        period: null,
        n: 3,
        result: {
          activities: 3,
          byType: { ...zero, call: 1, meeting: 1, visit: 1 },
          customerActivities: 2,
          customerMinutes: 120,
          withoutDuration: 0,
        },
      },
    ])
  })

  it('keeps the ACTIVITY_TYPES first and other types after, in code-point order', () => {
    const rows = activityCounts([
      make('1', 'ana', 'zoom', '2026-03-02T09:00:00Z'),
      make('2', 'ana', 'Linkedin', '2026-03-02T09:00:00Z'),
      make('3', 'ana', 'call', '2026-03-02T09:00:00Z'),
    ])
    // 'L' (U+004C) sorts before 'z' (U+007A).
    expect(Object.keys(rows[0]?.result.byType ?? {})).toEqual([
      'call',
      'email',
      'meeting',
      'visit',
      'demo',
      'proposal-sent',
      'Linkedin',
      'zoom',
    ])
  })

  it('per account: time with customers by accountId, activities without one in group null', () => {
    // Account A: ana meeting 45 + ana visit (no duration) + ben meeting 30 → 75 min, 1 without.
    // Account B: ben visit 90. null: ana call, proposal, linkedin; ben call → 4 activities.
    const rows = activityCounts(week, { by: (activity) => activity.accountId })
    expect(
      rows.map((row) => [row.group, row.n, row.result.customerMinutes, row.result.withoutDuration]),
    ).toEqual([
      [null, 4, 0, 0],
      ['A', 3, 75, 1],
      ['B', 1, 90, 0],
    ])
  })

  it('per rep and month, in a time zone (Berlin moves the 31 March 23:30 UTC proposal to April)', () => {
    const rows = activityCounts(week, { period: { unit: 'month', timeZone: 'Europe/Berlin' } })
    // ana March: call, meeting, visit = 3; ana April: proposal (01:30 Berlin on 1 April —
    // Berlin is UTC+2 from Sunday 29 March 2026), linkedin = 2.
    // ben March: visit = 1; ben April: meeting, call = 2.
    expect(
      rows.map((row) => [row.group, row.period?.label, row.n, row.result.byType['proposal-sent']]),
    ).toEqual([
      ['ana', '2026-03', 3, 0],
      ['ana', '2026-04', 2, 1],
      ['ben', '2026-03', 1, 0],
      ['ben', '2026-04', 2, 0],
    ])
    // In UTC the proposal stays in March: ana March 4, April 1.
    const utc = activityCounts(week, { period: { unit: 'month' } })
    expect(utc.map((row) => [row.group, row.period?.label, row.n])).toEqual([
      ['ana', '2026-03', 4],
      ['ana', '2026-04', 1],
      ['ben', '2026-03', 1],
      ['ben', '2026-04', 2],
    ])
    expect(utc[0]?.period?.start).toEqual(new Date('2026-03-01T00:00:00Z'))
    expect(utc[0]?.period?.end).toEqual(new Date('2026-04-01T00:00:00Z'))
  })

  it('fills empty periods with zero rows when asked', () => {
    const rows = activityCounts(
      [
        make('1', 'ana', 'call', '2026-01-10T00:00:00Z'),
        make('2', 'ana', 'call', '2026-03-10T00:00:00Z'),
      ],
      { period: { unit: 'month', fill: true } },
    )
    // January 1 call, February none, March 1 call.
    expect(rows.map((row) => [row.period?.label, row.n, row.result.activities])).toEqual([
      ['2026-01', 1, 1],
      ['2026-02', 0, 0],
      ['2026-03', 1, 1],
    ])
    expect(rows[1]?.result.byType).toEqual(zero)
  })

  it('customerTimeTypes chooses which types count as time with customers', () => {
    // With calls and demos: ben's call 20 min counts, ana's call has no duration.
    const rows = activityCounts(week, { customerTimeTypes: ['call', 'demo'], by: () => null })
    // Customer activities: calls 1 and 8 → 2; minutes 20; without duration: call 1.
    expect(rows).toHaveLength(1)
    expect(rows[0]?.group).toBeNull()
    expect(rows[0]?.result.customerActivities).toBe(2)
    expect(rows[0]?.result.customerMinutes).toBe(20)
    expect(rows[0]?.result.withoutDuration).toBe(1)
  })

  it('returns [] for no activities and one row for one activity', () => {
    expect(activityCounts([])).toEqual([])
    const one = activityCounts([
      make('x', 'ana', 'demo', '2026-05-05T00:00:00Z', { durationMinutes: 15 }),
    ])
    expect(one).toEqual([
      {
        group: 'ana',
        period: null,
        n: 1,
        result: {
          activities: 1,
          byType: { ...zero, demo: 1 },
          customerActivities: 0,
          customerMinutes: 0,
          withoutDuration: 0,
        },
      },
    ])
  })

  it("keeps a type named like a prototype key as an own count ('__proto__', 'toString')", () => {
    const rows = activityCounts([
      make('1', 'ana', '__proto__', '2026-03-02T09:00:00Z'),
      make('2', 'ana', 'toString', '2026-03-02T09:00:00Z'),
    ])
    const byType = rows[0]?.result.byType ?? {}
    expect(Object.hasOwn(byType, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(byType, '__proto__')?.value).toBe(1)
    expect(byType.toString).toBe(1)
    expect(Object.getPrototypeOf(byType)).toBe(Object.prototype)
  })

  it('refuses duplicate ids and bad activities with paths', () => {
    const at = '2026-03-02T09:00:00Z'
    expectMetricError(
      () => activityCounts([make('1', 'ana', 'call', at), make('1', 'ben', 'call', at)]),
      'DUPLICATE_ID',
      { metric, path: [1, 'id'] },
    )
    expectMetricError(
      () => activityCounts([make('1', 'ana', 'meeting', at, { durationMinutes: -5 })]),
      'NEGATIVE_VALUE',
      { metric, path: [0, 'durationMinutes'] },
    )
    expectMetricError(
      () => activityCounts([make('1', 'ana', 'meeting', at, { durationMinutes: Number.NaN })]),
      'NOT_FINITE',
      { metric, path: [0, 'durationMinutes'] },
    )
    expectMetricError(
      () =>
        activityCounts([
          { ...make('1', 'ana', 'call', at), durationMinutes: '30' as unknown as number },
        ]),
      'INVALID_RECORD',
      { metric, path: [0, 'durationMinutes'] },
    )
    expectMetricError(
      () => activityCounts([{ ...make('1', 'ana', 'call', at), at: new Date('nope') }]),
      'INVALID_DATE',
      { metric, path: [0, 'at'] },
    )
    expectMetricError(
      () => activityCounts([{ ...make('1', 'ana', 'call', at), type: 3 as unknown as string }]),
      'INVALID_RECORD',
      { metric, path: [0, 'type'] },
    )
    expectMetricError(
      () => activityCounts([{ ...make('1', 'ana', 'call', at), ownerId: 7 as unknown as string }]),
      'INVALID_RECORD',
      { metric, path: [0, 'ownerId'] },
    )
    expectMetricError(() => activityCounts([null as unknown as Activity]), 'INVALID_RECORD', {
      metric,
      path: [0],
    })
    expectMetricError(() => activityCounts({} as unknown as Activity[]), 'VALUE_OUT_OF_RANGE', {
      metric,
      path: [],
    })
  })

  it('refuses bad options with INVALID_OPTION', () => {
    const list = [make('1', 'ana', 'call', '2026-03-02T09:00:00Z')]
    expectMetricError(() => activityCounts(list, 3 as never), 'INVALID_OPTION', {
      metric,
      path: [],
    })
    expectMetricError(() => activityCounts(list, { by: 'ownerId' as never }), 'INVALID_OPTION', {
      metric,
      path: ['by'],
    })
    expectMetricError(
      () => activityCounts(list, { customerTimeTypes: 'meeting' as never }),
      'INVALID_OPTION',
      { metric, path: ['customerTimeTypes'] },
    )
    expectMetricError(
      () => activityCounts(list, { period: { unit: 'day' as never } }),
      'INVALID_OPTION',
      { metric, path: ['period', 'unit'] },
    )
    expectMetricError(
      () => activityCounts(list, { period: { unit: 'month', timeZone: 'Mars/Olympus' } }),
      'INVALID_OPTION',
      { metric, path: ['period', 'timeZone'] },
    )
  })

  it('groups many owners over a long span (more than 4 million cells: the Map path)', () => {
    // 1,000 reps × ~4,500 weeks (2026 to 2112) = 4.5 M group × week cells, more than the flat
    // table's 4,194,304: rep0 has a call on 5 Jan 2026 and one on 5 Jan 2112; every other rep
    // one call on 5 Jan 2026. Hand count: 1,001 rows, rep0's two rows of 1, then 999 rows of 1.
    const list: Activity[] = []
    for (let rep = 0; rep < 1000; rep++) {
      list.push(make(String(rep), `rep${rep}`, 'call', '2026-01-05T12:00:00Z'))
    }
    list.push(make('late', 'rep0', 'call', '2112-01-05T12:00:00Z'))
    const rows = activityCounts(list, { period: { unit: 'week' } })
    expect(rows).toHaveLength(1001)
    expect(
      rows.slice(0, 3).map((row) => [row.group, row.period?.start.toISOString(), row.n]),
    ).toEqual([
      ['rep0', '2026-01-05T00:00:00.000Z', 1],
      ['rep0', '2112-01-04T00:00:00.000Z', 1],
      ['rep1', '2026-01-05T00:00:00.000Z', 1],
    ])
  })

  it('does not change its input', () => {
    const copy = structuredClone(week)
    activityCounts(week, { period: { unit: 'week' } })
    expect(week).toEqual(copy)
  })

  it('row totals add up to the input and do not depend on input order (property)', () => {
    const types = ['call', 'meeting', 'visit', 'other']
    const arbitrary = fc.array(
      fc.record({
        owner: fc.constantFrom('ana', 'ben', 'cy'),
        type: fc.constantFrom(...types),
        day: fc.integer({ min: 0, max: 120 }),
        minutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      }),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(arbitrary, fc.infiniteStream(fc.nat()), (specs, stream) => {
        const activities: Activity[] = specs.map((spec, index) => ({
          id: String(index),
          ownerId: spec.owner,
          type: spec.type,
          at: new Date(Date.UTC(2026, 0, 1) + spec.day * 86_400_000),
          ...(spec.minutes === undefined ? {} : { durationMinutes: spec.minutes }),
        }))
        const shuffled = [...activities]
        for (let index = shuffled.length - 1; index > 0; index--) {
          const other = (stream.next().value as number) % (index + 1)
          ;[shuffled[index], shuffled[other]] = [
            shuffled[other] as Activity,
            shuffled[index] as Activity,
          ]
        }
        const options = { period: { unit: 'month' as const } }
        const rows = activityCounts(activities, options)
        const key = (row: (typeof rows)[number]) => `${row.group}|${row.period?.label}`
        const sorted = (list: typeof rows) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : 1))
        expect(sorted(activityCounts(shuffled, options))).toEqual(sorted(rows))
        let total = 0
        for (const row of rows) {
          total += row.n
          expect(row.result.activities).toBe(row.n)
          let byType = 0
          for (const count of Object.values(row.result.byType)) byType += count
          expect(byType).toBe(row.n)
          expect(row.result.withoutDuration).toBeLessThanOrEqual(row.result.customerActivities)
        }
        expect(total).toBe(activities.length)
      }),
    )
  })

  it('gives the same rows whatever the host time zone (run under TZ=America/Los_Angeles too)', () => {
    // Week of Monday 30 March 2026 in Tokyo (UTC+9): 29 March 16:00 UTC is Monday 01:00 Tokyo.
    const rows = activityCounts([make('1', 'ana', 'call', '2026-03-29T16:00:00Z')], {
      period: { unit: 'week', timeZone: 'Asia/Tokyo' },
    })
    expect(rows[0]?.period?.label).toBe('2026-W14')
    expect(rows[0]?.period?.start).toEqual(new Date('2026-03-29T15:00:00Z'))
  })
})
