import { Decimal } from 'decimal.js'
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
            if (value === null || got === null || typeof value === 'string') expect(got).toBe(value)
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
   * Within 1e-12 relative of the one-shot report (SPEC), null where it is null. A metric built
   * from a signed sum that cancels (Σe ≈ 0, or 1 − WAPE ≈ 0) inherits the sum's rounding
   * relative to the magnitudes summed, so its yardstick is the same metric on absolute
   * values, as in the split test above: |mean error| ≤ MAE, |bias| ≤ WAPE, |tracking signal|
   * ≤ n, |accuracy| ≤ max(1, WAPE). (With only trackingSignal so measured, this failed about
   * once in a few hundred runs on 1 − WAPE ≈ 0.19 by one ulp.)
   */
  const expectClose = (
    got: Record<string, unknown>,
    expected: Record<string, unknown>,
    n: number,
  ) => {
    const wape = (expected.weightedAbsolutePercentageError as number | null) ?? 0
    const magnitude: Record<string, number> = {
      meanError: (expected.meanAbsoluteError as number | null) ?? 0,
      forecastBias: wape,
      trackingSignal: n,
      forecastAccuracy: Math.max(1, wape),
    }
    for (const [key, want] of Object.entries(expected)) {
      const have = got[key]
      if (want === null || have === null || typeof want === 'string') expect(have).toBe(want)
      else
        expect(Math.abs((have as number) - (want as number))).toBeLessThanOrEqual(
          1e-12 * Math.max(Math.abs(want as number), magnitude[key] ?? 0),
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
      // A huge error is accepted since 0.2; a weight of 1e300 on it overflows even in units
      // of 2^600: (2e200 · 2^−600)² · 1e300 ≈ 2.3e39 · 1e300 > 1.8e308.
      [['actual'], { actual: 1e200, forecast: -1e200, weight: 1e300 }, 'VALUE_OUT_OF_RANGE'],
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

describe('forecastErrorAggregator options and huge errors (issue 13)', () => {
  // An independent reference: decimal.js with 60 significant digits, from the periods'
  // shortest decimal strings (within 1e-16 relative of the doubles).
  const Precise = Decimal.clone({ precision: 60 })
  const reference = (rows: readonly { actual: number; forecast: number }[]) => {
    let absolute = new Precise(0)
    let squared = new Precise(0)
    let signed = new Precise(0)
    for (const row of rows) {
      // The doubles' exact binary values (to 60 digits): `new Decimal(x)` would read the
      // shortest decimal that rounds to x, which is off by up to half an ulp — enough to miss
      // 1e-12 when F − A cancels (F = 1.999876439367636, A = 1.9999443985569865).
      const error = new Precise(row.forecast.toPrecision(60)).minus(row.actual.toPrecision(60))
      absolute = absolute.plus(error.abs())
      squared = squared.plus(error.times(error))
      signed = signed.plus(error)
    }
    const n = rows.length
    return {
      meanAbsoluteError: absolute.dividedBy(n).toNumber(),
      rootMeanSquaredError: squared.dividedBy(n).sqrt().toNumber(),
      meanError: signed.dividedBy(n).toNumber(),
    }
  }
  // Periods whose actual and forecast share a magnitude from 1 to 4e307, so |F − A| stays
  // finite (≤ 1.6e308) and |F − A| / |A| ≤ 40 (MAPE stays finite too).
  const magnitude = fc.constantFrom(1, 1e50, 1.3e154, 1e200, 1e307, 4e307)
  const unit = (min: number) =>
    fc
      .tuple(fc.double({ min, max: 2, noNaN: true }), fc.boolean())
      .map(([value, negative]) => (negative ? -value : value))
  const hugePeriod = fc
    .tuple(magnitude, unit(0.1), unit(0))
    .map(([size, a, f]) => ({ actual: size * a, forecast: size * f }))

  it('accepts errors past 1.3e154 (refused with VALUE_OUT_OF_RANGE before 0.2) and keeps RMSE finite', () => {
    const errors = forecastErrorAggregator()
    // One period with F − A = −2e200: MAE = RMSE = 2e200, ME = −2e200 (hand arithmetic).
    const state = errors.add(errors.initial(), { actual: 1e200, forecast: -1e200 })
    const report = errors.result(state)
    expect(report.meanAbsoluteError).toBe(2e200)
    expect(report.rootMeanSquaredError).toBe(2e200)
    expect(report.meanError).toBe(-2e200)
    // Σ|A| = 1e200: WAPE = 2e200 / 1e200 = 2, bias = −2e200 / 1e200 = −2.
    expect(report.weightedAbsolutePercentageError).toBe(2)
    expect(report.forecastBias).toBe(-2)
    // Two errors of 1.7e308 each: RMSE = 1.7e308 (√(2 · 1.7e308² / 2)), not Infinity.
    const big = errors.addAll(errors.initial(), [
      { actual: 0, forecast: 1.7e308 },
      { actual: 0, forecast: 1.7e308 },
    ])
    expect(big.scaleExponent).toBe(600)
    const rmse = errors.result(big).rootMeanSquaredError as number
    expect(Math.abs(rmse - 1.7e308)).toBeLessThanOrEqual(1e-12 * 1.7e308)
  })

  it('keeps MAE, RMSE and ME within 1e-12 of a 60-digit decimal reference for any split and merge', () => {
    const errors = forecastErrorAggregator()
    fc.assert(
      fc.property(fc.array(hugePeriod, { minLength: 1, maxLength: 20 }), fc.nat(), (rows, cut) => {
        const at = cut % (rows.length + 1)
        const part = (slice: typeof rows) =>
          JSON.parse(JSON.stringify(errors.addAll(errors.initial(), slice)))
        const report = errors.result(errors.merge(part(rows.slice(0, at)), part(rows.slice(at))))
        const want = reference(rows)
        const mae = want.meanAbsoluteError
        const close = (got: number | null, expected: number, yardstick: number) =>
          expect(Math.abs((got as number) - expected)).toBeLessThanOrEqual(1e-12 * yardstick)
        close(report.meanAbsoluteError, mae, mae)
        close(report.rootMeanSquaredError, want.rootMeanSquaredError, want.rootMeanSquaredError)
        // A signed mean that cancels is measured against the mean absolute error.
        close(report.meanError, want.meanError, mae)
        expect(Number.isFinite(report.rootMeanSquaredError)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('equals the one-shot report on huge series too (the one-shot rescales the same way)', () => {
    const errors = forecastErrorAggregator()
    fc.assert(
      fc.property(fc.array(hugePeriod, { minLength: 1, maxLength: 20 }), (rows) => {
        const got = errors.result(errors.addAll(errors.initial(), rows))
        const want = forecastAccuracyReport({
          actual: rows.map((row) => row.actual),
          forecast: rows.map((row) => row.forecast),
        })
        for (const key of [
          'meanAbsoluteError',
          'rootMeanSquaredError',
          'forecastAccuracy',
        ] as const) {
          const value = want[key] as number
          expect(Math.abs((got[key] as number) - value)).toBeLessThanOrEqual(
            1e-12 * Math.abs(value),
          )
        }
      }),
      { numRuns: 200 },
    )
  })

  it('takes the hit-rate tolerance and the sMAPE variant as options, as forecastAccuracyReport', () => {
    const rows = [
      { actual: 100, forecast: 115 },
      { actual: 100, forecast: 95 },
    ]
    const hitRate = (options?: { tolerance?: number }) => {
      const errors = forecastErrorAggregator(options)
      return errors.result(errors.addAll(errors.initial(), rows)).forecastHitRate
    }
    // Misses of 15 % and 5 %: within ±10 % only the second (1/2); within ±20 % both (2/2).
    expect(hitRate()).toBe(0.5)
    expect(hitRate({ tolerance: 0.2 })).toBe(1)
    // Within ±0 % neither.
    expect(hitRate({ tolerance: 0 })).toBe(0)
    const bounded = forecastErrorAggregator({ variant: 'bounded' })
    // m4 terms 2·15/215 and 2·5/195; bounded is half of each: (15/215 + 5/195) / 2.
    expect(
      bounded.result(bounded.addAll(bounded.initial(), rows)).symmetricMeanAbsolutePercentageError,
    ).toBeCloseTo((15 / 215 + 5 / 195) / 2, 15)
    const report = forecastAccuracyReport({
      actual: [100, 100],
      forecast: [115, 95],
      tolerance: 0.2,
      variant: 'bounded',
    })
    expect(report.forecastHitRate).toBe(1)
    expect(report.symmetricMeanAbsolutePercentageError).toBeCloseTo((15 / 215 + 5 / 195) / 2, 15)
  })

  it('refuses bad options with INVALID_OPTION naming the option', () => {
    for (const tolerance of [-0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.1', null]) {
      expectMetricError(
        () => forecastErrorAggregator({ tolerance: tolerance as number }),
        'INVALID_OPTION',
        { path: ['tolerance'], metric: 'forecastErrorAggregator' },
      )
      expectMetricError(
        () =>
          forecastAccuracyReport({ actual: [1], forecast: [1], tolerance: tolerance as number }),
        'INVALID_OPTION',
        { path: ['tolerance'], metric: 'forecastAccuracyReport' },
      )
    }
    expectMetricError(
      () => forecastErrorAggregator({ variant: 'classic' as never }),
      'INVALID_OPTION',
      { path: ['variant'], metric: 'forecastErrorAggregator' },
    )
    for (const options of [null, 5, 'm4', []]) {
      expectMetricError(() => forecastErrorAggregator(options as never), 'INVALID_OPTION', {
        path: [],
        metric: 'forecastErrorAggregator',
      })
    }
  })

  it('says which way its signed metrics point, and they are over-forecast positive', () => {
    const errors = forecastErrorAggregator()
    // One period forecast 120 against 100: F − A = +20 (over-forecast).
    const report = errors.result(errors.add(errors.initial(), { actual: 100, forecast: 120 }))
    expect(report.direction).toBe('over-forecast-positive')
    expect(report.meanError).toBe(20)
    expect(report.forecastBias).toBe(0.2)
    expect(report.trackingSignal).toBe(1)
  })

  it('refuses a state whose scaleExponent is neither 0 nor 600', () => {
    const errors = forecastErrorAggregator()
    const state = errors.add(errors.initial(), { actual: 1, forecast: 2 })
    expectMetricError(() => errors.result({ ...state, scaleExponent: 300 }), 'INVALID_STATE', {
      path: ['scaleExponent'],
    })
    expectMetricError(() => errors.merge(state, { ...state, scaleExponent: 1 }), 'INVALID_STATE', {
      path: ['b', 'scaleExponent'],
    })
  })

  it('merges a plain state with a rescued one in the rescued unit', () => {
    const errors = forecastErrorAggregator()
    const small = errors.add(errors.initial(), { actual: 10, forecast: 13 })
    const huge = errors.add(errors.initial(), { actual: 0, forecast: 1.7e308 })
    const more = errors.add(errors.initial(), { actual: 0, forecast: 1.7e308 })
    // huge + more overflows Σ|e| at unit 1: the merge moves to 2^600.
    const merged = errors.merge(errors.merge(huge, more), small)
    expect(merged.scaleExponent).toBe(600)
    // MAE = (3 + 2 · 1.7e308) / 3; the 3 is lost below the rounding of 3.4e308.
    const mae = errors.result(merged).meanAbsoluteError as number
    const want = (1.7e308 / 3) * 2
    expect(Math.abs(mae - want)).toBeLessThanOrEqual(1e-12 * want)
  })
})
