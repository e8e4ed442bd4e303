import { epochDayOfText, localDayOf } from '../../core/calendarKernel.js'
import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import type { Opportunity, StageEntry } from '../../records/Opportunity.js'
import type { ParseRecordsResult, RecordIssue, RejectedRecord } from '../../schemas/parseRecords.js'
import { thrownText } from '../../time/timeInputs.js'
import {
  amountCell,
  booleanCell,
  type CellContext,
  currencyCell,
  dayCell,
  instantCell,
  percentCell,
  textCell,
} from '../read/cellReaders.js'
import type { SourceRow } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { type ColumnResolver, columnResolver, normaliseHeader } from '../read/columns.js'
import { type DateReading, startOfDay } from '../read/dates.js'
import { optionOf, readSourceOptions, type SourceOptions } from '../read/options.js'
import type { SalesforceStage } from './SalesforceStage.js'
import { readStageVocabulary, type StageVocabulary } from './salesforceStages.js'

const METRIC = 'salesforceOpportunities'

/**
 * The opportunity fields whose column {@link salesforceOpportunities} looks up, each with
 * the headers it tries (API names of a Data Export or SOQL query, then report labels).
 *
 * @example
 * ```ts
 * SALESFORCE_OPPORTUNITY_COLUMNS.amount // => ['Amount']
 * ```
 * @category Sources
 */
