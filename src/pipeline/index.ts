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
export { type PipelineCoverageInput, pipelineCoverage } from './pipelineCoverage.js'
export {
  type ProbabilitySource,
  type RankedOpportunity,
  type RankOpportunitiesOptions,
  rankOpportunities,
} from './rankOpportunities.js'
export { requiredPipelineCoverage } from './requiredPipelineCoverage.js'
export { type SalesCycleDaysOptions, salesCycleDays } from './salesCycleDays.js'
export { type SalesVelocityInput, salesVelocity } from './salesVelocity.js'
export {
  OPEN_DEAL_POLICIES,
  STAGE_CONVERSION_MODES,
  type StageConversionOptions,
  type StageConversionRow,
  stageConversion,
} from './stageConversion.js'
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
  type WinRateCountResult,
  type WinRateOptions,
  winRate,
} from './winRate.js'
export {
  type WinRateAggregator,
  type WinRateAggregatorState,
  winRateAggregator,
} from './winRateAggregator.js'
