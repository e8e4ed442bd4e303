export type { Booking } from './Booking.js'
export {
  BOOKING_OWNERS,
  type BookingOwner,
  type BookingsFromOpportunitiesOptions,
  bookingsFromOpportunities,
} from './bookingsFromOpportunities.js'
export {
  type QuotaAttainmentDistribution,
  type QuotaAttainmentOptions,
  type QuotaAttainmentResult,
  type QuotaAttainmentRow,
  quotaAttainment,
} from './quotaAttainment.js'
export {
  type QuotaAttainmentAggregator,
  type QuotaAttainmentAggregatorOptions,
  type QuotaAttainmentAggregatorState,
  quotaAttainmentAggregator,
} from './quotaAttainmentAggregator.js'
export {
  DAY_COUNTS,
  type DayCount,
  type QuotaPacingOptions,
  type QuotaPacingResult,
  quotaPacing,
} from './quotaPacing.js'
