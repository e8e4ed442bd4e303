import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forecastAccuracyReport } from '../../src/forecast/forecastAccuracyReport.js'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { naiveScale } from '../../src/forecast/forecastKernel.js'
import { expectMetricError } from '../helpers.js'

describe('forecastErrorAggregator', () => {
  it('any split, merged in any order and through JSON, equals the one-shot report (1e-12 relative)', () => {
    const value = fc.integer({ min: -1e8, max: 1e8 }).map((cents) => cents / 100)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat(),
        (rows, cut) => {
          fc.pre(rows.some((row) => row[2] > 0))
          const series = {
            actual: rows.map((r) => r[0]),
            forecast: rows.map((r) => r[1]),
            weights: rows.map((r) => r[2]),
          }
          const scale = naiveScale(series.actual, 1, 'test', 'actual')?.value ?? null
          const agg = forecastErrorAggregator(scale !== null && scale > 0 ? { scale } : {})
          const at = cut % (rows.length + 1)
          const part = (slice: typeof rows) =>
            JSON.parse(
              JSON.stringify(
                slice.reduce(
                  (s, r) => agg.add(s, { actual: r[0], forecast: r[1], weight: r[2] }),
                  agg.initial(),
                ),
              ),
            )
          const merged = agg.result(agg.merge(part(rows.slice(at)), part(rows.slice(0, at))))
          const expected = forecastAccuracyReport(series)
          for (const [key, value] of Object.entries(expected)) {
            const got = merged[key as keyof typeof merged]
            if (value === null || got === null) expect(got).toBe(value)
            // SPEC: "within 1e-12 relative" — relative to the one-shot value, no absolute floor.
            else
              expect(Math.abs((got as number) - (value as number))).toBeLessThanOrEqual(
                1e-12 * Math.abs(value as number),
              )
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('refuses non-finite periods, negative weights and a bad scale', () => {
    const agg = forecastErrorAggregator()
    expectMetricError(
      () => agg.add(agg.initial(), { actual: Number.NaN, forecast: 1 }),
      'NOT_FINITE',
      { path: ['actual'] },
    )
    expectMetricError(
      () => agg.add(agg.initial(), { actual: 1, forecast: Number.NaN }),
      'NOT_FINITE',
      { path: ['forecast'] },
    )
    expectMetricError(
      () => agg.add(agg.initial(), { actual: 1, forecast: 1, weight: -1 }),
      'NEGATIVE_VALUE',
      { path: ['weight'] },
    )
    expectMetricError(() => forecastErrorAggregator({ scale: 0 }), 'INVALID_OPTION', {
      path: ['scale'],
    })
    expect(agg.result(agg.initial()).meanAbsoluteScaledError).toBeNull()
  })

  it('matches the documented example', () => {
    const errors = forecastErrorAggregator()
    const east = errors.add(errors.initial(), { actual: 100, forecast: 110 })
    const west = errors.add(errors.initial(), { actual: 50, forecast: 40 })
    expect(errors.result(errors.merge(east, west)).weightedAbsolutePercentageError).toBe(
      0.13333333333333333,
    )
  })
})
