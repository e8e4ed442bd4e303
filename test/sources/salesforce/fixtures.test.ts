/**
 * The Salesforce adapters on the fixture exports of test/sources/fixtures/salesforce (see
 * its README for the field references they follow). The rows are what Python's csv module
 * (RFC 4180) reads from the CSV files — test/reference/salesforce_csv_rows.py writes them to
 * rows.json. Every expected record, rejection and KPI below is worked by hand from the CSV
 * text; the comments show the steps.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { stageConversion } from '../../../src/pipeline/stageConversion.js'
import { winRate } from '../../../src/pipeline/winRate.js'
import { ActivitySchema } from '../../../src/schemas/ActivitySchema.js'
import { LeadSchema } from '../../../src/schemas/LeadSchema.js'
import { OpportunitySchema } from '../../../src/schemas/OpportunitySchema.js'
import {
  SALESFORCE_STANDARD_STAGES,
  salesforceActivities,
  salesforceLeads,
  salesforceOpportunities,
} from '../../../src/sources/index.js'

const FOLDER = new URL('../fixtures/salesforce/', import.meta.url)
const rows = JSON.parse(readFileSync(new URL('rows.json', FOLDER), 'utf8')) as Record<
  'Opportunity' | 'OpportunityHistory' | 'Lead' | 'Task' | 'Event',
  Record<string, string>[]
>
const at = (text: string) => new Date(text)

/** The org renamed 'Negotiation' to 'Negotiation/Review' in March: history keeps the old name. */
const STAGES = SALESFORCE_STANDARD_STAGES.map((stage) =>
  stage.name === 'Negotiation/Review' ? { ...stage, aliases: ['Negotiation'] } : stage,
)

describe('the fixture files are what a Data Export writes', () => {
  it('have a BOM, CRLF line ends, quoted commas and an empty trailing column', () => {
    const text = readFileSync(new URL('Opportunity.csv', FOLDER), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.split('\r\n').length).toBe(13) // header + 11 rows + the final empty line
    expect(text).toContain('"Acme, Inc. - Platform"')
    expect(text.split('\r\n')[0]?.endsWith(',')).toBe(true)
    // The parsed rows keep the BOM on the first header and the empty column as key ''.
    expect(Object.keys(rows.Opportunity[0] ?? {})[0]).toBe('\ufeffId')
    expect(rows.Opportunity[0]?.['']).toBe('')
  })
})

