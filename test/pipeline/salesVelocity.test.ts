import { describe, expect, it } from 'vitest'
import { salesVelocity } from '../../src/pipeline/salesVelocity.js'
import { expectMetricError } from '../helpers.js'

describe('salesVelocity', () => {
  it('is opportunities × deal size × win rate / cycle days (storylane, mavenlb formula), money per day', () => {
    // 50 × 20,000 × 0.25 / 50 = 5,000 per day: the documented example, asserted below.
    // 40 × 12,500.50 × 0.3 / 45 = 3333.4666… (34 significant digits)
    expect(
      salesVelocity({
        opportunities: 40,
        averageDealSize: '12500.50',
        winRate: 0.3,
        salesCycleDays: 45,
      })?.toString(),
    ).toBe('3333.466666666666666666666666666667')
  })

  it('divides by the cycle, never multiplies (the lighthillcrm misprint)', () => {
    const fast = salesVelocity({
      opportunities: 10,
      averageDealSize: 1000,
      winRate: 0.5,
      salesCycleDays: 10,
    })!
    const slow = salesVelocity({
      opportunities: 10,
      averageDealSize: 1000,
      winRate: 0.5,
      salesCycleDays: 20,
    })!
    expect(fast.gt(slow)).toBe(true)
  })

  it('is null with a null win rate or cycle, or a zero cycle', () => {
    expect(
      salesVelocity({ opportunities: 1, averageDealSize: 1, winRate: null, salesCycleDays: 5 }),
    ).toBeNull()
    expect(
      salesVelocity({ opportunities: 1, averageDealSize: 1, winRate: 0.5, salesCycleDays: null }),
    ).toBeNull()
    expect(
      salesVelocity({ opportunities: 1, averageDealSize: 1, winRate: 0.5, salesCycleDays: 0 }),
    ).toBeNull()
    expect(
      salesVelocity({
        opportunities: 0,
        averageDealSize: 1,
        winRate: 0.5,
        salesCycleDays: 3,
      })?.toString(),
    ).toBe('0')
  })

  it('refuses out-of-range inputs with the field', () => {
    expectMetricError(
      () =>
        salesVelocity({ opportunities: 1, averageDealSize: 1, winRate: 1.5, salesCycleDays: 5 }),
      'RATE_OUT_OF_RANGE',
      {
        path: ['winRate'],
      },
    )
    expectMetricError(
      () =>
        salesVelocity({ opportunities: -1, averageDealSize: 1, winRate: 0.5, salesCycleDays: 5 }),
      'NEGATIVE_VALUE',
      {
        path: ['opportunities'],
      },
    )
    expectMetricError(
      () =>
        salesVelocity({ opportunities: 1, averageDealSize: -1, winRate: 0.5, salesCycleDays: 5 }),
      'NEGATIVE_VALUE',
      {
        path: ['averageDealSize'],
      },
    )
    expectMetricError(
      () =>
        salesVelocity({ opportunities: 1, averageDealSize: 1, winRate: 0.5, salesCycleDays: -2 }),
      'NEGATIVE_VALUE',
      {
        path: ['salesCycleDays'],
      },
    )
  })

  it('matches the documented example (50 × 20,000 × 0.25 / 50 = 5,000 by hand)', () => {
    expect(
      salesVelocity({
        opportunities: 50,
        averageDealSize: 20000,
        winRate: 0.25,
        salesCycleDays: 50,
      })?.toString(),
    ).toBe('5000')
  })
})
