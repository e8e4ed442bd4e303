export {
  type BusinessCalendar,
  WEEKDAYS,
  type Weekday,
  type WorkingInterval,
} from '../core/BusinessCalendar.js'
export { addBusinessHours } from './addBusinessHours.js'
export { businessHoursBetween } from './businessHoursBetween.js'
export { DURATION_UNITS, type DurationUnit } from './durationUnits.js'
export {
  LEAD_TO_CASH_STEPS,
  type LeadToCashOptions,
  type LeadToCashStep,
  leadToCash,
} from './leadToCash.js'
export {
  type LeadToQuoteSummary,
  type LeadToQuoteSummaryOptions,
  type LeadToQuoteSummaryResult,
  leadToQuoteSummary,
} from './leadToQuoteSummary.js'
export {
  type LeadToQuoteTime,
  type LeadToQuoteTimesOptions,
  leadToQuoteTimes,
} from './leadToQuoteTimes.js'
export { type CalendarDate, type NetworkDaysOptions, networkDays } from './networkDays.js'
export { type SlaAttainmentOptions, slaAttainment } from './slaAttainment.js'
export {
  type SlaAttainmentAggregator,
  type SlaAttainmentAggregatorOptions,
  type SlaAttainmentAggregatorState,
  type SlaItem,
  slaAttainmentAggregator,
} from './slaAttainmentAggregator.js'
export { type TimeToQuoteSurvivalOptions, timeToQuoteSurvival } from './timeToQuoteSurvival.js'
