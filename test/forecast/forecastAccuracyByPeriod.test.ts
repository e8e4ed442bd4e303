import { describe, expect, it } from 'vitest'
import type { ForecastSubmission } from '../../src/forecast/ForecastSubmission.js'
import { forecastAccuracyByPeriod } from '../../src/forecast/forecastAccuracyByPeriod.js'
import { expectMetricError } from '../helpers.js'

const q1 = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-03-31') }
const q2 = { periodStart: new Date('2026-04-01'), periodEnd: new Date('2026-06-30') }
const call = (
  ownerId: string,
  period: typeof q1,
  amount: number,
  submittedAt: string,
  category: ForecastSubmission['category'] = 'commit',
) => ({
  ownerId,
  ...period,
  category,
  amount,
  submittedAt: new Date(submittedAt),
})
const booking = (ownerId: string, at: string, amount: number) => ({
  ownerId,
  at: new Date(at),
  amount,
})

describe('forecastAccuracyByPeriod', () => {
  const submissions = [
    call('ana', q1, 100, '2026-01-15T00:00:00Z'),
    call('ana', q1, 130, '2026-03-25T00:00:00Z'),
    call('ana', q1, 999, '2026-01-20T00:00:00Z', 'best-case'),
    call('ana', q2, 200, '2026-04-10T00:00:00Z'),
    call('ben', q1, 50, '2026-02-01T00:00:00Z'),
  ]
  const actuals = [
    booking('ana', '2026-02-10T12:00:00Z', 80),
    booking('ana', '2026-03-31T23:00:00Z', 40),
    booking('ana', '2026-05-05T00:00:00Z', 180),
    booking('ben', '2026-03-01T00:00:00Z', 60),
    booking('cara', '2026-02-01T00:00:00Z', 30),
  ]

  it('judges the latest commit call made by the deadline, against bookings dated in the period', () => {
    const { rows, groups } = forecastAccuracyByPeriod(submissions, actuals, { leadTimeDays: 14 })
    // Q1 deadline: 1 April − 14 days = 18 March; ana's 25 March call is too late.
    expect(
      rows.map((row) => [row.group, row.forecast?.toString() ?? null, row.actual.toString()]),
    ).toEqual([
      ['ana', '100', '120'],
      ['ana', '200', '180'],
      ['ben', '50', '60'],
      ['cara', null, '30'],
    ])
    const ana = groups.find((group) => group.group === 'ana')!
    // WAPE (20 + 20) / 300 → accuracy 0.8666…; bias (−20 + 20) / 300 = 0; misses of 20 on 120 and 180
    // are outside ±10 % (hit rate 0) and inside ±20 % (hit rate 1)
    expect(ana.accuracy).toBeCloseTo(1 - 40 / 300, 14)
    expect(ana.bias).toBe(0)
    expect(ana.hitRate).toBe(0)
    const wide = forecastAccuracyByPeriod(submissions, actuals, {
      leadTimeDays: 14,
      tolerance: 0.2,
    })
    expect(wide.groups.find((group) => group.group === 'ana')?.hitRate).toBe(1)
    expect(ana.trackingSignal).toEqual([1, 0])
    const cara = groups.find((group) => group.group === 'cara')!
    expect(cara).toMatchObject({ periods: 0, missingForecasts: 1, accuracy: null })
    expect(rows[0]?.accuracy).toBeCloseTo(1 - 20 / 120, 14)
    expect(rows[0]?.bias).toBeCloseTo(-20 / 120, 14)
  })

  it('places bookings by the calendar of the time zone', () => {
    // 2026-03-31T23:00Z is 1 April in Berlin: it leaves Q1 there.
    const { rows } = forecastAccuracyByPeriod(submissions, actuals, { timeZone: 'Europe/Berlin' })
    expect(rows.find((row) => row.group === 'ana')?.actual.toString()).toBe('80')
  })

  it('groups by team or for the whole company', () => {
    const company = forecastAccuracyByPeriod(submissions, actuals, { groupBy: 'none' })
    expect(
      company.rows.map((row) => [row.group, row.forecast?.toString(), row.actual.toString()]),
    ).toEqual([
      ['all', '180', '210'],
      ['all', '200', '180'],
    ])
    const teams = forecastAccuracyByPeriod(submissions, actuals, {
      groupBy: 'team',
      teamOf: (owner) => (owner === 'ben' ? 'east' : 'west'),
    })
    expect(teams.groups.map((group) => group.group)).toEqual(['east', 'west'])
  })

  it('is empty without submissions, and ignores other categories', () => {
    expect(forecastAccuracyByPeriod([], actuals)).toEqual({ rows: [], groups: [] })
    const best = forecastAccuracyByPeriod(submissions, actuals, { category: 'best-case' })
    expect(best.rows.find((row) => row.group === 'ana')?.forecast?.toString()).toBe('999')
  })

  it('refuses bad records and options with the place', () => {
    expectMetricError(
      () => forecastAccuracyByPeriod([{ ...submissions[0]!, ownerId: '' }], []),
      'MISSING_VALUE',
      {
        path: ['submissions', 0, 'ownerId'],
      },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod([{ ...submissions[0]!, category: 'upside' as 'commit' }], []),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['submissions', 0, 'category'],
      },
    )
    expectMetricError(
      () =>
        forecastAccuracyByPeriod([{ ...submissions[0]!, periodEnd: new Date('2025-12-01') }], []),
      'END_BEFORE_START',
      {
        path: ['submissions', 0, 'periodEnd'],
      },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod([{ ...submissions[0]!, amount: -1 }], []),
      'NEGATIVE_VALUE',
      {
        path: ['submissions', 0, 'amount'],
      },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod(submissions, [{ ownerId: 'x', at: new Date('x'), amount: 1 }]),
      'INVALID_DATE',
      {
        path: ['actuals', 0, 'at'],
      },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod([], [], { groupBy: 'team' }),
      'INVALID_OPTION',
      { path: ['teamOf'] },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod([], [], { leadTimeDays: -1 }),
      'NEGATIVE_VALUE',
      { path: ['leadTimeDays'] },
    )
  })

  it('matches the documented example', () => {
    const result = forecastAccuracyByPeriod(
      [
        {
          ownerId: 'ana',
          ...q1,
          category: 'commit',
          amount: 100,
          submittedAt: new Date('2026-02-01'),
        },
        {
          ownerId: 'ana',
          ...q1,
          category: 'commit',
          amount: 150,
          submittedAt: new Date('2026-03-30'),
        },
      ],
      [{ ownerId: 'ana', at: new Date('2026-03-15'), amount: 120 }],
      { leadTimeDays: 30 },
    )
    expect(result.rows[0]?.forecast?.toString()).toBe('100')
    expect(result.groups[0]?.accuracy).toBe(0.8333333333333334)
  })
})
