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
export { type CxContribution, type CxScoreOptions, type CxScoreResult, cxScore } from './cxScore.js'
export {
  type AccountHealth,
  type AccountMetrics,
  type HealthScorecardDefinition,
  type HealthScorecardResult,
  healthScorecard,
  MAX_BANDS,
  type ScoreBand,
  type ScorecardComponent,
} from './healthScorecard.js'
