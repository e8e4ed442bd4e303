/**
 * `npx tsx bench/sources.ts [filter] [rows]`: throughput of every flat-row source adapter
 * (rows/s), each beside a bare loop that only copies the fields of each row and
 * `parseRecords` with the matching zod schema on the same rows already renamed to record
 * fields. Rows are strings in the vendor's own columns (a Data Export's API names, HubSpot's
 * property names, each survey tool's export headers), 100,000 per section by default; each
 * candidate runs once to warm up, then 5 times, and the best time counts. The load average
 * is printed before and after each section: on a shared machine read the ratios within one
 * section. `filter` runs only the sections whose title contains it (case-insensitive; `all`
 * for every one). With `SOURCES_PROFILE=1` only the bare loop and the adapter run (for `node --cpu-prof
 * --import tsx bench/sources.ts deals()`). Measurements, not tests: nothing asserts a time.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { z } from 'zod'
import {
  ActivitySchema,
  LeadSchema,
  OpportunitySchema,
  parseRecords,
  SurveyResponseSchema,
} from '../src/schemas/index.js'
import {
  hubspotContacts,
  hubspotDeals,
  hubspotEngagements,
  salesforceActivities,
  salesforceLeads,
  salesforceOpportunities,
  surveyResponses,
} from '../src/sources/index.js'
import { consume } from './harness.js'

const filter = (process.argv[2] ?? 'all').toLowerCase()
const ROWS = Number(process.argv[3] ?? 100_000)
const ROUNDS = 5

const pad = (n: number) => String(n).padStart(7, '0')
const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)
/** `2026-01-01T00:00:00.000Z` plus `days` (fractions allowed). */
const isoAt = (days: number) => new Date(START + Math.round(days * DAY)).toISOString()
/** Salesforce's Data Export form: `2026-01-01T00:00:00.000+0000`. */
const salesforceTime = (days: number) => `${isoAt(days).slice(0, 23)}+0000`
const dateOnly = (days: number) => isoAt(days).slice(0, 10)
const range = <T>(length: number, make: (index: number) => T): T[] =>
  Array.from({ length }, (_, index) => make(index))

type Row = Record<string, string>

/** Data built on first use and dropped after its section (`forget`), so sections do not share a heap. */
const built = new Map<() => unknown, unknown>()
function lazy<T>(make: () => T): () => T {
  const get = (): T => {
    if (!built.has(get)) built.set(get, make())
    return built.get(get) as T
  }
  return get
}
const forget = () => built.clear()

/** The bare loop: copy every column of each row into a fresh object, nothing checked. */
function copyLoop(rows: readonly Row[]): unknown[] {
  const fields = Object.keys(rows[0] as object)
  const out: unknown[] = []
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Row
    const copy: Row = {}
    for (let field = 0; field < fields.length; field++) {
      const name = fields[field] as string
      copy[name] = row[name] as string
    }
    out.push(copy)
  }
  return out
}

/**
 * Best time of `ROUNDS` runs after one warm-up, in milliseconds: wall clock, and the CPU time
 * of the process (all its threads, so GC helper threads count too). On a loaded machine the
 * wall clock includes time waiting for a core; the CPU time does not.
 */
function best(run: () => unknown): { wall: number; cpu: number } {
  consume(run())
  let wall = Number.POSITIVE_INFINITY
  let cpu = Number.POSITIVE_INFINITY
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    const startCpu = process.cpuUsage()
    consume(run())
    const used = process.cpuUsage(startCpu)
    wall = Math.min(wall, performance.now() - start)
    cpu = Math.min(cpu, (used.user + used.system) / 1000)
  }
  return { wall, cpu }
}

interface Section {
  readonly title: string
  /** Input rows the adapter reads (rows/s are per input row). */
  readonly rows: number
  /** The vendor rows for the bare copy loop (every list the adapter reads). */
  readonly copy: () => readonly (readonly Row[])[]
  readonly adapter: { readonly name: string; readonly run: () => unknown }
  /** The matching schema on the rows renamed to record fields. */
  readonly schema?: {
    readonly name: string
    readonly schema: z.ZodType
    readonly typed: () => readonly unknown[]
  }
  /** Checks the adapter mapped every row as expected (a mistake in the bench rows). */
  readonly check: (result: unknown) => string | undefined
}

