export {
  AVERAGE_DEAL_SIZE_METHODS,
  type AverageDealSizeMethod,
  type AverageDealSizeOptions,
  type AverageDealSizeResult,
  type AverageDealSizeRow,
  averageDealSize,
} from './averageDealSize.js'
export {
  type AverageDealSizeAggregator,
  type AverageDealSizeAggregatorState,
  averageDealSizeAggregator,
} from './averageDealSizeAggregator.js'
export {
  type BookingsMixOptions,
  type BookingsMixResult,
  type BookingsMixRow,
  bookingsMix,
} from './bookingsMix.js'
export { leadContactRate } from './leadContactRate.js'
export { leadConversionRate } from './leadConversionRate.js'
export {
  LEAD_RATE_GROUPINGS,
  type LeadContactRateResult,
  type LeadConversionRateResult,
  type LeadRate,
  type LeadRateGroup,
  type LeadRateGrouping,
  type LeadRateOptions,
  type LeadRatePeriodOptions,
  type LeadRateResult,
  type LeadRateRow,
} from './leadRate.js'
export {
  type CustomerRevenue,
  type NewCustomersOptions,
  type NewCustomersResult,
  type NewCustomersRow,
  newCustomers,
} from './newCustomers.js'
export { type PipelineCoverageInput, pipelineCoverage } from './pipelineCoverage.js'
export {
  type PipelineCreatedOptions,
  type PipelineCreatedResult,
  type PipelineCreatedRow,
  pipelineCreated,
} from './pipelineCreated.js'
export {
  type PipelineCreatedAggregator,
  type PipelineCreatedAggregatorState,
  pipelineCreatedAggregator,
} from './pipelineCreatedAggregator.js'
export {
  PIPELINE_HYGIENE_RULES,
  type PipelineHygieneDeal,
  type PipelineHygieneFlag,
  type PipelineHygieneOptions,
  type PipelineHygieneResult,
  type PipelineHygieneRule,
  type PipelineHygieneRuleSettings,
  type PipelineHygieneRuleSummary,
  type PipelineHygieneScore,
  pipelineHygiene,
} from './pipelineHygiene.js'
export {
  type ProbabilitySource,
  type RankedOpportunity,
  type RankOpportunitiesOptions,
  rankOpportunities,
} from './rankOpportunities.js'
export type { RecordPeriodOptions } from './recordCells.js'
export { requiredPipelineCoverage } from './requiredPipelineCoverage.js'
export {
  SALES_CYCLE_OUTCOMES,
  type SalesCycleDaysOptions,
  type SalesCycleOutcome,
  salesCycleDays,
} from './salesCycleDays.js'
export { type SalesVelocityInput, salesVelocity } from './salesVelocity.js'
export {
  OPEN_DEAL_POLICIES,
  type OpenDealPolicy,
  STAGE_CONVERSION_MODES,
  type StageConversionMode,
  type StageConversionOptions,
  type StageConversionResult,
  type StageConversionRow,
  stageConversion,
} from './stageConversion.js'
export {
  type StageConversionAggregator,
  type StageConversionAggregatorState,
  stageConversionAggregator,
} from './stageConversionAggregator.js'
export {
  type StalledOpportunitiesOptions,
  type StalledOpportunity,
  stalledOpportunities,
} from './stalledOpportunities.js'
export { type TimeInStageOptions, type TimeInStageRow, timeInStage } from './timeInStage.js'
export { type WeightedPipelineOptions, weightedPipeline } from './weightedPipeline.js'
export {
  type WeightedPipelineAggregator,
  type WeightedPipelineAggregatorState,
  weightedPipelineAggregator,
} from './weightedPipelineAggregator.js'
export {
  WIN_RATE_BASES,
  type WinRateAmountResult,
  type WinRateBasis,
  type WinRateCountResult,
  type WinRateOptions,
  type WinRateResult,
  winRate,
} from './winRate.js'
export {
  type WinRateAggregator,
  type WinRateAggregatorState,
  winRateAggregator,
} from './winRateAggregator.js'
