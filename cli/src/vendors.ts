import { basename } from 'node:path'
import {
  hubspotContacts,
  hubspotDeals,
  hubspotEngagements,
  SALESFORCE_STANDARD_STAGES,
  type SalesforceStage,
  type SurveyVendor,
  salesforceActivities,
  salesforceLeads,
  salesforceOpportunities,
  stripeMrr,
  surveyResponses,
} from 'cx-metrics/sources'
import type { Config } from './config.js'
import type { Kind } from './kinds.js'

/**
 * The vendor export layouts the report reads through `cx-metrics/sources`. Each one is
 * recognised by its file name (as the vendor names the file) or by its header / JSON shape.
 */
export const VENDOR_LAYOUTS = {
  'salesforce-opportunities': { label: 'Salesforce Opportunity', kind: 'opportunities' },
  'salesforce-history': { label: 'Salesforce OpportunityHistory', kind: 'opportunities' },
  'salesforce-field-history': {
    label: 'Salesforce OpportunityFieldHistory',
    kind: 'opportunities',
  },
  'salesforce-leads': { label: 'Salesforce Lead', kind: 'leads' },
  'salesforce-tasks': { label: 'Salesforce Task', kind: 'activities' },
  'salesforce-events': { label: 'Salesforce Event', kind: 'activities' },
  'hubspot-deals': { label: 'HubSpot deals', kind: 'opportunities' },
  'hubspot-pipelines': { label: 'HubSpot deal pipelines', kind: 'opportunities' },
  'hubspot-contacts': { label: 'HubSpot contacts', kind: 'leads' },
  'hubspot-engagements': { label: 'HubSpot engagements', kind: 'activities' },
  'stripe-subscriptions': { label: 'Stripe subscriptions', kind: 'revenue' },
  'survey-delighted': { label: 'Delighted survey', kind: 'survey' },
  'survey-qualtrics': { label: 'Qualtrics survey', kind: 'survey' },
  'survey-surveymonkey': { label: 'SurveyMonkey survey', kind: 'survey' },
  'survey-typeform': { label: 'Typeform survey', kind: 'survey' },
  'survey-generic': { label: 'survey (config sources.vendor)', kind: 'survey' },
} as const satisfies Record<string, { label: string; kind: Kind }>

/** One vendor layout. */
export type VendorLayout = keyof typeof VENDOR_LAYOUTS

/** The rows of one vendor file, held until every file is read (some sources join files). */
export interface VendorFile {
  readonly file: string
  readonly layout: VendorLayout
  readonly rows: unknown[]
  /** Where each row is: its CSV line (header = 1) or its JSON item number (from 1). */
  readonly lines: number[]
  readonly unit: 'line' | 'item'
  /** Its place in `DataSet.files` (a placeholder until the sources have run). */
  readonly position: number
  /**
   * A flat file already run through its adapter chunk by chunk while it was read
   * ({@link STREAMED_LAYOUTS}): its rows are not held, only what the adapter made of them.
   */
  readonly streamed?: StreamedVendorFile
}

/**
 * The layouts whose rows are independent of each other (no join across files or rows), read
 * in chunks as the CSV streams in: Salesforce leads, tasks and events, HubSpot contacts and
 * the survey exports. Joined ones (opportunities with their history, HubSpot deals with the
 * pipelines, Stripe JSON) are held whole.
 */
export const STREAMED_LAYOUTS: ReadonlySet<VendorLayout> = new Set<VendorLayout>([
  'salesforce-leads',
  'salesforce-tasks',
  'salesforce-events',
  'hubspot-contacts',
  'survey-qualtrics',
  'survey-surveymonkey',
  'survey-typeform',
  'survey-generic',
  'survey-delighted',
])

/** What the adapter made of a streamed file's chunks, summed. */
export interface StreamedVendorFile {
  readonly records: { kind: Kind; records: unknown[]; raw: Record<string, unknown>[] }[]
  readonly rejected: VendorRejection[]
  rows: number
  accepted: number
  rejectedCount: number
  problem: string | null
}

