import { describe, expect, it } from 'vitest'
import { bookingsFromOpportunities } from '../../src/quota/bookingsFromOpportunities.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const base = { createdAt: new Date('2026-01-05T00:00:00Z'), stageHistory: [] }
const won = (id: string, extra: Record<string, unknown> = {}): Opportunity =>
  ({
    ...base,
    id,
    status: 'won',
    amount: 100,
    ownerId: 'ana',
    accountId: 'acme',
    closedAt: new Date('2026-02-01T10:00:00Z'),
    ...extra,
  }) as Opportunity

describe('bookingsFromOpportunities', () => {
  it('matches the documented example', () => {
    const deal = { createdAt: new Date('2026-01-05T00:00:00Z'), stageHistory: [] }
    expect(
      bookingsFromOpportunities(
        [
          {
            ...deal,
            id: 'a',
            status: 'won',
            amount: 5000,
            ownerId: 'ana',
            accountId: 'acme',
            closedAt: new Date('2026-02-01T10:00:00Z'),
          },
          {
            ...deal,
            id: 'b',
            status: 'lost',
            amount: 900,
            ownerId: 'ana',
            closedAt: new Date('2026-02-03T10:00:00Z'),
          },
        ],
        { creditTo: 'account' },
      ),
    ).toEqual([{ ownerId: 'acme', at: new Date('2026-02-01T10:00:00Z'), amount: 5000 }])
  })

  it('keeps won deals in input order, credited to the owner by default, with amount and currency as given', () => {
    const deals = [
      won('1', { amount: '12.50', currency: 'EUR' }),
      { ...won('2'), status: 'open' as const, probability: 0.5 },
      won('3', { ownerId: 'ben', closedAt: new Date('2026-01-20T00:00:00Z') }),
    ]
    expect(bookingsFromOpportunities(deals)).toEqual([
      { ownerId: 'ana', at: new Date('2026-02-01T10:00:00Z'), amount: '12.50', currency: 'EUR' },
      { ownerId: 'ben', at: new Date('2026-01-20T00:00:00Z'), amount: 100 },
    ])
    expect(bookingsFromOpportunities([])).toEqual([])
  })

  it('refuses a won deal it cannot book, pointing at the deal', () => {
    const metric = 'bookingsFromOpportunities'
    expectMetricError(
      () => bookingsFromOpportunities([won('1', { ownerId: undefined })]),
      'MISSING_VALUE',
      { path: [0, 'ownerId'], metric },
    )
    expectMetricError(
      () =>
        bookingsFromOpportunities([won('1'), won('2', { accountId: '' })], { creditTo: 'account' }),
      'MISSING_VALUE',
      { path: [1, 'accountId'], metric },
    )
    expectMetricError(
      () => bookingsFromOpportunities([won('1', { closedAt: undefined })]),
      'MISSING_VALUE',
      { path: [0, 'closedAt'], metric },
    )
    expectMetricError(
      () => bookingsFromOpportunities([won('1', { amount: undefined as unknown as number })]),
      'MISSING_VALUE',
      { path: [0, 'amount'], metric },
    )
    expectMetricError(
      () => bookingsFromOpportunities([won('1', { amount: -3 })]),
      'NEGATIVE_VALUE',
      { path: [0, 'amount'], metric },
    )
    expectMetricError(
      () => bookingsFromOpportunities([won('1', { status: 'closed' as 'won' })]),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'status'], metric },
    )
    expectMetricError(
      () => bookingsFromOpportunities([won('1')], { creditTo: 'team' as 'owner' }),
      'INVALID_OPTION',
      { path: ['creditTo'], metric },
    )
    expectMetricError(() => bookingsFromOpportunities({} as Opportunity[]), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric,
    })
  })
})
