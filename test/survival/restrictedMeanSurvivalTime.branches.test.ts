import { describe, expect, it } from 'vitest'
import type { KaplanMeierResult } from '../../src/survival/kaplanMeier.js'
import { restrictedMeanSurvivalTime } from '../../src/survival/restrictedMeanSurvivalTime.js'
import { expectMetricError } from '../helpers.js'

/** A hand-made curve: only `steps` is read. */
const curveOf = (steps: readonly object[]) => ({ steps }) as unknown as KaplanMeierResult

describe('restrictedMeanSurvivalTime (branches)', () => {
  it('gives 0 with standard error 0 at horizon −0, and reports the horizon as +0', () => {
    // ∫₀⁰ S(t) dt = 0 by definition; the step at t = 5 lies past the horizon.
    const result = restrictedMeanSurvivalTime(
      curveOf([{ time: 5, survival: 0.5, atRisk: 2, events: 1 }]),
      -0,
    )
    expect(Object.is(result.horizon, 0)).toBe(true)
    expect(Object.is(result.estimate, 0)).toBe(true)
    expect(result.standardError).toBe(0)
  })

  it('counts a step at time −0 from time 0', () => {
    // S = 0.5 from t = 0 to 10: RMST = 0.5 · 10 = 5.
    // Greenwood: A = 5, d = 1, n = 2 → Var = 25 · 1 / (2 · 1) = 12.5, se = √12.5 = 3.5355339…
    const result = restrictedMeanSurvivalTime(
      curveOf([{ time: -0, survival: 0.5, atRisk: 2, events: 1 }]),
      10,
    )
    expect(result.estimate).toBe(5)
    expect(result.standardError).toBeCloseTo(Math.sqrt(12.5), 12)
  })

  it('refuses a curve whose steps is not an array', () => {
    expectMetricError(
      () => restrictedMeanSurvivalTime({ steps: 'none' } as unknown as KaplanMeierResult, 10),
      'INVALID_RECORD',
      { path: ['steps'], metric: 'restrictedMeanSurvivalTime' },
    )
  })

  it('refuses steps whose times do not increase', () => {
    expectMetricError(
      () =>
        restrictedMeanSurvivalTime(
          curveOf([
            { time: 3, survival: 0.8, atRisk: 5, events: 1 },
            { time: 3, survival: 0.6, atRisk: 4, events: 1 },
          ]),
          10,
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['steps', 1], metric: 'restrictedMeanSurvivalTime' },
    )
  })

  it('refuses a survival that rises', () => {
    expectMetricError(
      () =>
        restrictedMeanSurvivalTime(
          curveOf([
            { time: 3, survival: 0.6, atRisk: 5, events: 2 },
            { time: 4, survival: 0.8, atRisk: 3, events: 1 },
          ]),
          10,
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['steps', 1], metric: 'restrictedMeanSurvivalTime' },
    )
  })

  it('refuses a standard error that overflows', () => {
    // A = 0.5 · (1e300 − 1) ≈ 5e299, d/(n(n − d)) = 5e-301 / (1e-300 · 5e-301) = 1e300,
    // so se ≈ 5e299 · √1e300 = 5e449 > Number.MAX_VALUE.
    expectMetricError(
      () =>
        restrictedMeanSurvivalTime(
          curveOf([{ time: 1, survival: 0.5, atRisk: 1e-300, events: 5e-301 }]),
          1e300,
        ),
      'VALUE_OUT_OF_RANGE',
      { path: undefined, metric: 'restrictedMeanSurvivalTime' },
    )
  })
})
