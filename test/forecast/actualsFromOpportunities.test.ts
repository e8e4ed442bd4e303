import { describe, expect, it } from 'vitest'
import { actualsFromOpportunities } from '../../src/forecast/actualsFromOpportunities.js'
import { forecastAccuracyByPeriod } from '../../src/forecast/forecastAccuracyByPeriod.js'
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

  it("carries each won deal's currency, so a USD and a JPY deal are not added up later", () => {
    const deal = (id: string, currency: string) => ({
      id,
      createdAt: new Date('2026-01-02'),
      closedAt: new Date('2026-02-10'),
      amount: 100,
      currency,
      status: 'won' as const,
      ownerId: 'ana',
      stageHistory: [],
    })
    const actuals = actualsFromOpportunities([deal('a', 'USD'), deal('b', 'JPY')])
    expect(actuals.map((actual) => actual.currency)).toEqual(['USD', 'JPY'])
    const q1 = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-03-31') }
    const calls = [
      {
        ownerId: 'ana',
        ...q1,
        category: 'commit' as const,
        amount: 200,
        submittedAt: new Date('2026-01-05'),
      },
    ]
    expectMetricError(() => forecastAccuracyByPeriod(calls, actuals), 'CURRENCY_MISMATCH', {
      path: ['actuals', 1, 'currency'],
      metric: 'forecastAccuracyByPeriod',
    })
  })

  it('refuses a list that is not an array and a missing record with MetricInputError', () => {
    expectMetricError(() => actualsFromOpportunities(null as never), 'MISSING_VALUE', {
      path: ['opportunities'],
      metric: 'actualsFromOpportunities',
    })
    expectMetricError(() => actualsFromOpportunities([undefined] as never), 'MISSING_VALUE', {
      path: [0],
      metric: 'actualsFromOpportunities',
    })
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
