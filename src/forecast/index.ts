export { actualsFromOpportunities } from './actualsFromOpportunities.js'
export { FORECAST_ERROR_DIRECTIONS, type ForecastErrorDirection } from './ForecastErrorDirection.js'
export type { ForecastSeries } from './ForecastSeries.js'
export { type ForecastAccuracyInput, forecastAccuracy } from './forecastAccuracy.js'
export {
  FORECAST_ACCURACY_GROUPINGS,
  type ForecastAccuracyByPeriodOptions,
  type ForecastAccuracyByPeriodResult,
  type ForecastAccuracyByPeriodRow,
  type ForecastAccuracyGrouping,
  type ForecastGroupAccuracy,
  type ForecastGroupSummary,
  type ForecastPeriodAccuracy,
  type ForecastPeriodRow,
  forecastAccuracyByPeriod,
} from './forecastAccuracyByPeriod.js'
export {
  type ForecastAccuracyReport,
  type ForecastAccuracyReportInput,
  type ForecastAccuracyReportResult,
  type ForecastReportChoices,
  forecastAccuracyReport,
} from './forecastAccuracyReport.js'
export { forecastBias } from './forecastBias.js'
export {
  type ForecastErrorAggregator,
  type ForecastErrorAggregatorOptions,
  type ForecastErrorAggregatorState,
  type ForecastPeriod,
  forecastErrorAggregator,
} from './forecastErrorAggregator.js'
export { type ForecastHitRateInput, forecastHitRate } from './forecastHitRate.js'
export type { ForecastSums } from './forecastKernel.js'
export { meanAbsoluteError } from './meanAbsoluteError.js'
export { meanAbsolutePercentageError } from './meanAbsolutePercentageError.js'
export {
  type MeanAbsoluteScaledErrorInput,
  meanAbsoluteScaledError,
} from './meanAbsoluteScaledError.js'
export { meanError } from './meanError.js'
export { rootMeanSquaredError } from './rootMeanSquaredError.js'
export {
  SMAPE_VARIANTS,
  type SmapeVariant,
  type SymmetricMeanAbsolutePercentageErrorInput,
  symmetricMeanAbsolutePercentageError,
} from './symmetricMeanAbsolutePercentageError.js'
export { trackingSignal } from './trackingSignal.js'
export { weightedAbsolutePercentageError } from './weightedAbsolutePercentageError.js'
