import { describe, expect, it } from 'vitest'
import { kaplanMeier } from '../../src/survival/kaplanMeier.js'
import { restrictedMeanSurvivalTime } from '../../src/survival/restrictedMeanSurvivalTime.js'
import { expectMetricError } from '../helpers.js'

describe('restrictedMeanSurvivalTime', () => {
  it('matches R print(survfit(Surv(time, status) ~ x, aml), rmean = 161): 52.6 (se 19.8) and 22.7 (se 4.18)', () => {
    const maintained = kaplanMeier({
      durations: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
      events: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
    })
    const m = restrictedMeanSurvivalTime(maintained, 161)
    expect(m.estimate).toBeCloseTo(52.64545454545455, 10)
    expect(m.standardError).toBeCloseTo(19.828602795562585, 10)
    const nonmaintained = kaplanMeier({
      durations: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
      events: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
    })
    const n = restrictedMeanSurvivalTime(nonmaintained, 161)
    expect(n.estimate).toBeCloseTo(22.708333333333336, 10)
    expect(n.standardError).toBeCloseTo(4.180941981033155, 10)
  })

  it('stops at the horizon, between steps or before the first one', () => {
    const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
    expect(restrictedMeanSurvivalTime(curve, 2.5).estimate).toBeCloseTo(1 + 0.75 + 0.25, 14)
    expect(restrictedMeanSurvivalTime(curve, 0.5)).toEqual({
      horizon: 0.5,
      estimate: 0.5,
      standardError: 0,
    })
    expect(restrictedMeanSurvivalTime(curve, 10).estimate).toBeCloseTo(2.5, 14)
  })

  it('is the horizon itself for a curve without events', () => {
    const flat = kaplanMeier({ durations: [5, 6], events: [0, 0] })
    expect(restrictedMeanSurvivalTime(flat, 12)).toEqual({
      horizon: 12,
      estimate: 12,
      standardError: 0,
    })
  })

  it('refuses a negative or non-finite horizon', () => {
    const curve = kaplanMeier({ durations: [1], events: [1] })
    expectMetricError(() => restrictedMeanSurvivalTime(curve, -1), 'NEGATIVE_VALUE', {
      path: ['horizon'],
    })
    expectMetricError(() => restrictedMeanSurvivalTime(curve, Number.NaN), 'NOT_FINITE', {
      path: ['horizon'],
    })
  })

  it('matches the documented example', () => {
    const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
    expect(restrictedMeanSurvivalTime(curve, 4).estimate).toBe(2.5)
  })
})
