import { describe, expect, it } from 'vitest'
import { salesCycleDays } from '../../src/pipeline/salesCycleDays.js'
import { expectMetricError } from '../helpers.js'

const closed = (status: 'won' | 'lost' | 'open', created: string, closedAt?: string) => ({
  id: created,
  createdAt: new Date(created),
  ...(closedAt === undefined ? {} : { closedAt: new Date(closedAt) }),
  amount: 1,
  status,
  stageHistory: [],
})

describe('salesCycleDays', () => {
  it('counts exact fractional days — 1 Dec 09:00 to 3 Dec 21:00 is 2.5 (no GoHighLevel inclusive/exclusive mix)', () => {
    expect(salesCycleDays([closed('won', '2025-12-01T09:00:00Z', '2025-12-03T21:00:00Z')])).toBe(
      2.5,
    )
    expect(salesCycleDays([closed('won', '2025-12-01T00:00:00Z', '2025-12-20T00:00:00Z')])).toBe(19)
  })

  it('averages won deals by default; closed adds lost; median on request', () => {
    const deals = [
      closed('won', '2026-01-01T00:00:00Z', '2026-01-11T00:00:00Z'),
      closed('won', '2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z'),
      closed('lost', '2026-01-01T00:00:00Z', '2026-01-03T00:00:00Z'),
      closed('open', '2026-01-01T00:00:00Z'),
    ]
    expect(salesCycleDays(deals)).toBe(20)
    expect(salesCycleDays(deals, { outcome: 'closed' })).toBe(14)
    expect(salesCycleDays(deals, { outcome: 'closed', statistic: 'median' })).toBe(10)
  })

  it('is null without qualifying deals, and the days themselves for one', () => {
    expect(salesCycleDays([])).toBeNull()
    expect(
      salesCycleDays([closed('lost', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')]),
    ).toBeNull()
    expect(salesCycleDays([closed('won', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')])).toBe(0)
  })

  it('refuses a close before creation, a missing or invalid date and bad options', () => {
    expectMetricError(
      () => salesCycleDays([closed('won', '2026-01-05T00:00:00Z', '2026-01-01T00:00:00Z')]),
      'END_BEFORE_START',
      {
        path: [0, 'closedAt'],
      },
    )
    expectMetricError(
      () => salesCycleDays([closed('won', '2026-01-05T00:00:00Z')]),
      'MISSING_VALUE',
      { path: [0, 'closedAt'] },
    )
    expectMetricError(
      () => salesCycleDays([closed('won', 'soon', '2026-01-01T00:00:00Z')]),
      'INVALID_DATE',
      { path: [0, 'createdAt'] },
    )
    expectMetricError(() => salesCycleDays([], { statistic: 'mode' as 'mean' }), 'INVALID_OPTION', {
      path: ['statistic'],
    })
  })

  it('matches the documented example', () => {
    const deal = (status: 'won' | 'lost', days: number) => ({
      id: String(days),
      createdAt: new Date('2026-01-01T00:00:00Z'),
      closedAt: new Date(Date.UTC(2026, 0, 1) + days * 86_400_000),
      amount: 1,
      status,
      stageHistory: [],
    })
    expect(salesCycleDays([deal('won', 10), deal('won', 20.5), deal('lost', 3)])).toBe(15.25)
    expect(
      salesCycleDays([deal('won', 10), deal('won', 20.5), deal('lost', 3)], {
        outcome: 'closed',
        statistic: 'median',
      }),
    ).toBe(10)
  })
})
