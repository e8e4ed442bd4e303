/**
 * kaplanMeier on 1,000,000 customers (10,000 distinct times, 30 % censored) against the
 * floor any estimator pays: copying and sorting the same durations in a Float64Array.
 * Target ≤ 2× that sort.
 */
import { kaplanMeier } from '../src/index.js'
import { type Measurement, measure } from './harness.js'

export function runRetentionBenchmarks(): Measurement[][] {
  const size = 1_000_000
  const durations = new Float64Array(size)
  const events = new Uint8Array(size)
  let state = 12345
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  for (let index = 0; index < size; index++) {
    durations[index] = 1 + Math.floor(next() * 10_000)
    events[index] = next() < 0.3 ? 0 : 1
  }
  const curve = kaplanMeier({ durations, events })
  if (curve.steps.length < 9_000) throw new Error('unexpected curve')
  return [
    measure(
      'kaplanMeier — 1,000,000 customers, 10,000 distinct times, 30 % censored',
      {
        name: 'copy + sort durations (Float64Array)',
        run: () => Float64Array.from(durations).sort(),
      },
      [
        {
          name: 'kaplanMeier (log intervals, median)',
          run: () => kaplanMeier({ durations, events }),
        },
      ],
      9,
    ),
  ]
}
