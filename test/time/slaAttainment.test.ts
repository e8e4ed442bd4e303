import { describe, expect, it } from 'vitest'
import { slaAttainment } from '../../src/time/slaAttainment.js'
import { expectMetricError } from '../helpers.js'

describe('slaAttainment', () => {
  it('counts open items past the target as breaches and leaves open items within it out (metric-definitions §5.4)', () => {
    expect(slaAttainment([1, 2, 3], 2)).toBeCloseTo(2 / 3, 15)
    expect(slaAttainment([1, 2, 3], 2, { open: [1] })).toBeCloseTo(2 / 3, 15)
    expect(slaAttainment([1, 2, 3], 2, { open: [5] })).toBe(0.5)
    expect(slaAttainment([2], 2)).toBe(1) // exactly on target is within
  })

  it('is null when no item has an outcome', () => {
    expect(slaAttainment([], 24)).toBeNull()
    expect(slaAttainment([], 24, { open: [3] })).toBeNull()
    expect(slaAttainment(new Float64Array(0), 24, { open: [30] })).toBe(0)
  })

  it('refuses negative or non-finite durations and targets', () => {
    expectMetricError(() => slaAttainment([-1], 2), 'NEGATIVE_VALUE', { path: [0] })
    expectMetricError(() => slaAttainment([1], 2, { open: [Number.NaN] }), 'NOT_FINITE', {
      path: ['open', 0],
    })
    expectMetricError(() => slaAttainment([1], -2), 'NEGATIVE_VALUE', { path: ['target'] })
  })

  it('takes the open items as openDurations, with open as the SPEC alias, and refuses two different lists', () => {
    // done 1, 2, 3 within 2: two; open 5 > 2 is a breach → 2 / (3 + 1) = 0.5 (hand count)
    expect(slaAttainment([1, 2, 3], 2, { openDurations: [5] })).toBe(0.5)
    expect(slaAttainment([1, 2, 3], 2, { openDurations: new Float64Array([5, 1]) })).toBe(0.5)
    const list = [5]
    expect(slaAttainment([1, 2, 3], 2, { openDurations: list, open: list })).toBe(0.5)
    expectMetricError(
      () => slaAttainment([1], 2, { openDurations: [5], open: [6] }),
      'INVALID_OPTION',
      { path: ['openDurations'], metric: 'slaAttainment' },
    )
    expectMetricError(
      () => slaAttainment([1], 2, { openDurations: 5 as unknown as number[] }),
      'INVALID_OPTION',
      { path: ['openDurations'], metric: 'slaAttainment' },
    )
    expectMetricError(() => slaAttainment([1], 2, { openDurations: [-1] }), 'NEGATIVE_VALUE', {
      path: ['openDurations', 0],
      metric: 'slaAttainment',
    })
  })

  it('matches the documented example', () => {
    expect(slaAttainment([2, 5, 30], 24, { openDurations: [10, 40] })).toBe(0.5)
    expect(slaAttainment([2, 5, 30], 24, { open: [10, 40] })).toBe(0.5)
  })
})