export const SALESFORCE_OPPORTUNITY_COLUMNS = {
  id: ['Id', 'Opportunity ID', 'Opportunity Id'],
  createdAt: ['CreatedDate', 'Created Date'],
  stage: ['StageName', 'Stage'],
  closeDate: ['CloseDate', 'Close Date'],
  amount: ['Amount'],
  currency: ['CurrencyIsoCode', 'Opportunity Currency', 'Currency ISO Code', 'Currency'],
  probability: ['Probability', 'Probability (%)'],
  closed: ['IsClosed', 'Closed'],
  won: ['IsWon', 'Won'],
  ownerId: ['OwnerId', 'Owner ID', 'Opportunity Owner ID'],
  accountId: ['AccountId', 'Account ID'],
  source: ['LeadSource', 'Lead Source'],
  segment: [],
  lastStageChangeAt: ['LastStageChangeDate', 'Last Stage Change Date'],
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link SALESFORCE_OPPORTUNITY_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type SalesforceOpportunityField = keyof typeof SALESFORCE_OPPORTUNITY_COLUMNS

const HISTORY_COLUMNS = {
  opportunityId: ['OpportunityId', 'Opportunity ID'],
  at: ['CreatedDate', 'Created Date'],
  stage: ['StageName', 'Stage Name', 'Stage', 'To Stage'],
  closeDate: ['CloseDate', 'Close Date'],
  amount: ['Amount'],
} as const
const FIELD_HISTORY_COLUMNS = {
  opportunityId: ['OpportunityId', 'Opportunity ID'],
  at: ['CreatedDate', 'Created Date', 'Edit Date'],
  field: ['Field', 'Changed Field', 'Field / Event'],
  oldValue: ['OldValue', 'Old Value'],
  newValue: ['NewValue', 'New Value'],
} as const
/** `Field` values of `OpportunityFieldHistory` read (normalised), by the record history they feed. */
const TRACKED_FIELDS: ReadonlyMap<string, 'stage' | 'closeDate' | 'amount'> = new Map([
  ['stagename', 'stage'],
  ['stage', 'stage'],
  ['closedate', 'closeDate'],
  ['close date', 'closeDate'],
  ['amount', 'amount'],
])

/**
 * The rows of a Salesforce export: `Opportunity` rows and, for the history fields, the
 * deal's `OpportunityHistory` rows and/or `OpportunityFieldHistory` rows.
 *
 * @category Sources
 */
export interface SalesforceOpportunitiesInput {
  readonly opportunities: Iterable<unknown>
  readonly history?: Iterable<unknown>
  readonly fieldHistory?: Iterable<unknown>
}

/**
 * Options of {@link salesforceOpportunities}.
 *
 * @category Sources
 */
export interface SalesforceOpportunitiesOptions extends SourceOptions<SalesforceOpportunityField> {
  /** The org's stage list in order; default {@link SALESFORCE_STANDARD_STAGES}. */
  readonly stages?: readonly SalesforceStage[]
}

/**
 * The result of {@link salesforceOpportunities}: `records` and `rejected` (indexes into
 * `opportunities`) as `parseRecords` returns them, and the history rows that belong to no
 * opportunity row (indexes into `history` / `fieldHistory`, with the reason).
 *
 * @category Sources
 */
export interface SalesforceOpportunitiesResult extends ParseRecordsResult<Opportunity> {
  readonly unmatched: {
    readonly history: RejectedRecord[]
    readonly fieldHistory: RejectedRecord[]
  }
}

/** One dated value of a deal's history, from either history object. */
interface HistoryEvent {
  readonly at: number
  /** Tie-break at equal times: field-history starting values, then rows in input order. */
  readonly order: number
  readonly stage?: string
  readonly closeDate?: string
  readonly amount?: string
}

/** An opportunity row read, before its history is joined. */
interface Draft {
  readonly index: number
  /** The row's issues; the shared empty {@link NO_ISSUES} until the first (see `addIssue`). */
  issues: RecordIssue[]
  /** The row's history; the shared empty {@link NO_EVENTS} until the first (see `addEvent`). */
  events: HistoryEvent[]
  readonly record?: Omit<Opportunity, 'stageHistory'>
  readonly currentStage?: string
  readonly lastStageChangeAt?: number
}

/** Frozen: a clean row shares it until `addIssue` gives it its own list. */
const NO_ISSUES: RecordIssue[] = Object.freeze([]) as unknown as RecordIssue[]
/** Frozen: a row without history shares it until `addEvent` gives it its own list. */
const NO_EVENTS: HistoryEvent[] = Object.freeze([]) as unknown as HistoryEvent[]

function addIssue(draft: Draft, issue: RecordIssue): void {
  if (draft.issues === NO_ISSUES) draft.issues = []
  draft.issues.push(issue)
}

function addEvent(draft: Draft, event: HistoryEvent): void {
  if (draft.events === NO_EVENTS) draft.events = []
  draft.events.push(event)
}

/**
 * Turns a Salesforce opportunity export into {@link Opportunity} records, joining the
 * stage, close-date and amount history — every row ends as a record or a rejection with
 * its index, the column and the reason.
 *
 * ```text
 * status       = IsClosed/IsWon of the row, else the closed/won flags of its stage in `stages`
 * probability  = Probability / 100 (blank stays absent); amount blank stays absent
 * closedAt     = start of CloseDate in timeZone (CreatedDate when the deal closed the day it was created)
 * expectedCloseAt = CloseDate of an open deal
 * stageHistory = history rows by CreatedDate; consecutive rows in one stage are one entry
 *                dated by the earliest; earlier stage names map through `aliases`
 * ```
 * `OpportunityFieldHistory` rows (`Field` = `StageName`, `CloseDate`, `Amount`) add a change
 * at `CreatedDate` and, for the first change of each field, its `OldValue` from the deal's
 * creation. Without any history row a deal's history is its current stage since
 * `LastStageChangeDate` (else `CreatedDate`). A bad history row rejects its deal (path
 * `['history', j, column]`); history rows of no exported deal are listed in `unmatched`.
 *
 * @param input - `{ opportunities, history?, fieldHistory? }`: rows with API names or report labels.
 * @param options - `stages`, `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected, unmatched }`.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when an
 *   input is not a list of rows; `INVALID_RECORD` for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records, rejected } = salesforceOpportunities({
 *   opportunities: [
 *     { Id: '0061', CreatedDate: '2026-01-05T09:00:00.000Z', StageName: 'Closed Won',
 *       CloseDate: '2026-02-10', Amount: '48,000.00', Probability: '100' },
 *     { Id: '0062', CreatedDate: '2026-01-06T09:00:00.000Z', StageName: 'Negotiation',
 *       CloseDate: '2026-03-31', Amount: '', Probability: '' },
 *   ],
 * })
 * records[0].amount // => '48000.00'
 * records[0].status // => 'won'
 * rejected[0].issues[0].path // => ['StageName']
 * ```
 * @see https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-opportunityhistory.html
 * @category Sources
 */
export function salesforceOpportunities(
  input: SalesforceOpportunitiesInput,
  options?: SalesforceOpportunitiesOptions,
): SalesforceOpportunitiesResult {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(SALESFORCE_OPPORTUNITY_COLUMNS) as SalesforceOpportunityField[],
      METRIC,
    )
    const stages = readStageVocabulary(options ?? {}, METRIC)
    if (typeof input !== 'object' || input === null) {
      rowsOf(input, METRIC, ['input'])
    }
    const opportunityRows = rowsOf(optionOf(input, 'opportunities', METRIC), METRIC, [
      'opportunities',
    ])
    const historyInput = optionOf(input, 'history', METRIC)
    const fieldHistoryInput = optionOf(input, 'fieldHistory', METRIC)
    const historyRows = historyInput === undefined ? [] : rowsOf(historyInput, METRIC, ['history'])
    const fieldHistoryRows =
      fieldHistoryInput === undefined ? [] : rowsOf(fieldHistoryInput, METRIC, ['fieldHistory'])
    const reading: DateReading = settings
    const columns = columnResolver(SALESFORCE_OPPORTUNITY_COLUMNS, settings.columns)

    const drafts: Draft[] = []
    const byId = new Map<string, Draft>()
    /** The issues of the row being read, reused: a clean row leaves it empty. */
    const scratch: RecordIssue[] = []
    for (let index = 0; index < opportunityRows.length; index++) {
      const draft = readDraft(opportunityRows[index], index, columns, stages, settings, scratch)
      drafts.push(draft)
      const id = draft.record?.id ?? idOf(opportunityRows[index], columns)
      if (id === undefined) continue
      const first = byId.get(id)
      if (first === undefined) byId.set(id, draft)
      else
        addIssue(draft, {
          path: [columns.nameOf('id')],
          message: `Id ${id} is also the Id of row ${first.index}`,
        })
    }

    const unmatchedHistory = joinHistory(historyRows, byId, stages, settings, reading)
    const unmatchedFieldHistory = joinFieldHistory(
      fieldHistoryRows,
      historyRows.length,
      byId,
      stages,
      settings,
      reading,
    )

    const collector = rowCollector<Opportunity>(METRIC, settings.onInvalid)
    for (const draft of drafts) {
      if (draft.issues.length > 0 || draft.record === undefined) {
        collector.reject(
          draft.index,
          draft.issues.length > 0
            ? draft.issues
            : [{ path: [], message: 'the row could not be read' }],
        )
        continue
      }
      collector.records.push(finish(draft))
    }
    return {
      records: collector.records,
      rejected: collector.rejected,
      unmatched: { history: unmatchedHistory, fieldHistory: unmatchedFieldHistory },
    }
  })
}

