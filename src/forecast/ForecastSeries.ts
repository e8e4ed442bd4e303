/**
 * Actuals and forecasts of the same periods, as one object so they cannot be swapped.
 *
 * @category Forecast
 */
export interface ForecastSeries {
  /** Observed values A, one per period. */
  readonly actual: ArrayLike<number>
  /** Forecast values F of the same periods, same length. */
  readonly forecast: ArrayLike<number>
  /** Optional case weights (≥ 0) for the metrics that have a weighted form. */
  readonly weights?: ArrayLike<number>
}