const has = (header: ReadonlySet<string>, ...columns: string[]) =>
  columns.every((column) => header.has(column))

/**
 * The vendor layout of a CSV file from its name and header, or `undefined`. `surveyVendor`
 * (config `sources.vendor`) reads an otherwise unrecognised file as that vendor's survey.
 */
export function detectVendorCsv(
  file: string,
  header: readonly string[],
  surveyVendor: SurveyVendor | undefined,
): VendorLayout | undefined {
  const name = basename(file).toLowerCase()
  const columns = new Set(header)
  if (name === 'opportunityhistory.csv' || has(columns, 'OpportunityId', 'StageName'))
    return 'salesforce-history'
  if (name === 'opportunityfieldhistory.csv' || has(columns, 'OpportunityId', 'Field', 'NewValue'))
    return 'salesforce-field-history'
  if (name === 'opportunity.csv' || has(columns, 'Id', 'StageName', 'CloseDate'))
    return 'salesforce-opportunities'
  if (name === 'lead.csv' || has(columns, 'Id', 'Status', 'IsConverted')) return 'salesforce-leads'
  if (name === 'task.csv' || has(columns, 'Id', 'TaskSubtype')) return 'salesforce-tasks'
  if (name === 'event.csv' || has(columns, 'Id', 'EventSubtype')) return 'salesforce-events'
  if (columns.has('Deal Stage') || columns.has('dealstage')) return 'hubspot-deals'
  if (columns.has('Lifecycle Stage') || columns.has('lifecyclestage')) return 'hubspot-contacts'
  if (surveyVendor !== undefined) return surveyLayout(surveyVendor)
  if (has(columns, 'ResponseId', 'RecordedDate') || has(columns, 'ResponseId', 'EndDate'))
    return 'survey-qualtrics'
  if (has(columns, 'Respondent ID', 'Collector ID')) return 'survey-surveymonkey'
  if (columns.has('#') && (columns.has('Submit Date (UTC)') || columns.has('Submitted At')))
    return 'survey-typeform'
  return undefined
}

function surveyLayout(vendor: SurveyVendor): VendorLayout {
  return `survey-${vendor}` as VendorLayout
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The property bag of a HubSpot API object (`{ properties }`) or the object itself. */
const propertiesOf = (item: Record<string, unknown>): Record<string, unknown> =>
  isObject(item.properties) ? item.properties : item

/**
 * The vendor layout of a parsed JSON file and its rows (items), or `undefined`. A Stripe
 * list (`{ object: 'list', data }`), one subscription object, or an array of them; HubSpot
 * `{ results }` lists or arrays of API objects; a Delighted response list.
 */
export function detectVendorJson(
  json: unknown,
  surveyVendor: SurveyVendor | undefined,
): { layout: VendorLayout; rows: unknown[] } | undefined {
  let items: unknown[] | undefined
  if (Array.isArray(json)) items = json
  else if (isObject(json)) {
    if (json.object === 'subscription') items = [json]
    else if (Array.isArray(json.data)) items = json.data
    else if (Array.isArray(json.results)) items = json.results
  }
  if (items === undefined || items.length === 0) return undefined
  const first = items.find(isObject)
  if (first === undefined) return undefined
  if (first.object === 'subscription') return { layout: 'stripe-subscriptions', rows: items }
  if (Array.isArray(first.stages)) return { layout: 'hubspot-pipelines', rows: [json] }
  const properties = propertiesOf(first)
  if ('dealstage' in properties) return { layout: 'hubspot-deals', rows: items }
  if ('hs_engagement_type' in properties) return { layout: 'hubspot-engagements', rows: items }
  if ('lifecyclestage' in properties) return { layout: 'hubspot-contacts', rows: items }
  if (surveyVendor !== undefined) return { layout: surveyLayout(surveyVendor), rows: items }
  if ('score' in first && 'created_at' in first && ('survey_type' in first || 'person' in first))
    return { layout: 'survey-delighted', rows: items }
  return undefined
}

/** A row a source refused, located in its file. */
export interface VendorRejection {
  readonly file: string
  readonly line: number
  readonly unit: 'line' | 'item'
  readonly kind: Kind
  readonly reason: string
}

/** What the sources made of the vendor files: records per kind and the notes per file. */
export interface VendorOutcome {
  readonly records: { kind: Kind; records: unknown[]; raw: Record<string, unknown>[] }[]
  readonly rejected: VendorRejection[]
  /** Per file: rows (data rows; extra header rows of survey exports not counted), counts, problem. */
  readonly files: {
    position: number
    file: string
    kind: Kind
    source: string
    rows: number
    accepted: number
    rejected: number
    problem: string | null
  }[]
}

interface Issue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}
interface Refusal {
  readonly index: number
  readonly issues: readonly Issue[]
}

