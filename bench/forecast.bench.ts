/**
 * Forecast accuracy on 10,000,000 Float64Array pairs: weightedAbsolutePercentageError
 * against a hand-written WAPE loop (target ≤ 1.3×), and the one-pass forecastAccuracyReport
 * (every metric) against the same loop (target ≤ 2×).
 */
import { forecastAccuracyReport, weightedAbsolutePercentageError } from '../src/index.js'
import { type Measurement, measure } from './harness.js'

export function runForecastBenchmarks(): Measurement[][] {
  const size = 10_000_000
  const actual = new Float64Array(size)
  const forecast = new Float64Array(size)
  let state = 4242
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  for (let index = 0; index < size; index++) {
    actual[index] = Math.round(next() * 100_000) / 100
    forecast[index] = actual[index]! * (0.8 + 0.4 * next())
  }
  // What a user writes: a WAPE function taking the two arrays (no validation). V8 runs the
  // same loop about twice as fast when the arrays are constants it can fold into the code
  // (shown as "closure-constant loop"), which no reusable function can rely on.
  const handWape = (a: Float64Array, f: Float64Array) => {
    let error = 0
    let total = 0
    for (let index = 0; index < a.length; index++) {
      const value = a[index]!
      error += Math.abs(value - f[index]!)
      total += Math.abs(value)
    }
    return error / total
  }
  const closureWape = () => {
    let error = 0
    let total = 0
    for (let index = 0; index < size; index++) {
      const value = actual[index]!
      error += Math.abs(value - forecast[index]!)
      total += Math.abs(value)
    }
    return error / total
  }
  const wape = weightedAbsolutePercentageError({ actual, forecast })!
  if (Math.abs(wape - handWape(actual, forecast)) > 1e-12 * wape) throw new Error('WAPE differs')
  return [
    measure(
      'forecast accuracy — 10,000,000 Float64Array pairs',
      { name: 'hand WAPE function', run: () => handWape(actual, forecast) },
      [
        { name: 'closure-constant loop (V8 best case)', run: closureWape },
        {
          name: 'weightedAbsolutePercentageError',
          run: () => weightedAbsolutePercentageError({ actual, forecast }),
        },
        {
          name: 'forecastAccuracyReport (all metrics)',
          run: () => forecastAccuracyReport({ actual, forecast }),
        },
      ],
      9,
    ),
  ]
}
