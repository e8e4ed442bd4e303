import { describe, expect, it } from 'vitest'
import { leadToCash } from '../../src/time/leadToCash.js'

const at = (iso: string) => new Date(iso)

describe('leadToCash', () => {
  it('times each step over the leads that completed it, skipping steps out of order', () => {
    const steps = leadToCash(
      [
        {
          id: 'A',
          createdAt: at('2026-03-02T00:00:00Z'),
          contactedAt: at('2026-03-02T02:00:00Z'),
          opportunityId: 'O1',
        },
        { id: 'B', createdAt: at('2026-03-02T00:00:00Z'), contactedAt: at('2026-03-02T06:00:00Z') },
        {
          id: 'C',
          createdAt: at('2026-03-02T00:00:00Z'),
          contactedAt: at('2026-03-03T00:00:00Z'),
          opportunityId: 'O2',
        },
        { id: 'D', createdAt: at('2026-03-02T00:00:00Z') },
      ],
      [
        { id: 'q1', leadId: 'A', createdAt: at('2026-03-02T12:00:00Z') },
        { id: 'q2', leadId: 'C', createdAt: at('2026-03-02T20:00:00Z') }, // before C's contact: not timed
      ],
      [
        {
          id: 'O1',
          createdAt: at('2026-03-02T12:00:00Z'),
          closedAt: at('2026-03-04T12:00:00Z'),
          amount: 1,
          status: 'won',
          stageHistory: [],
        },
        {
          id: 'O2',
          createdAt: at('2026-03-02T12:00:00Z'),
          closedAt: at('2026-03-05T00:00:00Z'),
          amount: 1,
          status: 'lost',
          stageHistory: [],
        },
      ],
    )
    expect(steps.map((step) => [step.step, step.count, step.median])).toEqual([
      ['lead → contact', 3, 6],
      ['contact → quote', 1, 10],
      ['quote → won', 1, 48],
      ['lead → won', 1, 60],
    ])
    expect(leadToCash([], [], []).every((step) => step.median === null && step.mean === null)).toBe(
      true,
    )
  })

  it('matches the documented example', () => {
    const steps = leadToCash(
      [
        {
          id: 'L',
          createdAt: at('2026-03-02T00:00:00Z'),
          contactedAt: at('2026-03-02T04:00:00Z'),
          opportunityId: 'O',
        },
      ],
      [{ id: 'Q', leadId: 'L', createdAt: at('2026-03-03T04:00:00Z') }],
      [
        {
          id: 'O',
          createdAt: at('2026-03-03T04:00:00Z'),
          closedAt: at('2026-03-05T04:00:00Z'),
          amount: 1,
          status: 'won',
          stageHistory: [],
        },
      ],
      { unit: 'days' },
    )
    expect(steps.map((step) => [step.step, step.median])).toEqual([
      ['lead → contact', 0.16666666666666666],
      ['contact → quote', 1],
      ['quote → won', 2],
      ['lead → won', 3.1666666666666665],
    ])
  })
})