const allRecords =
  (expected: number) =>
  (result: unknown): string | undefined => {
    const { records, rejected } = result as {
      records: unknown[]
      rejected: { index: number; issues: unknown }[]
    }
    if (records.length === expected && rejected.length === 0) return undefined
    return `${records.length} records, ${rejected.length} rejected (first: ${JSON.stringify(rejected[0])})`
  }

const STAGE_CYCLE = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review']
const outcome = (index: number) => (index % 3 === 0 ? 'won' : index % 3 === 1 ? 'lost' : 'open')

// Salesforce Opportunity rows (Data Export API names).
const opportunities = lazy((): Row[] =>
  range(ROWS, (index) => {
    const status = outcome(index)
    return {
      Id: `006${pad(index)}`,
      Name: `Deal ${index}`,
      AccountId: `001${pad(index % 5000)}`,
      OwnerId: `005${pad(index % 50)}`,
      StageName:
        status === 'won'
          ? 'Closed Won'
          : status === 'lost'
            ? 'Closed Lost'
            : (STAGE_CYCLE[index % 4] as string),
      Amount: ((index % 997) * 1013.5).toLocaleString('en-US', { minimumFractionDigits: 2 }),
      CurrencyIsoCode: index % 5 === 0 ? 'EUR' : 'USD',
      Probability: status === 'won' ? '100' : status === 'lost' ? '0' : '10',
      CloseDate: dateOnly((index % 300) + 40),
      CreatedDate: salesforceTime((index % 300) + 0.4),
      IsClosed: status === 'open' ? 'false' : 'true',
      IsWon: status === 'won' ? 'true' : 'false',
      LeadSource: 'Web',
    }
  }),
)
const typedOpportunities = lazy((): unknown[] =>
  opportunities().map((row) => ({
    id: row.Id,
    createdAt: row.CreatedDate,
    amount: (row.Amount as string).replaceAll(',', ''),
    currency: row.CurrencyIsoCode,
    status: row.IsWon === 'true' ? 'won' : row.IsClosed === 'true' ? 'lost' : 'open',
    closedAt: row.IsClosed === 'true' ? `${row.CloseDate}T00:00:00Z` : '',
    stageHistory: [{ stage: row.StageName, enteredAt: row.CreatedDate }],
    probability: String(Number(row.Probability) / 100),
    ownerId: row.OwnerId,
    accountId: row.AccountId,
    source: row.LeadSource,
  })),
)
// OpportunityHistory: two rows per deal (created in Prospecting, then its current stage).
const HISTORY_DEALS = Math.floor(ROWS / 3)
const historyOpportunities = lazy((): Row[] => opportunities().slice(0, HISTORY_DEALS))
const history = lazy((): Row[] =>
  range(HISTORY_DEALS * 2, (index) => {
    const deal = historyOpportunities()[index >> 1] as Row
    const first = index % 2 === 0
    const created = ((index >> 1) % 300) + 0.4
    return {
      Id: `008${pad(index)}`,
      OpportunityId: deal.Id as string,
      CreatedDate: salesforceTime(first ? created : created + 20),
      StageName: first ? 'Prospecting' : (deal.StageName as string),
      Amount: deal.Amount as string,
      CloseDate: deal.CloseDate as string,
      Probability: first ? '10' : (deal.Probability as string),
      ForecastCategory: 'Pipeline',
    }
  }),
)
const typedHistoryOpportunities = lazy((): unknown[] =>
  historyOpportunities().map((row, index) => ({
    ...(typedOpportunities()[index] as object),
    stageHistory: [
      { stage: 'Prospecting', enteredAt: row.CreatedDate },
      { stage: row.StageName, enteredAt: history()[index * 2 + 1]?.CreatedDate },
    ],
  })),
)