/** The id of a row that failed elsewhere, so its history rows still find it. */
function idOf(
  row: unknown,
  columns: ColumnResolver<SalesforceOpportunityField>,
): string | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined
  try {
    const issues: RecordIssue[] = []
    return textCell(
      { row: row as SourceRow, issues },
      columns.keysOf(row as SourceRow).id,
      'Id',
      true,
    )
  } catch {
    return undefined
  }
}

function readDraft(
  row: unknown,
  index: number,
  columns: ColumnResolver<SalesforceOpportunityField>,
  stages: StageVocabulary,
  settings: { readonly locale: 'en' | 'de' | 'fr' | 'ch' } & DateReading,
  scratch: RecordIssue[],
): Draft {
  let read: ReturnType<typeof readOpportunity>
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    const issues = [{ path: [], message: `expected a row object, got ${describeValue(row)}` }]
    return { index, issues, events: NO_EVENTS }
  }
  scratch.length = 0
  try {
    read = readOpportunity(row as SourceRow, columns, stages, settings, scratch)
  } catch (error) {
    const issues = [{ path: [], message: `the row could not be read: ${thrownText(error)}` }]
    return { index, issues, events: NO_EVENTS }
  }
  if (read === undefined) {
    const issues =
      scratch.length === 0 ? [{ path: [], message: 'the row could not be read' }] : scratch.slice()
    return { index, issues, events: NO_EVENTS }
  }
  const draft: Draft = {
    index,
    issues: scratch.length === 0 ? NO_ISSUES : scratch.slice(),
    events: NO_EVENTS,
    record: read.record,
    currentStage: read.stage,
  }
  if (read.lastStageChangeAt !== undefined)
    (draft as { lastStageChangeAt?: number }).lastStageChangeAt = read.lastStageChangeAt
  return draft
}

