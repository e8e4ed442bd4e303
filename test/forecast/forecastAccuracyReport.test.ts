import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forecastAccuracy } from '../../src/forecast/forecastAccuracy.js'
import { forecastAccuracyReport } from '../../src/forecast/forecastAccuracyReport.js'
import { forecastBias } from '../../src/forecast/forecastBias.js'
import { forecastHitRate } from '../../src/forecast/forecastHitRate.js'
import { meanAbsoluteError } from '../../src/forecast/meanAbsoluteError.js'
import { meanAbsolutePercentageError } from '../../src/forecast/meanAbsolutePercentageError.js'
import { meanAbsoluteScaledError } from '../../src/forecast/meanAbsoluteScaledError.js'
import { meanError } from '../../src/forecast/meanError.js'
import { rootMeanSquaredError } from '../../src/forecast/rootMeanSquaredError.js'
import { symmetricMeanAbsolutePercentageError } from '../../src/forecast/symmetricMeanAbsolutePercentageError.js'
import { trackingSignal } from '../../src/forecast/trackingSignal.js'
import { weightedAbsolutePercentageError } from '../../src/forecast/weightedAbsolutePercentageError.js'
import { expectMetricError } from '../helpers.js'

describe('forecastAccuracyReport', () => {
  it('equals each metric function on the same series, in one pass', () => {
    const value = fc.integer({ min: -1000, max: 1000 })
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 30 }), (pairs) => {
        const series = { actual: pairs.map((p) => p[0]), forecast: pairs.map((p) => p[1]) }
        const report = forecastAccuracyReport(series)
        const close = (a: number | null, b: number | null) =>
          a === null ? expect(b).toBeNull() : expect(b).toBeCloseTo(a, 9)
        close(report.meanAbsoluteError, meanAbsoluteError(series))
        close(report.rootMeanSquaredError, rootMeanSquaredError(series))
        close(report.meanError, meanError(series))
        close(report.meanAbsolutePercentageError, meanAbsolutePercentageError(series))
        close(report.weightedAbsolutePercentageError, weightedAbsolutePercentageError(series))
        close(
          report.symmetricMeanAbsolutePercentageError,
          symmetricMeanAbsolutePercentageError(series),
        )
        close(report.meanAbsoluteScaledError, meanAbsoluteScaledError(series))
        close(report.forecastBias, forecastBias(series))
        close(report.forecastAccuracy, forecastAccuracy(series))
        close(report.forecastHitRate, forecastHitRate(series))
        close(report.trackingSignal, trackingSignal(series).at(-1) ?? null)
        expect(report.n).toBe(pairs.length)
        expect(report.zeroActuals).toBe(pairs.filter((p) => p[0] === 0).length)
      }),
    )
  })

  it('a perfect forecast scores perfectly', () => {
    const report = forecastAccuracyReport({ actual: [3, 5, 8], forecast: [3, 5, 8] })
    expect(report).toMatchObject({
      meanAbsoluteError: 0,
      weightedAbsolutePercentageError: 0,
      forecastAccuracy: 1,
      forecastHitRate: 1,
      forecastBias: 0,
      meanAbsoluteScaledError: 0,
      trackingSignal: null,
    })
  })

  it('is all null for empty series', () => {
    const report = forecastAccuracyReport({ actual: [], forecast: [] })
    expect(report.n).toBe(0)
    expect(report.meanAbsoluteError).toBeNull()
    expect(report.forecastHitRate).toBeNull()
  })

  it('uses the training series and seasonality for MASE, and refuses a bad seasonality', () => {
    expect(
      forecastAccuracyReport({
        actual: [18, 26],
        forecast: [17, 24],
        training: [12, 20, 14, 22, 16, 24],
        seasonality: 2,
      }).meanAbsoluteScaledError,
    ).toBe(0.75)
    expectMetricError(
      () => forecastAccuracyReport({ actual: [1], forecast: [1], seasonality: 1.5 }),
      'INVALID_OPTION',
      {
        path: ['seasonality'],
      },
    )
  })

  it('names its one direction and its signed metrics follow it (over-forecast positive)', () => {
    // F − A = 10, 20, −6: ME = 24/3 = 8; bias = 24 / (100 + 200 + 60) = 24/360;
    // tracking signal = 3 · 24 / 36 = 2. R forecast::accuracy would print ME = −8.
    const report = forecastAccuracyReport({ actual: [100, 200, 60], forecast: [110, 220, 54] })
    expect(report.direction).toBe('over-forecast-positive')
    expect(report.meanError).toBe(8)
    expect(report.forecastBias).toBeCloseTo(24 / 360, 15)
    expect(report.trackingSignal).toBe(2)
  })

  it('takes tolerance and variant like forecastHitRate and sMAPE', () => {
    // Misses 10 % and 3.3 %: within ±5 % only the second.
    const series = { actual: [100, 300], forecast: [110, 290] }
    expect(forecastAccuracyReport({ ...series, tolerance: 0.05 }).forecastHitRate).toBe(
      forecastHitRate({ ...series, tolerance: 0.05 }),
    )
    expect(forecastAccuracyReport({ ...series, tolerance: 0.05 }).forecastHitRate).toBe(0.5)
    // bounded sMAPE: (10/210 + 10/590) / 2
    expect(
      forecastAccuracyReport({ ...series, variant: 'bounded' })
        .symmetricMeanAbsolutePercentageError,
    ).toBeCloseTo((10 / 210 + 10 / 590) / 2, 15)
    expectMetricError(
      () => forecastAccuracyReport({ ...series, variant: 'x' as never }),
      'INVALID_OPTION',
      { path: ['variant'], metric: 'forecastAccuracyReport' },
    )
  })

  it('matches the documented example', () => {
    const report = forecastAccuracyReport({ actual: [100, 0, 50], forecast: [110, 5, 45] })
    expect(report.zeroActuals).toBe(1)
    expect(report.meanAbsolutePercentageError).toBe(0.1)
    expect(report.forecastAccuracy).toBe(0.8666666666666667)
    // F − A = 10, 5, −5 → 10/3 (test/reference/forecast_errors.py; R's ME is −10/3).
    expect(report.meanError).toBe(3.3333333333333335)
    expect(report.direction).toBe('over-forecast-positive')
  })
})
