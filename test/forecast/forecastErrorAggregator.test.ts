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
          // SPEC: float sums agree "within 1e-12 relative". A metric built from a signed sum
          // that cancels (Σe ≈ 0) inherits the sum's error relative to the magnitudes summed,
          // so its yardstick is the same metric on absolute values: |mean error| ≤ MAE,
          // |bias| ≤ WAPE, |tracking signal| ≤ n, |accuracy| ≤ max(1, WAPE).
          const magnitude: Record<string, number> = {
            meanError: expected.meanAbsoluteError ?? 0,
            forecastBias: expected.weightedAbsolutePercentageError ?? 0,
            trackingSignal: expected.n,
            forecastAccuracy: Math.max(1, expected.weightedAbsolutePercentageError ?? 0),
          }
          for (const [key, value] of Object.entries(expected)) {
            const got = merged[key as keyof typeof merged]
            if (value === null || got === null) expect(got).toBe(value)
            else
              expect(Math.abs((got as number) - (value as number))).toBeLessThanOrEqual(
                1e-12 * Math.max(Math.abs(value as number), magnitude[key] ?? 0),
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

describe('forecastErrorAggregator.addAll', () => {
  const value = fc.integer({ min: -1e8, max: 1e8 }).map((cents) => cents / 100)
  const period = fc.record(
    { actual: value, forecast: value, weight: fc.integer({ min: 0, max: 3 }) },
    { requiredKeys: ['actual', 'forecast'] },
  )
  const fold = <S, I>(agg: { add(s: S, i: I): S }, state: S, rows: readonly I[]) =>
    rows.reduce((s, row) => agg.add(s, row), state)
  /**
   * Within 1e-12 relative of the one-shot report (SPEC), null where it is null. The tracking
   * signal n·Σe / Σ|e| cancels when Σe ≈ 0: its rounding error is relative to its bound n,
   * not to itself (the split test above fails on it now and then for that reason), so it
   * gets 1e-12 × n.
   */
  const expectClose = (
    got: Record<string, unknown>,
    expected: Record<string, unknown>,
    n: number,
  ) => {
    for (const [key, want] of Object.entries(expected)) {
      const have = got[key]
      if (want === null || have === null) expect(have).toBe(want)
      else
        expect(Math.abs((have as number) - (want as number))).toBeLessThanOrEqual(
          1e-12 * (key === 'trackingSignal' ? n : Math.abs(want as number)),
        )
    }
  }
  const seriesOf = (rows: readonly { actual: number; forecast: number; weight?: number }[]) => ({
    actual: rows.map((r) => r.actual),
    forecast: rows.map((r) => r.forecast),
    weights: rows.map((r) => r.weight ?? 1),
  })

  it('equals folding add exactly (same floats), for random periods', () => {
    const agg = forecastErrorAggregator()
    fc.assert(
      fc.property(
        fc.array(period, { maxLength: 40 }),
        fc.array(period, { maxLength: 5 }),
        (rows, prefix) => {
          const start = fold(agg, agg.initial(), prefix)
          expect(agg.addAll(start, rows)).toEqual(fold(agg, start, rows))
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals forecastAccuracyReport (1e-12 relative)', () => {
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 40 }), fc.nat(), (rows, cut) => {
        fc.pre(rows.some((row) => (row.weight ?? 1) > 0))
        // MASE needs the in-sample scale up front, as in the split test above.
        const series = seriesOf(rows)
        const scale = naiveScale(series.actual, 1, 'test', 'actual')?.value ?? null
        const agg = forecastErrorAggregator(scale !== null && scale > 0 ? { scale } : {})
        const at = cut % (rows.length + 1)
        const part = (slice: typeof rows) =>
          JSON.parse(JSON.stringify(agg.addAll(agg.initial(), slice)))
        const merged = agg.result(agg.merge(part(rows.slice(at)), part(rows.slice(0, at))))
        // Independent source: the one-shot report over the same periods.
        expectClose(merged as never, forecastAccuracyReport(series) as never, rows.length)
        // And exactly the merge of `add` folds of the same parts.
        const folded = (slice: typeof rows) => fold(agg, agg.initial(), slice)
        expect(agg.merge(part(rows.slice(at)), part(rows.slice(0, at)))).toEqual(
          agg.merge(folded(rows.slice(at)), folded(rows.slice(0, at))),
        )
      }),
    )
  })

  it('empty inputs return an equal state', () => {
    const agg = forecastErrorAggregator()
    const state = agg.add(agg.initial(), { actual: 3, forecast: 4 })
    expect(agg.addAll(state, [])).toEqual(state)
    expect(agg.addAll(agg.initial(), [])).toEqual(agg.initial())
  })

  it('refuses a bad period at index k with the code add gives and the path [k, …]', () => {
    const agg = forecastErrorAggregator()
    const bad: Array<[readonly (string | number)[], unknown, string]> = [
      [[], null, 'MISSING_VALUE'],
      [['actual'], { actual: Number.NaN, forecast: 1 }, 'NOT_FINITE'],
      [['forecast'], { actual: 1, forecast: '2' }, 'NOT_FINITE'],
      [['weight'], { actual: 1, forecast: 2, weight: -1 }, 'NEGATIVE_VALUE'],
      [['weight'], { actual: 1, forecast: 2, weight: null }, 'NOT_FINITE'],
      [['actual'], { actual: 1e200, forecast: -1e200 }, 'VALUE_OUT_OF_RANGE'],
    ]
    fc.assert(
      fc.property(
        fc.array(period, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (good, cut, [field, row, code]) => {
          const k = cut % (good.length + 1)
          const rows = [...good.slice(0, k), row, ...good.slice(k)] as typeof good
          expectMetricError(() => fold(agg, agg.initial(), rows), code as never)
          expectMetricError(() => agg.addAll(agg.initial(), rows), code as never, {
            path: [k, ...field],
            metric: 'forecastErrorAggregator',
          })
        },
      ),
    )
    for (const inputs of [null, 'periods', { length: 1 }, new Float64Array(2)]) {
      expectMetricError(() => agg.addAll(agg.initial(), inputs as never), 'VALUE_OUT_OF_RANGE', {
        path: [],
      })
    }
    expectMetricError(() => agg.addAll({ ...agg.initial(), n: 0.5 }, []), 'INVALID_STATE', {
      path: ['state', 'n'],
    })
  })

  it('does not mutate its state', () => {
    const agg = forecastErrorAggregator()
    const state = agg.add(agg.initial(), { actual: 3, forecast: 4 })
    const before = JSON.stringify(state)
    agg.addAll(state, [{ actual: 5, forecast: 1 }])
    expect(JSON.stringify(state)).toBe(before)
  })

  it('matches the documented example', () => {
    const errors = forecastErrorAggregator()
    const both = errors.addAll(errors.initial(), [
      { actual: 100, forecast: 110 },
      { actual: 50, forecast: 40 },
    ])
    // Hand arithmetic: |100 − 110| = 10, |50 − 40| = 10, mean 10.
    expect(errors.result(both).meanAbsoluteError).toBe(10)
  })
})
