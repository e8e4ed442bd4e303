import { describe, expect, it } from 'vitest'
import { weightedPipeline, winRate } from '../../src/index.js'
import {
  CalendarDateSchema,
  OptionalCalendarDateSchema,
} from '../../src/schemas/CalendarDateSchema.js'
import {
  AmountChangeSchema,
  CloseDateChangeSchema,
  OpportunitySchema,
  OpportunityStatusSchema,
  StageEntrySchema,
} from '../../src/schemas/OpportunitySchema.js'
import { expectMetricError } from '../helpers.js'

const row = {
  id: 'OPP-1',
  createdAt: '2026-01-05',
  amount: '12000.50',
  currency: 'eur',
  status: 'open',
  closedAt: '',
  stageHistory: [{ stage: 'Discovery', enteredAt: '2026-01-05T10:00:00Z' }],
  probability: '0.25',
  ownerId: 'rep-ana',
  segment: '',
}

describe('OpportunitySchema', () => {
  it('reads a JSON export record into an Opportunity, blanks absent', () => {
    const deal = OpportunitySchema.parse(row)
    expect(deal.amount?.toString()).toBe('12000.5')
    expect(deal.currency).toBe('EUR')
    expect(deal.probability).toBe(0.25)
    expect(deal.stageHistory[0]?.enteredAt.toISOString()).toBe('2026-01-05T10:00:00.000Z')
    expect('closedAt' in deal).toBe(false)
    expect('segment' in deal).toBe(false)
  })

  it('reads CRM status words and a stage history held as JSON text or left blank', () => {
    expect(OpportunityStatusSchema.parse(' Closed Lost ')).toBe('lost')
    expect(OpportunityStatusSchema.safeParse('pending').success).toBe(false)
    expect(OpportunitySchema.parse({ ...row, stageHistory: '' }).stageHistory).toEqual([])
    expect(
      OpportunitySchema.safeParse({ ...row, stageHistory: '[oops' }).error?.issues[0]?.path,
    ).toEqual(['stageHistory'])
    expect(StageEntrySchema.safeParse({ stage: '', enteredAt: '2026-01-01' }).success).toBe(false)
  })

  it('refuses a closed deal without closedAt, a close before creation, a history out of order, a bad probability', () => {
    const issues = (value: object) =>
      OpportunitySchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'))
    expect(issues({ ...row, status: 'won' })).toEqual(['closedAt'])
    expect(issues({ ...row, status: 'lost', closedAt: '2026-01-01' })).toEqual(['closedAt'])
    expect(
      issues({
        ...row,
        stageHistory: [
          { stage: 'B', enteredAt: '2026-02-01' },
          { stage: 'A', enteredAt: '2026-01-10' },
        ],
      }),
    ).toEqual(['stageHistory.1.enteredAt'])
    expect(issues({ ...row, probability: '35' })).toEqual(['probability'])
  })

  it('matches the documented example', () => {
    const deal = OpportunitySchema.parse({
      id: 'OPP-1',
      createdAt: '2026-01-05',
      amount: '12000.50',
      status: 'Closed Won',
      closedAt: '2026-02-01',
      stageHistory: '[{"stage":"Discovery","enteredAt":"2026-01-05"}]',
    })
    expect(deal.status).toBe('won')
    expect(deal.stageHistory[0]?.stage).toBe('Discovery')
  })
})

