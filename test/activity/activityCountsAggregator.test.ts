import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activityCounts } from '../../src/activity/activityCounts.js'
import {
  type ActivityCountsAggregatorState,
  activityCountsAggregator,
} from '../../src/activity/activityCountsAggregator.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import type { Activity } from '../../src/records/Activity.js'
import { expectMetricError } from '../helpers.js'

const metric = 'activityCountsAggregator'

const make = (
  id: string,
  ownerId: string,
  type: string,
  day: number,
  minutes?: number,
): Activity => ({
  id,
  ownerId,
  type,
  at: new Date(Date.UTC(2026, 2, day, 10)),
  ...(minutes === undefined ? {} : { durationMinutes: minutes }),
})

describe('activityCountsAggregator', () => {
  it('matches the documented example', () => {
    const counts = activityCountsAggregator()
    const at = new Date('2026-03-02T10:00:00Z')
    const left = counts.add(counts.initial(), {
      id: '1',
      ownerId: 'ana',
      type: 'visit',
      at,
      durationMinutes: 30,
    })
    const right = counts.addAll(counts.initial(), [{ id: '2', ownerId: 'ana', type: 'call', at }])
    const result = counts.result(counts.merge(left, right))
    expect([
      result.activities,
      result.byType.visit,
      result.byType.call,
      result.customerMinutes,
    ]).toEqual([2, 1, 1, 30])
  })

  it('hand-counted state and result', () => {
    const counts = activityCountsAggregator({ customerTimeTypes: ['visit', 'demo'] })
    // visit 30 + demo (no duration) + meeting 60 (not a customer type here) + visit 15.
    const state = counts.addAll(counts.initial(), [
      make('1', 'ana', 'visit', 2, 30),
      make('2', 'ana', 'demo', 2),
      make('3', 'ana', 'meeting', 3, 60),
      make('4', 'ana', 'visit', 4, 15),
    ])
    // activities 4; visit 2, demo 1, meeting 1; customer 3 (2 visits + demo), 45 min, 1 without.
    expect(state).toEqual({
      activities: 4,
      byType: { visit: 2, demo: 1, meeting: 1 },
      customerActivities: 3,
      customerMinutes: 45,
      withoutDuration: 1,
    })
    expect(counts.result(counts.initial())).toEqual({
      activities: 0,
      byType: { call: 0, email: 0, meeting: 0, visit: 0, demo: 0, 'proposal-sent': 0 },
      customerActivities: 0,
      customerMinutes: 0,
      withoutDuration: 0,
    })
  })

  it('gives activityCounts rows through groupMetric (per rep and month)', () => {
    const list = [
      make('1', 'ana', 'visit', 2, 30),
      make('2', 'ben', 'call', 5),
      make('3', 'ana', 'meeting', 31, 20),
      { ...make('4', 'ana', 'call', 1), at: new Date(Date.UTC(2026, 3, 1)) },
    ]
    const period = { unit: 'month' as const, timeZone: 'America/New_York' }
    const viaGroupMetric = groupMetric(list, activityCountsAggregator(), {
      value: (activity) => activity,
      by: (activity) => activity.ownerId,
      period: { ...period, date: (activity) => activity.at },
    })
    expect(viaGroupMetric).toEqual(activityCounts(list, { period }))
    // Hand count: ana March = visit + meeting (50 min), ana April? 1 April 00:00 UTC is
    // 31 March 20:00 in New York → March too: ana March 3 activities; ben March 1.
    expect(
      viaGroupMetric.map((row) => [
        row.group,
        row.period?.label,
        row.n,
        row.result.customerMinutes,
      ]),
    ).toEqual([
      ['ana', '2026-03', 3, 50],
      ['ben', '2026-03', 1, 0],
    ])
  })

  it('merges exactly for any split and JSON round trip (property)', () => {
    const arbitrary = fc.array(
      fc.record({
        type: fc.constantFrom('call', 'meeting', 'visit', 'linkedin', '__proto__'),
        minutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      }),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(arbitrary, fc.nat(), (specs, cut) => {
        const counts = activityCountsAggregator()
        const list = specs.map((spec, index) =>
          make(String(index), 'ana', spec.type, 2, spec.minutes),
        )
        const split = list.length === 0 ? 0 : cut % (list.length + 1)
        const trip = (state: ActivityCountsAggregatorState) =>
          JSON.parse(JSON.stringify(state)) as ActivityCountsAggregatorState
        let left = counts.initial()
        for (const activity of list.slice(0, split)) left = counts.add(left, activity)
        const right = counts.addAll(counts.initial(), list.slice(split))
        const whole = counts.result(counts.addAll(counts.initial(), list))
        expect(counts.result(counts.merge(trip(right), trip(left)))).toEqual(whole)
        expect(counts.result(counts.merge(left, right))).toEqual(whole)
      }),
    )
  })

  it('refuses bad activities, options and states', () => {
    const counts = activityCountsAggregator()
    expectMetricError(
      () => counts.add(counts.initial(), make('1', 'ana', 'visit', 2, -1)),
      'NEGATIVE_VALUE',
      { metric, path: [0, 'durationMinutes'] },
    )
    expectMetricError(
      () =>
        counts.addAll(counts.initial(), [
          make('1', 'ana', 'visit', 2),
          null as unknown as Activity,
        ]),
      'INVALID_RECORD',
      { metric, path: [1] },
    )
    expectMetricError(
      () => activityCountsAggregator({ customerTimeTypes: [1] as never }),
      'INVALID_OPTION',
      {
        metric,
        path: ['customerTimeTypes'],
      },
    )
    expectMetricError(() => activityCountsAggregator(null as never), 'INVALID_OPTION', {
      metric,
      path: [],
    })
    expectMetricError(() => counts.result(null as never), 'INVALID_STATE', { metric, path: [] })
    const state = counts.add(counts.initial(), make('1', 'ana', 'call', 2))
    expectMetricError(() => counts.result({ ...state, activities: 2 }), 'INVALID_STATE', {
      metric,
      path: [],
    })
    expectMetricError(
      () => counts.merge(state, { ...state, customerMinutes: -1 }),
      'NEGATIVE_VALUE',
      { metric, path: ['b', 'customerMinutes'] },
    )
    expectMetricError(
      () => counts.merge(state, { ...state, byType: { call: 0.5 } }),
      'INVALID_STATE',
      { metric, path: ['b', 'byType', 'call'] },
    )
    expectMetricError(() => counts.result({ ...state, extra: 1 } as never), 'INVALID_STATE', {
      metric,
      path: ['extra'],
    })
  })

  it('does not change the states it is given', () => {
    const counts = activityCountsAggregator()
    const state = counts.add(counts.initial(), make('1', 'ana', 'visit', 2, 10))
    const copy = structuredClone(state)
    counts.merge(state, state)
    counts.add(state, make('2', 'ana', 'visit', 3, 5))
    expect(state).toEqual(copy)
  })
})
