/**
 * One representative call of every SQL twin per dialect, for the golden files and the
 * dialect parse checks: every twin with a group column and a period, the period layouts
 * rotating through week (Sunday and Monday starts), month, fiscal quarter and fiscal year.
 */
import type { SqlDialect } from '../../src/sql/index.js'
import * as sql from '../../src/sql/index.js'

export interface TwinCase {
  readonly twin: string
  readonly label: string
  readonly sql: (dialect: SqlDialect) => string
}

const PERIODS = [
  { column: 'created_at', unit: 'week', timeZone: 'America/New_York', weekStartsOn: 0 },
  { column: 'created_at', unit: 'week', timeZone: 'Europe/Berlin' },
  { column: 'created_at', unit: 'month', timeZone: 'America/New_York' },
  { column: 'created_at', unit: 'quarter', timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 2 },
  { column: 'created_at', unit: 'year', timeZone: 'UTC', fiscalYearStartMonth: 7 },
] as const

const common = (dialect: SqlDialect, period: number) => ({
  dialect,
  from: 'analytics.crm_table',
  groupBy: ['segment', 'region'],
  period: PERIODS[period % PERIODS.length] as (typeof PERIODS)[number],
})

export const TWIN_CASES: readonly TwinCase[] = [
  ...PERIODS.map((_, period) => ({
    twin: 'netPromoterScoreSql',
    label: `period ${period}`,
    sql: (dialect: SqlDialect) =>
      sql.netPromoterScoreSql({ ...common(dialect, period), columns: { score: 'score' } }).sql,
  })),
  {
    twin: 'netPromoterScoreSql',
    label: 'no group, no period',
    sql: (dialect) =>
      sql.netPromoterScoreSql({ dialect, from: 'responses', columns: { score: 'score' } }).sql,
  },
  {
    twin: 'csatSql',
    label: 'scale 7, threshold 6',
    sql: (dialect) =>
      sql.csatSql({
        ...common(dialect, 1),
        columns: { rating: 'rating' },
        scaleMax: 7,
        threshold: 6,
      }).sql,
  },
  {
    twin: 'customerEffortScoreSql',
    label: 'default scale',
    sql: (dialect) =>
      sql.customerEffortScoreSql({ ...common(dialect, 2), columns: { rating: 'effort' } }).sql,
  },
  {
    twin: 'winRateSql',
    label: 'count',
    sql: (dialect) =>
      sql.winRateSql({
        ...common(dialect, 3),
        columns: { status: 'status', closedAt: 'closed_at' },
      }).sql,
  },
  {
    twin: 'winRateSql',
    label: 'amount',
    sql: (dialect) =>
      sql.winRateSql({
        ...common(dialect, 4),
        columns: { status: 'status', amount: 'amount', currency: 'currency' },
        basis: 'amount',
      }).sql,
  },
  {
    twin: 'weightedPipelineSql',
    label: 'with currency',
    sql: (dialect) =>
      sql.weightedPipelineSql({
        ...common(dialect, 0),
        columns: {
          status: 'status',
          amount: 'amount',
          probability: 'probability',
          currency: 'currency',
        },
      }).sql,
  },
  {
    twin: 'forecastErrorSql',
    label: 'weights, bounded sMAPE, MASE scale',
    sql: (dialect) =>
      sql.forecastErrorSql({
        ...common(dialect, 3),
        columns: { actual: 'actual', forecast: 'forecast', weight: 'weight' },
        variant: 'bounded',
        tolerance: 0.05,
        scale: 3,
      }).sql,
  },
  {
    twin: 'slaAttainmentSql',
    label: 'target 4.5 with a censored column',
    sql: (dialect) =>
      sql.slaAttainmentSql({
        ...common(dialect, 4),
        columns: { duration: 'hours', censored: 'is_open' },
        target: 4.5,
      }).sql,
  },
  {
    twin: 'customerRetentionSql',
    label: 'one row per customer',
    sql: (dialect) =>
      sql.customerRetentionSql({
        ...common(dialect, 2),
        columns: { activeAtStart: 'active_at_start', activeAtEnd: 'active_at_end' },
      }).sql,
  },
  {
    twin: 'pipelineCreatedSql',
    label: 'with createdAt and currency',
    sql: (dialect) =>
      sql.pipelineCreatedSql({
        ...common(dialect, 1),
        columns: {
          status: 'status',
          amount: 'amount',
          createdAt: 'created_at',
          currency: 'currency',
        },
      }).sql,
  },
  {
    twin: 'activityCountsSql',
    label: 'per type, with duration and at',
    sql: (dialect) =>
      sql.activityCountsSql({
        ...common(dialect, 3),
        columns: { type: 'type', durationMinutes: 'duration_minutes', at: 'created_at' },
      }).sql,
  },
  {
    twin: 'averageDealSizeSql',
    label: 'with closedAt and currency',
    sql: (dialect) =>
      sql.averageDealSizeSql({
        ...common(dialect, 2),
        columns: {
          status: 'status',
          amount: 'amount',
          closedAt: 'closed_at',
          currency: 'currency',
        },
        confidence: 0.9,
      }).sql,
  },
  {
    twin: 'quotaAttainmentSql',
    label: 'per owner and local day, with currency',
    sql: (dialect) =>
      sql.quotaAttainmentSql({
        ...common(dialect, 4),
        columns: { ownerId: 'owner_id', at: 'closed_at', amount: 'amount', currency: 'currency' },
        quotas: [
          { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
        ],
        timeZone: 'Europe/Berlin',
      }).sql,
  },
  {
    twin: 'stageConversionSql',
    label: 'per furthest stage, cumulative',
    sql: (dialect) =>
      sql.stageConversionSql({
        ...common(dialect, 0),
        columns: { status: 'status', stage: 'furthest_stage' },
        stages: ['Lead', 'Demo', 'Proposal'],
        mode: 'cumulative',
      }).sql,
  },
  {
    twin: 'kaplanMeierSql',
    label: 'with late entry, per group and fiscal quarter',
    sql: (dialect) =>
      sql.kaplanMeierSql({
        ...common(dialect, 3),
        columns: { duration: 'tenure_months', event: 'churned', entry: 'entered_month' },
        method: 'log-log',
      }).sql,
  },
  {
    twin: 'kaplanMeierSql',
    label: 'no group, no period',
    sql: (dialect) =>
      sql.kaplanMeierSql({
        dialect,
        from: 'customers',
        columns: { duration: 'tenure_months', event: 'churned' },
      }).sql,
  },
  ...(['linear', 'nearest-rank', 'exclusive'] as const).map((method, index) => ({
    twin: 'quantileSql',
    label: `p90, ${method}`,
    sql: (dialect: SqlDialect) =>
      sql.quantileSql({
        ...common(dialect, index),
        columns: { value: 'hours_to_reply' },
        quantile: 0.9,
        method,
      }).sql,
  })),
  {
    twin: 'quantileSql',
    label: 'median, no group, no period',
    sql: (dialect) =>
      sql.quantileSql({
        dialect,
        from: 'tickets',
        columns: { value: 'hours_to_reply' },
        quantile: 0.5,
      }).sql,
  },
  {
    twin: 'averageDealSizeSql',
    label: "statistic 'median'",
    sql: (dialect) =>
      sql.averageDealSizeSql({
        ...common(dialect, 1),
        columns: { status: 'status', amount: 'amount', closedAt: 'closed_at' },
        statistic: 'median',
      }).sql,
  },
  {
    twin: 'revenueMovementsSql',
    label: 'monthly snapshots per segment and region, with currency',
    sql: (dialect) =>
      sql.revenueMovementsSql({
        ...common(dialect, 2),
        columns: { accountId: 'account_id', amount: 'mrr', currency: 'currency' },
      }).sql,
  },
  {
    twin: 'revenueMovementsSql',
    label: 'weekly snapshots, no group',
    sql: (dialect) =>
      sql.revenueMovementsSql({
        dialect,
        from: 'billing.mrr_snapshots',
        columns: { accountId: 'account_id', amount: 'mrr' },
        period: PERIODS[0],
      }).sql,
  },
  {
    twin: 'revenueMovementsSql',
    label: 'fiscal quarters',
    sql: (dialect) =>
      sql.revenueMovementsSql({
        ...common(dialect, 3),
        columns: { accountId: 'account_id', amount: 'mrr' },
      }).sql,
  },
  {
    twin: 'cohortRetentionSql',
    label: 'customers per segment and region, monthly cohorts',
    sql: (dialect) =>
      sql.cohortRetentionSql({
        ...common(dialect, 2),
        columns: { customerId: 'customer_id' },
      }).sql,
  },
  {
    twin: 'cohortRetentionSql',
    label: 'revenue with currency, weekly cohorts, asOf',
    sql: (dialect) =>
      sql.cohortRetentionSql({
        dialect,
        from: 'billing.invoices',
        columns: { customerId: 'customer_id', revenue: 'amount', currency: 'currency' },
        period: PERIODS[0],
        basis: 'amount',
        asOf: new Date('2026-06-30T23:59:59.999Z'),
      }).sql,
  },
]