/** A row read: the record without its history (a fresh object of ours), its current stage. */
interface ReadOpportunity {
  readonly record: Omit<Opportunity, 'stageHistory'>
  readonly stage: string
  readonly lastStageChangeAt: number | undefined
}

function readOpportunity(
  row: SourceRow,
  columns: ColumnResolver<SalesforceOpportunityField>,
  stages: StageVocabulary,
  settings: { readonly locale: 'en' | 'de' | 'fr' | 'ch' } & DateReading,
  issues: RecordIssue[],
): ReadOpportunity | undefined {
  const keys = columns.keysOf(row)
  const context: CellContext = { row, issues }
  const id = textCell(context, keys.id, columns.nameOf('id'), true)
  const createdAt = instantCell(
    context,
    keys.createdAt,
    columns.nameOf('createdAt'),
    true,
    settings,
  )
  const stageName = textCell(context, keys.stage, columns.nameOf('stage'), true)
  const closeDate = dayCell(context, keys.closeDate, columns.nameOf('closeDate'), settings)
  const amount = amountCell(context, keys.amount, columns.nameOf('amount'), settings.locale)
  const currency = currencyCell(context, keys.currency, columns.nameOf('currency'))
  const probability = percentCell(
    context,
    keys.probability,
    columns.nameOf('probability'),
    settings.locale,
  )
  const closedFlag = booleanCell(context, keys.closed, columns.nameOf('closed'))
  const wonFlag = booleanCell(context, keys.won, columns.nameOf('won'))
  const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), false)
  const accountId = textCell(context, keys.accountId, columns.nameOf('accountId'), false)
  const source = textCell(context, keys.source, columns.nameOf('source'), false)
  const segment = textCell(context, keys.segment, columns.nameOf('segment'), false)
  const lastStageChangeAt = instantCell(
    context,
    keys.lastStageChangeAt,
    columns.nameOf('lastStageChangeAt'),
    false,
    settings,
  )
  if (id === undefined || createdAt === undefined || stageName === undefined) return undefined
  const known = stages.find(stageName)
  const stage = known?.name ?? stageName
  const stageKey = keys.stage ?? columns.nameOf('stage')
  const closed = closedFlag ?? known?.closed
  const won = wonFlag ?? (closed === true ? known?.won : false)
  if (closed === undefined || won === undefined) {
    issues.push({
      path: [stageKey],
      message: `stage ${JSON.stringify(stageName.slice(0, 60))} is not in the stage list (option stages) and the row has no IsClosed/IsWon to tell whether it is closed`,
    })
    return undefined
  }
  if (won && !closed) {
    issues.push({
      path: [keys.won ?? columns.nameOf('won')],
      message: 'the deal is won but not closed (IsWon true, IsClosed false)',
    })
    return undefined
  }
  let closedAt: number | undefined
  if (closed) {
    if (closeDate === undefined) {
      if (
        !issues.some((issue) => issue.path[0] === (keys.closeDate ?? columns.nameOf('closeDate')))
      )
        issues.push({
          path: [keys.closeDate ?? columns.nameOf('closeDate')],
          message: 'a closed deal needs its CloseDate',
        })
      return undefined
    }
    closedAt = startOfDay(closeDate, settings.timeZone)
    if (closedAt < createdAt) {
      if (localDayOf(createdAt, settings.timeZone) === epochDayOfText(closeDate)) {
        closedAt = createdAt
      } else {
        issues.push({
          path: [keys.closeDate ?? columns.nameOf('closeDate')],
          message: `CloseDate ${closeDate} is before the day the deal was created (${new Date(createdAt).toISOString()})`,
        })
        return undefined
      }
    }
  }
  if (issues.length > 0) return undefined
  const record: Record<string, unknown> = { id, createdAt: new Date(createdAt) }
  if (amount !== undefined) record.amount = amount
  if (currency !== undefined) record.currency = currency
  record.status = closed ? (won ? 'won' : 'lost') : 'open'
  if (closedAt !== undefined) record.closedAt = new Date(closedAt)
  if (probability !== undefined) record.probability = probability
  if (ownerId !== undefined) record.ownerId = ownerId
  if (segment !== undefined) record.segment = segment
  if (accountId !== undefined) record.accountId = accountId
  if (source !== undefined) record.source = source
  if (!closed && closeDate !== undefined) record.expectedCloseAt = closeDate
  return {
    record: record as unknown as Omit<Opportunity, 'stageHistory'>,
    stage,
    lastStageChangeAt,
  }
}