/**
 * The reason of a refusal, one `column: message` per issue. An issue of a joined file
 * (`['history', j, column]`) names that file and line through `locate`.
 */
const reasonOf = (
  issues: readonly Issue[],
  locate?: (part: string, index: number) => string | undefined,
) =>
  issues
    .map((issue) => {
      const path = issue.path.map(String)
      const joinedAt =
        locate !== undefined && typeof issue.path[1] === 'number'
          ? locate(path[0] ?? '', issue.path[1])
          : undefined
      const where =
        joinedAt === undefined ? path.join('.') : `${joinedAt} ${path.slice(2).join('.')}`
      return where === '' ? issue.message : `${where}: ${issue.message}`
    })
    .join('; ')

/** Settings the sources take from the config and the command line. */
export interface VendorSettings {
  readonly config: Config
  /** The report's time zone: the default zone of date-only values. */
  readonly timeZone: string
  /** Only these kinds are read (the single-metric commands). */
  readonly only?: readonly Kind[] | undefined
  /** Columns of the vendor row kept next to each record (`--by`). */
  readonly keepColumns: readonly string[]
}

/** Runs the `cx-metrics/sources` adapters over the vendor files; never throws for bad data. */
export function readVendorFiles(
  files: readonly VendorFile[],
  settings: VendorSettings,
): VendorOutcome {
  const outcome: VendorOutcome = { records: [], rejected: [], files: [] }
  const sources = settings.config.sources ?? {}
  const common = {
    ...(sources.locale === undefined ? {} : { locale: sources.locale }),
    ...(sources.dateOrder === undefined ? {} : { dateOrder: sources.dateOrder }),
    timeZone: sources.timeZone ?? settings.timeZone,
  }
  const of = (...layouts: VendorLayout[]) => files.filter((file) => layouts.includes(file.layout))
  const stats = new Map<
    VendorFile,
    { rows: number; accepted: number; rejected: number; problem: string | null }
  >()
  for (const file of files)
    stats.set(file, { rows: file.rows.length, accepted: 0, rejected: 0, problem: null })
  const refuse = (file: VendorFile, index: number, reason: string) => {
    const stat = stats.get(file)!
    stat.rejected++
    outcome.rejected.push({
      file: file.file,
      line: file.lines[index] ?? index + 1,
      unit: file.unit,
      kind: VENDOR_LAYOUTS[file.layout].kind,
      reason,
    })
  }
  const problem = (list: readonly VendorFile[], text: string) => {
    for (const file of list) stats.get(file)!.problem = text
  }
  /** Concatenates the rows of several files; an index of the whole maps back to file and row. */
  const joined = (list: readonly VendorFile[]) => {
    const rows: unknown[] = []
    const owner: { file: VendorFile; index: number }[] = []
    for (const file of list)
      for (let index = 0; index < file.rows.length; index++) {
        rows.push(file.rows[index])
        owner.push({ file, index })
      }
    return { rows, owner }
  }
  /**
   * Lists the refusals of one adapter call and adds its records (kept in input order, so the
   * accepted rows pair with the records one to one when `pairs`).
   */
  const collect = (
    kind: Kind,
    list: readonly VendorFile[],
    result: { records: unknown[]; rejected: readonly Refusal[]; headerRows?: readonly number[] },
    pairs: boolean,
    locate?: (part: string, index: number) => string | undefined,
  ) => {
    const { rows, owner } = joined(list)
    const skipped = new Set<number>(result.headerRows ?? [])
    for (const index of skipped) {
      const place = owner[index]
      if (place !== undefined) stats.get(place.file)!.rows--
    }
    for (const refusal of result.rejected) {
      skipped.add(refusal.index)
      const place = owner[refusal.index]
      if (place !== undefined) refuse(place.file, place.index, reasonOf(refusal.issues, locate))
    }
    const raw: Record<string, unknown>[] = []
    const accepted: number[] = []
    for (let index = 0; index < rows.length; index++) if (!skipped.has(index)) accepted.push(index)
    for (let index = 0; index < result.records.length; index++) {
      const row = pairs ? rows[accepted[index] ?? -1] : undefined
      const kept: Record<string, unknown> = {}
      if (isObject(row))
        // Own columns only; "__proto__" is never copied.
        for (const column of settings.keepColumns)
          if (column !== '__proto__' && Object.hasOwn(row, column)) kept[column] = row[column]
      const record = result.records[index]
      if (isObject(record) && typeof record.accountId === 'string' && !('accountId' in kept))
        kept.accountId = record.accountId
      raw.push(kept)
    }
    if (pairs)
      for (const index of accepted) {
        const place = owner[index]
        if (place !== undefined) stats.get(place.file)!.accepted++
      }
    outcome.records.push({ kind, records: result.records, raw })
  }
  const wanted = (kind: Kind, list: readonly VendorFile[]) => {
    if (list.length === 0) return false
    if (settings.only !== undefined && !settings.only.includes(kind)) {
      problem(
        list,
        `not used by this command (${list.map((f) => VENDOR_LAYOUTS[f.layout].label).join(', ')})`,
      )
      return false
    }
    return true
  }
  /** Runs an adapter; an option it refuses (a bad config value) becomes the files' problem. */
  const attempt = (list: readonly VendorFile[], action: () => void) => {
    try {
      action()
    } catch (error) {
      problem(list, `cannot be read: ${(error as Error).message}`)
    }
  }

  // Salesforce opportunities, joined with their history.
  const opportunities = of('salesforce-opportunities')
  const history = of('salesforce-history')
  const fieldHistory = of('salesforce-field-history')
  if (opportunities.length === 0)
    problem(
      [...history, ...fieldHistory],
      'a Salesforce opportunity history needs its Opportunity.csv among the inputs',
    )
  else if (wanted('opportunities', [...opportunities, ...history, ...fieldHistory]))
    attempt([...opportunities, ...history, ...fieldHistory], () => {
      const result = salesforceOpportunities(
        {
          opportunities: joined(opportunities).rows,
          ...(history.length === 0 ? {} : { history: joined(history).rows }),
          ...(fieldHistory.length === 0 ? {} : { fieldHistory: joined(fieldHistory).rows }),
        },
        {
          ...common,
          stages:
            (sources.stages as readonly SalesforceStage[] | undefined) ??
            SALESFORCE_STANDARD_STAGES,
        },
      )
      const where = (list: readonly VendorFile[], index: number) => {
        const place = joined(list).owner[index]
        if (place === undefined) return undefined
        return `${basename(place.file.file)} ${place.file.unit} ${place.file.lines[place.index] ?? place.index + 1}`
      }
      collect('opportunities', opportunities, result, true, (part, index) =>
        part === 'history'
          ? where(history, index)
          : part === 'fieldHistory'
            ? where(fieldHistory, index)
            : undefined,
      )
      for (const [list, unmatched] of [
        [history, result.unmatched.history],
        [fieldHistory, result.unmatched.fieldHistory],
      ] as const) {
        const { owner } = joined(list)
        const refusedRows = new Set<number>()
        for (const refusal of unmatched) {
          refusedRows.add(refusal.index)
          const place = owner[refusal.index]
          if (place !== undefined) refuse(place.file, place.index, reasonOf(refusal.issues))
        }
        for (let index = 0; index < owner.length; index++)
          if (!refusedRows.has(index)) stats.get(owner[index]!.file)!.accepted++
      }
    })

  /**
   * A streamed file's outcome, in the place its rows would have had (the adapters of the
   * flat layouts treat rows independently, so file by file equals one joined call).
   */
  const emitted = (file: VendorFile): boolean => {
    const streamed = file.streamed
    if (streamed === undefined) return false
    for (const entry of streamed.records) outcome.records.push(entry)
    // A header without rows still names the kind, as the adapter's call on no rows did.
    if (streamed.records.length === 0)
      outcome.records.push({ kind: VENDOR_LAYOUTS[file.layout].kind, records: [], raw: [] })
    for (const row of streamed.rejected) outcome.rejected.push(row)
    stats.set(file, {
      rows: streamed.rows,
      accepted: streamed.accepted,
      rejected: streamed.rejectedCount,
      problem: streamed.problem,
    })
    return true
  }

  const leads = of('salesforce-leads')
  if (wanted('leads', leads))
    for (const file of leads)
      if (!emitted(file))
        attempt([file], () => collect('leads', [file], salesforceLeads(file.rows, common), true))

  const tasks = of('salesforce-tasks')
  const events = of('salesforce-events')
  if (wanted('activities', [...tasks, ...events]))
    for (const file of [...tasks, ...events])
      if (!emitted(file))
        attempt([file], () =>
          collect(
            'activities',
            [file],
            salesforceActivities(
              file.layout === 'salesforce-tasks' ? { tasks: file.rows } : { events: file.rows },
              common,
            ),
            true,
          ),
        )

  // HubSpot deals need the pipeline stages to name their stages.
  const deals = of('hubspot-deals')
  const pipelines = of('hubspot-pipelines')
  if (deals.length > 0 && pipelines.length === 0)
    problem(
      deals,
      'HubSpot deals need the pipelines JSON (GET /crm/v3/pipelines/deals) among the inputs to name their stages',
    )
  else if (pipelines.length > 0 && deals.length === 0)
    problem(pipelines, 'a HubSpot pipelines file is read only with a deals export')
  else if (wanted('opportunities', [...deals, ...pipelines]))
    attempt([...deals, ...pipelines], () => {
      const results = pipelines.flatMap((file) =>
        file.rows.flatMap((json) =>
          Array.isArray(json)
            ? json
            : isObject(json) && Array.isArray(json.results)
              ? json.results
              : [],
        ),
      )
      collect(
        'opportunities',
        deals,
        hubspotDeals({ deals: joined(deals).rows, stages: results as never }, common),
        true,
      )
      for (const file of pipelines) stats.get(file)!.accepted = file.rows.length
    })

  const contacts = of('hubspot-contacts')
  if (wanted('leads', contacts))
    for (const file of contacts)
      if (!emitted(file))
        attempt([file], () => collect('leads', [file], hubspotContacts(file.rows, common), true))
  const engagements = of('hubspot-engagements')
  if (wanted('activities', engagements))
    attempt(engagements, () =>
      collect(
        'activities',
        engagements,
        hubspotEngagements(joined(engagements).rows, common),
        true,
      ),
    )

  // Stripe: month-end MRR per customer; a subscription gives one row per month it pays in.
  const subscriptions = of('stripe-subscriptions')
  if (wanted('revenue', subscriptions))
    attempt(subscriptions, () => {
      const rows = joined(subscriptions).rows
      const timeZone = sources.timeZone ?? settings.timeZone
      const months = sources.months ?? monthsSpanned(rows, timeZone)
      if (months.length === 0) {
        problem(subscriptions, 'no subscription has a start date: set sources.months in the config')
        return
      }
      const result = stripeMrr(rows, { months, timeZone })
      const records = result.records.map((record) => ({
        accountId: record.accountId,
        month: new Date(`${record.month}-01T00:00:00.000Z`),
        amount: record.amount,
        currency: record.currency,
      }))
      collect('revenue', subscriptions, { records, rejected: result.rejected }, false)
      const refused = new Set(result.rejected.map((refusal) => refusal.index))
      const { owner } = joined(subscriptions)
      for (let index = 0; index < owner.length; index++)
        if (!refused.has(index)) stats.get(owner[index]!.file)!.accepted++
    })

  // Survey exports, one adapter call per file (each file has its own header rows).
  for (const file of files) {
    if (!file.layout.startsWith('survey-') || !wanted('survey', [file]) || emitted(file)) continue
    const vendor = (
      file.layout === 'survey-generic' ? 'generic' : file.layout.slice(7)
    ) as SurveyVendor
    attempt([file], () =>
      collect(
        'survey',
        [file],
        surveyResponses(file.rows, {
          vendor,
          ...(sources.locale === undefined ? {} : { locale: sources.locale }),
          ...(sources.dateOrder === undefined ? {} : { dateOrder: sources.dateOrder }),
          // A Qualtrics export names its own zone in the ImportId row: the config wins, else it.
          ...(sources.timeZone !== undefined
            ? { timeZone: sources.timeZone }
            : vendor === 'qualtrics'
              ? {}
              : { timeZone: settings.timeZone }),
          ...(sources.surveyColumns === undefined ? {} : { columns: sources.surveyColumns }),
        }),
        true,
      ),
    )
  }

  for (const file of files) {
    const stat = stats.get(file)!
    outcome.files.push({
      position: file.position,
      file: file.file,
      kind: VENDOR_LAYOUTS[file.layout].kind,
      source: VENDOR_LAYOUTS[file.layout].label,
      ...stat,
    })
  }
  return outcome
}

