import { describe, expect, it } from 'vitest'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('forecastErrorAggregator (overflow and foreign-error branches)', () => {
  it('keeps scale-free metrics exact when F − A overflows, and skips sMAPE terms for 0/0', () => {
    const errors = forecastErrorAggregator()
    let state = errors.add(errors.initial(), { actual: -8e307, forecast: 1e308 })
    // Second period: actual = forecast = 0, so |A| + |F| = 0 and the actual is a zero actual.
    state = errors.add(state, { actual: 0, forecast: 0 })
    const report = errors.result(state)
    // |e| = 1e308 + 8e307 = 1.8e308 (past the largest double 1.797e308, taken halved).
    // WAPE = Σ|e| / Σ|A| = 1.8e308 / 8e307 = 2.25
    expect(report.weightedAbsolutePercentageError).toBeCloseTo(2.25, 12)
    // MAE = (1.8e308 + 0) / 2 = 9e307
    expect((report.meanAbsoluteError as number) / 9e307).toBeCloseTo(1, 12)
  })

  it('moves a merge of two unrescued states to units of 2^600 when the squared sum overflows', () => {
    const errors = forecastErrorAggregator()
    const one = errors.add(errors.initial(), { actual: 0, forecast: 1e154 })
    // Each state: Σe² = 1e308 (finite); merged: 2e308 overflows, so the merge rescues.
    const report = errors.result(errors.merge(one, one))
    // MAE = (1e154 + 1e154) / 2 = 1e154; RMSE = sqrt(2e308 / 2) = 1e154
    expect((report.meanAbsoluteError as number) / 1e154).toBeCloseTo(1, 12)
    expect((report.rootMeanSquaredError as number) / 1e154).toBeCloseTo(1, 12)
  })

  it('refuses a merge whose period count is past 2^53 − 1 at ["n"]', () => {
    const errors = forecastErrorAggregator()
    const big = { ...errors.initial(), n: Number.MAX_SAFE_INTEGER }
    const one = { ...errors.initial(), n: 1 }
    expectMetricError(() => errors.merge(big, one), 'VALUE_OUT_OF_RANGE', {
      path: ['n'],
      metric: 'forecastErrorAggregator',
    })
  })

  it('refuses a weight whose sums overflow even in the rescued unit, at ["actual"]', () => {
    const errors = forecastErrorAggregator()
    // A perfect forecast is a hit, so Σw = 1e308 and hits = 1e308; their check sum
    // 1e308 + 1e308 = Infinity, and no unit change helps a weight sum.
    expectMetricError(
      () => errors.add(errors.initial(), { actual: 1, forecast: 1, weight: 1e308 }),
      'VALUE_OUT_OF_RANGE',
      { path: ['actual'], metric: 'forecastErrorAggregator' },
    )
  })

  it('reports a throwing getter in addAll as INVALID_RECORD, not under an index', () => {
    const errors = forecastErrorAggregator()
    const hostile = {
      get actual(): number {
        throw new TypeError('boom')
      },
      forecast: 1,
    }
    expectMetricError(
      () => errors.addAll(errors.initial(), [{ actual: 1, forecast: 1 }, hostile]),
      'INVALID_RECORD',
      { path: undefined, metric: 'forecastErrorAggregator' },
    )
  })
})