const leads = lazy((): Row[] =>
  range(ROWS, (index) => ({
    Id: `00Q${pad(index)}`,
    OwnerId: `005${pad(index % 50)}`,
    LeadSource: 'Web',
    Status: index % 4 === 0 ? 'Closed - Converted' : 'Working - Contacted',
    CreatedDate: salesforceTime(index % 300),
    IsConverted: index % 4 === 0 ? 'true' : 'false',
    ConvertedDate: index % 4 === 0 ? dateOnly((index % 300) + 10) : '',
    ConvertedOpportunityId: index % 4 === 0 ? `006${pad(index)}` : '',
  })),
)
const typedLeads = lazy((): unknown[] =>
  leads().map((row) => ({
    id: row.Id,
    createdAt: row.CreatedDate,
    convertedAt: row.ConvertedDate,
    opportunityId: row.ConvertedOpportunityId,
    ownerId: row.OwnerId,
    source: row.LeadSource,
  })),
)

const tasks = lazy((): Row[] =>
  range(ROWS, (index) => ({
    Id: `00T${pad(index)}`,
    OwnerId: `005${pad(index % 50)}`,
    Subject: index % 2 === 0 ? 'Call' : 'Email',
    TaskSubtype: index % 2 === 0 ? 'Call' : 'Email',
    Type: '',
    Status: 'Completed',
    IsClosed: 'true',
    ActivityDate: dateOnly(index % 300),
    CompletedDateTime: salesforceTime((index % 300) + 0.5),
    CallDurationInSeconds: index % 2 === 0 ? '300' : '',
    WhatId: `006${pad(index)}`,
    WhoId: `00Q${pad(index)}`,
  })),
)
const typedTasks = lazy((): unknown[] =>
  tasks().map((row) => ({
    id: row.Id,
    ownerId: row.OwnerId,
    type: (row.TaskSubtype as string).toLowerCase(),
    at: row.CompletedDateTime,
    durationMinutes: row.CallDurationInSeconds === '' ? '' : '5',
    opportunityId: row.WhatId,
    leadId: row.WhoId,
  })),
)
const events = lazy((): Row[] =>
  range(ROWS, (index) => ({
    Id: `00U${pad(index)}`,
    OwnerId: `005${pad(index % 50)}`,
    Subject: 'Demo',
    EventSubtype: 'Event',
    Type: index % 2 === 0 ? 'Meeting' : 'Demo',
    StartDateTime: salesforceTime((index % 300) + 0.6),
    EndDateTime: salesforceTime((index % 300) + 0.625),
    ActivityDate: dateOnly(index % 300),
    DurationInMinutes: '45',
    WhatId: `001${pad(index % 5000)}`,
    WhoId: '',
  })),
)
const typedEvents = lazy((): unknown[] =>
  events().map((row) => ({
    id: row.Id,
    ownerId: row.OwnerId,
    type: (row.Type as string).toLowerCase(),
    at: row.StartDateTime,
    durationMinutes: row.DurationInMinutes,
    accountId: row.WhatId,
  })),
)

