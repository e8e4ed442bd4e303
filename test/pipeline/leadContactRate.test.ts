import { describe, expect, it } from 'vitest'
import { leadContactRate } from '../../src/pipeline/leadContactRate.js'
import { expectMetricError } from '../helpers.js'
import { day } from './fixtures.js'

describe('leadContactRate', () => {
  it('reads contactedAt, not convertedAt', () => {
    const leads = [{ id: '1', createdAt: day(1), convertedAt: day(2) }]
    expect(leadContactRate(leads).rate).toBe(0)
    expectMetricError(
      () => leadContactRate([{ id: '1', createdAt: day(3), contactedAt: day(2) }]),
      'END_BEFORE_START',
      {
        metric: 'leadContactRate',
        path: [0, 'contactedAt'],
      },
    )
  })

  it('matches the documented example', () => {
    const leads = [
      { id: '1', createdAt: day(1), contactedAt: day(1) },
      { id: '2', createdAt: day(1), contactedAt: day(4) },
    ]
    expect(leadContactRate(leads, { withinDays: 1, asOf: day(10) }).rate).toBe(0.5)
  })
})
