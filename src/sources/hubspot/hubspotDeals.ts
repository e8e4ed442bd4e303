import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import type { Opportunity, StageEntry } from '../../records/Opportunity.js'
import type { ParseRecordsResult, RecordIssue } from '../../schemas/parseRecords.js'
import {
  amountCell,
  booleanCell,
  type CellContext,
  currencyCell,
  textCell,
} from '../read/cellReaders.js'
import { cellOf, readText, type SourceRow } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { columnResolver } from '../read/columns.js'
import { localDay, readCalendarDay } from '../read/dates.js'
import {
  optionOf,
  readSourceOptions,
  type SourceOptions,
  type SourceSettings,
} from '../read/options.js'
import {
  type CheckedStage,
  type HubspotPipeline,
  type HubspotStage,
  readStageIndex,
  type StageIndex,
} from './hubspotPipelines.js'
import {
  associationColumns,
  firstAssociation,
  type HubspotRow,
  hubspotInstant,
  hubspotRow,
} from './hubspotRows.js'

const METRIC = 'hubspotDeals'

/**
 * The deal fields whose column {@link hubspotDeals} looks up, each with the headers it tries:
 * CRM API property names, then the labels of HubSpot's default deal export.
 *
 * @example
 * ```ts
 * HUBSPOT_DEAL_COLUMNS.closeDate // => ['closedate', 'Close Date']
 * ```
 * @category Sources
 */
