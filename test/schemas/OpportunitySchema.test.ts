import { describe, expect, it } from 'vitest'
import {
  OpportunitySchema,
  OpportunityStatusSchema,
  StageEntrySchema,
} from '../../src/schemas/OpportunitySchema.js'

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
