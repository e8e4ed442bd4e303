import { describe, expect, it } from 'vitest'
import { actualsFromOpportunities } from '../../src/forecast/actualsFromOpportunities.js'
import { expectMetricError } from '../helpers.js'

describe('actualsFromOpportunities', () => {
  it('refuses a won deal without an owner or a close date', () => {
    const won = {
      id: 'a',
      createdAt: new Date('2026-01-02'),
      closedAt: new Date('2026-02-10'),
      amount: 1,
      status: 'won' as const,
      stageHistory: [],
    }
    expectMetricError(() => actualsFromOpportunities([won]), 'MISSING_VALUE', {
      path: [0, 'ownerId'],
    })
    const { closedAt: _, ...open } = won
    expectMetricError(
      () => actualsFromOpportunities([{ ...open, ownerId: 'x' }]),
      'MISSING_VALUE',
      { path: [0, 'closedAt'] },
    )
    expect(actualsFromOpportunities([])).toEqual([])
  })

  it('matches the documented example', () => {
    expect(
      actualsFromOpportunities([
        {
          id: 'a',
          createdAt: new Date('2026-01-02'),
          closedAt: new Date('2026-02-10'),
          amount: 500,
          status: 'won',
          ownerId: 'ana',
          stageHistory: [],
        },
        {
          id: 'b',
          createdAt: new Date('2026-01-02'),
          amount: 900,
          status: 'open',
          ownerId: 'ana',
          stageHistory: [],
        },
      ]),
    ).toEqual([{ ownerId: 'ana', at: new Date('2026-02-10'), amount: 500 }])
  })
})
