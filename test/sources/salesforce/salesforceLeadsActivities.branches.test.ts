/**
 * Less-used branches of salesforceLeads and salesforceActivities: a converted lead without a
 * ConvertedDate column, a mapped contactedAt (kept, or rejected when before creation); for
 * activities, an input that is not an object, a types option that is not an object, tasks
 * and events with no date, zero durations, an account taken from WhatId, and the fallback
 * type of 'Other' rows. Expected values are worked by hand in the comments.
 */
import { describe, expect, it } from 'vitest'
import { salesforceActivities, salesforceLeads } from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

const paths = (result: {
  rejected: readonly { index: number; issues: readonly { path: readonly unknown[] }[] }[]
}) => result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

describe('salesforceLeads (branches)', () => {
  it('a converted lead without a ConvertedDate column is rejected at ConvertedDate', () => {
    const result = salesforceLeads([
      { Id: '00Q1', CreatedDate: '2026-01-05T09:00:00Z', IsConverted: 'true' },
    ])
    expect(paths(result)).toEqual([[0, [['ConvertedDate']]]])
    expect(result.rejected[0]?.issues[0]?.message).toMatch(/needs its ConvertedDate/)
  })

  it('keeps a mapped contactedAt and rejects one before creation', () => {
    const result = salesforceLeads(
      [
        { Id: '00Q1', CreatedDate: '2026-01-05T09:00:00Z', First_Call__c: '2026-01-06T10:00:00Z' },
        { Id: '00Q2', CreatedDate: '2026-01-05T09:00:00Z', First_Call__c: '2026-01-05T08:00:00Z' },
      ],
      { columns: { contactedAt: 'First_Call__c' } },
    )
    expect(result.records.map((lead) => [lead.id, lead.contactedAt])).toEqual([
      ['00Q1', new Date('2026-01-06T10:00:00Z')],
    ])
    expect(paths(result)).toEqual([[1, [['First_Call__c']]]])
    expect(result.rejected[0]?.issues[0]?.message).toBe(
      'the lead was contacted before it was created',
    )
  })
})

describe('salesforceActivities (branches)', () => {
  it('throws for an input that is not an object and a types option that is not an object', () => {
    expectMetricError(() => salesforceActivities(null as never), 'VALUE_OUT_OF_RANGE', {
      metric: 'salesforceActivities',
      path: ['input'],
    })
    expectMetricError(
      () => salesforceActivities({ tasks: [] }, { types: ['call'] as never }),
      'INVALID_OPTION',
      { metric: 'salesforceActivities', path: ['types'] },
    )
  })

  it('rejects a task and an event with no date at all', () => {
    const result = salesforceActivities({
      tasks: [{ Id: '00T1', OwnerId: '0051', IsClosed: 'true' }],
      events: [{ Id: '00U1', OwnerId: '0051', StartDateTime: '' }],
    })
    // Events are numbered after the tasks: the event is row 1.
    expect(paths(result)).toEqual([
      [0, [['ActivityDate']]],
      [1, [['StartDateTime']]],
    ])
    expect(result.rejected[1]?.issues[0]?.message).toBe(
      'an event needs StartDateTime, ActivityDateTime or ActivityDate',
    )
  })

  it('keeps a zero duration, takes the account from an account WhatId, and falls back on types', () => {
    const result = salesforceActivities(
      {
        tasks: [
          {
            Id: '00T1',
            OwnerId: '0051',
            IsClosed: 'true',
            Type: 'Other',
            ActivityDate: '2026-03-02',
            DurationInMinutes: '0',
            WhatId: '0011',
          },
          { Id: '00T2', OwnerId: '0051', IsClosed: 'true', ActivityDate: '2026-03-02' },
        ],
        events: [{ Id: '00U1', OwnerId: '0051', StartDateTime: '2026-03-03T10:00:00Z' }],
      },
      { types: { Other: 'note' } },
    )
    // 00T1: 'Other' is not a useful type, so the types map of 'other' gives 'note'; WhatId
    // 001… is an account. 00T2: no type → 'task'. 00U1: an event with no type → 'meeting'.
    expect(result.records.map((activity) => [activity.id, activity.type])).toEqual([
      ['00T1', 'note'],
      ['00T2', 'task'],
      ['00U1', 'meeting'],
    ])
    expect(result.records[0]?.durationMinutes).toBe(0)
    expect(Object.is(result.records[0]?.durationMinutes, -0)).toBe(false)
    expect(result.records[0]?.accountId).toBe('0011')
    expect(result.records[0]?.opportunityId).toBeUndefined()
  })
})