describe('salesforceOpportunities on the fixture export', () => {
  const result = salesforceOpportunities(
    { opportunities: rows.Opportunity, history: rows.OpportunityHistory },
    { stages: STAGES },
  )

  it('maps every good row to the record worked out by hand', () => {
    expect(result.records).toEqual([
      {
        // History rows in file order 0080001, 0080004, 0080002, 0080005, 0080003 sorted by
        // CreatedDate: Jan 5 Prospecting, Jan 20 14:00 Qualification, Jan 20 16:30
        // Qualification (same stage: one entry, dated by the earlier), Feb 10 Proposal, Feb 20 Won.
        id: '0060001',
        createdAt: at('2026-01-05T09:00:00.000Z'),
        amount: '48000.00', // "48,000.00" in locale en
        currency: 'USD',
        status: 'won',
        closedAt: at('2026-02-20T00:00:00.000Z'), // CloseDate at midnight UTC
        probability: 1, // 100 %
        ownerId: '0050001',
        accountId: '0010001',
        source: 'Web',
        stageHistory: [
          { stage: 'Prospecting', enteredAt: at('2026-01-05T09:00:00.000Z') },
          { stage: 'Qualification', enteredAt: at('2026-01-20T14:00:00.000Z') },
          { stage: 'Proposal/Price Quote', enteredAt: at('2026-02-10T11:00:00.000Z') },
          { stage: 'Closed Won', enteredAt: at('2026-02-20T17:00:00.000Z') },
        ],
        // CloseDate 03-31 (Jan 5, unchanged Jan 20), 02-28 (Feb 10), 02-20 (Feb 20).
        closeDateHistory: [
          { at: at('2026-01-05T09:00:00.000Z'), value: '2026-03-31' },
          { at: at('2026-02-10T11:00:00.000Z'), value: '2026-02-28' },
          { at: at('2026-02-20T17:00:00.000Z'), value: '2026-02-20' },
        ],
        // 40000 until Jan 20 16:30, then 48000.00 (= 48000 on Feb 10 and 20: no change).
        amountHistory: [
          { at: at('2026-01-05T09:00:00.000Z'), value: '40000' },
          { at: at('2026-01-20T16:30:00.000Z'), value: '48000.00' },
        ],
      },
      {
        id: '0060002',
        createdAt: at('2026-01-10T10:00:00.000Z'),
        amount: '12000',
        currency: 'EUR',
        status: 'lost',
        closedAt: at('2026-03-10T00:00:00.000Z'),
        probability: 0,
        ownerId: '0050002',
        accountId: '0010002',
        source: 'Partner',
        stageHistory: [
          { stage: 'Prospecting', enteredAt: at('2026-01-10T10:00:00.000Z') },
          { stage: 'Closed Lost', enteredAt: at('2026-03-10T09:00:00.000Z') },
        ],
        closeDateHistory: [
          { at: at('2026-01-10T10:00:00.000Z'), value: '2026-02-28' },
          { at: at('2026-03-10T09:00:00.000Z'), value: '2026-03-10' },
        ],
        amountHistory: [{ at: at('2026-01-10T10:00:00.000Z'), value: '12000' }],
      },
      {
        // Mar 2 'Negotiation' (the old name) and Mar 5 'Negotiation/Review' are one stage:
        // one entry dated Mar 2. Blank Probability and LeadSource stay absent.
        id: '0060003',
        createdAt: at('2026-02-01T08:00:00.000Z'),
        amount: '30500.50',
        currency: 'USD',
        status: 'open',
        ownerId: '0050001',
        accountId: '0010003',
        expectedCloseAt: '2026-04-30',
        stageHistory: [
          { stage: 'Prospecting', enteredAt: at('2026-02-01T08:00:00.000Z') },
          { stage: 'Proposal/Price Quote', enteredAt: at('2026-02-15T08:00:00.000Z') },
          { stage: 'Negotiation/Review', enteredAt: at('2026-03-02T08:00:00.000Z') },
        ],
        closeDateHistory: [{ at: at('2026-02-01T08:00:00.000Z'), value: '2026-04-30' }],
        // 25000, then 30500.50 (30500.50 and 30500.5 later are the same amount).
        amountHistory: [
          { at: at('2026-02-01T08:00:00.000Z'), value: '25000' },
          { at: at('2026-02-15T08:00:00.000Z'), value: '30500.50' },
        ],
      },
      {
        // Blank Amount stays absent; no history rows: the current stage since CreatedDate.
        id: '0060004',
        createdAt: at('2026-03-01T12:00:00.000Z'),
        currency: 'GBP',
        status: 'open',
        probability: 0.1,
        ownerId: '0050002',
        accountId: '0010004',
        source: 'Event',
        expectedCloseAt: '2026-06-30',
        stageHistory: [{ stage: 'Prospecting', enteredAt: at('2026-03-01T12:00:00.000Z') }],
      },
      {
        // Lost on Feb 27, reopened on Mar 16: open, and the history keeps the lost spell.
        id: '0060005',
        createdAt: at('2026-01-15T09:00:00.000Z'),
        amount: '20000',
        currency: 'USD',
        status: 'open',
        probability: 0.1,
        ownerId: '0050001',
        accountId: '0010005',
        source: 'Web',
        expectedCloseAt: '2026-05-31',
        stageHistory: [
          { stage: 'Prospecting', enteredAt: at('2026-01-15T09:00:00.000Z') },
          { stage: 'Closed Lost', enteredAt: at('2026-02-27T09:00:00.000Z') },
          { stage: 'Qualification', enteredAt: at('2026-03-16T09:00:00.000Z') },
        ],
        closeDateHistory: [
          { at: at('2026-01-15T09:00:00.000Z'), value: '2026-02-28' },
          { at: at('2026-02-27T09:00:00.000Z'), value: '2026-02-27' },
          { at: at('2026-03-16T09:00:00.000Z'), value: '2026-05-31' },
        ],
        amountHistory: [{ at: at('2026-01-15T09:00:00.000Z'), value: '20000' }],
      },
      {
        id: '0060006',
        createdAt: at('2026-01-20T09:00:00.000Z'),
        amount: '75000', // "75,000"
        currency: 'EUR',
        status: 'won',
        closedAt: at('2026-03-31T00:00:00.000Z'),
        probability: 1,
        ownerId: '0050002',
        accountId: '0010006',
        source: 'Partner',
        stageHistory: [
          { stage: 'Prospecting', enteredAt: at('2026-01-20T09:00:00.000Z') },
          { stage: 'Negotiation/Review', enteredAt: at('2026-02-03T09:00:00.000Z') },
          { stage: 'Closed Won', enteredAt: at('2026-03-31T15:00:00.000Z') },
        ],
        closeDateHistory: [{ at: at('2026-01-20T09:00:00.000Z'), value: '2026-03-31' }],
        amountHistory: [{ at: at('2026-01-20T09:00:00.000Z'), value: '75000' }],
      },
      {
        // 'Verbal Commit' is not a standard stage, but IsClosed/IsWon say open: kept as given.
        id: '0060010',
        createdAt: at('2026-02-04T09:00:00.000Z'),
        amount: '15000',
        currency: 'USD',
        status: 'open',
        probability: 0.8,
        ownerId: '0050002',
        accountId: '0010010',
        source: 'Web',
        expectedCloseAt: '2026-04-15',
        stageHistory: [{ stage: 'Verbal Commit', enteredAt: at('2026-02-04T09:00:00.000Z') }],
      },
    ])
  })

  it('rejects each bad row with its index, column and reason', () => {
    expect(
      result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)]),
    ).toEqual([
      [6, [['Amount']]], // "48.000,00" is German; the export is 'en'
      [7, [['CloseDate']]], // Closed Won without a CloseDate
      [8, [['Probability']]], // 135 %
      [10, [['history', 18, 'CreatedDate']]], // its history row dated 31/02/2026
    ])
    const messages = result.rejected.map((row) => row.issues[0]?.message)
    expect(messages[0]).toMatch(/locale 'en'.*"48\.000,00"/)
    expect(messages[1]).toBe('a closed deal needs its CloseDate')
    expect(messages[2]).toMatch(/percentage from 0 to 100, got "135"/)
    expect(messages[3]).toMatch(/"31\/02\/2026"/)
  })

  it('lists the history row of no exported deal, and every input row is accounted for', () => {
    expect(result.unmatched).toEqual({
      history: [
        {
          index: 17,
          issues: [{ path: ['OpportunityId'], message: 'no opportunity row has Id 0069999' }],
        },
      ],
      fieldHistory: [],
    })
    expect(result.records.length + result.rejected.length).toBe(rows.Opportunity.length)
  })

  it('gives records OpportunitySchema accepts, the deal without an amount included', () => {
    // SPEC 0.2 made Opportunity.amount optional and OpportunitySchema keeps a missing amount
    // absent (it used to require one): every record passes, and the blank-amount deal stays
    // without an amount after parsing.
    let withoutAmount = 0
    for (const record of result.records) {
      const parsed = OpportunitySchema.safeParse(record)
      expect(parsed.success, record.id).toBe(true)
      if (record.amount === undefined) {
        withoutAmount++
        expect(parsed.data?.amount, record.id).toBeUndefined()
      }
    }
    expect(withoutAmount).toBe(1)
  })

  it('gives the win rate worked by hand', () => {
    // Closed deals: 0060001 won, 0060002 lost, 0060006 won (0060005 was lost, then reopened:
    // open). Win rate = 2 / (2 + 1) = 0.6667.
    const rate = winRate(result.records)
    expect(rate.won).toBe(2)
    expect(rate.lost).toBe(1)
    expect(rate.rate).toBeCloseTo(2 / 3, 12)
  })

  it('gives the stage funnel worked by hand', () => {
    // Furthest listed stage (0 Prospecting … 3 Negotiation/Review; won = past all):
    // 0060001 won, 0060006 won; 0060003 open at 3; 0060005 open at 1 (its lost spell is
    // not a listed stage); 0060002 lost at 0; 0060004 open at 0; 0060010 none listed.
    // reached: 3 → 2 won + 1 = 3; 2 → 3; 1 → 3 + 1 = 4; 0 → 4 + 2 = 6.
    // advanced: 0 → 4, 1 → 3, 2 → 3, 3 → 2 (won). open: 0 → 1, 1 → 1, 2 → 0, 3 → 1.
    // next-step rate (open excluded): 4/(6−1) = 0.8, 3/(4−1) = 1, 3/3 = 1, 2/(3−1) = 1.
    const funnel = stageConversion(result.records, {
      stages: ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'],
    })
    expect(funnel.map((row) => [row.stage, row.reached, row.advanced, row.open, row.rate])).toEqual(
      [
        ['Prospecting', 6, 4, 1, 0.8],
        ['Qualification', 4, 3, 1, 1],
        ['Proposal/Price Quote', 3, 3, 0, 1],
        ['Negotiation/Review', 3, 2, 1, 1],
      ],
    )
  })

  it('without the renamed stage’s alias, the old name stays a separate, unlisted stage', () => {
    const plain = salesforceOpportunities({
      opportunities: rows.Opportunity,
      history: rows.OpportunityHistory,
    })
    const stark = plain.records.find((record) => record.id === '0060006')
    expect(stark?.stageHistory.map((entry) => entry.stage)).toEqual([
      'Prospecting',
      'Negotiation',
      'Closed Won',
    ])
  })
})

