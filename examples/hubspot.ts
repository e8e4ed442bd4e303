/**
 * From HubSpot exports and a Qualtrics NPS survey to the KPIs: deals with their stage
 * history, contacts as leads, engagements as activities, survey responses; every rejected row
 * is printed with its index, column and reason.
 *
 *   npx tsx examples/hubspot.ts
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { leadConversionRate, netPromoterScore, stageConversion, winRate } from 'cx-metrics'
import {
  hubspotContacts,
  hubspotDeals,
  hubspotEngagements,
  surveyResponses,
} from 'cx-metrics/sources'

const fixtures = 'test/sources'
/** One object per row keyed by the header; the BOM is dropped and every cell stays a string. */
const csv = (path: string): Record<string, string>[] =>
  parse(readFileSync(`${fixtures}/${path}`), { columns: true, bom: true, skip_empty_lines: true })
const json = (path: string) => JSON.parse(readFileSync(`${fixtures}/${path}`, 'utf8'))

// The default deal export, and the stage list of GET /crm/v3/pipelines/deals.
const deals = hubspotDeals({
  deals: csv('hubspot/fixtures/deals.csv'),
  stages: json('hubspot/fixtures/pipelines.json'),
})
const contacts = hubspotContacts(csv('hubspot/fixtures/contacts.csv'))
const activities = hubspotEngagements(json('hubspot/fixtures/engagements.json'))
// Qualtrics writes two more header rows (question text, ImportId); they are reported apart.
const surveys = surveyResponses(csv('surveys/fixtures/qualtrics.csv'), {
  vendor: 'qualtrics',
  timeZone: 'America/Denver',
})

const rate = winRate(deals.records)
console.log(
  `Win rate ${((rate.rate ?? 0) * 100).toFixed(1)} % (${rate.won} won, ${rate.lost} lost)`,
)
const funnel = stageConversion(
  deals.records.filter((deal) =>
    deal.stageHistory.some((entry) => entry.stage === 'Appointment Scheduled'),
  ),
  { stages: ['Appointment Scheduled', 'Qualified To Buy', 'Contract Out'] },
)
for (const row of funnel)
  console.log(`  ${row.stage}: reached ${row.reached}, next step ${row.rate}`)
console.log(`Lead conversion ${leadConversionRate(contacts.records).rate}`)
console.log(`Activities ${activities.records.map((activity) => activity.type).join(', ')}`)
const nps = netPromoterScore(surveys.records.map((response) => response.score))
console.log(`NPS ${nps.score} from ${nps.total} responses`)
for (const [name, result] of Object.entries({ deals, contacts, activities, surveys }))
  for (const { index, issues } of result.rejected)
    console.log(
      `${name} row ${index}: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    )
