import { describe, expect, it } from 'vitest'
import { forecastAccuracyByPeriod } from '../../src/forecast/forecastAccuracyByPeriod.js'
import type { ForecastSubmission } from '../../src/records/ForecastSubmission.js'
import { runWithHangGuard } from '../hangGuard.js'
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
    // Tracking signal F − A (over-forecast positive since 0.2): −20 → −1, then +20 → 0.
    expect(ana.trackingSignal).toEqual([-1, 0])
    const cara = groups.find((group) => group.group === 'cara')!
    expect(cara).toMatchObject({ periods: 0, missingForecasts: 1, accuracy: null })
    expect(rows[0]?.accuracy).toBeCloseTo(1 - 20 / 120, 14)
    expect(rows[0]?.bias).toBeCloseTo(-20 / 120, 14)
  })

  it('gives rows in the shape of groupMetric, with the 0.1 fields flat and periodStart/periodEnd as aliases', () => {
    const { rows, groups } = forecastAccuracyByPeriod(submissions, actuals, { leadTimeDays: 14 })
    const ana = rows[0]!
    const { group, period, result, n, periodStart, periodEnd, ...flat } = ana
    expect(flat).toEqual(result)
    expect(group).toBe('ana')
    // Q1 as submitted (1 January – 31 March) in UTC: [1 January, 1 April), a calendar quarter.
    expect([period.start.toISOString(), period.end.toISOString(), period.label]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
      '2026-Q1',
    ])
    expect(periodStart).toBe(q1.periodStart)
    expect(periodEnd).toBe(q1.periodEnd)
    // ana booked 80 and 40 in Q1: two bookings.
    expect(n).toBe(2)
    expect(rows.map((row) => [row.group, row.period.label, row.n])).toEqual([
      ['ana', '2026-Q1', 2],
      ['ana', '2026-Q2', 1],
      ['ben', '2026-Q1', 1],
      ['cara', '2026-Q1', 1],
    ])
    // Group summaries: the same shape with period null; n = the group's bookings.
    expect(groups.map((row) => [row.group, row.period, row.n, row.result.periods])).toEqual([
      ['ana', null, 3, 2],
      ['ben', null, 1, 1],
      ['cara', null, 1, 0],
    ])
    const { group: _, period: __, result: summary, n: ___, ...flatSummary } = groups[0]!
    expect(flatSummary).toEqual(summary)
  })

  it('places the period in the time zone and labels months, quarters, years and other spans', () => {
    const month = { periodStart: new Date('2026-03-01'), periodEnd: new Date('2026-03-31') }
    const year = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-12-31') }
    const weeks = { periodStart: new Date('2026-01-05'), periodEnd: new Date('2026-02-01') }
    const fiscal = { periodStart: new Date('2026-02-01'), periodEnd: new Date('2026-04-30') }
    const { rows } = forecastAccuracyByPeriod(
      [
        call('ana', month, 1, '2026-01-01T00:00:00Z'),
        call('ben', year, 1, '2026-01-01T00:00:00Z'),
        call('cara', weeks, 1, '2026-01-01T00:00:00Z'),
        call('dan', fiscal, 1, '2026-01-01T00:00:00Z'),
      ],
      [],
      { timeZone: 'America/New_York' },
    )
    // Midnight in New York: EST (UTC−5) before 8 March 2026, EDT (UTC−4) after.
    expect(
      rows.map((row) => [
        row.period.label,
        row.period.start.toISOString(),
        row.period.end.toISOString(),
      ]),
    ).toEqual([
      ['2026-03', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
      ['2026', '2026-01-01T05:00:00.000Z', '2027-01-01T05:00:00.000Z'],
      ['2026-01-05/2026-02-01', '2026-01-05T05:00:00.000Z', '2026-02-02T05:00:00.000Z'],
      // Three months not starting in January, April, July or October: not a calendar quarter.
      ['2026-02-01/2026-04-30', '2026-02-01T05:00:00.000Z', '2026-05-01T04:00:00.000Z'],
    ])
  })

  it('gives per owner the rows and summaries of teams of one owner each', () => {
    // The per-owner path shares each owner's sums; the team path merges copies of them.
    for (const leadTimeDays of [0, 14]) {
      const byOwner = forecastAccuracyByPeriod(submissions, actuals, { leadTimeDays })
      const byTeam = forecastAccuracyByPeriod(submissions, actuals, {
        leadTimeDays,
        groupBy: 'team',
        teamOf: (owner) => owner,
      })
      expect(byOwner).toEqual(byTeam)
    }
  })

  it('gives forecast accuracy per team and quarter in one call', () => {
    // Quarterly calls give quarterly rows; teamOf rolls owners up: east = ben, west = ana.
    const { rows } = forecastAccuracyByPeriod(submissions, actuals, {
      groupBy: 'team',
      teamOf: (owner) => (owner === 'ben' ? 'east' : 'west'),
    })
    // By hand (no lead time, so ana's latest Q1 call of 130 is judged): west Q1 = ana 130 + cara
    // none vs ana 120 + cara 30 = 150; west Q2 = 200 vs 180; east Q1 = 50 vs 60.
    expect(
      rows.map((row) => [
        row.group,
        row.period.label,
        row.forecast?.toString(),
        row.actual.toString(),
      ]),
    ).toEqual([
      ['east', '2026-Q1', '50', '60'],
      ['west', '2026-Q1', '130', '150'],
      ['west', '2026-Q2', '200', '180'],
    ])
    // Accuracy of west Q1: 1 − |150 − 130| / 150.
    expect(rows[1]?.accuracy).toBeCloseTo(1 - 20 / 150, 14)
  })

  it('refuses every bad option value with INVALID_OPTION and the option as path', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ tolerance: -0.1 }, 'tolerance'],
      [{ tolerance: Number.NaN }, 'tolerance'],
      [{ tolerance: '0.1' }, 'tolerance'],
      [{ leadTimeDays: Number.POSITIVE_INFINITY }, 'leadTimeDays'],
      [{ leadTimeDays: -3 }, 'leadTimeDays'],
      [{ groupBy: 'region' }, 'groupBy'],
      [{ category: 'upside' }, 'category'],
      [{ timeZone: 42 }, 'timeZone'],
    ]
    for (const [options, option] of bad) {
      expectMetricError(
        () => forecastAccuracyByPeriod(submissions, actuals, options as never),
        'INVALID_OPTION',
        { path: [option], metric: 'forecastAccuracyByPeriod' },
      )
    }
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
      // 0.2: the whole company is the group null (was 'all').
      [null, '180', '210'],
      [null, '200', '180'],
    ])
    expect(company.groups.map((group) => group.group)).toEqual([null])
    const teams = forecastAccuracyByPeriod(submissions, actuals, {
      groupBy: 'team',
      teamOf: (owner) => (owner === 'ben' ? 'east' : 'west'),
    })
    expect(teams.groups.map((group) => group.group)).toEqual(['east', 'west'])
  })

  it('is empty without submissions, and ignores other categories', () => {
    expect(forecastAccuracyByPeriod([], actuals)).toEqual({ rows: [], groups: [], currency: null })
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
      'INVALID_OPTION',
      { path: ['leadTimeDays'], metric: 'forecastAccuracyByPeriod' },
    )
  })

  it('counts a period with a late call and no bookings as a missing forecast, with a row', () => {
    // Q1 deadline with 14 days' lead: 18 March. Dan's only call (25 March) is late and he booked
    // nothing: one missing forecast, no judged period.
    const result = forecastAccuracyByPeriod([call('dan', q1, 70, '2026-03-25T00:00:00Z')], [], {
      leadTimeDays: 14,
    })
    const summary = {
      periods: 0,
      missingForecasts: 1,
      accuracy: null,
      bias: null,
      hitRate: null,
      trackingSignal: [],
    }
    expect(result.groups).toEqual([
      { group: 'dan', period: null, result: summary, n: 0, ...summary },
    ])
    expect(result.rows).toHaveLength(1)
    expect(result.rows[0]).toMatchObject({
      group: 'dan',
      forecast: null,
      submittedAt: null,
      hit: null,
    })
    expect(result.rows[0]?.actual.toString()).toBe('0')
  })

  it('refuses a USD booking and a JPY booking in one call instead of adding them', () => {
    const usd = { ...booking('ana', '2026-02-10T00:00:00Z', 100), currency: 'USD' }
    const jpy = { ...booking('ana', '2026-02-11T00:00:00Z', 100), currency: 'JPY' }
    expectMetricError(
      () => forecastAccuracyByPeriod([call('ana', q1, 100, '2026-01-15T00:00:00Z')], [usd, jpy]),
      'CURRENCY_MISMATCH',
      { path: ['actuals', 1, 'currency'], metric: 'forecastAccuracyByPeriod' },
    )
    // A call in EUR against USD bookings is a mix too.
    expectMetricError(
      () =>
        forecastAccuracyByPeriod(
          [{ ...call('ana', q1, 100, '2026-01-15T00:00:00Z'), currency: 'EUR' }],
          [usd],
        ),
      'CURRENCY_MISMATCH',
      { path: ['actuals', 0, 'currency'] },
    )
    // A record without a currency conflicts with none (SPEC).
    const plain = forecastAccuracyByPeriod(
      [call('ana', q1, 100, '2026-01-15T00:00:00Z')],
      [usd, booking('ana', '2026-02-12T00:00:00Z', 20)],
    )
    expect(plain.currency).toBe('USD')
    expect(plain.rows[0]?.actual.toString()).toBe('120')
  })

  it('converts with explicit rates into the base currency', () => {
    // 100 USD + 10,000 JPY at 0.0067 USD per JPY = 100 + 67 = 167 USD; the call 150 EUR at
    // 1.08 = 162 USD. Accuracy 1 − |167 − 162| / 167 = 162/167.
    const result = forecastAccuracyByPeriod(
      [{ ...call('ana', q1, 150, '2026-01-15T00:00:00Z'), currency: 'EUR' }],
      [
        { ...booking('ana', '2026-02-10T00:00:00Z', 100), currency: 'USD' },
        { ...booking('ana', '2026-02-11T00:00:00Z', 10_000), currency: 'JPY' },
      ],
      { rates: { EUR: '1.08', JPY: '0.0067' }, baseCurrency: 'USD' },
    )
    expect(result.currency).toBe('USD')
    expect(result.rows[0]?.actual.toString()).toBe('167')
    expect(result.rows[0]?.forecast?.toString()).toBe('162')
    expect(result.rows[0]?.accuracy).toBeCloseTo(162 / 167, 14)
    expectMetricError(
      () =>
        forecastAccuracyByPeriod(
          [],
          [{ ...booking('ana', '2026-02-10T00:00:00Z', 1), currency: 'GBP' }],
          { rates: { EUR: '1.08' }, baseCurrency: 'USD' },
        ),
      'MISSING_FX_RATE',
      { path: ['actuals', 0, 'currency'] },
    )
  })

  it('names itself and a path into its own input when a total is beyond double range', () => {
    const error = expectMetricError(
      () =>
        forecastAccuracyByPeriod(
          [call('ana', q1, 1, '2026-01-15T00:00:00Z')],
          [{ ownerId: 'ana', at: new Date('2026-02-01'), amount: '1e400' }],
        ),
      'VALUE_OUT_OF_RANGE',
      { metric: 'forecastAccuracyByPeriod', path: ['actuals'] },
    )
    expect(error.message).toMatch(/^forecastAccuracyByPeriod:/)
  })

  it('books an actual into every overlapping period that contains it (a month inside a quarter)', () => {
    const january = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-01-31') }
    const result = forecastAccuracyByPeriod(
      [
        call('ana', q1, 100, '2026-01-01T00:00:00Z'),
        call('ana', january, 40, '2026-01-01T00:00:00Z'),
      ],
      [booking('ana', '2026-01-20T00:00:00Z', 30), booking('ana', '2026-02-20T00:00:00Z', 50)],
    )
    // January: 30; Q1: 30 + 50 = 80. Rows by period start, then end: January first.
    expect(result.rows.map((row) => [row.forecast?.toString(), row.actual.toString()])).toEqual(
      [
        ['100', '80'],
        ['40', '30'],
      ].reverse(),
    )
  })

  it('refuses a teamOf that throws or returns no team, and an unknown time zone, naming itself', () => {
    const calls = [call('ana', q1, 100, '2026-01-15T00:00:00Z')]
    expectMetricError(
      () =>
        forecastAccuracyByPeriod(calls, [], {
          groupBy: 'team',
          teamOf: () => {
            throw new Error('directory down')
          },
        }),
      'INVALID_RECORD',
      { metric: 'forecastAccuracyByPeriod', message: /directory down/ },
    )
    expectMetricError(
      () =>
        forecastAccuracyByPeriod(calls, [], {
          groupBy: 'team',
          teamOf: () => 5 as unknown as string,
        }),
      'INVALID_OPTION',
      { path: ['teamOf'], metric: 'forecastAccuracyByPeriod' },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod(calls, [], { timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      { path: ['timeZone'], metric: 'forecastAccuracyByPeriod' },
    )
  })

  it('places periods of the years 0–99 in those years, not in 1900–1999', () => {
    // Q1 of the year 50: a booking on 0050-02-01 falls in it; one on 1950-02-01 does not.
    const year50 = {
      periodStart: new Date('0050-01-01T00:00:00Z'),
      periodEnd: new Date('0050-03-31T00:00:00Z'),
    }
    const result = forecastAccuracyByPeriod(
      [
        {
          ownerId: 'ana',
          ...year50,
          category: 'commit',
          amount: 10,
          submittedAt: new Date('0049-12-01T00:00:00Z'),
        },
      ],
      [
        { ownerId: 'ana', at: new Date('0050-02-01T00:00:00Z'), amount: 7 },
        { ownerId: 'ana', at: new Date('1950-02-01T00:00:00Z'), amount: 1000 },
      ],
    )
    expect(result.rows.map((row) => row.actual.toString())).toEqual(['7'])
  })

  it('finishes without a hang with 4,000 owners each on a period of their own (was > 30 s)', () => {
    const submissions: ForecastSubmission[] = []
    const bookings: { ownerId: string; at: Date; amount: number }[] = []
    for (let owner = 0; owner < 4000; owner++) {
      const start = Date.UTC(2020, 0, 1) + owner * 86_400_000
      const period = { periodStart: new Date(start), periodEnd: new Date(start + 6 * 86_400_000) }
      submissions.push({ ...call(`o${owner}`, period, 10, '2019-12-01T00:00:00Z') })
      for (let day = 0; day < 5; day++) {
        bookings.push({ ownerId: `o${owner}`, at: new Date(start + day * 86_400_000), amount: 2 })
      }
    }
    // BENCHMARKS.md, "Issue 12 fixes: before and after": > 30 s and 2.7 GB before, 140–520 ms
    // after (`npx tsx bench/forecastAccuracyByPeriod.ts`). The hang guard (10 s) is the
    // regression check: the old quadratic code runs past it.
    const result = runWithHangGuard(
      () => forecastAccuracyByPeriod(submissions, bookings),
      'forecastAccuracyByPeriod with 4,000 owners on periods of their own',
    )
    // Owner k books 5 × 2 = 10 on days k..k+4, inside its own week: a perfect call.
    const own = result.rows.filter((row) => row.forecast !== null)
    expect(own).toHaveLength(4000)
    expect(own.every((row) => row.actual.toString() === '10' && row.accuracy === 1)).toBe(true)
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
    // 1 January – 31 March is calendar quarter 1.
    expect(result.rows[0]?.period.label).toBe('2026-Q1')
    expect(result.groups[0]?.accuracy).toBe(0.8333333333333334)
  })
})
