import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../../src/core/BusinessCalendar.js'
import { addBusinessHours } from '../../src/time/addBusinessHours.js'
import { businessHoursBetween } from '../../src/time/businessHoursBetween.js'
import { leadToCash } from '../../src/time/leadToCash.js'
import { leadToQuoteSummary } from '../../src/time/leadToQuoteSummary.js'
import { leadToQuoteTimes } from '../../src/time/leadToQuoteTimes.js'
import { networkDays } from '../../src/time/networkDays.js'
import { slaAttainment } from '../../src/time/slaAttainment.js'
import { slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
import { timeToQuoteSurvival } from '../../src/time/timeToQuoteSurvival.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'

/** Regression tests for the time defects of issue 12; each failed before its fix. */

const nineToFive = [{ start: '09:00', end: '17:00' }]
const weekdays: BusinessCalendar = {
  timeZone: 'UTC',
  week: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
}
const at = (iso: string) => new Date(iso)

describe('time defects of issue 12', () => {
  it('slaAttainment refuses null among durations instead of reading it as 0', () => {
    expectMetricError(() => slaAttainment([null, 30] as unknown as number[], 24), 'NOT_FINITE', {
      path: [0],
      metric: 'slaAttainment',
    })
    expectMetricError(
      () => slaAttainment([1], 24, { open: ['5'] as unknown as number[] }),
      'NOT_FINITE',
      { path: ['open', 0], metric: 'slaAttainment' },
    )
  })

  it('slaAttainment refuses a value that is not a list (was NaN for {})', () => {
    for (const bad of [{}, null, undefined, 5, 'abc', { length: -1 }, { length: 1.5 }])
      expectMetricError(() => slaAttainment(bad as unknown as number[], 24), 'VALUE_OUT_OF_RANGE', {
        path: [],
        metric: 'slaAttainment',
      })
    expectMetricError(
      () => slaAttainment([1], 24, { open: {} as unknown as number[] }),
      'INVALID_OPTION',
      { path: ['open'], metric: 'slaAttainment' },
    )
  })

  it('slaAttainment reads any ArrayLike<number> without a copy, as SPEC says', () => {
    // 2 ≤ 24 and 5 ≤ 24 are within, 30 is not: 2 of 3.
    expect(slaAttainment({ length: 3, 0: 2, 1: 5, 2: 30 }, 24)).toBe(2 / 3)
    expect(slaAttainment(new Float64Array([2, 5, 30]), 24, { open: { length: 1, 0: 30 } })).toBe(
      2 / 4,
    )
  })

  it('leadToCash refuses a won deal without closedAt, as winRate does', () => {
    expectMetricError(
      () =>
        leadToCash(
          [{ id: 'L', createdAt: at('2026-03-02T00:00:00Z'), opportunityId: 'O' }],
          [],
          [
            {
              id: 'O',
              createdAt: at('2026-03-02T00:00:00Z'),
              amount: 1,
              status: 'won',
              stageHistory: [],
            },
          ],
        ),
      'MISSING_VALUE',
      { path: ['opportunities', 0, 'closedAt'], metric: 'leadToCash' },
    )
  })

  it('networkDays reads years 0–99 as such (0050-01 has 21 working days: numpy busday_count)', () => {
    // January 0050 starts on a Saturday (Python date(50, 1, 1).weekday() == 5): 31 days less
    // five Saturdays and five Sundays = 21 (numpy.busday_count('0050-01-01', '0050-02-01') == 21).
    expect(networkDays('0050-01-01', '0050-01-31')).toBe(21)
    // 0000-01-01 … 0000-02-29 (year 0 is a leap year in the proleptic Gregorian calendar):
    // numpy.busday_count('0000-01-01', '0000-03-01') == 42.
    expect(networkDays('0000-01-01', '0000-02-29')).toBe(42)
    // A Date in year 50 read in a zone, too: 0050-01-03 (Monday) to 0050-01-07 (Friday) is 5.
    const monday = new Date(0)
    monday.setUTCFullYear(50, 0, 3)
    const friday = new Date(0)
    friday.setUTCFullYear(50, 0, 7)
    expect(networkDays(monday, friday, { timeZone: 'Europe/Berlin' })).toBe(5)
  })

  it('businessHoursBetween refuses spans beyond 1,000 years at once instead of hanging', () => {
    // The whole Date range hung before (BENCHMARKS.md, "Issue 12 fixes"): the hang guard is
    // the regression check.
    expectMetricError(
      () =>
        runWithHangGuard(
          () => businessHoursBetween(new Date(-8.64e15), new Date(8.64e15), weekdays),
          'businessHoursBetween over the whole Date range',
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['end'], metric: 'businessHoursBetween' },
    )
    expectMetricError(
      () =>
        runWithHangGuard(
          () =>
            businessHoursBetween(at('2000-01-01T00:00:00Z'), at('0990-01-01T00:00:00Z'), weekdays),
          'businessHoursBetween over 1,010 years',
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['end'], metric: 'businessHoursBetween' },
    )
  })

  it('businessHoursBetween measures 1,000 years without a hang (numpy busday_count × 8 hours)', () => {
    // BENCHMARKS.md, "Issue 12 fixes": 100–114 ms after (100,000 years took 15 s before); the
    // hang guard is the regression check.
    // numpy.busday_count('1000-01-01', '2000-01-01') == 260_888 weekdays, 8 hours each.
    expect(
      runWithHangGuard(
        () =>
          businessHoursBetween(at('2000-01-01T00:00:00Z'), at('1000-01-01T00:00:00Z'), weekdays),
        'businessHoursBetween over 1,000 years (UTC)',
      ),
    ).toBe(-260_888 * 8)
    const berlin = { ...weekdays, timeZone: 'Europe/Berlin' }
    // In Berlin, DST days still hold their 8 working hours (09:00–17:00 never spans a change).
    expect(
      runWithHangGuard(
        () => businessHoursBetween(at('1000-01-01T00:00:00Z'), at('2000-01-01T00:00:00Z'), berlin),
        'businessHoursBetween over 1,000 years (Berlin)',
      ),
    ).toBe(260_888 * 8)
  })

  it('addBusinessHours refuses more hours than 100 years hold at once', () => {
    // Walking 1e300 hours is the hang; the hang guard is the regression check.
    expectMetricError(
      () =>
        runWithHangGuard(
          () => addBusinessHours(at('2026-03-02T09:00:00Z'), 1e300, weekdays),
          'addBusinessHours of 1e300 hours',
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['hours'], metric: 'addBusinessHours' },
    )
  })

  it('addBusinessHours near the end of the Date range refuses at once (offsets sampled outside the Date range made it take 2.9 s)', () => {
    // Measured (notes/timing.md, BENCHMARKS): ~2 ms now, 2.2 s before the fix (commit
    // 81c27dc). The hang guard catches a hang.
    expectMetricError(
      () =>
        runWithHangGuard(
          () => addBusinessHours(new Date(8.64e15 - 3_600_000), 40, weekdays),
          'addBusinessHours an hour before the end of the Date range',
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['hours'], metric: 'addBusinessHours' },
    )
  })

  it('businessHoursBetween at the ends of the Date range is a finite number', () => {
    const end = new Date(8.64e15)
    const hours = businessHoursBetween(new Date(8.64e15 - 7 * 86_400_000), end, {
      ...weekdays,
      timeZone: 'Europe/Berlin',
    })
    // Any 7 consecutive days hold five 8-hour working days: 40 hours.
    expect(hours).toBe(40)
  })

  it('leadToQuoteSummary names itself in errors, not leadToQuoteTimes', () => {
    expectMetricError(
      () =>
        leadToQuoteSummary([{ id: 'a', createdAt: new Date(Number.NaN) }], [], {
          asOf: new Date(),
        }),
      'INVALID_DATE',
      { path: ['leads', 0, 'createdAt'], metric: 'leadToQuoteSummary' },
    )
    expectMetricError(
      () => timeToQuoteSurvival([], [], { asOf: new Date(Number.NaN) }),
      'INVALID_DATE',
      { path: ['asOf'], metric: 'timeToQuoteSurvival' },
    )
  })

  it('slaAttainmentAggregator refuses foreign and tampered states', () => {
    const sla = slaAttainmentAggregator(24)
    const good = sla.initial()
    const foreign = { promoters: 1, passives: 0, detractors: 0 }
    expectMetricError(() => sla.merge(good, foreign as never), 'INVALID_STATE', {
      metric: 'slaAttainmentAggregator',
    })
    expectMetricError(() => sla.result({ within: 1.5, done: 2, lateOpen: 0 }), 'INVALID_STATE', {
      path: ['within'],
      metric: 'slaAttainmentAggregator',
    })
    expectMetricError(
      () => sla.result({ within: 1, done: 2, lateOpen: 0, extra: 1 } as never),
      'INVALID_STATE',
      { path: ['extra'], metric: 'slaAttainmentAggregator' },
    )
    expectMetricError(() => sla.result(null as never), 'INVALID_STATE', { path: [] })
    // More within-target items than items: not a state this aggregator makes.
    expectMetricError(() => sla.result({ within: 3, done: 2, lateOpen: 0 }), 'INVALID_STATE', {
      path: ['within'],
      metric: 'slaAttainmentAggregator',
    })
    expectMetricError(() => sla.add(good, null as never), 'INVALID_OPTION', {
      path: ['item'],
      metric: 'slaAttainmentAggregator',
    })
  })

  it("refuses 'Mars/Base' zones and malformed calendars with INVALID_OPTION, never a TypeError", () => {
    const start = at('2026-03-02T09:00:00Z')
    const end = at('2026-03-03T09:00:00Z')
    const bad: [unknown, (string | number)[]][] = [
      [{ timeZone: 'Mars/Base', week: {} }, ['calendar', 'timeZone']],
      [{ timeZone: 'UTC', week: { monday: 'x' } }, ['calendar', 'week', 'monday']],
      [{ timeZone: 'UTC', week: { monday: [null] } }, ['calendar', 'week', 'monday', 0]],
      [{ timeZone: 'UTC', week: [] }, ['calendar', 'week']],
      [{ timeZone: 'UTC', week: {}, holidays: 'x' }, ['calendar', 'holidays']],
      [{ timeZone: 'UTC', week: {}, holidays: [5] }, ['calendar', 'holidays', 0]],
    ]
    for (const [calendar, path] of bad) {
      expectMetricError(
        () => businessHoursBetween(start, end, calendar as BusinessCalendar),
        'INVALID_OPTION',
        { path, metric: 'businessHoursBetween' },
      )
    }
    const throwing = {
      timeZone: 'UTC',
      get week(): never {
        throw new Error('boom')
      },
    }
    expectMetricError(
      () => businessHoursBetween(start, end, throwing as unknown as BusinessCalendar),
      'INVALID_OPTION',
      { metric: 'businessHoursBetween' },
    )
    expectMetricError(
      () => networkDays('2026-01-01', '2026-01-02', { timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      { path: ['timeZone'], metric: 'networkDays' },
    )
    expectMetricError(
      () => networkDays('2026-01-01', '2026-01-02', null as never),
      'INVALID_OPTION',
      { path: [], metric: 'networkDays' },
    )
    expectMetricError(
      () => networkDays('2026-01-01', '2026-01-02', { holidays: 'x' as never }),
      'INVALID_OPTION',
      { path: ['holidays'], metric: 'networkDays' },
    )
  })

  it('found by the sweep: a Proxy or throwing getter in any argument is INVALID_RECORD naming the function, without a path, with the error as cause', () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
        getPrototypeOf() {
          throw new Error('trap')
        },
      },
    )
    const start = at('2026-03-02T09:00:00Z')
    expectMetricError(
      () => businessHoursBetween(trap as never, start, weekdays),
      'INVALID_RECORD',
      {
        path: undefined,
        metric: 'businessHoursBetween',
      },
    )
    expectMetricError(() => addBusinessHours(start, 1, trap as never), 'INVALID_OPTION', {
      path: ['calendar'],
      metric: 'addBusinessHours',
    })
    expectMetricError(() => networkDays(trap as never, '2026-01-01'), 'INVALID_RECORD', {
      path: undefined,
      metric: 'networkDays',
    })
    const lead = Object.defineProperty({ id: 'L' }, 'createdAt', {
      enumerable: true,
      get() {
        throw new Error('getter')
      },
    })
    expectMetricError(
      () => leadToQuoteSummary([lead as never], [], { asOf: start }),
      'INVALID_RECORD',
      { path: undefined, metric: 'leadToQuoteSummary' },
    )
    const sla = slaAttainmentAggregator(24)
    expectMetricError(() => sla.add(sla.initial(), trap as never), 'INVALID_RECORD', {
      path: undefined,
      metric: 'slaAttainmentAggregator',
    })
    const refused = expectMetricError(
      () => slaAttainment([1], 24, trap as never),
      'INVALID_RECORD',
      {
        path: undefined,
        metric: 'slaAttainment',
      },
    )
    // The caller's own error stays reachable, as in every family.
    expect((refused.cause as Error).message).toBe('trap')
  })

  it('found by the sweep: a null lead, a non-string quote id and null options are refused', () => {
    const asOf = at('2026-03-10T00:00:00Z')
    expectMetricError(() => leadToQuoteSummary([null as never], [], { asOf }), 'INVALID_RECORD', {
      path: ['leads', 0],
      metric: 'leadToQuoteSummary',
    })
    expectMetricError(
      () => leadToCash([{ id: 'L', createdAt: asOf }], [], { length: 1 } as never),
      'VALUE_OUT_OF_RANGE',
      { path: ['opportunities'], metric: 'leadToCash' },
    )
    expectMetricError(
      () =>
        leadToQuoteSummary(
          [{ id: 'L', createdAt: at('2026-03-02T00:00:00Z') }],
          [{ id: 7 as never, leadId: 'L', createdAt: at('2026-03-03T00:00:00Z') }],
          { asOf },
        ),
      'INVALID_RECORD',
      { path: ['quotes', 0, 'id'], metric: 'leadToQuoteSummary' },
    )
    for (const options of [null, undefined])
      expectMetricError(() => leadToQuoteSummary([], [], options as never), 'INVALID_OPTION', {
        path: ['asOf'],
        metric: 'leadToQuoteSummary',
      })
  })

  it('business units measure 10,000 leads spanning 900 years each without a hang (indexed, not walked)', () => {
    const leads = Array.from({ length: 10_000 }, (_, index) => ({
      id: `L${index}`,
      createdAt: new Date(Date.UTC(1100, 0, 1) + index * 3_600_000),
    }))
    const asOf = at('2026-03-02T00:00:00Z')
    // Measured (notes/timing.md, BENCHMARKS): ~0.14 s now; before the calendar index
    // (commit 81c27dc) each span was walked and the call ran past the 10 s hang guard, which
    // is the regression check.
    const rows = runWithHangGuard(
      () => leadToQuoteTimes(leads, [], { asOf, unit: 'business-hours', calendar: weekdays }),
      'leadToQuoteTimes on 10,000 leads of 900 years in business hours',
    )
    // Leads created at midnight UTC, Mon–Fri 09:00–17:00, no holidays: 8 hours per weekday.
    // numpy.busday_count(created, '2026-03-02') × 8 (proleptic Gregorian, as the library):
    // 1100-01-01 → 241,625 days; 1100-06-30 → 241,495; 1101-02-21 → 241,327.
    const expected: [number, number][] = [
      [0, 1_933_000],
      [4_320, 1_931_960],
      [9_984, 1_930_616],
    ]
    for (const [position, hours] of expected) expect(rows[position]?.duration).toBe(hours)
  })
})