// HubSpot: the default deal pipeline (Pipelines API) and flat rows of CRM property names.
const HUBSPOT_STAGES = [
  ['appointmentscheduled', 'Appointment Scheduled', 'false', '0.2'],
  ['qualifiedtobuy', 'Qualified To Buy', 'false', '0.4'],
  ['presentationscheduled', 'Presentation Scheduled', 'false', '0.6'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', 'false', '0.8'],
  ['contractsent', 'Contract Sent', 'false', '0.9'],
  ['closedwon', 'Closed Won', 'true', '1.0'],
  ['closedlost', 'Closed Lost', 'true', '0.0'],
] as const
const pipelines = {
  results: [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      stages: HUBSPOT_STAGES.map(([id, label, isClosed, probability], order) => ({
        id,
        label,
        displayOrder: order,
        metadata: { isClosed, probability },
      })),
    },
  ],
}
const deals = lazy((): Row[] =>
  range(ROWS, (index) => {
    const status = outcome(index)
    const created = (index % 300) + 0.4
    const reached = status === 'open' ? index % 5 : 4
    const row: Row = {
      hs_object_id: String(9_000_000 + index),
      dealname: `Deal ${index}`,
      dealstage:
        status === 'won'
          ? 'closedwon'
          : status === 'lost'
            ? 'closedlost'
            : (HUBSPOT_STAGES[reached]?.[0] ?? ''),
      pipeline: 'default',
      amount: String((index % 997) * 1013.5),
      deal_currency_code: index % 5 === 0 ? 'EUR' : 'USD',
      createdate: isoAt(created),
      closedate: isoAt(created + 40),
      hs_is_closed_won: status === 'won' ? 'true' : 'false',
      hubspot_owner_id: String(500 + (index % 50)),
      hs_analytics_source: 'ORGANIC_SEARCH',
    }
    for (let stage = 0; stage < HUBSPOT_STAGES.length; stage++) {
      const [id] = HUBSPOT_STAGES[stage] as (typeof HUBSPOT_STAGES)[number]
      const entered =
        stage <= reached || (stage === 5 && status === 'won') || (stage === 6 && status === 'lost')
      row[`hs_date_entered_${id}`] = entered ? isoAt(created + Math.min(stage, 5) * 8) : ''
    }
    return row
  }),
)
const typedDeals = lazy((): unknown[] =>
  deals().map((row) => {
    const stageHistory: { stage: string; enteredAt: string }[] = []
    for (const [id, label] of HUBSPOT_STAGES) {
      const at = row[`hs_date_entered_${id}`] as string
      if (at !== '') stageHistory.push({ stage: label, enteredAt: at })
    }
    const closed = row.dealstage === 'closedwon' || row.dealstage === 'closedlost'
    return {
      id: row.hs_object_id,
      createdAt: row.createdate,
      amount: row.amount,
      currency: row.deal_currency_code,
      status: row.dealstage === 'closedwon' ? 'won' : closed ? 'lost' : 'open',
      closedAt: closed ? row.closedate : '',
      stageHistory,
      ownerId: row.hubspot_owner_id,
      source: row.hs_analytics_source,
    }
  }),
)
const LIFECYCLE = [
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
]
const contacts = lazy((): Row[] =>
  range(ROWS, (index) => {
    const reached = index % LIFECYCLE.length
    const created = (index % 300) + 0.4
    const row: Row = {
      hs_object_id: String(500_000 + index),
      email: `person${index}@example.com`,
      createdate: isoAt(created),
      lifecyclestage: LIFECYCLE[reached] as string,
      hubspot_owner_id: String(500 + (index % 50)),
      hs_analytics_source: 'ORGANIC_SEARCH',
    }
    for (let stage = 0; stage < LIFECYCLE.length; stage++)
      row[`hs_lifecyclestage_${LIFECYCLE[stage]}_date`] =
        stage <= reached ? isoAt(created + stage * 5) : ''
    return row
  }),
)
const typedContacts = lazy((): unknown[] =>
  contacts().map((row) => {
    const converted = row.hs_lifecyclestage_opportunity_date as string
    return {
      id: row.hs_object_id,
      createdAt: row.createdate,
      convertedAt: converted,
      ownerId: row.hubspot_owner_id,
      source: row.hs_analytics_source,
    }
  }),
)
const engagements = lazy((): Row[] =>
  range(ROWS, (index) => ({
    hs_object_id: String(7_000_000 + index),
    hs_engagement_type: index % 3 === 0 ? 'CALL' : index % 3 === 1 ? 'EMAIL' : 'MEETING',
    hs_timestamp: isoAt((index % 300) + 0.5),
    hubspot_owner_id: String(500 + (index % 50)),
    hs_call_duration: index % 3 === 0 ? '900000' : '',
    hs_meeting_start_time: index % 3 === 2 ? isoAt((index % 300) + 0.5) : '',
    hs_meeting_end_time: index % 3 === 2 ? isoAt((index % 300) + 0.53125) : '',
  })),
)
const typedEngagements = lazy((): unknown[] =>
  engagements().map((row) => ({
    id: row.hs_object_id,
    ownerId: row.hubspot_owner_id,
    type: (row.hs_engagement_type as string).toLowerCase(),
    at: row.hs_timestamp,
    durationMinutes: row.hs_call_duration === '' ? '' : '15',
  })),
)

// Survey tools, each in its export's own columns.
const score = (index: number) => String(index % 11)
const delighted = lazy((): Row[] =>
  range(ROWS, (index) => ({
    id: String(10_000 + index),
    person: String(20_000 + index),
    survey_type: 'nps',
    score: score(index),
    comment: index % 4 === 0 ? 'Great, thanks' : '',
    permalink: `https://delighted().com/r/${index}`,
    created_at: String(1_772_359_200 + index * 60),
  })),
)
const NPS_QUESTION = 'How likely is it that you would recommend Acme to a friend or colleague?'
const localTime = (index: number) =>
  isoAt((index % 300) + 0.45)
    .slice(0, 19)
    .replace('T', ' ')
