/**
 * cx-metrics/schemas: zod schemas and parsers for untrusted input — CSV rows, JSON exports.
 * The only entry point that loads zod (a peer dependency).
 *
 * @packageDocumentation
 */
export { AccountRevenueSchema, OptionalCurrencySchema } from './AccountRevenueSchema.js'
export { ActivitySchema, ActivityTypeSchema } from './ActivitySchema.js'
export { BusinessCalendarSchema } from './BusinessCalendarSchema.js'
export { CalendarDateSchema, OptionalCalendarDateSchema } from './CalendarDateSchema.js'
export { CustomerActivitySchema } from './CustomerActivitySchema.js'
export { ForecastSubmissionSchema } from './ForecastSubmissionSchema.js'
export {
  CsvNonNegativeNumberSchema,
  CsvNumberSchema,
  csvIntegerSchema,
  InstantSchema,
  OptionalInstantSchema,
  OptionalNonNegativeNumberSchema,
  OptionalTextSchema,
} from './fields.js'
export { LeadSchema } from './LeadSchema.js'
export { MoneySchema, OptionalMoneySchema } from './money.js'
export {
  AmountChangeSchema,
  CloseDateChangeSchema,
  OpportunitySchema,
  OpportunityStatusSchema,
  StageEntrySchema,
} from './OpportunitySchema.js'
export {
  type ParseRecordsOptions,
  type ParseRecordsResult,
  parseRecords,
  type RecordIssue,
  type RejectedRecord,
} from './parseRecords.js'
export { QuotaSchema } from './QuotaSchema.js'
export { QuoteSchema } from './QuoteSchema.js'
export { SurveyResponseSchema } from './SurveyResponseSchema.js'
