import { describe, expect, it } from 'vitest'
import { ActivitySchema, ActivityTypeSchema } from '../../src/schemas/ActivitySchema.js'
import { parseRecords } from '../../src/schemas/parseRecords.js'

const row = {
  id: 'T-1',
  ownerId: 'rep-ana',
  type: 'Call',
  at: '2026-03-02T15:00:00+01:00',
  durationMinutes: '',
  accountId: 'acme',
  leadId: '',
  opportunityId: null,
}
const issuePaths = (value: object) =>
  ActivitySchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'))

describe('ActivitySchema', () => {
  it('matches the documented example', () => {
    const activity = ActivitySchema.parse({
      id: 'T-1',
      ownerId: 'rep-ana',
      type: 'Meeting',
      at: '2026-03-02T15:00:00Z',
      durationMinutes: '45',
      accountId: 'acme',
      leadId: '',
    })
    expect(activity.type).toBe('meeting')
    expect(activity.durationMinutes).toBe(45)
    expect(ActivityTypeSchema.parse(' Proposal Sent ')).toBe('proposal-sent')
  })

  it('reads a CRM row into an Activity, blanks absent, known types normalised and others kept', () => {
    expect(ActivitySchema.parse(row)).toEqual({
      id: 'T-1',
      ownerId: 'rep-ana',
      type: 'call',
      at: new Date('2026-03-02T14:00:00Z'),
      accountId: 'acme',
    })
    expect(ActivityTypeSchema.parse('proposal_sent')).toBe('proposal-sent')
    expect(ActivityTypeSchema.parse(' LinkedIn InMail ')).toBe('LinkedIn InMail')
  })

  it('rejects each invalid field with its path', () => {
    expect(issuePaths({ ...row, id: '' })).toEqual(['id'])
    expect(issuePaths({ ...row, ownerId: ' ' })).toEqual(['ownerId'])
    expect(issuePaths({ ...row, type: '' })).toEqual(['type'])
    expect(issuePaths({ ...row, type: 'x'.repeat(101) })).toEqual(['type'])
    expect(issuePaths({ ...row, at: 'yesterday' })).toEqual(['at'])
    expect(issuePaths({ ...row, durationMinutes: '-5' })).toEqual(['durationMinutes'])
    expect(issuePaths({ ...row, durationMinutes: 'NaN' })).toEqual(['durationMinutes'])
    expect(issuePaths({ ...row, accountId: 7 })).toEqual(['accountId'])
  })

  it('lets no input key reach a prototype', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": 1}, "prototype": 1, "id": "T", "ownerId": "a", "type": "constructor", "at": "2026-01-01"}`,
    )
    const { records } = parseRecords(ActivitySchema, [hostile])
    const record = records[0] as object
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(record, key)).toBe(false)
    expect((record as { type: string }).type).toBe('constructor')
  })
})
