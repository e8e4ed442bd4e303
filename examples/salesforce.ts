/**
 * From a Salesforce Data Export to the KPIs: opportunities joined with their stage history,
 * leads, tasks and events, each row mapped to a cx-metrics record or listed with its reason.
 *
 *   npx tsx examples/salesforce.ts [folder]   # default: the test fixtures
 *
 * The folder holds the export's CSV files as Salesforce names them (Opportunity.csv,
 * OpportunityHistory.csv, Lead.csv, Task.csv, Event.csv); csv-parse reads them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { leadConversionRate, stageConversion, winRate } from 'cx-metrics'
import {
  SALESFORCE_STANDARD_STAGES,
  salesforceActivities,
  salesforceLeads,
  salesforceOpportunities,
} from 'cx-metrics/sources'

const folder = process.argv[2] ?? 'test/sources/fixtures/salesforce'
/** One object per row keyed by the header; the BOM is dropped and every cell stays a string. */
const csv = (name: string): Record<string, string>[] =>
  parse(readFileSync(join(folder, name)), { columns: true, bom: true, skip_empty_lines: true })

// This org renamed 'Negotiation' to 'Negotiation/Review': old history rows keep the old name.
const stages = SALESFORCE_STANDARD_STAGES.map((stage) =>
  stage.name === 'Negotiation/Review' ? { ...stage, aliases: ['Negotiation'] } : stage,
)
const deals = salesforceOpportunities(
  { opportunities: csv('Opportunity.csv'), history: csv('OpportunityHistory.csv') },
  { stages, timeZone: 'UTC' },
)
const leads = salesforceLeads(csv('Lead.csv'))
const activities = salesforceActivities(
  { tasks: csv('Task.csv'), events: csv('Event.csv') },
  { types: { 'Site Visit': 'visit' } },
)

for (const [name, result] of [
  ['Opportunity', deals],
  ['Lead', leads],
  ['Task/Event', activities],
] as const) {
  console.log(`${name}: ${result.records.length} records, ${result.rejected.length} rejected`)
  for (const row of result.rejected)
    for (const issue of row.issues)
      console.log(`  row ${row.index} ${issue.path.join('.')}: ${issue.message}`)
}
for (const row of deals.unmatched.history)
  console.log(`  history row ${row.index}: ${row.issues[0]?.message}`)

const rate = winRate(deals.records)
console.log(
  `Win rate ${((rate.rate ?? 0) * 100).toFixed(1)} % (${rate.won} won, ${rate.lost} lost)`,
)
const funnel = stageConversion(deals.records, {
  stages: ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'],
})
for (const row of funnel)
  console.log(`  ${row.stage}: reached ${row.reached}, next step ${row.rate}`)
const conversion = leadConversionRate(leads.records)
console.log(`Lead conversion ${conversion.successes} of ${conversion.judged}`)
console.log(`Activities: ${activities.records.map((activity) => activity.type).join(', ')}`)
