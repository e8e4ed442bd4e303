export type { Aggregator } from './Aggregator.js'
export type { CalendarDate } from './CalendarDate.js'
export {
  CALENDAR_PERIODS,
  type CalendarPeriod,
  type CalendarPeriodOptions,
} from './calendarPeriods.js'
export type { CurrencyConversionOptions } from './currencyConversion.js'
export {
  type CompletenessCheck,
  type DataCompletenessOptions,
  type DataCompletenessResult,
  dataCompleteness,
  type FieldCompleteness,
} from './dataCompleteness.js'
export {
  type GroupKey,
  type GroupMetricOptions,
  type GroupMetricPeriod,
  type GroupMetricPeriodOptions,
  type GroupMetricRow,
  groupMetric,
} from './groupMetric.js'
export {
  METRIC_INPUT_ERROR_CODES,
  MetricInputError,
  type MetricInputErrorCode,
  type MetricInputErrorDetails,
  type MetricInputPath,
} from './MetricInputError.js'
export type { MoneyInput } from './MoneyInput.js'
export { normalCdf } from './normalCdf.js'
export { normalQuantile } from './normalQuantile.js'
export {
  QUANTILE_METHODS,
  type QuantileMethod,
  type QuantileOptions,
  quantile,
} from './quantile.js'
export { quantiles } from './quantiles.js'
export {
  type ShrunkRatesInput,
  type ShrunkRatesOptions,
  type ShrunkRatesPrior,
  type ShrunkRatesResult,
  type ShrunkRatesRow,
  shrunkRates,
} from './shrunkRates.js'
export { type SumMoneyOptions, sumMoney } from './sumMoney.js'
export {
  METRIC_BASES,
  type MetricBasis,
  SUMMARY_STATISTICS,
  type SummaryStatistic,
} from './validate.js'
export {
  type WilsonIntervalOptions,
  type WilsonIntervalResult,
  wilsonInterval,
} from './wilsonInterval.js'