const qualtrics = lazy((): Row[] =>
  range(ROWS, (index) => {
    const value = index % 11
    return {
      StartDate: localTime(index),
      EndDate: localTime(index),
      Status: 'IP Address',
      Progress: '100',
      'Duration (in seconds)': '64',
      Finished: 'True',
      RecordedDate: localTime(index),
      ResponseId: `R_${pad(index)}abcdefgh`,
      Q1: String(value),
      Q1_NPS_GROUP: value <= 6 ? '1' : value <= 8 ? '2' : '3',
      Q2: index % 4 === 0 ? 'Support, mostly' : '',
    }
  }),
)
const mdyTime = (index: number) => {
  const date = new Date(START + ((index % 300) + 0.45) * DAY)
  const hours = date.getUTCHours()
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ${two(hours % 12 === 0 ? 12 : hours % 12)}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
}
const surveymonkey = lazy((): Row[] =>
  range(ROWS, (index) => ({
    'Respondent ID': String(114_000_000_000 + index),
    'Collector ID': '431000001',
    'Start Date': mdyTime(index),
    'End Date': mdyTime(index),
    'IP Address': '203.0.113.7',
    'Email Address': '',
    'First Name': '',
    'Last Name': '',
    'Custom Data 1': '',
    [NPS_QUESTION]: score(index),
    'What is the main reason for your score?': index % 4 === 0 ? 'Great product' : '',
  })),
)
const typeform = lazy((): Row[] =>
  range(ROWS, (index) => ({
    '#': `t${pad(index)}abc`,
    'On a scale from 0 to 10, how likely are you to recommend Acme to a friend?': score(index),
    'Anything else?': '',
    'Start Date (UTC)': localTime(index),
    'Submit Date (UTC)': localTime(index),
    'Network ID': '1f2e3d4c5b',
  })),
)
const generic = lazy((): Row[] =>
  range(ROWS, (index) => ({
    id: `c-${index}`,
    score: score(index),
    respondedAt: isoAt((index % 300) + 0.45),
    segment: index % 2 === 0 ? 'Pro' : 'Free',
  })),
)
const typedSurvey = (
  rows: readonly Row[],
  scoreOf: (row: Row) => string,
  at: (row: Row) => string,
) => rows.map((row) => ({ score: scoreOf(row), respondedAt: at(row) }))
const typedGeneric = lazy((): unknown[] =>
  typedSurvey(
    generic(),
    (row) => row.score as string,
    (row) => row.respondedAt as string,
  ),
)
const typedDelighted = lazy((): unknown[] =>
  typedSurvey(
    delighted(),
    (row) => row.score as string,
    (row) => new Date(Number(row.created_at) * 1000).toISOString(),
  ),
)
const typedLocal = (rows: readonly Row[], scoreColumn: string) =>
  rows.map((row, index) => ({ score: row[scoreColumn], respondedAt: isoAt((index % 300) + 0.45) }))