export const HUBSPOT_DEAL_COLUMNS = {
  id: ['hs_object_id', 'Record ID', 'Deal ID'],
  createdAt: ['createdate', 'Create Date'],
  stage: ['dealstage', 'Deal Stage'],
  pipeline: ['pipeline', 'Pipeline'],
  amount: ['amount', 'Amount'],
  currency: ['deal_currency_code', 'Currency'],
  closeDate: ['closedate', 'Close Date'],
  closed: ['hs_is_closed', 'Is Closed', 'Is Deal Closed?'],
  won: ['hs_is_closed_won', 'Is Closed Won'],
  ownerId: ['hubspot_owner_id', 'Deal owner', 'Deal Owner'],
  accountId: associationColumns('companies'),
  source: ['hs_analytics_source', 'Original Source Type', 'Original Traffic Source'],
  segment: [],
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link HUBSPOT_DEAL_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type HubspotDealField = keyof typeof HUBSPOT_DEAL_COLUMNS

/**
 * The input of {@link hubspotDeals}: deal rows (export rows or CRM API objects) and the deal
 * pipelines with their stages, as the Pipelines API returns them.
 *
 * @category Sources
 */
export interface HubspotDealsInput {
  readonly deals: Iterable<unknown>
  /** `GET /crm/v3/pipelines/deals` (`{ results }`), its `results`, or one pipeline's stages. */
  readonly stages:
    | { readonly results: readonly HubspotPipeline[] }
    | readonly HubspotPipeline[]
    | readonly HubspotStage[]
}

/**
 * Options of {@link hubspotDeals}.
 *
 * @category Sources
 */
export interface HubspotDealsOptions extends SourceOptions<HubspotDealField> {}

const ENTERED = [/^hs_(?:v2_)?date_entered_(.+)$/i, /^date entered "(.+)"$/i]
const EXITED = [/^hs_(?:v2_)?date_exited_(.+)$/i, /^date exited "(.+)"$/i]

/** The stage-date columns of one header layout. */
interface StageColumn {
  readonly key: string
  readonly stage: CheckedStage
  readonly kind: 'entered' | 'exited'
}

/**
 * Turns HubSpot deals — rows of a deal export or CRM API objects — into {@link Opportunity}
 * records, with the stage history of the `hs_date_entered_<stageId>` properties. Every row
 * ends as a record or a rejection with its index, the column and the reason.
 *
 * ```text
 * stage        = the stage of dealstage (an id, or a label in exports) in its pipeline
 * status       = hs_is_closed / hs_is_closed_won, else the stage's isClosed and probability (1 won, 0 lost)
 * probability  = the stage's metadata.probability;  amount blank stays absent
 * closedAt     = closedate of a closed deal (a date alone: its start in timeZone)
 * expectedCloseAt = the calendar date of closedate in timeZone, for an open deal
 * stageHistory = the stages with a date entered, by time (then display order), labelled
 *                with today's labels; a deal whose current stage is not the last entered
 *                (reopened after close) re-enters it when it exited the last one
 * ```
 * A history property keeps one time per stage, so a stage entered twice shows once.
 *
 * @param input - `{ deals, stages }`: deal rows and the Pipelines API's pipelines or stages.
 * @param options - `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected }` as `parseRecords` returns them.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when
 *   `deals` is not a list; `INVALID_RECORD` at `['stages', …]` for a malformed stage list,
 *   and for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records } = hubspotDeals({
 *   deals: [{ id: '101', properties: { dealstage: 'closedwon', amount: '48000',
 *     createdate: '2026-01-05T09:00:00Z', closedate: '2026-02-20T17:00:00Z',
 *     hs_date_entered_appointmentscheduled: '2026-01-05T09:00:00Z',
 *     hs_date_entered_closedwon: '2026-02-20T17:00:00Z' } }],
 *   stages: [
 *     { id: 'appointmentscheduled', label: 'Appointment Scheduled', metadata: { isClosed: 'false', probability: '0.2' } },
 *     { id: 'closedwon', label: 'Closed Won', metadata: { isClosed: 'true', probability: '1.0' } },
 *   ],
 * })
 * records[0].status // => 'won'
 * records[0].stageHistory.map((entry) => entry.stage) // => ['Appointment Scheduled', 'Closed Won']
 * ```
 * @see https://knowledge.hubspot.com/crm-deals/hubspots-default-deal-properties
 * @category Sources
 */
export function hubspotDeals(
  input: HubspotDealsInput,
  options?: HubspotDealsOptions,
): ParseRecordsResult<Opportunity> {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(HUBSPOT_DEAL_COLUMNS) as HubspotDealField[],
      METRIC,
    )
    if (typeof input !== 'object' || input === null) rowsOf(input, METRIC, ['input'])
    const stages = readStageIndex(optionOf(input, 'stages', METRIC), METRIC)
    const list = rowsOf(optionOf(input, 'deals', METRIC), METRIC, ['deals'])
    const columns = columnResolver(HUBSPOT_DEAL_COLUMNS, settings.columns)
    const stageColumns = stageColumnFinder(stages)
    const collector = rowCollector<Opportunity>(METRIC, settings.onInvalid)
    const seen = new Map<string, number>()
    const entered: EnteredStages = { count: 0, stages: [], times: [] }
    const read: RowReader<Opportunity> = (row, index, issues) => {
      const source = hubspotRow(row)
      const deal = readDeal(source, columns, stages, stageColumns, settings, issues, entered)
      if (deal === undefined) return undefined
      const first = seen.get(deal.id)
      if (first !== undefined) {
        issues.push({
          path: [columns.keysOf(source.cells).id ?? 'id'],
          message: `deal ${deal.id} is also row ${first}`,
        })
        return undefined
      }
      seen.set(deal.id, index)
      return deal
    }
    for (let index = 0; index < list.length; index++) collector.add(list[index], index, read)
    return collector.result()
  })
}

/**
 * Finds the date-entered / date-exited columns of a header layout; remembers the last one.
 * `layout` is what the column resolver returned for the row: the resolver returns the same
 * object for rows with the same keys, so an unchanged layout is found without reading the keys.
 */
function stageColumnFinder(
  stages: StageIndex,
): (row: SourceRow, layout: object) => readonly StageColumn[] {
  let previousLayout: object | undefined
  let found: StageColumn[] = []
  return (row, layout) => {
    if (layout === previousLayout) return found
    const keys = Object.keys(row)
    previousLayout = layout
    found = []
    for (const key of keys) {
      if (key.length > 600) continue
      for (const [kind, patterns] of [
        ['entered', ENTERED],
        ['exited', EXITED],
      ] as const) {
        for (let form = 0; form < patterns.length; form++) {
          const match = (patterns[form] as RegExp).exec(key.trim())
          if (match === null) continue
          const name = match[1] as string
          const matches = form === 0 ? stages.find(name) : stages.findLabelled(name)
          if (matches.length === 1) found.push({ key, stage: matches[0] as CheckedStage, kind })
        }
      }
    }
    return found
  }
}

