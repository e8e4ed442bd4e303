import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../../src/core/MetricInputError.js'
import {
  DATE_ORDERS,
  NUMBER_LOCALES,
  ON_INVALID_CHOICES,
  SALESFORCE_OPPORTUNITY_COLUMNS,
  SALESFORCE_STANDARD_STAGES,
  salesforceOpportunities,
} from '../../../src/sources/index.js'
import { expectMetricError } from '../../helpers.js'

const metric = 'salesforceOpportunities'
const deal = (fields: Record<string, unknown> = {}) => ({
  Id: '0061',
  CreatedDate: '2026-01-05T09:00:00.000Z',
  StageName: 'Prospecting',
  CloseDate: '2026-03-31',
  Amount: '1000',
  ...fields,
})

describe('salesforceOpportunities', () => {
  it('matches the documented example', () => {
    const { records, rejected } = salesforceOpportunities({
      opportunities: [
        {
          Id: '0061',
          CreatedDate: '2026-01-05T09:00:00.000Z',
          StageName: 'Closed Won',
          CloseDate: '2026-02-10',
          Amount: '48,000.00',
          Probability: '100',
        },
        {
          Id: '0062',
          CreatedDate: '2026-01-06T09:00:00.000Z',
          StageName: 'Negotiation',
          CloseDate: '2026-03-31',
          Amount: '',
          Probability: '',
        },
      ],
    })
    expect(records[0]?.amount).toBe('48000.00')
    expect(records[0]?.status).toBe('won')
    expect(rejected[0]?.issues[0]?.path).toEqual(['StageName'])
  })

  it('matches the documented examples of its constants', () => {
    expect(SALESFORCE_STANDARD_STAGES.map((stage) => stage.name).slice(-2)).toEqual([
      'Closed Won',
      'Closed Lost',
    ])
    expect(SALESFORCE_OPPORTUNITY_COLUMNS.amount).toEqual(['Amount'])
    expect(DATE_ORDERS).toEqual(['ymd', 'mdy', 'dmy'])
    expect(NUMBER_LOCALES).toEqual(['en', 'de', 'fr', 'ch'])
    expect(ON_INVALID_CHOICES).toEqual(['collect', 'throw'])
  })

  it('returns nothing for no rows', () => {
    expect(salesforceOpportunities({ opportunities: [] })).toEqual({
      records: [],
      rejected: [],
      unmatched: { history: [], fieldHistory: [] },
    })
  })

  it('reads report-export labels, a German locale and d.m.y dates in a zone', () => {
    const { records, rejected } = salesforceOpportunities(
      {
        opportunities: [
          {
            'Opportunity ID': '0061',
            'Created Date': '05.01.2026',
            Stage: 'Closed Won',
            'Close Date': '10.02.2026',
            Amount: '48.000,50',
            'Probability (%)': '100,0',
            'Opportunity Currency': 'eur',
          },
        ],
      },
      { locale: 'de', dateOrder: 'dmy', timeZone: 'Europe/Berlin' },
    )
    expect(rejected).toEqual([])
    // 05.01.2026 at midnight in Berlin (UTC+1) is 2026-01-04T23:00Z; 10.02.2026 likewise.
    expect(records).toEqual([
      {
        id: '0061',
        createdAt: new Date('2026-01-04T23:00:00.000Z'),
        amount: '48000.50',
        currency: 'EUR',
        status: 'won',
        closedAt: new Date('2026-02-09T23:00:00.000Z'),
        probability: 1,
        stageHistory: [{ stage: 'Closed Won', enteredAt: new Date('2026-01-04T23:00:00.000Z') }],
      },
    ])
  })

  it('maps your own columns first (columns option)', () => {
    const { records } = salesforceOpportunities(
      { opportunities: [deal({ 'Amount (converted)': '2,500', Type: 'New Business' })] },
      { columns: { amount: 'Amount (converted)', segment: 'type' } },
    )
    expect(records[0]?.amount).toBe('2500')
    expect(records[0]?.segment).toBe('New Business')
  })

  it('joins OpportunityFieldHistory: old values from creation, new values at each change', () => {
    // Created Jan 5 in Prospecting; StageName → Qualification Jan 10, → Closed Won Feb 1;
    // CloseDate 03-31 → 02-01 on Feb 1; Amount 1000 → 1,200 on Jan 12.
    const { records } = salesforceOpportunities({
      opportunities: [deal({ StageName: 'Closed Won', CloseDate: '2026-02-01', Amount: '1200' })],
      fieldHistory: [
        {
          OpportunityId: '0061',
          CreatedDate: '2026-02-01T10:00:00.000Z',
          Field: 'StageName',
          OldValue: 'Qualification',
          NewValue: 'Closed Won',
        },
        {
          OpportunityId: '0061',
          CreatedDate: '2026-01-10T10:00:00.000Z',
          Field: 'StageName',
          OldValue: 'Prospecting',
          NewValue: 'Qualification',
        },
        {
          OpportunityId: '0061',
          CreatedDate: '2026-02-01T10:00:00.000Z',
          Field: 'CloseDate',
          OldValue: '2026-03-31',
          NewValue: '2026-02-01',
        },
        {
          OpportunityId: '0061',
          CreatedDate: '2026-01-12T10:00:00.000Z',
          Field: 'Amount',
          OldValue: '1000',
          NewValue: '1,200',
        },
        {
          OpportunityId: '0061',
          CreatedDate: '2026-01-05T09:00:00.000Z',
          Field: 'created',
          OldValue: '',
          NewValue: '',
        },
        {
          OpportunityId: '0061',
          CreatedDate: '2026-01-06T09:00:00.000Z',
          Field: 'NextStep',
          OldValue: '',
          NewValue: 'Call',
        },
      ],
    })
    const created = new Date('2026-01-05T09:00:00.000Z')
    expect(records[0]?.stageHistory).toEqual([
      { stage: 'Prospecting', enteredAt: created },
      { stage: 'Qualification', enteredAt: new Date('2026-01-10T10:00:00.000Z') },
      { stage: 'Closed Won', enteredAt: new Date('2026-02-01T10:00:00.000Z') },
    ])
    expect(records[0]?.closeDateHistory).toEqual([
      { at: created, value: '2026-03-31' },
      { at: new Date('2026-02-01T10:00:00.000Z'), value: '2026-02-01' },
    ])
    expect(records[0]?.amountHistory).toEqual([
      { at: created, value: '1000' },
      { at: new Date('2026-01-12T10:00:00.000Z'), value: '1200' },
    ])
  })

  it('uses IsClosed/IsWon over the stage list, and a custom stage list with its flags', () => {
    const stages = [
      { name: 'Discovery', closed: false, won: false, probability: 10 },
      { name: 'Signed', closed: true, won: true, probability: 100 },
      { name: 'Dead', closed: true, won: false },
    ]
    const { records, rejected } = salesforceOpportunities(
      {
        opportunities: [
          deal({ StageName: 'signed ' }),
          deal({ Id: '0062', StageName: 'Dead' }),
          deal({ Id: '0063', StageName: 'Prospecting' }),
          deal({ Id: '0064', StageName: 'Odd', IsClosed: 'false', IsWon: 'false' }),
        ],
      },
      { stages },
    )
    expect(
      records.map((record) => [record.id, record.status, record.stageHistory[0]?.stage]),
    ).toEqual([
      ['0061', 'won', 'Signed'],
      ['0062', 'lost', 'Dead'],
      ['0064', 'open', 'Odd'],
    ])
    // 'Prospecting' is not in this org's list and the row has no IsClosed/IsWon.
    expect(rejected.map((row) => [row.index, row.issues[0]?.path])).toEqual([[2, ['StageName']]])
  })

  it('refuses contradictory flags, a close date before creation and duplicate ids', () => {
    const { records, rejected } = salesforceOpportunities({
      opportunities: [
        deal({ IsClosed: 'false', IsWon: 'true' }),
        deal({ Id: '0062', StageName: 'Closed Lost', CloseDate: '2026-01-04' }),
        deal({ Id: '0063', StageName: 'Closed Lost', CloseDate: '2026-01-05' }),
        deal({ Id: '0063' }),
        deal({ Id: '0064', Amount: '-5', CurrencyIsoCode: 'dollars', IsWon: 'maybe' }),
      ],
    })
    // 0063 closed the day it was created: closedAt is its CreatedDate, not midnight before it.
    expect(records.map((record) => [record.id, record.closedAt])).toEqual([
      ['0063', new Date('2026-01-05T09:00:00.000Z')],
    ])
    expect(rejected.map((row) => [row.index, row.issues.map((issue) => issue.path[0])])).toEqual([
      [0, ['IsWon']],
      [1, ['CloseDate']],
      [3, ['Id']],
      [4, ['Amount', 'CurrencyIsoCode', 'IsWon']],
    ])
  })

  it('throws the first bad row with onInvalid: throw', () => {
    expectMetricError(
      () =>
        salesforceOpportunities(
          { opportunities: [deal(), deal({ Id: '0062', Amount: 'abc' })] },
          { onInvalid: 'throw' },
        ),
      'INVALID_RECORD',
      { metric, path: [1, 'Amount'] },
    )
  })

  it('refuses bad options with INVALID_OPTION at the option', () => {
    const input = { opportunities: [] }
    expectMetricError(
      () => salesforceOpportunities(input, { locale: 'xx' as 'en' }),
      'INVALID_OPTION',
      { metric, path: ['locale'] },
    )
    expectMetricError(
      () => salesforceOpportunities(input, { dateOrder: 'yd' as 'ymd' }),
      'INVALID_OPTION',
      { metric, path: ['dateOrder'] },
    )
    expectMetricError(
      () => salesforceOpportunities(input, { timeZone: 'Mars/Base' }),
      'INVALID_OPTION',
      { metric, path: ['timeZone'] },
    )
    expectMetricError(
      () => salesforceOpportunities(input, { onInvalid: 'skip' as 'throw' }),
      'INVALID_OPTION',
      { metric, path: ['onInvalid'] },
    )
    expectMetricError(
      () => salesforceOpportunities(input, { columns: { nope: 'X' } as never }),
      'INVALID_OPTION',
      { metric, path: ['columns', 'nope'] },
    )
    expectMetricError(
      () => salesforceOpportunities(input, { columns: { amount: '__proto__' } }),
      'INVALID_OPTION',
      { metric, path: ['columns', 'amount'] },
    )
    expectMetricError(() => salesforceOpportunities(input, { stages: [] }), 'INVALID_OPTION', {
      metric,
      path: ['stages'],
    })
    expectMetricError(
      () => salesforceOpportunities(input, { stages: [{ name: 'A', closed: false, won: true }] }),
      'INVALID_OPTION',
      { metric, path: ['stages', 0, 'won'] },
    )
    expectMetricError(
      () =>
        salesforceOpportunities(input, {
          stages: [{ name: 'A', closed: false, won: false, probability: 101 }],
        }),
      'INVALID_OPTION',
      { metric, path: ['stages', 0, 'probability'] },
    )
    expectMetricError(
      () =>
        salesforceOpportunities(input, {
          stages: [
            { name: 'A', closed: false, won: false },
            { name: 'a', closed: true, won: false },
          ],
        }),
      'INVALID_OPTION',
      { metric, path: ['stages', 1] },
    )
    expectMetricError(() => salesforceOpportunities(input, 'x' as never), 'INVALID_OPTION', {
      metric,
      path: [],
    })
  })

  it('refuses inputs that are not lists of rows', () => {
    expectMetricError(
      () => salesforceOpportunities({ opportunities: 5 as never }),
      'VALUE_OUT_OF_RANGE',
      { metric, path: ['opportunities'] },
    )
    expectMetricError(
      () => salesforceOpportunities({ opportunities: [], history: 'x' as never }),
      'VALUE_OUT_OF_RANGE',
      { metric, path: ['history'] },
    )
    expectMetricError(() => salesforceOpportunities(null as never), 'VALUE_OUT_OF_RANGE', {
      metric,
      path: ['input'],
    })
  })

  it('survives hostile rows: prototype keys, huge strings, throwing getters, non-objects', () => {
    const polluted = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": "x", "prototype": "y", "Id": "0061", "CreatedDate": "2026-01-05T09:00:00Z", "StageName": "Prospecting"}',
    )
    const throwing = Object.defineProperty(deal({ Id: '0063' }), 'Amount', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const { records, rejected } = salesforceOpportunities({
      opportunities: [
        polluted,
        deal({ Id: '0062', StageName: 'x'.repeat(5_000_000) }),
        throwing,
        null,
        'row',
        [1, 2],
      ],
      history: [
        JSON.parse(
          '{"__proto__": "x", "OpportunityId": "0061", "CreatedDate": "2026-01-05T09:00:00Z", "StageName": "Qualification"}',
        ),
      ],
    })
    expect(records).toHaveLength(1)
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(records[0] as object, key)).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(rejected.map((row) => [row.index, row.issues[0]?.path])).toEqual([
      [1, ['StageName']],
      [2, []],
      [3, []],
      [4, []],
      [5, []],
    ])
    expect(rejected[0]?.issues[0]?.message).toMatch(/5000000 characters/)
    expect(rejected[1]?.issues[0]?.message).toMatch(/could not be read: "boom"/)
  })

  it('accounts for every row exactly once, whatever the row order (property)', () => {
    const row = fc.record({
      Id: fc.constantFrom('0061', '0062', '0063', '0064', ''),
      CreatedDate: fc.constantFrom('2026-01-05T09:00:00Z', '2026-01-06', 'bad', ''),
      StageName: fc.constantFrom('Prospecting', 'Closed Won', 'Closed Lost', 'Odd', ''),
      CloseDate: fc.constantFrom('2026-03-31', '', '2026-02-30'),
      Amount: fc.constantFrom('1,000.50', '', '-1', '1.000,50', '7'),
      Probability: fc.constantFrom('', '35', '35%', '135'),
    })
    const history = fc.record({
      OpportunityId: fc.constantFrom('0061', '0062', '0069'),
      CreatedDate: fc.constantFrom('2026-01-07T09:00:00Z', '2026-01-08T09:00:00Z', 'bad'),
      StageName: fc.constantFrom('Prospecting', 'Qualification', 'Closed Won'),
    })
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.array(history, { maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (opportunities, historyRows, seeds) => {
          const result = salesforceOpportunities({ opportunities, history: historyRows })
          const indexes = result.rejected.map((rejection) => rejection.index)
          expect(result.records.length + indexes.length).toBe(opportunities.length)
          expect(new Set(indexes).size).toBe(indexes.length)
          // Shuffle both inputs: the same records come out (ids are unique among records).
          const shuffle = <T>(list: T[]) => {
            const copy = [...list]
            const randoms = seeds.take(copy.length)
            let position = copy.length
            for (const random of randoms) {
              const other = random % position
              position--
              ;[copy[position], copy[other]] = [copy[other] as T, copy[position] as T]
            }
            return copy
          }
          const shuffled = salesforceOpportunities({
            opportunities: shuffle(opportunities),
            history: shuffle(historyRows),
          })
          const byId = (records: typeof result.records) =>
            [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
          // Duplicate ids: which copy is kept depends on order, so compare only when ids are unique.
          const ids = opportunities.map((opportunity) => opportunity.Id)
          if (new Set(ids).size === ids.length)
            expect(byId(shuffled.records)).toEqual(byId(result.records))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('throws only MetricInputError for hostile options objects', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
      },
    )
    expect(() => salesforceOpportunities({ opportunities: [] }, hostile)).toThrow(MetricInputError)
    expect(() => salesforceOpportunities(hostile as never)).toThrow(MetricInputError)
  })
})