const k = (n: number) => n.toLocaleString('en')
const SECTIONS: Section[] = [
  {
    title: `Salesforce opportunities (${k(ROWS)} rows, no history)`,
    rows: ROWS,
    copy: () => [opportunities()],
    adapter: {
      name: 'salesforceOpportunities',
      run: () => salesforceOpportunities({ opportunities: opportunities() }),
    },
    schema: {
      name: 'OpportunitySchema',
      schema: OpportunitySchema,
      typed: () => typedOpportunities(),
    },
    check: allRecords(ROWS),
  },
  {
    title: `Salesforce opportunities with OpportunityHistory (${k(HISTORY_DEALS)} deals + ${k(HISTORY_DEALS * 2)} history rows)`,
    rows: HISTORY_DEALS * 3,
    copy: () => [historyOpportunities(), history()],
    adapter: {
      name: 'salesforceOpportunities',
      run: () =>
        salesforceOpportunities({ opportunities: historyOpportunities(), history: history() }),
    },
    schema: {
      name: 'OpportunitySchema (deals only)',
      schema: OpportunitySchema,
      typed: () => typedHistoryOpportunities(),
    },
    check: allRecords(HISTORY_DEALS),
  },
  {
    title: `Salesforce leads (${k(ROWS)} rows)`,
    rows: ROWS,
    copy: () => [leads()],
    adapter: { name: 'salesforceLeads', run: () => salesforceLeads(leads()) },
    schema: { name: 'LeadSchema', schema: LeadSchema, typed: () => typedLeads() },
    check: allRecords(ROWS),
  },
  {
    title: `Salesforce tasks (${k(ROWS)} rows)`,
    rows: ROWS,
    copy: () => [tasks()],
    adapter: { name: 'salesforceActivities', run: () => salesforceActivities({ tasks: tasks() }) },
    schema: { name: 'ActivitySchema', schema: ActivitySchema, typed: () => typedTasks() },
    check: allRecords(ROWS),
  },
  {
    title: `Salesforce events (${k(ROWS)} rows)`,
    rows: ROWS,
    copy: () => [events()],
    adapter: {
      name: 'salesforceActivities',
      run: () => salesforceActivities({ events: events() }),
    },
    schema: { name: 'ActivitySchema', schema: ActivitySchema, typed: () => typedEvents() },
    check: allRecords(ROWS),
  },
  {
    title: `HubSpot deals (${k(ROWS)} rows, 7 hs_date_entered_* columns)`,
    rows: ROWS,
    copy: () => [deals()],
    adapter: {
      name: 'hubspotDeals',
      run: () => hubspotDeals({ deals: deals(), stages: pipelines }),
    },
    schema: { name: 'OpportunitySchema', schema: OpportunitySchema, typed: () => typedDeals() },
    check: allRecords(ROWS),
  },
  {
    title: `HubSpot contacts (${k(ROWS)} rows, 5 lifecycle-date columns)`,
    rows: ROWS,
    copy: () => [contacts()],
    adapter: { name: 'hubspotContacts', run: () => hubspotContacts(contacts()) },
    schema: { name: 'LeadSchema', schema: LeadSchema, typed: () => typedContacts() },
    check: allRecords(ROWS),
  },
  {
    title: `HubSpot engagements (${k(ROWS)} rows: calls, emails, meetings)`,
    rows: ROWS,
    copy: () => [engagements()],
    adapter: { name: 'hubspotEngagements', run: () => hubspotEngagements(engagements()) },
    schema: { name: 'ActivitySchema', schema: ActivitySchema, typed: () => typedEngagements() },
    check: allRecords(ROWS),
  },
  {
    title: `Survey responses, Delighted (${k(ROWS)} rows, created_at in Unix seconds)`,
    rows: ROWS,
    copy: () => [delighted()],
    adapter: {
      name: 'surveyResponses',
      run: () => surveyResponses(delighted(), { vendor: 'delighted' }),
    },
    schema: {
      name: 'SurveyResponseSchema',
      schema: SurveyResponseSchema,
      typed: () => typedDelighted(),
    },
    check: allRecords(ROWS),
  },
  {
    title: `Survey responses, Qualtrics (${k(ROWS)} rows, RecordedDate local in America/Denver)`,
    rows: ROWS,
    copy: () => [qualtrics()],
    adapter: {
      name: 'surveyResponses',
      run: () => surveyResponses(qualtrics(), { vendor: 'qualtrics', timeZone: 'America/Denver' }),
    },
    schema: {
      name: 'SurveyResponseSchema',
      schema: SurveyResponseSchema,
      typed: () => typedLocal(qualtrics(), 'Q1'),
    },
    check: allRecords(ROWS),
  },
  {
    title: `Survey responses, SurveyMonkey (${k(ROWS)} rows, MM/DD/YYYY hh:mm:ss AM in America/New_York)`,
    rows: ROWS,
    copy: () => [surveymonkey()],
    adapter: {
      name: 'surveyResponses',
      run: () =>
        surveyResponses(surveymonkey(), { vendor: 'surveymonkey', timeZone: 'America/New_York' }),
    },
    schema: {
      name: 'SurveyResponseSchema',
      schema: SurveyResponseSchema,
      typed: () => typedLocal(surveymonkey(), NPS_QUESTION),
    },
    check: allRecords(ROWS),
  },
  {
    title: `Survey responses, Typeform (${k(ROWS)} rows, Submit Date (UTC))`,
    rows: ROWS,
    copy: () => [typeform()],
    adapter: {
      name: 'surveyResponses',
      run: () => surveyResponses(typeform(), { vendor: 'typeform' }),
    },
    schema: {
      name: 'SurveyResponseSchema',
      schema: SurveyResponseSchema,
      typed: () =>
        typedLocal(
          typeform(),
          'On a scale from 0 to 10, how likely are you to recommend Acme to a friend?',
        ),
    },
    check: allRecords(ROWS),
  },
  {
    title: `Survey responses, generic (${k(ROWS)} rows, ISO 8601 with Z)`,
    rows: ROWS,
    copy: () => [generic()],
    adapter: {
      name: 'surveyResponses',
      run: () => surveyResponses(generic(), { vendor: 'generic' }),
    },
    schema: {
      name: 'SurveyResponseSchema',
      schema: SurveyResponseSchema,
      typed: () => typedGeneric(),
    },
    check: allRecords(ROWS),
  },
]

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
const perSecond = (rows: number, milliseconds: number) =>
  `${k(Math.round((rows / milliseconds) * 1000)).padStart(10)} rows/s`

