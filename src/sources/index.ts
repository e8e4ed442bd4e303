/**
 * cx-metrics/sources: adapters from vendor exports (Salesforce, HubSpot, Stripe, survey tools)
 * to cx-metrics records.
 * Each returns `{ records, rejected }` like `parseRecords`: every input row ends as a
 * record or as a rejection with its index, the column and the reason. Loads zod through
 * `cx-metrics/schemas`; never loaded by `cx-metrics`.
 *
 * @packageDocumentation
 */

export {
  HUBSPOT_CONTACT_COLUMNS,
  HUBSPOT_LIFECYCLE_STAGES,
  type HubspotContactField,
  type HubspotContactsOptions,
  type HubspotLifecycleStage,
  hubspotContacts,
} from './hubspot/hubspotContacts.js'
export {
  HUBSPOT_DEAL_COLUMNS,
  type HubspotDealField,
  type HubspotDealsInput,
  type HubspotDealsOptions,
  hubspotDeals,
} from './hubspot/hubspotDeals.js'
export {
  HUBSPOT_ENGAGEMENT_COLUMNS,
  HUBSPOT_ENGAGEMENT_TYPES,
  type HubspotEngagementField,
  type HubspotEngagementsOptions,
  hubspotEngagements,
} from './hubspot/hubspotEngagements.js'
export type { HubspotPipeline, HubspotStage } from './hubspot/hubspotPipelines.js'
export { DATE_ORDERS, type DateOrder } from './read/dates.js'
export { NUMBER_LOCALES, type NumberLocale } from './read/numbers.js'
export { ON_INVALID_CHOICES, type OnInvalid, type SourceOptions } from './read/options.js'
export { type SourceChunksOptions, sourceChunks } from './read/sourceChunks.js'
export {
  SALESFORCE_STANDARD_STAGES,
  type SalesforceStage,
} from './salesforce/SalesforceStage.js'
export {
  SALESFORCE_ACTIVITY_COLUMNS,
  type SalesforceActivitiesInput,
  type SalesforceActivitiesOptions,
  type SalesforceActivityField,
  salesforceActivities,
} from './salesforce/salesforceActivities.js'
export {
  SALESFORCE_LEAD_COLUMNS,
  type SalesforceLeadField,
  type SalesforceLeadsOptions,
  salesforceLeads,
} from './salesforce/salesforceLeads.js'
export {
  SALESFORCE_OPPORTUNITY_COLUMNS,
  type SalesforceOpportunitiesInput,
  type SalesforceOpportunitiesOptions,
  type SalesforceOpportunitiesResult,
  type SalesforceOpportunityField,
  salesforceOpportunities,
} from './salesforce/salesforceOpportunities.js'
export {
  STRIPE_THREE_DECIMAL_CURRENCIES,
  STRIPE_ZERO_DECIMAL_CURRENCIES,
} from './stripe/stripeCurrencies.js'
export {
  STRIPE_SUBSCRIPTION_EVENT_TYPES,
  type StripeSubscriptionEventType,
} from './stripe/stripeEvents.js'
export {
  type StripeMrrOptions,
  type StripeMrrRecord,
  type StripeMrrResult,
  type StripePriceContext,
  stripeMrr,
} from './stripe/stripeMrr.js'
export {
  SURVEY_RESPONSE_COLUMNS,
  SURVEY_VENDORS,
  type SurveyResponseField,
  type SurveyResponsesOptions,
  type SurveyResponsesResult,
  type SurveyVendor,
  surveyResponses,
} from './surveys/surveyResponses.js'
