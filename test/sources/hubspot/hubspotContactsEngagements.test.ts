/**
 * hubspotContacts and hubspotEngagements on the fixtures of test/sources/hubspot/fixtures:
 * contacts.csv is a contact export with HubSpot's labels ("Became an Opportunity Date", …;
 * rows.json is what Python's csv module reads from it), engagements.json mixes CRM v3
 * objects (calls, meetings, notes) and legacy engagements (`{ engagement, associations,
 * metadata }`). Expected records, rejections and rates are worked by hand from the files.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leadConversionRate } from '../../../src/pipeline/leadConversionRate.js'
import { ActivitySchema } from '../../../src/schemas/ActivitySchema.js'
import { LeadSchema } from '../../../src/schemas/LeadSchema.js'
import type { ParseRecordsResult } from '../../../src/schemas/parseRecords.js'
import {
  HUBSPOT_CONTACT_COLUMNS,
  HUBSPOT_ENGAGEMENT_COLUMNS,
  HUBSPOT_ENGAGEMENT_TYPES,
  HUBSPOT_LIFECYCLE_STAGES,
  hubspotContacts,
  hubspotEngagements,
} from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

const FOLDER = new URL('./fixtures/', import.meta.url)
const rows = JSON.parse(readFileSync(new URL('rows.json', FOLDER), 'utf8')) as Record<
  'contacts',
  Record<string, string>[]
>
const engagements = JSON.parse(
  readFileSync(new URL('engagements.json', FOLDER), 'utf8'),
) as unknown[]
const at = (text: string) => new Date(text)
const paths = (result: ParseRecordsResult<unknown>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

describe('hubspotContacts', () => {
  it('matches the documented example', () => {
    const { records } = hubspotContacts([
      {
        hs_object_id: '51',
        createdate: '2026-01-05T09:00:00Z',
        lifecyclestage: 'customer',
        hs_lifecyclestage_customer_date: '2026-02-01T10:00:00Z',
        hs_analytics_source: 'ORGANIC_SEARCH',
      },
    ])
    expect(records[0]?.convertedAt?.toISOString()).toBe('2026-02-01T10:00:00.000Z')
    expect(records[0]?.source).toBe('ORGANIC_SEARCH')
    expect(HUBSPOT_LIFECYCLE_STAGES.indexOf('opportunity')).toBe(4)
    expect(HUBSPOT_CONTACT_COLUMNS.source).toEqual([
      'hs_analytics_source',
      'Original Source',
      'Original Traffic Source',
    ])
  })

  it('maps the contact export to leads worked out by hand (conversion = opportunity)', () => {
    const result = hubspotContacts(rows.contacts)
    expect(result.records).toEqual([
      {
        // Opportunity 01-20 14:00 is earlier than Customer 02-20 17:00; first deal of "9001;9010".
        id: '501',
        createdAt: at('2026-01-05T09:00:00.000Z'),
        convertedAt: at('2026-01-20T14:00:00.000Z'),
        opportunityId: '9001',
        ownerId: 'Ana Lopez',
        source: 'Organic Search',
      },
      {
        id: '502',
        createdAt: at('2026-01-10T10:00:00.000Z'),
        ownerId: 'Ben Ode',
        source: 'Paid Social',
      },
      {
        // Went from lead straight to customer: the customer date is the conversion.
        id: '503',
        createdAt: at('2026-02-01T08:00:00.000Z'),
        convertedAt: at('2026-03-01T12:00:00.000Z'),
        opportunityId: '9003',
        ownerId: 'Ana Lopez',
        source: 'Referrals',
      },
      {
        id: '506',
        createdAt: at('2026-03-01T09:15:00.000Z'),
        ownerId: 'Ben Ode',
        source: 'Offline Sources',
      },
    ])
    expect(paths(result)).toEqual([
      [3, [['Lifecycle Stage']]], // an Opportunity with no date to date it
      [4, [['Create Date']]], // "yesterday"
      [6, [['Create Date']]], // became an opportunity before it was created
    ])
    for (const record of result.records) expect(LeadSchema.safeParse(record).success).toBe(true)
    // 2 of 4 leads converted → 0.5.
    expect(leadConversionRate(result.records).rate).toBe(0.5)
  })

  it('counts conversion at a later stage with conversionStage', () => {
    const result = hubspotContacts(rows.contacts, { conversionStage: 'customer' })
    // 504 (Opportunity, undated) and 507 (opportunity date only) are now simply unconverted.
    expect(result.records.map((lead) => [lead.id, lead.convertedAt?.toISOString()])).toEqual([
      ['501', '2026-02-20T17:00:00.000Z'],
      ['502', undefined],
      ['503', '2026-03-01T12:00:00.000Z'],
      ['504', undefined],
      ['506', undefined],
      ['507', undefined],
    ])
    expect(paths(result)).toEqual([[4, [['Create Date']]]])
    // 2 of 6 → 1/3.
    expect(leadConversionRate(result.records).rate).toBeCloseTo(1 / 3, 12)
  })

  it('reads CRM API objects with deal associations', () => {
    const { records } = hubspotContacts([
      {
        id: '601',
        createdAt: '2026-01-01T00:00:00Z',
        properties: {
          lifecyclestage: 'opportunity',
          hs_lifecyclestage_opportunity_date: '1772323200000',
        },
        associations: { deals: { results: [{ id: '101', type: 'contact_to_deal' }] } },
      },
    ])
    // 1772323200000 ms = 2026-03-01T00:00Z (Python datetime).
    expect(records).toEqual([
      {
        id: '601',
        createdAt: at('2026-01-01T00:00:00.000Z'),
        convertedAt: at('2026-03-01T00:00:00.000Z'),
        opportunityId: '101',
      },
    ])
  })

  it('refuses bad options and inputs', () => {
    expectMetricError(
      () => hubspotContacts([], { conversionStage: 'won' as never }),
      'INVALID_OPTION',
      { path: ['conversionStage'], metric: 'hubspotContacts' },
    )
    expectMetricError(() => hubspotContacts(null as never), 'VALUE_OUT_OF_RANGE', {
      path: ['rows'],
    })
    expectMetricError(
      () => hubspotContacts(rows.contacts, { onInvalid: 'throw' }),
      'INVALID_RECORD',
      { path: [3, 'Lifecycle Stage'] },
    )
  })
})

describe('hubspotEngagements', () => {
  it('matches the documented example', () => {
    const { records } = hubspotEngagements([
      {
        id: '7001',
        properties: {
          hs_engagement_type: 'CALL',
          hs_timestamp: '2026-03-02T15:00:00Z',
          hs_call_duration: '900000',
          hubspot_owner_id: '512',
        },
        associations: { deals: { results: [{ id: '101' }] } },
      },
    ])
    expect(records[0]).toEqual({
      id: '7001',
      ownerId: '512',
      type: 'call',
      at: new Date('2026-03-02T15:00:00Z'),
      durationMinutes: 15,
      opportunityId: '101',
    })
    expect(HUBSPOT_ENGAGEMENT_COLUMNS.callDuration).toEqual(['hs_call_duration', 'Call duration'])
    expect(HUBSPOT_ENGAGEMENT_TYPES.INCOMING_EMAIL).toBe('email')
  })

  it('maps v3 and legacy engagements to activities worked out by hand', () => {
    const result = hubspotEngagements(engagements)
    expect(result.records).toEqual([
      // 900000 ms = 15 min.
      {
        id: '7001',
        ownerId: '512',
        type: 'call',
        at: at('2026-03-02T15:00:00.000Z'),
        durationMinutes: 15,
        accountId: '301',
        leadId: '501',
        opportunityId: '101',
      },
      // A meeting is dated by its start; 10:00–10:45 = 45 min.
      {
        id: '7002',
        ownerId: '513',
        type: 'meeting',
        at: at('2026-03-03T10:00:00.000Z'),
        durationMinutes: 45,
        leadId: '502',
      },
      // Legacy: numeric ids as text; 1772445600000 ms = 2026-03-02T10:00Z.
      {
        id: '7003',
        ownerId: '512',
        type: 'email',
        at: at('2026-03-02T10:00:00.000Z'),
        leadId: '503',
        opportunityId: '9003',
      },
      // A completed task; 1772618400000 ms = 2026-03-04T10:00Z.
      {
        id: '7007',
        ownerId: '513',
        type: 'task',
        at: at('2026-03-04T10:00:00.000Z'),
        accountId: '302',
      },
    ])
    expect(paths(result)).toEqual([
      [3, [['hs_task_status']]], // NOT_STARTED task
      [4, [['hubspot_owner_id']]], // a note without an owner
      [5, [['hs_meeting_end_time']]], // ends before it starts
      [7, [['hs_call_duration']]], // −60000 ms
    ])
    for (const record of result.records) expect(ActivitySchema.safeParse(record).success).toBe(true)
    // By type: 1 call, 1 meeting, 1 email, 1 task.
    const types = result.records.map((record) => record.type).sort()
    expect(types).toEqual(['call', 'email', 'meeting', 'task'])
  })

  it('keeps open tasks with open: include and types rows by the type option', () => {
    const open = hubspotEngagements(engagements, { open: 'include' })
    expect(open.records.map((record) => record.id)).toContain('7004')
    const calls = hubspotEngagements(
      [{ id: '1', properties: { hs_timestamp: '2026-03-01T00:00:00Z', hubspot_owner_id: '5' } }],
      { type: 'CALL' },
    )
    expect(calls.records[0]?.type).toBe('call')
    const untyped = hubspotEngagements([
      { id: '1', properties: { hs_timestamp: '2026-03-01T00:00:00Z', hubspot_owner_id: '5' } },
    ])
    expect(paths(untyped)).toEqual([[0, [['hs_engagement_type']]]])
  })

  it('refuses bad options', () => {
    expectMetricError(() => hubspotEngagements([], { open: 'maybe' as never }), 'INVALID_OPTION', {
      path: ['open'],
      metric: 'hubspotEngagements',
    })
    expectMetricError(() => hubspotEngagements([], { type: '' }), 'INVALID_OPTION', {
      path: ['type'],
    })
    expectMetricError(() => hubspotEngagements({} as never), 'VALUE_OUT_OF_RANGE', {
      path: ['rows'],
    })
  })

  it('turns hostile rows into rejections and copies no polluting key', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('proxy that throws')
        },
        ownKeys() {
          throw new Error('proxy that throws')
        },
      },
    )
    const polluted = JSON.parse(
      '{"hs_object_id": "1", "hs_engagement_type": "CALL", "hs_timestamp": "2026-03-01T00:00:00Z", "hubspot_owner_id": "5", "__proto__": {"x": 1}}',
    )
    const result = hubspotEngagements([
      undefined,
      throwing,
      polluted,
      { engagement: { id: {}, type: 'CALL', ownerId: 5, timestamp: 1 } },
      {
        id: '2',
        properties: { hs_engagement_type: 'CALL', hs_timestamp: 'x', hubspot_owner_id: '5' },
        associations: { deals: { results: 'x' } },
      },
    ])
    expect(result.rejected.map((row) => row.index)).toEqual([0, 1, 3, 4])
    expect(result.records.length).toBe(1)
    expect(Object.hasOwn(result.records[0] as object, '__proto__')).toBe(false)
  })

  it('accounts for every row exactly once, whatever the order (property)', () => {
    const row = fc.record({
      hs_object_id: fc.constantFrom('1', '2', '3', ''),
      hs_engagement_type: fc.constantFrom('CALL', 'MEETING', 'TASK', 'NOTE', ''),
      hs_timestamp: fc.constantFrom('2026-03-01T00:00:00Z', '1772323200000', 'bad', ''),
      hs_call_duration: fc.constantFrom('', '60000', '-5', 'x'),
      hubspot_owner_id: fc.constantFrom('5', ''),
      hs_task_status: fc.constantFrom('COMPLETED', 'NOT_STARTED', ''),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 15 }), fc.infiniteStream(fc.nat()), (list, stream) => {
        const result = hubspotEngagements(list)
        const indexes = result.rejected.map((rejection) => rejection.index)
        expect(result.records.length + indexes.length).toBe(list.length)
        expect(new Set(indexes).size).toBe(indexes.length)
        const keys = [...stream.take(list.length)]
        const shuffled = list
          .map((value, index) => ({ value, key: keys[index] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map((entry) => entry.value)
        const again = hubspotEngagements(shuffled)
        const key = (record: { id: string; type: string; at: Date; durationMinutes?: number }) =>
          `${record.id}|${record.type}|${record.at.toISOString()}|${record.durationMinutes ?? ''}`
        expect(again.records.map(key).sort()).toEqual(result.records.map(key).sort())
      }),
      { numRuns: 150 },
    )
  })
})
