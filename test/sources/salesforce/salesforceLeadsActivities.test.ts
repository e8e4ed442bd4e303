import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  SALESFORCE_ACTIVITY_COLUMNS,
  SALESFORCE_LEAD_COLUMNS,
  salesforceActivities,
  salesforceLeads,
} from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

describe('salesforceLeads', () => {
  it('matches the documented example', () => {
    const { records } = salesforceLeads([
      {
        Id: '00Q1',
        CreatedDate: '2026-01-05T09:00:00.000Z',
        IsConverted: 'true',
        ConvertedDate: '2026-01-20',
        ConvertedOpportunityId: '0061',
        LeadSource: 'Web',
      },
    ])
    expect(records[0]?.convertedAt?.toISOString()).toBe('2026-01-20T00:00:00.000Z')
    expect(records[0]?.opportunityId).toBe('0061')
    expect(SALESFORCE_LEAD_COLUMNS.convertedAt).toEqual(['ConvertedDate', 'Converted Date'])
  })

  it('reads report labels, dates in a zone and a mapped first-contact column', () => {
    // 1/20/2026 at midnight in New York (UTC−5) is 05:00 UTC.
    const { records, rejected } = salesforceLeads(
      [
        {
          'Lead ID': '00Q1',
          'Create Date': '1/5/2026 9:30 AM',
          Converted: 'Yes',
          'Converted Date': '1/20/2026',
          'Lead Source': 'Partner',
          'First Contact': '1/6/2026 10:00 AM',
        },
      ],
      { timeZone: 'America/New_York', columns: { contactedAt: 'First Contact' } },
    )
    expect(rejected).toEqual([])
    expect(records).toEqual([
      {
        id: '00Q1',
        createdAt: new Date('2026-01-05T14:30:00.000Z'),
        contactedAt: new Date('2026-01-06T15:00:00.000Z'),
        convertedAt: new Date('2026-01-20T05:00:00.000Z'),
        source: 'Partner',
      },
    ])
  })

  it('refuses conversion fields that disagree and a conversion before creation', () => {
    const { rejected } = salesforceLeads([
      {
        Id: '1',
        CreatedDate: '2026-01-05T09:00:00Z',
        IsConverted: 'false',
        ConvertedDate: '2026-01-20',
      },
      { Id: '2', CreatedDate: '2026-01-05T09:00:00Z', ConvertedDate: '2026-01-04' },
      { Id: '3', CreatedDate: '2026-01-05T09:00:00Z', IsConverted: 'sometimes' },
      { CreatedDate: '2026-01-05T09:00:00Z' },
    ])
    expect(rejected.map((row) => [row.index, row.issues[0]?.path])).toEqual([
      [0, ['IsConverted']],
      [1, ['ConvertedDate']],
      [2, ['IsConverted']],
      [3, ['Id']],
    ])
    expect(rejected[3]?.issues[0]?.message).toBe('no column Id')
  })

  it('refuses bad input and options', () => {
    const metric = 'salesforceLeads'
    expectMetricError(() => salesforceLeads(42 as never), 'VALUE_OUT_OF_RANGE', {
      metric,
      path: ['rows'],
    })
    expectMetricError(() => salesforceLeads([], { locale: 'us' as 'en' }), 'INVALID_OPTION', {
      metric,
      path: ['locale'],
    })
    expectMetricError(
      () => salesforceLeads([{ Id: '1' }], { onInvalid: 'throw' }),
      'INVALID_RECORD',
      { metric, path: [0, 'CreatedDate'] },
    )
  })

  it('accounts for every row exactly once (property)', () => {
    const row = fc.record({
      Id: fc.constantFrom('1', '2', '', 'x'.repeat(300)),
      CreatedDate: fc.constantFrom('2026-01-05T09:00:00Z', '2026-01-05', 'bad'),
      IsConverted: fc.constantFrom('true', 'false', '', 'maybe'),
      ConvertedDate: fc.constantFrom('2026-01-20', '', '2026-01-01', 'x'),
    })
    fc.assert(
      fc.property(fc.array(fc.oneof(row, fc.constant(null)), { maxLength: 20 }), (rows) => {
        const result = salesforceLeads(rows)
        expect(result.records.length + result.rejected.length).toBe(rows.length)
        for (const record of result.records)
          for (const key of Object.keys(record))
            expect(['id', 'createdAt', 'convertedAt']).toContain(key)
      }),
    )
  })
})

describe('salesforceActivities', () => {
  it('matches the documented example', () => {
    const { records } = salesforceActivities({
      tasks: [
        {
          Id: '00T1',
          OwnerId: '0051',
          TaskSubtype: 'Call',
          IsClosed: 'true',
          CompletedDateTime: '2026-03-02T15:00:00.000Z',
          CallDurationInSeconds: '900',
          WhatId: '0061',
          WhoId: '00Q1',
        },
      ],
    })
    expect(records[0]?.type).toBe('call')
    expect(records[0]?.durationMinutes).toBe(15)
    expect(records[0]?.opportunityId).toBe('0061')
    expect(SALESFORCE_ACTIVITY_COLUMNS.durationMinutes).toEqual(['DurationInMinutes', 'Duration'])
  })

  it('keeps open tasks with open: include, and other types as given', () => {
    const { records, rejected } = salesforceActivities(
      {
        tasks: [
          {
            Id: '1',
            OwnerId: 'u',
            IsClosed: 'false',
            Type: 'Proposal Sent',
            CreatedDate: '2026-03-01T09:00:00Z',
          },
          { Id: '2', OwnerId: 'u', Type: 'Lunch', ActivityDate: '2026-03-02' },
        ],
      },
      { open: 'include', timeZone: 'Asia/Tokyo' },
    )
    expect(rejected).toEqual([])
    // 2026-03-02 at midnight in Tokyo (UTC+9) is 15:00 UTC on 1 March.
    expect(records).toEqual([
      { id: '1', ownerId: 'u', type: 'proposal-sent', at: new Date('2026-03-01T09:00:00.000Z') },
      { id: '2', ownerId: 'u', type: 'Lunch', at: new Date('2026-03-01T15:00:00.000Z') },
    ])
  })

  it('refuses rows without an owner or a date, and bad options', () => {
    const metric = 'salesforceActivities'
    const { rejected } = salesforceActivities({
      tasks: [{ Id: '1' }],
      events: [{ Id: '2', OwnerId: 'u' }],
    })
    expect(rejected.map((row) => [row.index, row.issues[0]?.path])).toEqual([
      [0, ['OwnerId']],
      [1, ['StartDateTime']],
    ])
    expectMetricError(
      () => salesforceActivities({}, { open: 'maybe' as 'include' }),
      'INVALID_OPTION',
      { metric, path: ['open'] },
    )
    expectMetricError(() => salesforceActivities({}, { types: { Visit: '' } }), 'INVALID_OPTION', {
      metric,
      path: ['types', 'Visit'],
    })
    expectMetricError(() => salesforceActivities({ events: {} as never }), 'VALUE_OUT_OF_RANGE', {
      metric,
      path: ['events'],
    })
    expect(salesforceActivities({})).toEqual({ records: [], rejected: [] })
  })
})
