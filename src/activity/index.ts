export {
  type ActivityCountsOptions,
  type ActivityCountsPeriodOptions,
  type ActivityCountsRow,
  activityCounts,
} from './activityCounts.js'
export {
  type ActivityCountsAggregator,
  type ActivityCountsAggregatorOptions,
  type ActivityCountsAggregatorState,
  activityCountsAggregator,
} from './activityCountsAggregator.js'
export { type ActivityCountsResult, DEFAULT_CUSTOMER_TIME_TYPES } from './activityTally.js'