function readDeal(
  source: HubspotRow,
  columns: ReturnType<typeof columnResolver<HubspotDealField>>,
  stages: StageIndex,
  stageColumns: (row: SourceRow, layout: object) => readonly StageColumn[],
  settings: SourceSettings<HubspotDealField>,
  issues: RecordIssue[],
  scratch: EnteredStages,
): Opportunity | undefined {
  const row = source.cells
  const keys = columns.keysOf(row)
  const context: CellContext = { row, issues }
  const objectId = readText(source.objectId)
  if (objectId === null)
    issues.push({ path: ['id'], message: `expected an id, got ${describeValue(source.objectId)}` })
  const id = objectId ?? textCell(context, keys.id, columns.nameOf('id'), true)
  const createdAt = hubspotInstant(
    issues,
    keys.createdAt === undefined ? source.objectCreatedAt : cellOf(row, keys.createdAt),
    keys.createdAt ?? columns.nameOf('createdAt'),
    'createdate',
    true,
    settings,
  )
  const stageText = textCell(context, keys.stage, columns.nameOf('stage'), true)
  const pipeline = textCell(context, keys.pipeline, columns.nameOf('pipeline'), false)
  const amount = amountCell(context, keys.amount, columns.nameOf('amount'), settings.locale)
  const currency = currencyCell(context, keys.currency, columns.nameOf('currency'))
  const closeValue = cellOf(row, keys.closeDate)
  const closeTime = hubspotInstant(
    issues,
    closeValue,
    keys.closeDate ?? columns.nameOf('closeDate'),
    'closedate',
    false,
    settings,
  )
  const closedFlag = booleanCell(context, keys.closed, columns.nameOf('closed'))
  const wonFlag = booleanCell(context, keys.won, columns.nameOf('won'))
  const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), false)
  const source_ = textCell(context, keys.source, columns.nameOf('source'), false)
  const segment = textCell(context, keys.segment, columns.nameOf('segment'), false)
  const accountId = firstAssociation(source, 'companies', cellOf(row, keys.accountId))
  if (accountId === null)
    issues.push({
      path: [keys.accountId ?? 'associations'],
      message: 'the associated company ids could not be read',
    })
  const entries = scratch
  entries.count = 0
  let exits: Map<CheckedStage, number> | undefined
  const found = stageColumns(row, keys)
  for (let index = 0; index < found.length; index++) {
    const column = found[index] as StageColumn
    const time = hubspotInstant(
      issues,
      cellOf(row, column.key),
      column.key,
      column.key,
      false,
      settings,
    )
    if (time === undefined) continue
    if (column.kind === 'entered') {
      entries.stages[entries.count] = column.stage
      entries.times[entries.count] = time
      entries.count++
    } else {
      exits ??= new Map()
      exits.set(column.stage, time)
    }
  }
  if (issues.length > 0 || id === undefined || createdAt === undefined || stageText === undefined)
    return undefined
  const candidates = stages.find(stageText, pipeline)
  if (candidates.length !== 1) {
    issues.push({
      path: [keys.stage ?? columns.nameOf('stage')],
      message:
        candidates.length === 0
          ? `stage ${describeValue(stageText.slice(0, 60))} is not in the stage list${pipeline === undefined ? '' : ` of pipeline ${describeValue(pipeline.slice(0, 60))}`} (input stages)`
          : `stage ${describeValue(stageText.slice(0, 60))} is in ${candidates.length} pipelines; the row needs its pipeline`,
    })
    return undefined
  }
  const stage = candidates[0] as CheckedStage
  const closed = closedFlag ?? stage.closed
  const won = wonFlag ?? (closed && stage.won)
  if (won && !closed) {
    issues.push({
      path: [keys.won ?? columns.nameOf('won')],
      message: 'the deal is closed won but not closed',
    })
    return undefined
  }
  let closedAt: number | undefined
  let expectedCloseAt: string | undefined
  if (closeTime !== undefined) {
    if (closed) {
      closedAt = closeTime
      if (closedAt < createdAt) {
        if (localDay(closedAt, settings.timeZone) !== localDay(createdAt, settings.timeZone)) {
          issues.push({
            path: [keys.closeDate ?? columns.nameOf('closeDate')],
            message: `closedate ${new Date(closedAt).toISOString()} is before the deal was created (${new Date(createdAt).toISOString()})`,
          })
          return undefined
        }
        closedAt = createdAt
      }
    } else {
      const day = readCalendarDay(closeValue, settings.dateOrder)
      expectedCloseAt =
        typeof day === 'string'
          ? day
          : new Date(localDay(closeTime, settings.timeZone) * 86_400_000).toISOString().slice(0, 10)
    }
  } else if (closed) {
    issues.push({
      path: [keys.closeDate ?? columns.nameOf('closeDate')],
      message: 'a closed deal needs its closedate',
    })
    return undefined
  }
  const stageHistory = historyOf(
    entries,
    exits,
    stage,
    createdAt,
    issues,
    keys.stage ?? columns.nameOf('stage'),
  )
  if (stageHistory === undefined) return undefined
  const deal: Record<string, unknown> = { id, createdAt: new Date(createdAt) }
  if (amount !== undefined) deal.amount = amount
  if (currency !== undefined) deal.currency = currency
  deal.status = closed ? (won ? 'won' : 'lost') : 'open'
  if (closedAt !== undefined) deal.closedAt = new Date(closedAt)
  deal.stageHistory = stageHistory
  if (stage.probability !== undefined) deal.probability = stage.probability
  if (ownerId !== undefined) deal.ownerId = ownerId
  if (segment !== undefined) deal.segment = segment
  if (typeof accountId === 'string') deal.accountId = accountId
  if (source_ !== undefined) deal.source = source_
  if (expectedCloseAt !== undefined) deal.expectedCloseAt = expectedCloseAt
  return deal as unknown as Opportunity
}