describe('OpportunitySchema: the fields added for 0.2', () => {
  const issuePaths = (value: object) =>
    OpportunitySchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'))

  it('reads accountId, source, expectedCloseAt and both histories (arrays or JSON text cells)', () => {
    const deal = OpportunitySchema.parse({
      ...row,
      accountId: ' acme ',
      source: 'inbound',
      expectedCloseAt: '2026-03-31',
      closeDateHistory:
        '[{"at":"2026-01-05","value":"2026-02-28"},{"at":"2026-02-20T10:00:00Z","value":"2026-03-31"}]',
      amountHistory: [
        { at: '2026-01-05', value: '10000' },
        { at: '2026-02-01', value: 12000.5 },
      ],
    })
    expect(deal.accountId).toBe('acme')
    expect(deal.source).toBe('inbound')
    expect(deal.expectedCloseAt).toBe('2026-03-31')
    expect(deal.closeDateHistory).toEqual([
      { at: new Date('2026-01-05T00:00:00Z'), value: '2026-02-28' },
      { at: new Date('2026-02-20T10:00:00Z'), value: '2026-03-31' },
    ])
    expect(deal.amountHistory?.map((change) => change.value.toString())).toEqual([
      '10000',
      '12000.5',
    ])
  })

  it('leaves blank new fields absent', () => {
    const deal = OpportunitySchema.parse({
      ...row,
      accountId: '',
      source: null,
      expectedCloseAt: '',
      closeDateHistory: '',
      amountHistory: null,
    })
    for (const key of [
      'accountId',
      'source',
      'expectedCloseAt',
      'closeDateHistory',
      'amountHistory',
    ])
      expect(key in deal).toBe(false)
  })

  it('rejects each invalid new field with its path', () => {
    expect(issuePaths({ ...row, accountId: 5 })).toEqual(['accountId'])
    expect(issuePaths({ ...row, expectedCloseAt: '2026-13-01' })).toEqual(['expectedCloseAt'])
    expect(issuePaths({ ...row, closeDateHistory: '[oops' })).toEqual(['closeDateHistory'])
    expect(issuePaths({ ...row, closeDateHistory: [{ at: '2026-01-01', value: 'soon' }] })).toEqual(
      ['closeDateHistory.0.value'],
    )
    expect(issuePaths({ ...row, amountHistory: [{ at: 'x', value: 1 }] })).toEqual([
      'amountHistory.0.at',
    ])
    expect(issuePaths({ ...row, amountHistory: [{ at: '2026-01-01', value: '-1' }] })).toEqual([
      'amountHistory.0.value',
    ])
    expect(
      issuePaths({
        ...row,
        amountHistory: [
          { at: '2026-02-01', value: 1 },
          { at: '2026-01-01', value: 2 },
        ],
      }),
    ).toEqual(['amountHistory.1.at'])
    expect(
      issuePaths({
        ...row,
        closeDateHistory: Array.from({ length: 10_001 }, () => ({
          at: '2026-01-01',
          value: '2026-01-01',
        })),
      }),
    ).toEqual(['closeDateHistory'])
  })

  it('matches the documented examples of the history entries', () => {
    expect(
      CloseDateChangeSchema.parse({ at: '2026-02-01T09:00:00Z', value: '2026-03-31' }).value,
    ).toBe('2026-03-31')
    expect(
      AmountChangeSchema.parse({ at: '2026-02-01T09:00:00Z', value: '1200.50' }).value.toString(),
    ).toBe('1200.5')
    expect(CalendarDateSchema.parse(' 2026-03-31 ')).toBe('2026-03-31')
    expect(OptionalCalendarDateSchema.parse('')).toBeUndefined()
  })

  it('lets no history key reach a prototype', () => {
    const hostile = JSON.parse(
      `{"id": "O", "createdAt": "2026-01-01", "amount": 1, "status": "open", "stageHistory": [], "amountHistory": [{"__proto__": {"polluted": 1}, "at": "2026-01-02", "value": 3}]}`,
    )
    const deal = OpportunitySchema.parse(hostile)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const entry = deal.amountHistory?.[0] as object
    expect(Object.getPrototypeOf(entry)).toBe(Object.prototype)
    expect(Object.hasOwn(entry, '__proto__')).toBe(false)
  })
})

describe('OpportunitySchema: a deal without an amount (SPEC, Additions for 0.2: amount is optional)', () => {
  it('keeps a blank or missing amount absent; count metrics read the deal, money metrics refuse it', () => {
    const blank = OpportunitySchema.parse({ ...row, amount: '', probability: '0.5' })
    const missing = OpportunitySchema.parse({ ...row, amount: undefined, probability: '0.5' })
    expect(blank.amount).toBeUndefined()
    expect(missing.amount).toBeUndefined()
    const won = OpportunitySchema.parse({
      ...row,
      id: 'OPP-2',
      amount: '',
      status: 'won',
      closedAt: '2026-02-01',
    })
    // 1 won of 1 decided: the count basis needs no amount.
    expect(winRate([blank, won]).rate).toBe(1)
    expectMetricError(() => weightedPipeline([blank]), 'MISSING_VALUE', {
      path: [0, 'amount'],
      metric: 'weightedPipeline',
    })
  })

  it('still refuses an amount that is not a number', () => {
    expect(OpportunitySchema.safeParse({ ...row, amount: 'n/a' }).success).toBe(false)
  })
})
