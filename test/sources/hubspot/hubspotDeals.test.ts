/**
 * hubspotDeals on the fixture exports of test/sources/hubspot/fixtures (see its README for
 * the HubSpot pages they follow): deals.csv is a default deal export (labels as headers,
 * `Date entered "<stage> (<pipeline>)"` columns), deals.json CRM API objects, pipelines.json
 * the Pipelines API response. rows.json is what Python's csv module reads from the CSV
 * (test/reference/hubspot_csv_rows.py). Expected records, rejections, win rate and funnel
 * are worked by hand from the file text; the comments show the steps.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stageConversion } from '../../../src/pipeline/stageConversion.js'
import { winRate } from '../../../src/pipeline/winRate.js'
import { OpportunitySchema } from '../../../src/schemas/OpportunitySchema.js'
import type { ParseRecordsResult } from '../../../src/schemas/parseRecords.js'
import { HUBSPOT_DEAL_COLUMNS, hubspotDeals } from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

const FOLDER = new URL('./fixtures/', import.meta.url)
const rows = JSON.parse(readFileSync(new URL('rows.json', FOLDER), 'utf8')) as Record<
  'deals',
  Record<string, string>[]
>
const pipelines = JSON.parse(readFileSync(new URL('pipelines.json', FOLDER), 'utf8'))
const apiDeals = JSON.parse(readFileSync(new URL('deals.json', FOLDER), 'utf8')) as unknown[]
const at = (text: string) => new Date(text)
const paths = (result: ParseRecordsResult<unknown>) =>
  result.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])

const STAGES = [
  {
    id: 'appointmentscheduled',
    label: 'Appointment Scheduled',
    metadata: { isClosed: 'false', probability: '0.2' },
  },
  { id: 'closedwon', label: 'Closed Won', metadata: { isClosed: 'true', probability: '1.0' } },
  { id: 'closedlost', label: 'Closed Lost', metadata: { isClosed: 'true', probability: '0.0' } },
]

describe('hubspotDeals', () => {
  it('matches the documented example', () => {
    const { records } = hubspotDeals({
      deals: [
        {
          id: '101',
          properties: {
            dealstage: 'closedwon',
            amount: '48000',
            createdate: '2026-01-05T09:00:00Z',
            closedate: '2026-02-20T17:00:00Z',
            hs_date_entered_appointmentscheduled: '2026-01-05T09:00:00Z',
            hs_date_entered_closedwon: '2026-02-20T17:00:00Z',
          },
        },
      ],
      stages: [
        {
          id: 'appointmentscheduled',
          label: 'Appointment Scheduled',
          metadata: { isClosed: 'false', probability: '0.2' },
        },
        {
          id: 'closedwon',
          label: 'Closed Won',
          metadata: { isClosed: 'true', probability: '1.0' },
        },
      ],
    })
    expect(records[0]?.status).toBe('won')
    expect(records[0]?.stageHistory.map((entry) => entry.stage)).toEqual([
      'Appointment Scheduled',
      'Closed Won',
    ])
    expect(HUBSPOT_DEAL_COLUMNS.closeDate).toEqual(['closedate', 'Close Date'])
  })

  describe('on the default deal export', () => {
    const result = hubspotDeals({ deals: rows.deals, stages: pipelines })

    it('has a BOM, CRLF line ends, quoted commas and an empty trailing column', () => {
      const text = readFileSync(new URL('deals.csv', FOLDER), 'utf8')
      expect(text.charCodeAt(0)).toBe(0xfeff)
      expect(text.split('\r\n').length).toBe(11) // header + 9 rows + final empty line
      expect(text).toContain('"Acme, Inc. - Platform"')
      expect(Object.keys(rows.deals[0] ?? {})[0]).toBe('\ufeffRecord ID')
      expect(rows.deals[0]?.['']).toBe('')
    })

    it('maps every good row to the record worked out by hand', () => {
      expect(result.records).toEqual([
        {
          // Report date-times without an offset read in UTC (the default zone).
          id: '9001',
          createdAt: at('2026-01-05T09:00:00.000Z'),
          amount: '48000.00', // "48,000.00" in locale en
          currency: 'USD',
          status: 'won',
          closedAt: at('2026-02-20T17:00:00.000Z'),
          probability: 1, // Closed Won: probability "1.0"
          ownerId: 'Ana Lopez',
          stageHistory: [
            { stage: 'Appointment Scheduled', enteredAt: at('2026-01-05T09:00:00.000Z') },
            { stage: 'Qualified To Buy', enteredAt: at('2026-01-20T14:00:00.000Z') },
            // The column says "Contract Sent", the stage's label before it became "Contract Out".
            { stage: 'Contract Out', enteredAt: at('2026-02-10T11:00:00.000Z') },
            { stage: 'Closed Won', enteredAt: at('2026-02-20T17:00:00.000Z') },
          ],
        },
        {
          id: '9002',
          createdAt: at('2026-01-10T10:00:00.000Z'),
          amount: '12000',
          currency: 'EUR',
          status: 'lost',
          closedAt: at('2026-03-10T09:00:00.000Z'),
          probability: 0,
          ownerId: 'Ben Ode',
          stageHistory: [
            { stage: 'Appointment Scheduled', enteredAt: at('2026-01-10T10:00:00.000Z') },
            { stage: 'Closed Lost', enteredAt: at('2026-03-10T09:00:00.000Z') },
          ],
        },
        {
          // Deal Stage "Contract Sent" (the old label) is the stage now labelled "Contract Out".
          id: '9003',
          createdAt: at('2026-02-01T08:00:00.000Z'),
          amount: '30500.50',
          currency: 'USD',
          status: 'open',
          probability: 0.9,
          ownerId: 'Ana Lopez',
          expectedCloseAt: '2026-04-30',
          stageHistory: [
            { stage: 'Appointment Scheduled', enteredAt: at('2026-02-01T08:00:00.000Z') },
            { stage: 'Qualified To Buy', enteredAt: at('2026-02-15T10:00:00.000Z') },
            { stage: 'Contract Out', enteredAt: at('2026-03-02T12:00:00.000Z') },
          ],
        },
        {
          // Blank Amount stays absent; blank owner too.
          id: '9004',
          createdAt: at('2026-03-01T12:00:00.000Z'),
          currency: 'GBP',
          status: 'open',
          probability: 0.2,
          expectedCloseAt: '2026-06-30',
          stageHistory: [
            { stage: 'Appointment Scheduled', enteredAt: at('2026-03-01T12:00:00.000Z') },
          ],
        },
        {
          // Lost on Feb 5, reopened: it left Closed Lost on Feb 25 back into Qualified To Buy,
          // its current stage — the return is dated by that exit.
          id: '9005',
          createdAt: at('2026-01-15T09:00:00.000Z'),
          amount: '9999',
          currency: 'USD',
          status: 'open',
          probability: 0.4,
          ownerId: 'Ben Ode',
          expectedCloseAt: '2026-05-31',
          stageHistory: [
            { stage: 'Appointment Scheduled', enteredAt: at('2026-01-15T09:00:00.000Z') },
            { stage: 'Qualified To Buy', enteredAt: at('2026-01-25T09:00:00.000Z') },
            { stage: 'Closed Lost', enteredAt: at('2026-02-05T16:00:00.000Z') },
            { stage: 'Qualified To Buy', enteredAt: at('2026-02-25T10:00:00.000Z') },
          ],
        },
        {
          // Renewals pipeline: no date-entered columns for it, so its stage since creation.
          id: '9009',
          createdAt: at('2026-01-02T09:00:00.000Z'),
          amount: '15000',
          currency: 'USD',
          status: 'won',
          closedAt: at('2026-03-31T12:00:00.000Z'),
          probability: 1,
          ownerId: 'Ana Lopez',
          stageHistory: [{ stage: 'Renewed', enteredAt: at('2026-01-02T09:00:00.000Z') }],
        },
      ])
      // Every record passes OpportunitySchema, deals without an amount included (SPEC 0.2).
      for (const record of result.records)
        expect(OpportunitySchema.safeParse(record).success, record.id).toBe(true)
    })

    it('rejects the bad rows with the column and the reason', () => {
      expect(paths(result)).toEqual([
        [5, [['Amount']]], // "20.000,00" is not an en number: never guessed
        [6, [['Deal Stage']]], // Negotiating is in no pipeline
        [7, [['Close Date']]], // closed won without a close date
      ])
      expect(result.rejected[1]?.issues[0]?.message).toBe(
        'stage "Negotiating" is not in the stage list of pipeline "Sales Pipeline" (input stages)',
      )
      expect(result.rejected[2]?.issues[0]?.message).toBe('a closed deal needs its closedate')
      expect(result.records.length + result.rejected.length).toBe(rows.deals.length)
    })

    it('gives the win rate worked by hand', () => {
      // Closed: 9001 won, 9009 won, 9002 lost → 2 / 3.
      const rate = winRate(result.records)
      expect([rate.won, rate.lost]).toEqual([2, 1])
      expect(rate.rate).toBeCloseTo(2 / 3, 12)
    })

    it('gives the Sales Pipeline funnel worked by hand', () => {
      // Sales Pipeline deals 9001 (won), 9002 (lost at AS), 9003 (open at Contract Out),
      // 9004 (open at AS), 9005 (open, furthest QTB). reached = 5, 3, 2; advanced = 3, 2,
      // 1 (won); open = 1, 1, 1 → rates 3/(5−1) = 0.75, 2/(3−1) = 1, 1/(2−1) = 1.
      const sales = result.records.filter((record) => record.id !== '9009')
      const funnel = stageConversion(sales, {
        stages: ['Appointment Scheduled', 'Qualified To Buy', 'Contract Out'],
      })
      expect(
        funnel.map((row) => [row.stage, row.reached, row.advanced, row.open, row.rate]),
      ).toEqual([
        ['Appointment Scheduled', 5, 3, 1, 0.75],
        ['Qualified To Buy', 3, 2, 1, 1],
        ['Contract Out', 2, 1, 1, 1],
      ])
    })
  })

  it('reads CRM API objects: stage ids, epoch-ms dates, associations, close dates in a zone', () => {
    const result = hubspotDeals({ deals: apiDeals, stages: pipelines }, { timeZone: 'Asia/Tokyo' })
    expect(result.records).toEqual([
      {
        id: '101',
        createdAt: at('2026-01-05T09:00:00.000Z'),
        amount: '48000',
        currency: 'USD',
        status: 'won',
        closedAt: at('2026-02-20T17:00:00.000Z'),
        probability: 1,
        ownerId: '512',
        accountId: '301', // the first associated company
        stageHistory: [
          { stage: 'Appointment Scheduled', enteredAt: at('2026-01-05T09:00:00.000Z') },
          { stage: 'Qualified To Buy', enteredAt: at('2026-01-20T14:00:00.000Z') },
          { stage: 'Contract Out', enteredAt: at('2026-02-10T11:00:00.000Z') },
          { stage: 'Closed Won', enteredAt: at('2026-02-20T17:00:00.000Z') },
        ],
      },
      {
        // 2026-03-31T23:30Z is 08:30 on 1 April in Tokyo (UTC+9): the planned close date.
        id: '102',
        createdAt: at('2026-02-01T08:00:00.000Z'),
        currency: 'EUR',
        status: 'open',
        probability: 0.9,
        ownerId: '513',
        expectedCloseAt: '2026-04-01',
        stageHistory: [
          { stage: 'Appointment Scheduled', enteredAt: at('2026-02-01T08:00:00.000Z') },
          { stage: 'Contract Out', enteredAt: at('2026-03-02T12:00:00.000Z') },
        ],
      },
      {
        // closedate 1772323200000 ms = 2026-03-01T00:00Z (Python datetime); stage 1003 Churned.
        id: '103',
        createdAt: at('2026-01-02T09:00:00.000Z'),
        amount: '15000.5',
        currency: 'USD',
        status: 'lost',
        closedAt: at('2026-03-01T00:00:00.000Z'),
        probability: 0,
        ownerId: '512',
        stageHistory: [
          { stage: 'Renewal Due', enteredAt: at('2026-01-02T09:00:00.000Z') },
          { stage: 'Churned', enteredAt: at('2026-03-01T00:00:00.000Z') },
        ],
      },
    ])
    // Stage 1002 belongs to Renewals, not to the deal's pipeline "default".
    expect(paths(result)).toEqual([[3, [['dealstage']]]])
  })

  it('rejects a reopened deal whose return cannot be dated', () => {
    const result = hubspotDeals({
      deals: [
        {
          hs_object_id: '1',
          createdate: '2026-01-01T00:00:00Z',
          dealstage: 'appointmentscheduled',
          closedate: '2026-03-01',
          hs_date_entered_appointmentscheduled: '2026-01-01T00:00:00Z',
          hs_date_entered_closedlost: '2026-02-01T00:00:00Z',
        },
      ],
      stages: STAGES,
    })
    expect(result.rejected[0]?.issues).toEqual([
      {
        path: ['dealstage'],
        message:
          'the deal is in Appointment Scheduled but the last stage it entered is Closed Lost, with no later exit date to date its return',
      },
    ])
  })

  it('lets hs_is_closed_won override and refuses won-but-open', () => {
    const base = {
      hs_object_id: '1',
      createdate: '2026-01-01T00:00:00Z',
      closedate: '2026-01-01',
      dealstage: 'appointmentscheduled',
    }
    const result = hubspotDeals({ deals: [{ ...base, hs_is_closed_won: 'true' }], stages: STAGES })
    expect(paths(result)).toEqual([[0, [['hs_is_closed_won']]]])
    // Closed the day it was created: start of that day is before createdate, so createdate.
    const same = hubspotDeals({ deals: [{ ...base, dealstage: 'closedlost' }], stages: STAGES })
    expect(same.records[0]?.closedAt).toEqual(at('2026-01-01T00:00:00.000Z'))
    const before = hubspotDeals({
      deals: [{ ...base, dealstage: 'closedlost', closedate: '2025-12-30' }],
      stages: STAGES,
    })
    expect(paths(before)).toEqual([[0, [['closedate']]]])
  })

  it('rejects a repeated deal id', () => {
    const deal = {
      hs_object_id: '7',
      createdate: '2026-01-01T00:00:00Z',
      dealstage: 'appointmentscheduled',
    }
    const result = hubspotDeals({ deals: [deal, deal], stages: STAGES })
    expect(result.records.length).toBe(1)
    expect(result.rejected).toEqual([
      { index: 1, issues: [{ path: ['hs_object_id'], message: 'deal 7 is also row 0' }] },
    ])
  })

  it('refuses a malformed stage list and bad options', () => {
    expectMetricError(() => hubspotDeals({ deals: [], stages: [] }), 'INVALID_RECORD', {
      path: ['stages'],
      metric: 'hubspotDeals',
    })
    expectMetricError(
      () =>
        hubspotDeals({
          deals: [],
          stages: [{ id: 'x', label: 'X', metadata: { isClosed: 'true', probability: '0.5' } }],
        }),
      'INVALID_RECORD',
      { path: ['stages', 0, 'metadata', 'probability'] },
    )
    expectMetricError(
      () => hubspotDeals({ deals: [], stages: [{ id: '', label: 'X' }] }),
      'INVALID_RECORD',
      { path: ['stages', 0, 'id'] },
    )
    expectMetricError(
      () =>
        hubspotDeals({
          deals: [],
          stages: { results: [{ id: 'p', label: 'P', stages: 3 }] } as never,
        }),
      'INVALID_RECORD',
      { path: ['stages', 0, 'stages'] },
    )
    expectMetricError(
      () => hubspotDeals({ deals: 5 as never, stages: STAGES }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['deals'],
      },
    )
    expectMetricError(() => hubspotDeals(null as never), 'VALUE_OUT_OF_RANGE', { path: ['input'] })
    expectMetricError(
      () => hubspotDeals({ deals: [], stages: STAGES }, { locale: 'xx' as never }),
      'INVALID_OPTION',
      { path: ['locale'] },
    )
  })

  it('turns hostile rows into rejections and copies no polluting key', () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('proxy that throws')
        },
      },
    )
    const polluted = JSON.parse(
      '{"hs_object_id": "1", "createdate": "2026-01-01T00:00:00Z", "dealstage": "closedlost", "closedate": "2026-01-02", "__proto__": {"x": 1}, "constructor": "y"}',
    )
    const result = hubspotDeals({
      deals: [null, [], throwing, polluted, { properties: { hs_object_id: 'x'.repeat(300) } }],
      stages: STAGES,
    })
    expect(result.rejected.map((row) => row.index)).toEqual([0, 1, 2, 4])
    expect(result.records.length).toBe(1)
    const record = result.records[0] as object
    expect(Object.hasOwn(record, '__proto__') || Object.hasOwn(record, 'constructor')).toBe(false)
  })

  it('accounts for every row exactly once, whatever the order (property)', () => {
    const deal = fc.record({
      hs_object_id: fc.constantFrom('1', '2', '3', '4', '5', ''),
      createdate: fc.constantFrom('2026-01-05T09:00:00Z', '2026-01-06', 'bad', ''),
      dealstage: fc.constantFrom('appointmentscheduled', 'closedwon', 'closedlost', 'odd', ''),
      closedate: fc.constantFrom('2026-03-31', '', '2026-02-30', '1772323200000'),
      amount: fc.constantFrom('1,000.50', '', '-1', '7'),
      hs_date_entered_closedlost: fc.constantFrom('', '2026-02-01T00:00:00Z'),
    })
    fc.assert(
      fc.property(
        fc.array(deal, { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (list, stream) => {
          const result = hubspotDeals({ deals: list, stages: STAGES })
          const indexes = result.rejected.map((row) => row.index)
          expect(result.records.length + indexes.length).toBe(list.length)
          expect(new Set(indexes).size).toBe(indexes.length)
          // Order independence when ids are unique (with a repeated id, which copy is kept
          // depends on the order).
          const ids = list.map((row) => row.hs_object_id)
          if (new Set(ids).size !== ids.length) return
          const keys = [...stream.take(list.length)]
          const shuffled = list
            .map((value, index) => ({ value, key: keys[index] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .map((entry) => entry.value)
          const again = hubspotDeals({ deals: shuffled, stages: STAGES })
          const byId = (records: readonly { id: string }[]) =>
            [...records].sort((a, b) => a.id.localeCompare(b.id))
          expect(byId(again.records)).toEqual(byId(result.records))
        },
      ),
      { numRuns: 150 },
    )
  })
})
