import { describe, expect, it } from 'vitest'
import { timeToQuoteSurvival } from '../../src/time/timeToQuoteSurvival.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)

describe('timeToQuoteSurvival', () => {
  it('treats leads still waiting as censored, not as quoted at asOf', () => {
    const leads = ['a', 'b', 'c', 'd'].map((id) => ({ id, createdAt: at('2026-03-02T00:00:00Z') }))
    const quotes = [
      { id: 'q1', leadId: 'a', createdAt: at('2026-03-02T02:00:00Z') },
      { id: 'q2', leadId: 'b', createdAt: at('2026-03-02T04:00:00Z') },
    ]
    const curve = timeToQuoteSurvival(leads, quotes, {
      asOf: at('2026-03-02T10:00:00Z'),
      interval: 'plain',
      confidence: 0.9,
    })
    // KM by hand: S(2) = 3/4, S(4) = 3/4 · 2/3 = 1/2; c and d censored at 10 h.
    expect(curve.steps.map((step) => [step.time, step.atRisk, step.survival])).toEqual([
      [2, 4, 0.75],
      [4, 3, 0.5],
    ])
    expect(curve.median).toBe(4)
    expect(curve).toMatchObject({ interval: 'plain', method: 'plain', confidence: 0.9 })
    // The new name gives the same curve; the two names disagreeing is refused.
    expect(
      timeToQuoteSurvival(leads, quotes, {
        asOf: at('2026-03-02T10:00:00Z'),
        method: 'plain',
        confidence: 0.9,
      }),
    ).toEqual(curve)
    expectMetricError(
      () =>
        timeToQuoteSurvival(leads, quotes, {
          asOf: at('2026-03-02T10:00:00Z'),
          method: 'plain',
          interval: 'log',
        }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'timeToQuoteSurvival' },
    )
  })

  it('matches the documented example', () => {
    const curve = timeToQuoteSurvival(
      [
        { id: 'a', createdAt: at('2026-03-02T00:00:00Z') },
        { id: 'b', createdAt: at('2026-03-02T00:00:00Z') },
      ],
      [{ id: 'q', leadId: 'a', createdAt: at('2026-03-02T06:00:00Z') }],
      { asOf: at('2026-03-03T00:00:00Z') },
    )
    expect(curve.steps.map((step) => [step.time, step.survival])).toEqual([[6, 0.5]])
  })
})
