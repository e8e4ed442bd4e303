export type { ComponentOptions } from './ComponentOptions.js'
export { CX_DIRECTIONS, type CxComponent, type CxDirection } from './CxComponent.js'
export { type CesComponentOptions, cesComponent } from './cesComponent.js'
export { csatComponent } from './csatComponent.js'
export {
  CX_SCORE_MISSING_POLICIES,
  type CxContribution,
  type CxScoreMissingPolicy,
  type CxScoreOptions,
  type CxScoreResult,
  cxScore,
} from './cxScore.js'
export {
  type AccountHealth,
  type AccountMetrics,
  type HealthScorecardDefinition,
  type HealthScorecardResult,
  healthScorecard,
  MAX_BANDS,
  type ScoreBand,
  type ScorecardComponent,
  scoreAccountHealth,
} from './healthScorecard.js'
export { npsComponent } from './npsComponent.js'
export { type RetentionComponentOptions, retentionComponent } from './retentionComponent.js'
export { winRateComponent } from './winRateComponent.js'