/** Most months the report snapshots from Stripe without a `sources.months` list. */
const MONTH_LIMIT = 120

/**
 * The months from the earliest subscription start to the latest period start, end or
 * cancellation (`'YYYY-MM'` in `timeZone`), the last {@link MONTH_LIMIT} of them.
 */
export function monthsSpanned(rows: readonly unknown[], timeZone: string): string[] {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const row of rows) {
    if (!isObject(row)) continue
    for (const key of [
      'start_date',
      'created',
      'current_period_start',
      'ended_at',
      'canceled_at',
    ]) {
      const value = row[key]
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      if (key === 'start_date' || key === 'created') first = Math.min(first, value)
      last = Math.max(last, value)
    }
  }
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return []
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
  const monthOf = (seconds: number) => {
    const parts = format.formatToParts(new Date(seconds * 1000))
    return {
      year: Number(parts.find((part) => part.type === 'year')?.value),
      month: Number(parts.find((part) => part.type === 'month')?.value),
    }
  }
  const from = monthOf(first)
  const to = monthOf(last)
  if (!Number.isInteger(from.year) || !Number.isInteger(to.year)) return []
  const months: string[] = []
  let year = from.year
  let month = from.month
  while (year < to.year || (year === to.year && month <= to.month)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`)
    month++
    if (month === 13) {
      month = 1
      year++
    }
    if (months.length > 12 * 200) break
  }
  return months.slice(-MONTH_LIMIT)
}
