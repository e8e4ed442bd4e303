export {
  type ActivityCountsSqlColumns,
  type ActivityCountsSqlOptions,
  activityCountsSql,
} from './activityCountsSql.js'
export {
  type AverageDealSizeSqlColumns,
  type AverageDealSizeSqlOptions,
  averageDealSizeSql,
} from './averageDealSizeSql.js'
export {
  type CohortRetentionSqlCell,
  type CohortRetentionSqlColumns,
  type CohortRetentionSqlOptions,
  type CohortRetentionSqlQuery,
  type CohortRetentionSqlRow,
  cohortRetentionSql,
} from './cohortRetentionSql.js'
export { type CsatSqlOptions, csatSql } from './csatSql.js'
export {
  type CustomerEffortScoreSqlOptions,
  customerEffortScoreSql,
} from './customerEffortScoreSql.js'
export {
  type CustomerRetentionSqlColumns,
  type CustomerRetentionSqlOptions,
  customerRetentionSql,
} from './customerRetentionSql.js'
export {
  type ForecastErrorSqlColumns,
  type ForecastErrorSqlOptions,
  forecastErrorSql,
} from './forecastErrorSql.js'
export {
  type KaplanMeierSqlColumns,
  type KaplanMeierSqlOptions,
  type KaplanMeierSqlState,
  kaplanMeierSql,
} from './kaplanMeierSql.js'
export { type NetPromoterScoreSqlOptions, netPromoterScoreSql } from './netPromoterScoreSql.js'
export {
  type PipelineCreatedSqlColumns,
  type PipelineCreatedSqlOptions,
  pipelineCreatedSql,
} from './pipelineCreatedSql.js'
export {
  type QuantileSqlColumns,
  type QuantileSqlOptions,
  type QuantileSqlState,
  quantileSql,
} from './quantileSql.js'
export {
  type QuotaAttainmentSqlColumns,
  type QuotaAttainmentSqlOptions,
  quotaAttainmentSql,
} from './quotaAttainmentSql.js'
export {
  type RevenueMovementsSqlColumns,
  type RevenueMovementsSqlOptions,
  revenueMovementsSql,
} from './revenueMovementsSql.js'
export { SQL_DIALECTS, type SqlDialect, type SqlName, type SqlRaw } from './SqlDialect.js'
export type {
  SqlGroupValue,
  SqlOptions,
  SqlPeriodOptions,
  SqlQuery,
  SqlResultRow,
} from './SqlQuery.js'
export {
  type SlaAttainmentSqlColumns,
  type SlaAttainmentSqlOptions,
  slaAttainmentSql,
} from './slaAttainmentSql.js'
export {
  type StageConversionSqlColumns,
  type StageConversionSqlOptions,
  stageConversionSql,
} from './stageConversionSql.js'
export {
  type WeightedPipelineSqlColumns,
  type WeightedPipelineSqlOptions,
  weightedPipelineSql,
} from './weightedPipelineSql.js'
export {
  type WinRateSqlColumns,
  type WinRateSqlOptions,
  winRateSql,
} from './winRateSql.js'
