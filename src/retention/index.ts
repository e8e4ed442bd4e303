export {
  COHORT_BASES,
  type CohortBasis,
  type CohortRetentionCount,
  type CohortRetentionOptions,
  type CohortRetentionResult,
  type CohortRow,
  cohortRetention,
  cohortRetentionFromCounts,
  MAX_COHORT_PERIODS,
  type PooledRetention,
} from './cohortRetention.js'
export { type CustomerChurnRateInput, customerChurnRate } from './customerChurnRate.js'
export {
  type CustomerPresence,
  type CustomerRetentionAggregator,
  type CustomerRetentionAggregatorOptions,
  type CustomerRetentionAggregatorState,
  type CustomerRetentionSummary,
  customerRetentionAggregator,
} from './customerRetentionAggregator.js'
export { type CustomerRetentionRateInput, customerRetentionRate } from './customerRetentionRate.js'
export { grossMrrChurnRate } from './grossMrrChurnRate.js'
export { type GrossRevenueRetentionInput, grossRevenueRetention } from './grossRevenueRetention.js'
export { netMrrChurnRate } from './netMrrChurnRate.js'
export { netRevenueRetention } from './netRevenueRetention.js'
export type { RevenueMovementTotals } from './RevenueMovementTotals.js'
export type {
  AccountRevenueSnapshot,
  RevenueRetention,
  RevenueRetentionOptions,
  RevenueRetentionRow,
} from './RevenueRetention.js'
export {
  type AccountMovement,
  REVENUE_MOVEMENTS,
  type RevenueMovement,
  type RevenueMovementsOptions,
  type RevenueMovementsResult,
  type RevenueMovementsSummary,
  revenueMovements,
} from './revenueMovements.js'
export {
  type AccountRevenueChange,
  type RevenueMovementsAggregator,
  type RevenueMovementsAggregatorOptions,
  type RevenueMovementsAggregatorState,
  revenueMovementsAggregator,
} from './revenueMovementsAggregator.js'
export {
  type RevenueRetentionOverWindowOptions,
  type RevenueRetentionOverWindowResult,
  revenueRetentionOverWindow,
} from './revenueRetentionOverWindow.js'
export {
  type RevenueRetentionSeriesOptions,
  type RevenueRetentionSeriesResult,
  revenueRetentionSeries,
} from './revenueRetentionSeries.js'
