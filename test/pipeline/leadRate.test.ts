import { describe, expect, it } from 'vitest'
import { leadRate } from '../../src/pipeline/leadRate.js'
import { expectMetricError } from '../helpers.js'
import { day } from './fixtures.js'

describe('leadRate', () => {
  const leads = [
    { id: '1', createdAt: day(1), convertedAt: day(3), source: 'inbound', ownerId: 'ana' },
    { id: '2', createdAt: day(1), source: 'inbound', ownerId: 'ben' },
    { id: '3', createdAt: day(2), convertedAt: day(20), source: 'event' },
    { id: '4', createdAt: day(25), convertedAt: day(26) },
  ]

  it('groups by source or owner, the missing group last', () => {
    const result = leadRate(leads, 'convertedAt', 'm', { groupBy: 'source' })
    expect(result.rate).toBe(0.75)
    expect(result.groups.map((g) => [g.group, g.successes, g.judged, g.rate])).toEqual([
      ['event', 1, 1, 1],
      ['inbound', 1, 2, 0.5],
      [null, 1, 1, 1],
    ])
    expect(
      leadRate(leads, 'convertedAt', 'm', { groupBy: 'owner' }).groups.map((g) => g.group),
    ).toEqual(['ana', 'ben', null])
    // Wilson interval of 1/2, R prop.test(1, 2, correct = FALSE): 0.0945312 0.9054688
    // (test/reference/wilson.py).
    expect(result.groups[1]?.interval?.lower).toBeCloseTo(0.09453120573423074, 12)
    expect(result.groups[1]?.interval?.upper).toBeCloseTo(0.9054687942657693, 12)
  })

  it('with asOf alone, a conversion after asOf is not known yet and a lead created after it is too recent', () => {
    const result = leadRate(leads, 'convertedAt', 'm', { asOf: day(10) })
    expect([result.successes, result.judged, result.tooRecent]).toEqual([1, 3, 1])
  })

  it('is null with no leads', () => {
    expect(leadRate([], 'contactedAt', 'm', {})).toEqual({
      rate: null,
      successes: 0,
      judged: 0,
      tooRecent: 0,
      interval: null,
      groups: [],
    })
  })

  it('refuses a window without asOf, bad dates and bad options', () => {
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { withinDays: 7 }),
      'INVALID_OPTION',
      { path: ['asOf'] },
    )
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { withinDays: -1, asOf: day(9) }),
      // 0.2: a bad option value is INVALID_OPTION (was NEGATIVE_VALUE).
      'INVALID_OPTION',
      {
        path: ['withinDays'],
      },
    )
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { groupBy: 'region' as 'source' }),
      'INVALID_OPTION',
      {
        path: ['groupBy'],
      },
    )
    expectMetricError(
      () => leadRate([{ id: 'x', createdAt: day(5), convertedAt: day(4) }], 'convertedAt', 'm', {}),
      'END_BEFORE_START',
      {
        path: [0, 'convertedAt'],
      },
    )
    expectMetricError(
      () => leadRate([{ id: 'x', createdAt: new Date('x') }], 'convertedAt', 'm', {}),
      'INVALID_DATE',
      {
        path: [0, 'createdAt'],
      },
    )
  })
})
