import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../../src/core/BusinessCalendar.js'
import { leadToQuoteTimes } from '../../src/time/leadToQuoteTimes.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)
const nineToFive = [{ start: '09:00', end: '17:00' }]
const calendar: BusinessCalendar = {
  timeZone: 'UTC',
  week: { monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive },
}

describe('leadToQuoteTimes', () => {
  const leads = [
    { id: 'A', createdAt: at('2026-03-02T16:00:00Z') }, // Monday 16:00
    { id: 'B', createdAt: at('2026-03-02T10:00:00Z') },
    { id: 'C', createdAt: at('2026-03-03T09:00:00Z') },
  ]
  const quotes = [
    { id: 'q-late', leadId: 'A', createdAt: at('2026-03-04T09:00:00Z') },
    { id: 'q-first', leadId: 'A', createdAt: at('2026-03-03T10:00:00Z') },
    { id: 'q-before', leadId: 'B', createdAt: at('2026-03-02T09:00:00Z') },
    { id: 'q-future', leadId: 'C', createdAt: at('2026-03-09T09:00:00Z') },
    { id: 'q-unknown', leadId: 'Z', createdAt: at('2026-03-02T11:00:00Z') },
  ]
  const asOf = at('2026-03-04T12:00:00Z')

  it('takes the first quote at or after the lead and not after asOf; open leads are censored at asOf', () => {
    const rows = leadToQuoteTimes(leads, quotes, { asOf })
    expect(rows.map((row) => [row.leadId, row.quoteId, row.duration, row.censored])).toEqual([
      ['A', 'q-first', 18, false],
      ['B', null, 50, true],
      ['C', null, 27, true],
    ])
    expect(rows[0]?.quotedAt?.toISOString()).toBe('2026-03-03T10:00:00.000Z')
    expect(rows[0]?.unit).toBe('hours')
  })

  it('measures in days, business hours and business days', () => {
    expect(leadToQuoteTimes(leads, quotes, { asOf, unit: 'days' })[0]?.duration).toBe(0.75)
    // Monday 16:00 → Tuesday 10:00 on 09:00–17:00: 1 h Monday + 1 h Tuesday.
    expect(
      leadToQuoteTimes(leads, quotes, { asOf, unit: 'business-hours', calendar })[0]?.duration,
    ).toBe(2)
    // The same as shares of working days: 1/8 of Monday + 1/8 of Tuesday.
    expect(
      leadToQuoteTimes(leads, quotes, { asOf, unit: 'business-days', calendar })[0]?.duration,
    ).toBe(0.25)
  })

  it('returns [] without leads and refuses duplicates, leads after asOf and a business unit without calendar', () => {
    expect(leadToQuoteTimes([], quotes, { asOf })).toEqual([])
    expectMetricError(
      () => leadToQuoteTimes([leads[0]!, leads[0]!], [], { asOf }),
      'DUPLICATE_ID',
      { path: ['leads', 1, 'id'] },
    )
    expectMetricError(
      () => leadToQuoteTimes(leads, [], { asOf: at('2026-03-01T00:00:00Z') }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['leads', 0, 'createdAt'],
      },
    )
    expectMetricError(
      () => leadToQuoteTimes(leads, [], { asOf, unit: 'business-hours' }),
      'INVALID_OPTION',
      { path: ['calendar'] },
    )
    expectMetricError(
      () => leadToQuoteTimes(leads, [], { asOf, unit: 'weeks' as 'days' }),
      'INVALID_OPTION',
      { path: ['unit'] },
    )
    expectMetricError(
      () => leadToQuoteTimes(leads, [{ id: 'q', leadId: 'A', createdAt: at('x') }], { asOf }),
      'INVALID_DATE',
      {
        path: ['quotes', 0, 'createdAt'],
      },
    )
  })

  it('matches the documented example', () => {
    const rows = leadToQuoteTimes(
      [
        { id: 'L1', createdAt: new Date('2026-03-02T09:00:00Z') },
        { id: 'L2', createdAt: new Date('2026-03-02T10:00:00Z') },
      ],
      [{ id: 'Q1', leadId: 'L1', createdAt: new Date('2026-03-03T15:00:00Z') }],
      { asOf: new Date('2026-03-04T10:00:00Z') },
    )
    expect(rows.map((row) => [row.leadId, row.duration, row.censored])).toEqual([
      ['L1', 30, false],
      ['L2', 48, true],
    ])
  })
})