describe('salesforceLeads on the fixture export', () => {
  const result = salesforceLeads(rows.Lead)

  it('maps the leads worked out by hand and rejects the bad ones', () => {
    expect(result.records).toEqual([
      {
        id: '00Q0001',
        createdAt: at('2025-12-20T10:00:00.000Z'),
        convertedAt: at('2026-01-05T00:00:00.000Z'), // ConvertedDate at midnight UTC
        opportunityId: '0060001',
        ownerId: '0050001',
        source: 'Web',
      },
      {
        id: '00Q0002',
        createdAt: at('2026-01-03T08:30:00.000Z'),
        ownerId: '0050002',
        source: 'Partner',
      },
      {
        // Converted the day it was created: midnight would be before 07:00, so CreatedDate.
        id: '00Q0003',
        createdAt: at('2026-02-01T07:00:00.000Z'),
        convertedAt: at('2026-02-01T07:00:00.000Z'),
        opportunityId: '0060003',
        ownerId: '0050001',
        source: 'Event',
      },
      {
        id: '00Q0006',
        createdAt: at('2026-03-01T09:15:00.000Z'),
        ownerId: '0050002',
        source: 'Web',
      },
    ])
    expect(result.rejected).toEqual([
      {
        index: 3,
        issues: [
          {
            path: ['ConvertedDate'],
            message: 'a converted lead (IsConverted true) needs its ConvertedDate',
          },
        ],
      },
      {
        index: 4,
        issues: [{ path: ['CreatedDate'], message: expect.stringMatching(/"yesterday"/) }],
      },
    ])
    for (const record of result.records) expect(LeadSchema.safeParse(record).success).toBe(true)
  })
})

