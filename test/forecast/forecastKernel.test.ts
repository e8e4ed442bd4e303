import { describe, expect, it } from 'vitest'
import {
  emptySums,
  mean,
  mergeSums,
  percentageMean,
  ratioTerm,
  runningTrackingSignal,
  scanSeries,
} from '../../src/forecast/forecastKernel.js'
import { expectMetricError } from '../helpers.js'

describe('forecastKernel', () => {
  it('the light and the full pass agree on their common sums', () => {
    const series = { actual: [3, -0.5, 2, 7], forecast: [2.5, 0, 2, 8], weights: [1, 2, 1, 1] }
    const light = scanSeries(series, 'm').sums
    const full = scanSeries(series, 'm', { full: true }).sums
    for (const key of [
      'n',
      'weight',
      'absoluteError',
      'squaredError',
      'error',
      'absoluteActual',
    ] as const) {
      expect(full[key]).toBe(light[key])
    }
    // Hand sums: w = 5; Σw|e| = 0.5 + 2·0.5 + 0 + 1 = 2.5; Σw e² = 0.25 + 0.5 + 0 + 1 = 1.75
    expect(full).toMatchObject({ n: 4, weight: 5, absoluteError: 2.5, squaredError: 1.75 })
  })

  it('merges sums and averages with null on zero weight', () => {
    const a = scanSeries({ actual: [1], forecast: [2] }, 'm', { full: true }).sums
    const b = emptySums()
    mergeSums(b, a)
    expect(b).toEqual(a)
    expect(mean(1, 0)).toBeNull()
  })

  it('refuses a non-finite input with its place', () => {
    expectMetricError(
      () => scanSeries({ actual: [1, 2, Number.NaN], forecast: [1, 2, 3] }, 'm', { full: true }),
      'NOT_FINITE',
      { path: ['actual', 2] },
    )
    expectMetricError(
      () => scanSeries({ actual: [1, 2], forecast: [1, Number.NEGATIVE_INFINITY] }, 'm'),
      'NOT_FINITE',
      { path: ['forecast', 1] },
    )
  })

  it('finds a NaN in a typed array from the sums, without a per-element typeof check', () => {
    expectMetricError(
      () =>
        scanSeries(
          { actual: Float64Array.of(1, 2, Number.NaN), forecast: new Float64Array(3) },
          'm',
        ),
      'NOT_FINITE',
      { path: ['actual', 2] },
    )
    expectMetricError(
      () =>
        scanSeries({ actual: new Float64Array(2), forecast: [0, '1' as unknown as number] }, 'm'),
      'NOT_FINITE',
      { path: ['forecast', 1] },
    )
  })

  it('rescales by 2^-600 when a sum overflows although every value is finite', () => {
    // Σe² = 2·(2e308)² overflows; in units of 2^-600 it does not.
    const scan = scanSeries({ actual: [1e308, 1e308], forecast: [-1e308, -1e308] }, 'm')
    expect(scan.unit).toBe(2 ** -600)
    expect(scan.sums.absoluteError / scan.unit).toBe(Number.POSITIVE_INFINITY)
    expect(Number.isFinite(scan.sums.squaredError)).toBe(true)
    const plain = scanSeries({ actual: [1], forecast: [2] }, 'm')
    expect(plain.unit).toBe(1)
  })

  it('refuses a percentage error that overflows (a subnormal actual) instead of returning Infinity', () => {
    const { sums } = scanSeries({ actual: [5e-324], forecast: [1] }, 'm', { full: true })
    expectMetricError(() => percentageMean(sums, 'm'), 'VALUE_OUT_OF_RANGE', { path: ['actual'] })
  })

  it('keeps the running tracking signal finite when the running error is subnormal', () => {
    // e = F − A = −5e-324 and 0: Σe / mean|e| = −5e-324 / (5e-324 / 2) = −2 (a naive mean
    // underflows to 0)
    expect(runningTrackingSignal([5e-324, 0], [0, 0], 'm')).toEqual([-1, -2])
  })
})

describe('forecastKernel ratio terms (issue 13)', () => {
  it('keeps a symmetric term finite when 2·w·|e| overflows although the term fits (was Infinity)', () => {
    // w = 1e308, A = 10, F = 100: the term is 2 · 1e308 · 90 / 110 ≈ 1.64e308 (fits), but
    // 2 · 1e308 · 90 does not; sMAPE = term / w = 180 / 110 = 1.6363…
    const { sums } = scanSeries({ actual: [10], forecast: [100], weights: [1e308] }, 'm', {
      full: true,
    })
    expect(sums.symmetricError / sums.weight).toBeCloseTo(180 / 110, 12)
    // 1e308 · (90 / 110) ≈ 8.18e307, within rounding of the fallback's own order.
    expect(Math.abs(ratioTerm(1e308, 90, 110) / 8.181818181818182e307 - 1)).toBeLessThan(1e-15)
    // In the normal range the order of 0.1 is kept: (w · part) / whole.
    expect(ratioTerm(3, 0.1, 0.7)).toBe((3 * 0.1) / 0.7)
  })
})