/** Joins `OpportunityHistory` rows to their drafts; returns the rows of no exported deal. */
function joinHistory(
  rows: readonly unknown[],
  byId: ReadonlyMap<string, Draft>,
  stages: StageVocabulary,
  settings: { readonly locale: 'en' | 'de' | 'fr' | 'ch' } & DateReading,
  reading: DateReading,
): RejectedRecord[] {
  const columns = columnResolver(HISTORY_COLUMNS)
  const unmatched = rowCollector<true>(METRIC, 'collect')
  const read: RowReader<true> = (row, index, issues) => {
    const keys = columns.keysOf(row)
    const context: CellContext = { row, issues }
    const opportunityId = textCell(context, keys.opportunityId, 'OpportunityId', true)
    if (opportunityId === undefined) return undefined
    const draft = byId.get(opportunityId)
    if (draft === undefined) {
      issues.push({
        path: [keys.opportunityId ?? 'OpportunityId'],
        message: `no opportunity row has Id ${opportunityId}`,
      })
      return undefined
    }
    const own: RecordIssue[] = []
    const cells: CellContext = { row, issues: own }
    const at = instantCell(cells, keys.at, 'CreatedDate', true, reading)
    const stage = textCell(cells, keys.stage, 'StageName', false)
    const closeDate = dayCell(cells, keys.closeDate, 'CloseDate', reading)
    const amount = amountCell(cells, keys.amount, 'Amount', settings.locale)
    if (own.length > 0 || at === undefined) {
      for (const issue of own)
        addIssue(draft, { path: ['history', index, ...issue.path], message: issue.message })
      return true
    }
    addEvent(draft, {
      at,
      order: index,
      ...(stage === undefined ? {} : { stage: stages.find(stage)?.name ?? stage }),
      ...(closeDate === undefined ? {} : { closeDate }),
      ...(amount === undefined ? {} : { amount }),
    })
    return true
  }
  for (let index = 0; index < rows.length; index++) unmatched.add(rows[index], index, read)
  return unmatched.rejected
}

