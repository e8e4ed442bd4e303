/**
 * The defects of issue 12 in the forecast family, one test each (each failed before its fix).
 * Expected values are hand arithmetic, written next to them.
 */
import { describe, expect, it } from 'vitest'
import { forecastAccuracyReport } from '../../src/forecast/forecastAccuracyReport.js'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { meanAbsoluteError } from '../../src/forecast/meanAbsoluteError.js'
import { meanAbsoluteScaledError } from '../../src/forecast/meanAbsoluteScaledError.js'
import { meanError } from '../../src/forecast/meanError.js'
import { rootMeanSquaredError } from '../../src/forecast/rootMeanSquaredError.js'
import { trackingSignal } from '../../src/forecast/trackingSignal.js'
import { weightedAbsolutePercentageError } from '../../src/forecast/weightedAbsolutePercentageError.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'

const asNumbers = (values: unknown[]) => values as number[]

describe('forecast reliability (issue 12)', () => {
  it('gives MAE 1e200 for one miss of 1e200 although Σe² overflows', () => {
    // |1e200 − 0| / 1 = 1e200; e² = 1e400 does not fit a double, but MAE does not need it.
    expect(meanAbsoluteError({ actual: [1e200], forecast: [0] })).toBe(1e200)
    // ME is mean(F − A) since 0.2 (over-forecast positive): 0 − 1e200 = −1e200.
    expect(meanError({ actual: [1e200], forecast: [0] })).toBe(-1e200)
    // RMSE of one error is |e| = 1e200 (√(e²/1)), computed in scaled units.
    expect(rootMeanSquaredError({ actual: [1e200], forecast: [0] })).toBe(1e200)
    // WAPE = 1e200 / 1e200 = 1
    expect(weightedAbsolutePercentageError({ actual: [1e200], forecast: [0] })).toBe(1)
    const report = forecastAccuracyReport({ actual: [1e200, 2e200], forecast: [0, 0] })
    // MAE (1e200 + 2e200) / 2 = 1.5e200; accuracy 1 − 3e200/3e200 = 0
    expect(report.meanAbsoluteError).toBe(1.5e200)
    expect(report.forecastAccuracy).toBe(0)
  })

  it('refuses a metric whose own value does not fit a double', () => {
    // |1e308 − (−1e308)| = 2e308 > Number.MAX_VALUE
    expectMetricError(
      () => meanAbsoluteError({ actual: [1e308], forecast: [-1e308] }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'meanAbsoluteError' },
    )
    // but the ratio metrics of the same data are fine: WAPE = 2e308 / 1e308 = 2
    expect(weightedAbsolutePercentageError({ actual: [1e308], forecast: [-1e308] })).toBe(2)
  })

  it('refuses null, numeric strings and string weights instead of coercing them', () => {
    expectMetricError(
      () => meanAbsoluteError({ actual: asNumbers([100, null]), forecast: [90, 5] }),
      'NOT_FINITE',
      { path: ['actual', 1], metric: 'meanAbsoluteError' },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: asNumbers(['0x10']), forecast: [0] }),
      'NOT_FINITE',
      { path: ['actual', 0], metric: 'meanAbsoluteError' },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, 2], forecast: [0, 0], weights: asNumbers(['1', '1']) }),
      'NOT_FINITE',
      { path: ['weights', 0], metric: 'meanAbsoluteError' },
    )
    expectMetricError(
      () => trackingSignal({ actual: asNumbers([1, '2']), forecast: [0, 0] }),
      'NOT_FINITE',
      { path: ['actual', 1], metric: 'trackingSignal' },
    )
  })

  it('refuses a missing input with MetricInputError, not a bare TypeError', () => {
    expectMetricError(
      () => meanAbsoluteError(undefined as unknown as { actual: number[]; forecast: number[] }),
      'MISSING_VALUE',
      { path: [], metric: 'meanAbsoluteError' },
    )
    expectMetricError(
      () =>
        meanAbsoluteError({ actual: [1] } as unknown as { actual: number[]; forecast: number[] }),
      'MISSING_VALUE',
      { path: ['forecast'], metric: 'meanAbsoluteError' },
    )
  })

  it('refuses a training series of length 2^32 or −1 at once instead of looping', () => {
    // A loop over 2^32 missing elements is the hang; the hang guard is the regression check.
    expectMetricError(
      () =>
        runWithHangGuard(
          () =>
            meanAbsoluteScaledError({
              actual: [1, 2],
              forecast: [1, 2],
              training: { length: 2 ** 32 },
            }),
          'meanAbsoluteScaledError with a training length of 2^32',
        ),
      'NOT_FINITE',
      { path: ['training', 0], metric: 'meanAbsoluteScaledError' },
    )
    expectMetricError(
      () =>
        runWithHangGuard(
          () =>
            meanAbsoluteScaledError({
              actual: [1, 2],
              forecast: [1, 2],
              training: { length: -1 },
            }),
          'meanAbsoluteScaledError with a training length of −1',
        ),
      'VALUE_OUT_OF_RANGE',
      { path: ['training'], metric: 'meanAbsoluteScaledError' },
    )
  })

  it('refuses tampered and foreign aggregator states in merge and result', () => {
    const errors = forecastErrorAggregator()
    const state = errors.add(errors.initial(), { actual: 100, forecast: 110 })
    expectMetricError(() => errors.result({ ...state, weight: -1 }), 'NEGATIVE_VALUE', {
      path: ['weight'],
      metric: 'forecastErrorAggregator',
    })
    expectMetricError(
      () => errors.merge(state, { ...state, n: '5' as unknown as number }),
      'INVALID_STATE',
      { path: ['b', 'n'], metric: 'forecastErrorAggregator' },
    )
    expectMetricError(
      () => errors.merge({ won: 1, lost: 2 } as unknown as typeof state, state),
      'INVALID_STATE',
      { metric: 'forecastErrorAggregator' },
    )
    expectMetricError(() => errors.result({ ...state, n: 1.5 }), 'INVALID_STATE', {
      path: ['n'],
    })
    expectMetricError(() => errors.result(null as unknown as typeof state), 'INVALID_STATE', {
      path: [],
    })
  })
})
