import { describe, expect, it } from 'vitest'
import { trackingSignal } from '../../src/forecast/trackingSignal.js'
import { expectMetricError } from '../helpers.js'

describe('trackingSignal', () => {
  it('is running Σ(F − A) / running MAD per period (worked table, RSFE / MAD)', () => {
    // errors F − A = −5, 3, −4, −6: RSFE −5, −2, −6, −12 ; MAD 5, 4, 4, 4.5
    // → −1, −0.5, −1.5, −2.6667 (test/reference/forecast_errors.py, "worked table").
    // Before 0.2 the signs were the opposite (A − F).
    const signal = trackingSignal({ actual: [105, 97, 104, 106], forecast: [100, 100, 100, 100] })
    expect(signal.map((value) => value?.toFixed(4))).toEqual([
      '-1.0000',
      '-0.5000',
      '-1.5000',
      '-2.6667',
    ])
  })

  it('reaches ±t when every error has the same sign: persistent bias crosses ±4 by period 5', () => {
    // Under-forecast every period (F − A = −1): −1, −2, …, −5.
    const signal = trackingSignal({ actual: [1, 1, 1, 1, 1], forecast: [0, 0, 0, 0, 0] })
    expect(signal).toEqual([-1, -2, -3, -4, -5])
    // Over-forecast every period (F − A = +1): 1, 2, …, 5 — positive, as forecastBias.
    expect(trackingSignal({ actual: [0, 0, 0], forecast: [1, 1, 1] })).toEqual([1, 2, 3])
  })

  it('is null while the running MAD is 0 and [] for empty series', () => {
    expect(trackingSignal({ actual: [3, 3], forecast: [3, 3] })).toEqual([null, null])
    expect(trackingSignal({ actual: [], forecast: [] })).toEqual([])
  })

  it('refuses bad input', () => {
    expectMetricError(() => trackingSignal({ actual: [1], forecast: [] }), 'LENGTH_MISMATCH')
    expectMetricError(() => trackingSignal({ actual: [Number.NaN], forecast: [1] }), 'NOT_FINITE', {
      path: ['actual', 0],
    })
    expectMetricError(() => trackingSignal({ actual: [1], forecast: [Number.NaN] }), 'NOT_FINITE', {
      path: ['forecast', 0],
    })
  })

  it('matches the documented example', () => {
    // F − A = 0, −2, −1: RSFE 0, −2, −3; MAD 0, 1, 1 → null, −2, −3.
    expect(trackingSignal({ actual: [10, 12, 11], forecast: [10, 10, 10] })).toEqual([null, -2, -3])
  })
})
