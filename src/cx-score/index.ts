export { CX_DIRECTIONS, type CxComponent, type CxDirection } from './CxComponent.js'
export {
  type CesComponentOptions,
  type ComponentOptions,
  cesComponent,
  csatComponent,
  npsComponent,
  type RetentionComponentOptions,
  retentionComponent,
  winRateComponent,
} from './components.js'
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