describe('salesforceActivities on the fixture export', () => {
  const result = salesforceActivities(
    { tasks: rows.Task, events: rows.Event },
    { types: { 'Site Visit': 'visit' } },
  )

  it('maps tasks and events worked out by hand (events numbered after the 5 tasks)', () => {
    expect(result.records).toEqual([
      // 900 s = 15 min; WhoId 00Q… is a lead.
      {
        id: '00T0001',
        ownerId: '0050002',
        type: 'call',
        at: at('2026-01-04T15:00:00.000Z'),
        durationMinutes: 15,
        leadId: '00Q0002',
      },
      // No CompletedDateTime: ActivityDate at midnight UTC; WhatId 006… is an opportunity.
      {
        id: '00T0002',
        ownerId: '0050001',
        type: 'email',
        at: at('2026-02-10T00:00:00.000Z'),
        accountId: '0010001',
        opportunityId: '0060001',
      },
      // ListEmail is an email; no ActivityDate: CreatedDate.
      {
        id: '00T0004',
        ownerId: '0050002',
        type: 'email',
        at: at('2026-03-02T08:00:00.000Z'),
        leadId: '00Q0006',
      },
      {
        id: '00U0001',
        ownerId: '0050001',
        type: 'demo',
        at: at('2026-02-20T16:00:00.000Z'),
        durationMinutes: 60,
        accountId: '0010003',
        opportunityId: '0060003',
      },
      // All-day 'Site Visit' mapped by the types option; dated by ActivityDate.
      {
        id: '00U0002',
        ownerId: '0050001',
        type: 'visit',
        at: at('2026-03-04T00:00:00.000Z'),
        durationMinutes: 1440,
        accountId: '0010001',
      },
      // An event without a Type is a meeting.
      {
        id: '00U0003',
        ownerId: '0050002',
        type: 'meeting',
        at: at('2026-03-05T09:00:00.000Z'),
        durationMinutes: 30,
        leadId: '00Q0006',
      },
    ])
    expect(
      result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)]),
    ).toEqual([
      [2, [['IsClosed']]], // an open task
      [4, [['CallDurationInSeconds']]], // −60 seconds
      [8, [['StartDateTime']]], // 30 February
    ])
    // A duration is not an amount: the message says what the column holds.
    expect(result.rejected[1]?.issues[0]?.message).toBe('expected a number ≥ 0, got "-60"')
    expect(result.records.length + result.rejected.length).toBe(
      rows.Task.length + rows.Event.length,
    )
    for (const record of result.records) expect(ActivitySchema.safeParse(record).success).toBe(true)
  })
})
