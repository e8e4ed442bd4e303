import { describe, expect, it } from 'vitest'
import { compareNps } from '../../src/survey/compareNps.js'
import { expectMetricError } from '../helpers.js'

// Reference values: the two-sample z test of Rocks' `nps_test` / MeasuringU's adjusted-Wald
// comparison, evaluated independently in Python 3 (statistics.NormalDist); rerun
// test/reference/nps_intervals.py (lines "survey/compareNps …").
describe('compareNps', () => {
  const a = { promoters: 60, passives: 25, detractors: 15 } // NPS 45
  const b = { promoters: 45, passives: 30, detractors: 25 } // NPS 20

  it('Wald: se = sqrt(var_a/n_a + var_b/n_b) as Rocks nps_test, two-sided p', () => {
    const result = compareNps(a, b, { method: 'wald' })
    expect(result.difference).toBeCloseTo(25, 12)
    expect(result.standardError).toBeCloseTo(10.988630487917955, 12)
    expect(result.z).toBeCloseTo(2.2750787759664495, 12)
    expect(result.pValue).toBeCloseTo(0.02290120461045697, 12)
    expect(result.lower).toBeCloseTo(3.4626800042620047, 10)
    expect(result.upper).toBeCloseTo(46.53731999573798, 10)
  })

  it('adjusted-Wald (default): observed difference, adjusted SE, z, p and bounds', () => {
    const result = compareNps(a, b)
    expect(result.difference).toBeCloseTo(25, 12)
    expect(result.standardError).toBeCloseTo(10.831066859385622, 12)
    expect(result.z).toBeCloseTo(2.2409468037916773, 12)
    expect(result.pValue).toBeCloseTo(0.025029521010683342, 12)
    expect(result.lower).toBeCloseTo(3.0433437016530007, 10)
    expect(result.upper).toBeCloseTo(45.50034561873534, 10)
  })

  it('is antisymmetric: swapping the samples negates difference, z and bounds', () => {
    const forward = compareNps(a, b)
    const backward = compareNps(b, a)
    expect(backward.difference).toBeCloseTo(-(forward.difference ?? 0), 12)
    expect(backward.z).toBeCloseTo(-(forward.z ?? 0), 12)
    expect(backward.pValue).toBeCloseTo(forward.pValue ?? 0, 12)
    expect(backward.lower).toBeCloseTo(-(forward.upper ?? 0), 10)
  })

  it('gives null z and p when the Wald standard error is 0', () => {
    expect(compareNps([10, 10], [9], { method: 'wald' })).toEqual({
      difference: 0,
      standardError: 0,
      z: null,
      pValue: null,
      lower: 0,
      upper: 0,
    })
  })

  it('is all null when either sample is empty', () => {
    const empty = {
      difference: null,
      standardError: null,
      z: null,
      pValue: null,
      lower: null,
      upper: null,
    }
    expect(compareNps([], [9])).toEqual(empty)
    expect(compareNps([9], { promoters: 0, passives: 0, detractors: 0 })).toEqual(empty)
  })

  it('clips the interval of the difference to [−200, 200]', () => {
    const result = compareNps([10], [0], { method: 'wald' })
    expect(result).toMatchObject({ difference: 200, standardError: 0, lower: 200, upper: 200 })
    const adjusted = compareNps([10], [0])
    // Adjusted counts (1.75, 0, 0.75 of 4 and 0.75, 0, 1.75 of 4): NPS' = 25 and −25,
    // SE = 100 · √(2 · 0.5625/4) = 53.033…; 50 ± 1.959964 · SE stays inside ±200
    // (test/reference/nps_intervals.py).
    expect(adjusted.difference).toBe(200)
    expect(adjusted.standardError).toBeCloseTo(53.03300858899106, 10)
    expect(adjusted.lower).toBeCloseTo(-53.94278682622583, 10)
    expect(adjusted.upper).toBeCloseTo(153.9427868262258, 10)
  })

  it('names the sample in the error path', () => {
    expectMetricError(() => compareNps([9], [9, 12]), 'SCORE_OUT_OF_RANGE', {
      path: ['b', 1],
      message: 'compareNps: score at b[1] is 12; scores must be integers from 0 to 10',
    })
    expectMetricError(
      () => compareNps({ promoters: -1, passives: 0, detractors: 0 }, [9]),
      'NEGATIVE_VALUE',
      {
        path: ['a', 'promoters'],
      },
    )
    expectMetricError(() => compareNps([9], [9], { confidence: 0 }), 'INVALID_OPTION', {
      path: ['confidence'],
    })
    expectMetricError(() => compareNps([9], [9], { method: 'exact' as 'wald' }), 'INVALID_OPTION', {
      path: ['method'],
    })
  })

  it('matches the documented example', () => {
    const result = compareNps(
      { promoters: 1, passives: 0, detractors: 1 },
      { promoters: 0, passives: 2, detractors: 0 },
      { method: 'wald' },
    )
    expect(result.difference).toBe(0)
    expect(result.standardError).toBeCloseTo(70.71067811865476, 12)
    expect(result.z).toBe(0)
    expect(result.pValue).toBe(1)
    expect(result.lower).toBeCloseTo(-138.59038243496775, 10)
    expect(result.upper).toBeCloseTo(138.59038243496775, 10)
  })
})
