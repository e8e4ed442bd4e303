import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as root from '../src/index.js'
import * as schemas from '../src/schemas/index.js'
import * as sources from '../src/sources/index.js'
import * as sql from '../src/sql/index.js'

/** Every module reachable from `entry` through relative imports. */
function moduleGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const text = readFileSync(file, 'utf8')
    seen.set(file, text)
    for (const match of text.matchAll(/from '(\.[^']+)\.js'/g))
      visit(resolve(dirname(file), `${match[1]}.ts`))
  }
  visit(resolve(entry))
  return seen
}

describe('entry points', () => {
  it('the root entry exports the SPEC names of the core and every metric family', () => {
    for (const name of [
      'MetricInputError',
      'wilsonInterval',
      'quantile',
      'classifyNps',
      'tallyNps',
      'netPromoterScore',
      'npsInterval',
      'compareNps',
      'csat',
      'customerEffortScore',
      'npsBySegment',
      'npsByGroup',
      'npsTrend',
      'netPromoterScoreAggregator',
      'csatAggregator',
      'customerRetentionRate',
      'customerChurnRate',
      'grossRevenueRetention',
      'netRevenueRetention',
      'grossMrrChurnRate',
      'netMrrChurnRate',
      'revenueMovements',
      'cohortRetention',
      'kaplanMeier',
      'restrictedMeanSurvivalTime',
      'revenueMovementsAggregator',
      'customerRetentionAggregator',
      'winRate',
      'stageConversion',
      'salesCycleDays',
      'salesVelocity',
      'pipelineCoverage',
      'requiredPipelineCoverage',
      'weightedPipeline',
      'rankOpportunities',
      'timeInStage',
      'stalledOpportunities',
      'leadConversionRate',
      'leadContactRate',
      'winRateAggregator',
      'weightedPipelineAggregator',
      'meanAbsoluteError',
      'rootMeanSquaredError',
      'meanError',
      'meanAbsolutePercentageError',
      'weightedAbsolutePercentageError',
      'symmetricMeanAbsolutePercentageError',
      'meanAbsoluteScaledError',
      'forecastBias',
      'trackingSignal',
      'forecastAccuracy',
      'forecastHitRate',
      'forecastAccuracyReport',
      'forecastErrorAggregator',
      'forecastAccuracyByPeriod',
      'actualsFromOpportunities',
      'networkDays',
      'businessHoursBetween',
      'addBusinessHours',
      'leadToQuoteTimes',
      'leadToQuoteSummary',
      'slaAttainment',
      'timeToQuoteSurvival',
      'leadToCash',
      'cxScore',
      'healthScorecard',
      'npsComponent',
      'csatComponent',
      'cesComponent',
      'retentionComponent',
      'winRateComponent',
    ]) {
      expect(typeof (root as Record<string, unknown>)[name], name).toBe('function')
    }
  })

  it('the root entry never loads zod', () => {
    const graph = moduleGraph('src/index.ts')
    expect(graph.size).toBeGreaterThan(10)
    for (const [file, text] of graph) expect(text, file).not.toMatch(/from 'zod/)
  })

  it('cx-metrics/schemas exports the schemas and parseRecords', () => {
    expect(typeof schemas.parseRecords).toBe('function')
    expect(typeof schemas.SurveyResponseSchema.safeParse).toBe('function')
    expect(typeof schemas.AccountRevenueSchema.safeParse).toBe('function')
    expect(typeof schemas.CustomerActivitySchema.safeParse).toBe('function')
    expect(typeof schemas.OpportunitySchema.safeParse).toBe('function')
    expect(typeof schemas.LeadSchema.safeParse).toBe('function')
    expect(typeof schemas.ForecastSubmissionSchema.safeParse).toBe('function')
    expect(typeof schemas.QuoteSchema.safeParse).toBe('function')
    expect(typeof schemas.BusinessCalendarSchema.safeParse).toBe('function')
  })

  it('cx-metrics/sql exports the SQL twins and the dialect list', () => {
    for (const name of [
      'netPromoterScoreSql',
      'csatSql',
      'customerEffortScoreSql',
      'winRateSql',
      'weightedPipelineSql',
      'forecastErrorSql',
      'slaAttainmentSql',
      'customerRetentionSql',
      'pipelineCreatedSql',
      'activityCountsSql',
      'averageDealSizeSql',
      'quotaAttainmentSql',
      'stageConversionSql',
      'kaplanMeierSql',
      'quantileSql',
      'revenueMovementsSql',
      'cohortRetentionSql',
    ]) {
      expect(typeof (sql as Record<string, unknown>)[name], name).toBe('function')
    }
    expect(sql.SQL_DIALECTS).toEqual(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'])
    expect('default' in sql).toBe(false)
  })

  it('cx-metrics never loads cx-metrics/sql, and cx-metrics/sql never loads zod', () => {
    const root = moduleGraph('src/index.ts')
    for (const file of root.keys()) expect(file, file).not.toMatch(/[/\\]src[/\\]sql[/\\]/)
    for (const [file, text] of moduleGraph('src/sql/index.ts')) {
      expect(text, file).not.toMatch(/from 'zod/)
      expect(text, file).not.toMatch(/from '@duckdb|from '@electric-sql|from 'node-sql-parser/)
    }
  })

  it('cx-metrics/sources exports the SPEC adapters', () => {
    // SPEC.md, "Additions for 0.2", Sources: every adapter it names.
    for (const name of [
      'salesforceOpportunities',
      'salesforceLeads',
      'salesforceActivities',
      'hubspotDeals',
      'hubspotContacts',
      'hubspotEngagements',
      'stripeMrr',
      'surveyResponses',
    ])
      expect(typeof (sources as Record<string, unknown>)[name], name).toBe('function')
  })

  it('the root entry never loads cx-metrics/sources', () => {
    const graph = moduleGraph('src/index.ts')
    for (const file of graph.keys()) expect(file, file).not.toMatch(/\/src\/sources\//)
  })

  it('has no default exports', () => {
    expect('default' in root).toBe(false)
    expect('default' in schemas).toBe(false)
    expect('default' in sources).toBe(false)
  })

  it('every runtime export is documented under its family in the API docs (@category)', () => {
    const graph = [
      ...moduleGraph('src/index.ts'),
      ...moduleGraph('src/schemas/index.ts'),
      ...moduleGraph('src/sources/index.ts'),
      ...moduleGraph('src/sql/index.ts'),
    ]
    const families: Record<string, string> = {
      core: 'Core',
      records: 'Records',
      survival: 'Survival',
      survey: 'Survey',
      retention: 'Retention',
      pipeline: 'Pipeline',
      forecast: 'Forecast',
      time: 'Time',
      quota: 'Quota',
      activity: 'Activity',
      accounts: 'Accounts',
      'cx-score': 'CX score',
      scorecards: 'Scorecards',
      schemas: 'Schemas',
      sources: 'Sources',
      sql: 'SQL',
    }
    const uncategorised: string[] = []
    for (const name of [
      ...Object.keys(root),
      ...Object.keys(schemas),
      ...Object.keys(sources),
      ...Object.keys(sql),
    ]) {
      const declaration = new RegExp(
        `\\*/\\s*export (?:async )?(?:function\\*?|const|class) ${name}\\b`,
      )
      const found = graph.find(([, text]) => declaration.test(text))
      if (found === undefined) {
        uncategorised.push(`${name}: declaration not found`)
        continue
      }
      const [file, text] = found
      const family = families[file.split('/src/')[1]?.split('/')[0] ?? '']
      const comment = text.slice(0, text.search(declaration)).split('/**').pop() ?? ''
      if (!comment.includes(`@category ${family}`)) uncategorised.push(`${name} (${file})`)
    }
    expect(uncategorised).toEqual([])
  })
})