/**
 * The stages a deal entered and when, reused from row to row (one per call) so a row's
 * history costs no object per column: `stages[i]` entered at `times[i]` for `i < count`.
 */
interface EnteredStages {
  count: number
  readonly stages: CheckedStage[]
  readonly times: number[]
}

/** The stages entered, by time; the current stage re-entered when it is not the last. */
function historyOf(
  entries: EnteredStages,
  exits: ReadonlyMap<CheckedStage, number> | undefined,
  current: CheckedStage,
  createdAt: number,
  issues: RecordIssue[],
  stagePath: string,
): StageEntry[] | undefined {
  const count = entries.count
  if (count === 0) return [{ stage: current.label, enteredAt: new Date(createdAt) }]
  const { stages, times } = entries
  // Insertion sort by time, then display order; stable, as the few columns are nearly in order.
  for (let index = 1; index < count; index++) {
    const stage = stages[index] as CheckedStage
    const time = times[index] as number
    let to = index
    while (to > 0) {
      const before = times[to - 1] as number
      if (
        before < time ||
        (before === time && (stages[to - 1] as CheckedStage).order <= stage.order)
      )
        break
      stages[to] = stages[to - 1] as CheckedStage
      times[to] = before
      to--
    }
    stages[to] = stage
    times[to] = time
  }
  const history: StageEntry[] = []
  for (let index = 0; index < count; index++)
    history.push({
      stage: (stages[index] as CheckedStage).label,
      enteredAt: new Date(times[index] as number),
    })
  const last = stages[count - 1] as CheckedStage
  const lastAt = times[count - 1] as number
  if (last !== current) {
    const back = exits?.get(last)
    if (back === undefined || back < lastAt) {
      issues.push({
        path: [stagePath],
        message: `the deal is in ${current.label} but the last stage it entered is ${last.label}, with no later exit date to date its return`,
      })
      return undefined
    }
    history.push({ stage: current.label, enteredAt: new Date(back) })
  }
  return history
}
