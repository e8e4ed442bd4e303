export { classifyNps } from './classifyNps.js'
export { type CompareNpsOptions, type CompareNpsResult, compareNps } from './compareNps.js'
export { type CsatOptions, type CsatResult, csat } from './csat.js'
export { type CsatAggregator, type CsatAggregatorState, csatAggregator } from './csatAggregator.js'
export {
  CES_METHODS,
  CES_STATISTICS,
  type CesMethod,
  type CesStatistic,
  type CustomerEffortScoreOptions,
  type CustomerEffortScoreResult,
  customerEffortScore,
} from './customerEffortScore.js'
export {
  type CustomerEffortScoreAggregator,
  type CustomerEffortScoreAggregatorState,
  customerEffortScoreAggregator,
} from './customerEffortScoreAggregator.js'
export {
  NPS_CLASSES,
  NPS_INTERVAL_METHODS,
  type NpsClass,
  type NpsInput,
  type NpsIntervalMethod,
  type NpsTally,
  type NpsTallyInput,
} from './NpsTally.js'
export {
  type NetPromoterScoreResult,
  type NpsResult,
  netPromoterScore,
} from './netPromoterScore.js'
export {
  type NetPromoterScoreAggregatorOptions,
  type NpsAggregator,
  type NpsAggregatorState,
  netPromoterScoreAggregator,
} from './netPromoterScoreAggregator.js'
export { type NpsByGroupInput, npsByGroup } from './npsByGroup.js'
export {
  type NpsBySegmentOptions,
  type NpsBySegmentRow,
  type NpsSegmentRow,
  npsBySegment,
  type SegmentKey,
} from './npsBySegment.js'
export type { NpsGroupOptions, NpsGroupSummary } from './npsGroups.js'
export { type NpsIntervalOptions, type NpsIntervalResult, npsInterval } from './npsInterval.js'
export { type NpsTrendOptions, type NpsTrendRow, npsTrend } from './npsTrend.js'
export { tallyNps } from './tallyNps.js'
