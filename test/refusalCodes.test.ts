/**
 * One code per kind of refusal, in every family: a list argument that is not a list is
 * `VALUE_OUT_OF_RANGE`, with the argument's path (`[]` for a lone first argument).
 */
import { describe, it } from 'vitest'
import * as m from '../src/index.js'
import { parseRecords, SurveyResponseSchema } from '../src/schemas/index.js'
import { expectMetricError } from './helpers.js'

const asOf = new Date('2026-03-01T00:00:00Z')
const notAList = 5 as never

const calls: [string, readonly (string | number)[], () => unknown][] = [
  ['winRate', [], () => m.winRate(notAList)],
  ['stageConversion', [], () => m.stageConversion(notAList, { stages: ['a'] })],
  ['salesCycleDays', [], () => m.salesCycleDays(notAList)],
  ['weightedPipeline', [], () => m.weightedPipeline(notAList)],
  ['rankOpportunities', [], () => m.rankOpportunities(notAList, { asOf, stages: ['a'] } as never)],
  ['timeInStage', [], () => m.timeInStage(notAList)],
  ['stalledOpportunities', [], () => m.stalledOpportunities(notAList, { asOf } as never)],
  ['leadConversionRate', [], () => m.leadConversionRate(notAList)],
  ['leadContactRate', [], () => m.leadContactRate(notAList)],
  ['cohortRetention', [], () => m.cohortRetention(notAList)],
  ['revenueMovements', ['start'], () => m.revenueMovements(notAList, [])],
  ['kaplanMeier', ['durations'], () => m.kaplanMeier({ durations: notAList, events: [] })],
  ['leadToQuoteTimes', ['leads'], () => m.leadToQuoteTimes(notAList, [], { asOf })],
  ['leadToQuoteSummary', ['leads'], () => m.leadToQuoteSummary(notAList, [], { asOf })],
  ['timeToQuoteSurvival', ['leads'], () => m.timeToQuoteSurvival(notAList, [], { asOf })],
  ['leadToCash', ['leads'], () => m.leadToCash(notAList, [], [])],
  ['slaAttainment', [], () => m.slaAttainment(notAList, 1)],
  ['actualsFromOpportunities', ['opportunities'], () => m.actualsFromOpportunities(notAList)],
  ['forecastAccuracyByPeriod', ['submissions'], () => m.forecastAccuracyByPeriod(notAList, [])],
  ['meanAbsoluteError', ['actual'], () => m.meanAbsoluteError({ actual: notAList, forecast: [] })],
  ['npsBySegment', [], () => m.npsBySegment(notAList)],
  ['npsTrend', [], () => m.npsTrend(notAList)],
  ['npsByGroup', ['scores'], () => m.npsByGroup({ scores: notAList, groups: [] })],
  ['netPromoterScore', [], () => m.netPromoterScore(notAList)],
  ['tallyNps', [], () => m.tallyNps(notAList)],
  ['csat', [], () => m.csat(notAList)],
  ['customerEffortScore', [], () => m.customerEffortScore(notAList)],
  ['quantile', [], () => m.quantile(notAList, 0.5)],
  ['quantiles', [], () => m.quantiles(notAList, [0.5])],
  ['sumMoney', [], () => m.sumMoney(notAList)],
  ['cxScore', [], () => m.cxScore(notAList)],
  [
    'groupMetric',
    [],
    () => m.groupMetric(notAList, m.netPromoterScoreAggregator(), { value: () => 1 }),
  ],
  ['parseRecords', ['rows'], () => parseRecords(SurveyResponseSchema, notAList)],
]

describe('a list argument that is not a list', () => {
  it.each(calls)('%s refuses it with VALUE_OUT_OF_RANGE at its path', (metric, path, call) => {
    expectMetricError(call, 'VALUE_OUT_OF_RANGE', { path, metric })
  })

  it('while a list option that is not a list is INVALID_OPTION', () => {
    expectMetricError(() => m.slaAttainment([1], 1, { open: notAList }), 'INVALID_OPTION', {
      path: ['open'],
    })
    expectMetricError(
      () => m.networkDays('2026-01-01', '2026-01-31', { holidays: notAList }),
      'INVALID_OPTION',
      { path: ['holidays'] },
    )
    expectMetricError(() => m.stageConversion([], { stages: notAList }), 'INVALID_OPTION', {
      path: ['stages'],
    })
  })
})
