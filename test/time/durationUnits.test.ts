import { describe, expect, it } from 'vitest'
import { durationMeasure } from '../../src/time/durationUnits.js'

describe('durationUnits', () => {
  it('measures calendar hours and days exactly', () => {
    expect(durationMeasure(undefined, undefined, 'm').measure(0, 5_400_000, [])).toBe(1.5)
    expect(durationMeasure('days', undefined, 'm').measure(0, 43_200_000, [])).toBe(0.5)
  })
})
