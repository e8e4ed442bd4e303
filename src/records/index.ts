/**
 * The domain records every family reads (one place, so families share them without importing
 * each other), with their choice constants.
 */
export type { AccountRevenue } from './AccountRevenue.js'
export { ACTIVITY_TYPES, type Activity, type ActivityType } from './Activity.js'
export type { CustomerActivity } from './CustomerActivity.js'
export {
  FORECAST_CATEGORIES,
  type ForecastActual,
  type ForecastCategory,
  type ForecastSubmission,
} from './ForecastSubmission.js'
export type { Lead } from './Lead.js'
export {
  type FieldChange,
  OPPORTUNITY_STATUSES,
  type Opportunity,
  type OpportunityStatus,
  type StageEntry,
} from './Opportunity.js'
export type { Quota } from './Quota.js'
export type { Quote } from './Quote.js'
export type { SurveyResponse } from './SurveyResponse.js'
