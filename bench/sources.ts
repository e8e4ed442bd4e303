/**
 * `npx tsx bench/sources.ts`: throughput of the Salesforce adapters (rows/s) against
 * `parseRecords` with the matching schema on the same rows already renamed to record fields,
 * and against a bare loop that only copies the fields of each row. Rows look like a Data
 * Export (strings, API names). Measurements, not tests: nothing asserts a time.
 */
import { LeadSchema, OpportunitySchema, parseRecords } from '../src/schemas/index.js'
import {
  salesforceActivities,
  salesforceLeads,
  salesforceOpportunities,
} from '../src/sources/index.js'
import { consume, measure } from './harness.js'

const ROWS = 100_000
const pad = (n: number) => String(n).padStart(7, '0')
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString()

const opportunities = Array.from({ length: ROWS }, (_, index) => ({
  Id: `006${pad(index)}`,
  Name: `Deal ${index}`,
  AccountId: `001${pad(index % 5000)}`,
  OwnerId: `005${pad(index % 50)}`,
  StageName: index % 3 === 0 ? 'Closed Won' : index % 3 === 1 ? 'Closed Lost' : 'Prospecting',
  Amount: ((index % 997) * 1013.5).toLocaleString('en-US', { minimumFractionDigits: 2 }),
  CurrencyIsoCode: 'USD',
  Probability: index % 3 === 0 ? '100' : index % 3 === 1 ? '0' : '10',
  CloseDate: day((index % 300) + 40).slice(0, 10),
  CreatedDate: day(index % 300),
  IsClosed: index % 3 === 2 ? 'false' : 'true',
  IsWon: index % 3 === 0 ? 'true' : 'false',
  LeadSource: 'Web',
}))
const typedOpportunities = opportunities.map((row) => ({
  id: row.Id,
  createdAt: row.CreatedDate,
  amount: row.Amount.replaceAll(',', ''),
  currency: row.CurrencyIsoCode,
  status: row.IsWon === 'true' ? 'won' : row.IsClosed === 'true' ? 'lost' : 'open',
  closedAt: row.IsClosed === 'true' ? `${row.CloseDate}T00:00:00Z` : '',
  stageHistory: [],
  probability: String(Number(row.Probability) / 100),
  ownerId: row.OwnerId,
  accountId: row.AccountId,
  source: row.LeadSource,
}))
const leads = Array.from({ length: ROWS }, (_, index) => ({
  Id: `00Q${pad(index)}`,
  OwnerId: `005${pad(index % 50)}`,
  LeadSource: 'Web',
  CreatedDate: day(index % 300),
  IsConverted: index % 4 === 0 ? 'true' : 'false',
  ConvertedDate: index % 4 === 0 ? day((index % 300) + 10).slice(0, 10) : '',
  ConvertedOpportunityId: index % 4 === 0 ? `006${pad(index)}` : '',
}))
const typedLeads = leads.map((row) => ({
  id: row.Id,
  createdAt: row.CreatedDate,
  convertedAt: row.ConvertedDate,
  opportunityId: row.ConvertedOpportunityId,
  ownerId: row.OwnerId,
  source: row.LeadSource,
}))
const tasks = Array.from({ length: ROWS }, (_, index) => ({
  Id: `00T${pad(index)}`,
  OwnerId: `005${pad(index % 50)}`,
  TaskSubtype: index % 2 === 0 ? 'Call' : 'Email',
  IsClosed: 'true',
  CompletedDateTime: day(index % 300),
  CallDurationInSeconds: index % 2 === 0 ? '300' : '',
  WhatId: `006${pad(index)}`,
  WhoId: '',
}))

/** The bare loop: copy the fields a record needs, nothing checked. */
function copyLoop(rows: readonly Record<string, string>[], fields: readonly string[]): unknown[] {
  const out: unknown[] = []
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Record<string, string>
    const copy: Record<string, string> = {}
    for (let field = 0; field < fields.length; field++) {
      const name = fields[field] as string
      copy[name] = row[name] as string
    }
    out.push(copy)
  }
  return out
}

const perSecond = (milliseconds: number) =>
  Math.round((ROWS / milliseconds) * 1000).toLocaleString('en')
for (const [title, baseline, others] of [
  [
    `Salesforce opportunities (${ROWS.toLocaleString('en')} rows, no history)`,
    {
      name: 'bare copy loop',
      run: () => copyLoop(opportunities, Object.keys(opportunities[0] as object)),
    },
    [
      { name: 'salesforceOpportunities', run: () => salesforceOpportunities({ opportunities }) },
      {
        name: 'parseRecords(OpportunitySchema)',
        run: () => parseRecords(OpportunitySchema, typedOpportunities),
      },
    ],
  ],
  [
    `Salesforce leads (${ROWS.toLocaleString('en')} rows)`,
    { name: 'bare copy loop', run: () => copyLoop(leads, Object.keys(leads[0] as object)) },
    [
      { name: 'salesforceLeads', run: () => salesforceLeads(leads) },
      { name: 'parseRecords(LeadSchema)', run: () => parseRecords(LeadSchema, typedLeads) },
    ],
  ],
  [
    `Salesforce tasks (${ROWS.toLocaleString('en')} rows)`,
    { name: 'bare copy loop', run: () => copyLoop(tasks, Object.keys(tasks[0] as object)) },
    [{ name: 'salesforceActivities', run: () => salesforceActivities({ tasks }) }],
  ],
] as const) {
  const results = measure(title, baseline, others, 7)
  for (const result of results)
    console.log(`  ${result.name}: ${perSecond(result.medianMilliseconds)} rows/s`)
}
consume(null)