console.log(
  `bench/sources.ts: best of ${ROUNDS} after a warm-up; node ${process.version}; ${new Date().toISOString()}`,
)
const summary: string[] = []
for (const section of SECTIONS) {
  if (filter !== 'all' && !section.title.toLowerCase().includes(filter)) continue
  forget()
  const problem = section.check(section.adapter.run())
  const lists = section.copy()
  if (problem !== undefined)
    throw new Error(`${section.title}: the bench rows are wrong: ${problem}`)
  console.log(`\n${section.title}   [load average ${load()}]`)
  const bare = best(() => {
    let copied = 0
    for (const rows of lists) copied += copyLoop(rows).length
    return copied
  })
  const adapter = best(section.adapter.run)
  if (process.env.SOURCES_PROFILE !== undefined) {
    console.log(
      `  bare ${perSecond(section.rows, bare.wall)} (CPU ${perSecond(section.rows, bare.cpu)})  ${section.adapter.name} ${perSecond(section.rows, adapter.wall)} (CPU ${perSecond(section.rows, adapter.cpu)})`,
    )
    continue
  }
  const line = (name: string, time: { wall: number; cpu: number }, rows = section.rows) =>
    console.log(
      `  ${name.padEnd(34)} ${time.wall.toFixed(1).padStart(8)} ms ${perSecond(rows, time.wall)} (CPU ${time.cpu.toFixed(1).padStart(8)} ms ${perSecond(rows, time.cpu)})  ${((time.wall / rows) * (section.rows / bare.wall)).toFixed(1).padStart(5)}× the bare loop per row`,
    )
  line('bare copy loop', bare)
  line(section.adapter.name, adapter)
  let schemaText = '—'
  if (section.schema !== undefined) {
    const { schema } = section.schema
    const typed = section.schema.typed()
    const time = best(() => parseRecords(schema, typed))
    // parseRecords reads only the record rows (not the history rows).
    line(`parseRecords(${section.schema.name})`, time, typed.length)
    schemaText = `${perSecond(typed.length, time.wall).trim()} (CPU ${perSecond(typed.length, time.cpu).trim()})`
  }
  console.log(`  [load average ${load()}]`)
  summary.push(
    `| ${section.title} | ${perSecond(section.rows, bare.wall).trim()} (CPU ${perSecond(section.rows, bare.cpu).trim()}) | \`${section.adapter.name}\` ${perSecond(section.rows, adapter.wall).trim()} (CPU ${perSecond(section.rows, adapter.cpu).trim()}; ${(adapter.wall / bare.wall).toFixed(1)}×) | ${schemaText} |`,
  )
}
console.log(
  '\n| rows | bare copy loop, wall (CPU) | adapter, wall (CPU; × the bare loop) | `parseRecords(schema)`, wall (CPU) |',
)
console.log('| --- | --- | --- | --- |')
for (const row of summary) console.log(row)
console.log(`load average at the end: ${load()}`)
