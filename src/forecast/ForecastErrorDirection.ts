/**
 * The sign convention of every signed forecast error in cx-metrics: the error of a period is
 * forecast minus actual, so a positive `meanError`, `forecastBias` or `trackingSignal` means
 * the forecasts ran above what happened (over-forecast, "happy ears") and a negative one that
 * they ran below (under-forecast, sandbagging). It is the only value of the list; result
 * objects carry it as `direction` so that a stored or printed result says which way it
 * points.
 *
 * ```text
 * error = F − A        > 0: over-forecast,  < 0: under-forecast
 * ```
 * R's `forecast::accuracy` (and Hyndman's textbook) define the error as A − F: its `ME` is
 * the negation of `meanError` here.
 *
 * @example
 * ```ts
 * FORECAST_ERROR_DIRECTIONS // => ['over-forecast-positive']
 * ```
 * @category Forecast
 */
export const FORECAST_ERROR_DIRECTIONS = ['over-forecast-positive'] as const

/**
 * One of {@link FORECAST_ERROR_DIRECTIONS}: `'over-forecast-positive'` (error = F − A).
 *
 * @category Forecast
 */
export type ForecastErrorDirection = (typeof FORECAST_ERROR_DIRECTIONS)[number]

/** The direction results carry. Internal. */
export const OVER_FORECAST_POSITIVE: ForecastErrorDirection = 'over-forecast-positive'