/** Joins `OpportunityFieldHistory` rows; `offset` orders them after the history rows at equal times. */
function joinFieldHistory(
  rows: readonly unknown[],
  offset: number,
  byId: ReadonlyMap<string, Draft>,
  stages: StageVocabulary,
  settings: { readonly locale: 'en' | 'de' | 'fr' | 'ch' } & DateReading,
  reading: DateReading,
): RejectedRecord[] {
  const columns = columnResolver(FIELD_HISTORY_COLUMNS)
  const unmatched = rowCollector<true>(METRIC, 'collect')
  /** The first change of each field per deal: its old value is the value at creation. */
  const firstChange = new Map<
    Draft,
    Map<string, { at: number; order: number; old: HistoryEvent }>
  >()
  const read: RowReader<true> = (row, index, issues) => {
    const keys = columns.keysOf(row)
    const context: CellContext = { row, issues }
    const opportunityId = textCell(context, keys.opportunityId, 'OpportunityId', true)
    if (opportunityId === undefined) return undefined
    const draft = byId.get(opportunityId)
    if (draft === undefined) {
      issues.push({
        path: [keys.opportunityId ?? 'OpportunityId'],
        message: `no opportunity row has Id ${opportunityId}`,
      })
      return undefined
    }
    const own: RecordIssue[] = []
    const cells: CellContext = { row, issues: own }
    const field = textCell(cells, keys.field, 'Field', true)
    const kind = field === undefined ? undefined : TRACKED_FIELDS.get(normaliseHeader(field))
    if (own.length === 0 && kind === undefined) return true
    const at = instantCell(cells, keys.at, 'CreatedDate', true, reading)
    const value = (column: string | undefined, name: string): HistoryEvent | undefined => {
      if (kind === 'stage') {
        const stage = textCell(cells, column, name, false)
        return stage === undefined
          ? undefined
          : { at: 0, order: 0, stage: stages.find(stage)?.name ?? stage }
      }
      if (kind === 'closeDate') {
        const closeDate = dayCell(cells, column, name, reading)
        return closeDate === undefined ? undefined : { at: 0, order: 0, closeDate }
      }
      const amount = amountCell(cells, column, name, settings.locale)
      return amount === undefined ? undefined : { at: 0, order: 0, amount }
    }
    const next = value(keys.newValue, 'NewValue')
    const old = value(keys.oldValue, 'OldValue')
    if (own.length > 0 || at === undefined || kind === undefined) {
      for (const issue of own)
        addIssue(draft, {
          path: ['fieldHistory', index, ...issue.path],
          message: issue.message,
        })
      return true
    }
    if (next !== undefined) addEvent(draft, { ...next, at, order: offset + index })
    if (old !== undefined) {
      const perDeal = firstChange.get(draft) ?? new Map()
      firstChange.set(draft, perDeal)
      const seen = perDeal.get(kind)
      if (seen === undefined || at < seen.at || (at === seen.at && index < seen.order))
        perDeal.set(kind, { at, order: index, old })
    }
    return true
  }
  for (let index = 0; index < rows.length; index++) unmatched.add(rows[index], index, read)
  for (const [draft, perDeal] of firstChange) {
    const createdAt = draft.record?.createdAt.getTime()
    if (createdAt === undefined) continue
    for (const { old } of perDeal.values()) addEvent(draft, { ...old, at: createdAt, order: -1 })
  }
  return unmatched.rejected
}

/** The record of a draft with its history folded in (the draft's own record object is completed). */
function finish(draft: Draft): Opportunity {
  const record = draft.record as unknown as Record<string, unknown>
  const createdAt = (record.createdAt as Date).getTime()
  const events = draft.events
  if (events.length === 0) {
    record.stageHistory = [
      {
        stage: draft.currentStage as string,
        enteredAt: new Date(draft.lastStageChangeAt ?? createdAt),
      },
    ]
    return record as unknown as Opportunity
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order)
  const stageHistory: StageEntry[] = []
  const closeDates: { at: Date; value: string }[] = []
  const amounts: { at: Date; value: string }[] = []
  for (const event of events) {
    if (event.stage !== undefined && stageHistory.at(-1)?.stage !== event.stage)
      stageHistory.push({ stage: event.stage, enteredAt: new Date(event.at) })
    if (event.closeDate !== undefined && closeDates.at(-1)?.value !== event.closeDate)
      closeDates.push({ at: new Date(event.at), value: event.closeDate })
    const lastAmount = amounts.at(-1)?.value
    if (
      event.amount !== undefined &&
      (lastAmount === undefined || !sameDecimal(lastAmount, event.amount))
    )
      amounts.push({ at: new Date(event.at), value: event.amount })
  }
  if (stageHistory.length === 0)
    stageHistory.push({
      stage: draft.currentStage as string,
      enteredAt: new Date(draft.lastStageChangeAt ?? createdAt),
    })
  record.stageHistory = stageHistory
  if (closeDates.length > 0) record.closeDateHistory = closeDates
  if (amounts.length > 0) record.amountHistory = amounts
  return record as unknown as Opportunity
}

/** True when two plain decimal texts hold the same number (`'48000'` and `'48000.00'`). */
function sameDecimal(first: string, second: string): boolean {
  const trim = (text: string) =>
    text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
  return trim(first) === trim(second)
}
