import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import { OPEN_DEAL_POLICIES, type OpenDealPolicy } from '../../pipeline/stageConversion.js'
import { ACTIVITY_TYPES, type Activity } from '../../records/Activity.js'
import type { ParseRecordsResult, RecordIssue } from '../../schemas/parseRecords.js'
import {
  booleanCell,
  type CellContext,
  countCell,
  instantCell,
  textCell,
} from '../read/cellReaders.js'
import type { SourceRow } from '../read/cells.js'
import { type RowCollector, type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { type ColumnResolver, columnResolver } from '../read/columns.js'
import {
  invalidOption,
  optionOf,
  readSourceOptions,
  type SourceOptions,
  type SourceSettings,
} from '../read/options.js'
import { ID_PREFIXES } from './salesforceIdPrefixes.js'

const METRIC = 'salesforceActivities'

/**
 * The activity fields whose column {@link salesforceActivities} looks up in `Task` and
 * `Event` rows, each with the headers it tries (API names, then report labels).
 *
 * @example
 * ```ts
 * SALESFORCE_ACTIVITY_COLUMNS.durationMinutes // => ['DurationInMinutes', 'Duration']
 * ```
 * @category Sources
 */
export const SALESFORCE_ACTIVITY_COLUMNS = {
  id: ['Id', 'Activity ID', 'Task ID', 'Event ID'],
  ownerId: ['OwnerId', 'Assigned To ID', 'Owner ID'],
  subtype: ['TaskSubtype', 'EventSubtype', 'Task Subtype', 'Event Subtype', 'Activity Subtype'],
  type: ['Type', 'Task Type', 'Event Type'],
  start: ['StartDateTime', 'ActivityDateTime', 'Start', 'Start Date Time'],
  completedAt: ['CompletedDateTime', 'Completed Date/Time'],
  activityDate: ['ActivityDate', 'Due Date', 'Date'],
  createdAt: ['CreatedDate', 'Created Date'],
  durationMinutes: ['DurationInMinutes', 'Duration'],
  callSeconds: ['CallDurationInSeconds', 'Call Duration'],
  whatId: ['WhatId', 'Related To ID'],
  whoId: ['WhoId', 'Name ID'],
  accountId: ['AccountId', 'Account ID'],
  closed: ['IsClosed', 'Closed'],
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link SALESFORCE_ACTIVITY_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type SalesforceActivityField = keyof typeof SALESFORCE_ACTIVITY_COLUMNS

/**
 * The `Task` and `Event` rows of a Salesforce export.
 *
 * @category Sources
 */
export interface SalesforceActivitiesInput {
  readonly tasks?: Iterable<unknown>
  readonly events?: Iterable<unknown>
}

/**
 * Options of {@link salesforceActivities}.
 *
 * @category Sources
 */
export interface SalesforceActivitiesOptions extends SourceOptions<SalesforceActivityField> {
  /** Open tasks (`IsClosed` false): `'exclude'` (default) rejects them as not done; `'include'` keeps them. See {@link OPEN_DEAL_POLICIES}. */
  readonly open?: OpenDealPolicy
  /** Your activity type for a Salesforce `Type` or subtype value: `{ 'Site Visit': 'visit' }`. */
  readonly types?: Readonly<Record<string, string>>
}

/** Salesforce subtypes and default types → cx-metrics activity types (compared in lower case). */
const DEFAULT_TYPES: ReadonlyMap<string, string> = new Map([
  ['call', 'call'],
  ['email', 'email'],
  ['listemail', 'email'],
  ['list email', 'email'],
  ['meeting', 'meeting'],
  ['event', 'meeting'],
  ['visit', 'visit'],
  ['demo', 'demo'],
  ['proposal sent', 'proposal-sent'],
  ['proposal-sent', 'proposal-sent'],
  ['linkedin', 'linkedin'],
  ['cadence', 'cadence'],
])

/**
 * Turns Salesforce `Task` and `Event` rows into {@link Activity} records — every row ends as
 * a record or a rejection with its index, the column and the reason. Events are numbered
 * after the tasks: event `j` has index `tasks.length + j`.
 *
 * ```text
 * type  = `types`[Type] ?? Type ?? TaskSubtype (ListEmail → email); blank → 'task' / 'meeting';
 *         names of ACTIVITY_TYPES in any case map to them (Call → call), others are kept
 * at    = task: CompletedDateTime ?? ActivityDate (date, in timeZone) ?? CreatedDate
 *         event: StartDateTime ?? ActivityDateTime ?? ActivityDate (all-day, in timeZone)
 * durationMinutes = DurationInMinutes ?? CallDurationInSeconds / 60
 * WhatId 006… → opportunityId, 001… → accountId (AccountId wins); WhoId 00Q… → leadId
 * ```
 *
 * @param input - `{ tasks?, events? }`: rows with API names or report labels.
 * @param options - `open`, `types`, `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected }` as `parseRecords` returns them.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when an
 *   input is not a list of rows; `INVALID_RECORD` for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records } = salesforceActivities({
 *   tasks: [{ Id: '00T1', OwnerId: '0051', TaskSubtype: 'Call', IsClosed: 'true',
 *     CompletedDateTime: '2026-03-02T15:00:00.000Z', CallDurationInSeconds: '900',
 *     WhatId: '0061', WhoId: '00Q1' }],
 * })
 * records[0].type // => 'call'
 * records[0].durationMinutes // => 15
 * records[0].opportunityId // => '0061'
 * ```
 * @see https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-task.html
 * @category Sources
 */
export function salesforceActivities(
  input: SalesforceActivitiesInput,
  options?: SalesforceActivitiesOptions,
): ParseRecordsResult<Activity> {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(SALESFORCE_ACTIVITY_COLUMNS) as SalesforceActivityField[],
      METRIC,
    )
    const given = options ?? {}
    const open = optionOf(given, 'open', METRIC) ?? 'exclude'
    if (!OPEN_DEAL_POLICIES.includes(open as OpenDealPolicy))
      throw invalidOption(
        METRIC,
        ['open'],
        `option open is ${describeValue(open)}; it must be 'exclude' or 'include'`,
      )
    const types = readTypes(optionOf(given, 'types', METRIC))
    if (typeof input !== 'object' || input === null) rowsOf(input, METRIC, ['input'])
    const tasksInput = optionOf(input, 'tasks', METRIC)
    const eventsInput = optionOf(input, 'events', METRIC)
    const tasks = tasksInput === undefined ? [] : rowsOf(tasksInput, METRIC, ['tasks'])
    const events = eventsInput === undefined ? [] : rowsOf(eventsInput, METRIC, ['events'])
    const collector = rowCollector<Activity>(METRIC, settings.onInvalid)
    const reader = {
      settings,
      types,
      open: open as OpenDealPolicy,
      columns: columnResolver(SALESFORCE_ACTIVITY_COLUMNS, settings.columns),
    }
    addAll(collector, tasks, 0, (row, _index, issues) => readActivity(row, issues, reader, 'task'))
    addAll(collector, events, tasks.length, (row, _index, issues) =>
      readActivity(row, issues, reader, 'event'),
    )
    return collector.result()
  })
}

function addAll(
  collector: RowCollector<Activity>,
  rows: readonly unknown[],
  offset: number,
  read: RowReader<Activity>,
): void {
  for (let index = 0; index < rows.length; index++) collector.add(rows[index], offset + index, read)
}

/** The `types` option: Salesforce value (any case) → activity type. */
function readTypes(value: unknown): ReadonlyMap<string, string> {
  if (value === undefined) return DEFAULT_TYPES
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidOption(
      METRIC,
      ['types'],
      `option types is ${describeValue(value)}; it must be an object such as { 'Site Visit': 'visit' }`,
    )
  const types = new Map(DEFAULT_TYPES)
  for (const key of Object.keys(value)) {
    const type = optionOf(value, key, METRIC)
    if (typeof type !== 'string' || type.trim() === '' || type.length > 100)
      throw invalidOption(
        METRIC,
        ['types', key],
        `option types.${key} is ${describeValue(type)}; it must be an activity type`,
      )
    types.set(key.trim().toLowerCase(), type.trim())
  }
  return types
}

interface ActivityReader {
  readonly settings: SourceSettings<SalesforceActivityField>
  readonly types: ReadonlyMap<string, string>
  readonly open: OpenDealPolicy
  readonly columns: ColumnResolver<SalesforceActivityField>
}

function readActivity(
  row: SourceRow,
  issues: RecordIssue[],
  reader: ActivityReader,
  kind: 'task' | 'event',
): Activity | undefined {
  const { settings, columns } = reader
  const keys = columns.keysOf(row)
  const context: CellContext = { row, issues }
  const id = textCell(context, keys.id, columns.nameOf('id'), true)
  const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), true)
  const subtype = textCell(context, keys.subtype, columns.nameOf('subtype'), false)
  const typeText = textCell(context, keys.type, columns.nameOf('type'), false)
  const start = instantCell(context, keys.start, columns.nameOf('start'), false, settings)
  const completedAt = instantCell(
    context,
    keys.completedAt,
    columns.nameOf('completedAt'),
    false,
    settings,
  )
  const activityDate = instantCell(
    context,
    keys.activityDate,
    columns.nameOf('activityDate'),
    false,
    settings,
  )
  const createdAt = instantCell(
    context,
    keys.createdAt,
    columns.nameOf('createdAt'),
    false,
    settings,
  )
  const minutes = countCell(
    context,
    keys.durationMinutes,
    columns.nameOf('durationMinutes'),
    settings.locale,
  )
  const seconds = countCell(
    context,
    keys.callSeconds,
    columns.nameOf('callSeconds'),
    settings.locale,
  )
  const whatId = textCell(context, keys.whatId, columns.nameOf('whatId'), false)
  const whoId = textCell(context, keys.whoId, columns.nameOf('whoId'), false)
  const accountId = textCell(context, keys.accountId, columns.nameOf('accountId'), false)
  const closed = booleanCell(context, keys.closed, columns.nameOf('closed'))
  if (issues.length > 0 || id === undefined || ownerId === undefined) return undefined
  if (kind === 'task' && closed === false && reader.open === 'exclude') {
    issues.push({
      path: [keys.closed ?? columns.nameOf('closed')],
      message:
        "an open task (IsClosed false) is not a done activity; pass open: 'include' to keep it",
    })
    return undefined
  }
  const at =
    kind === 'task'
      ? (completedAt ?? activityDate ?? createdAt)
      : (start ?? activityDate ?? createdAt)
  if (at === undefined) {
    issues.push({
      path: [
        kind === 'task'
          ? (keys.activityDate ?? columns.nameOf('activityDate'))
          : (keys.start ?? columns.nameOf('start')),
      ],
      message:
        kind === 'task'
          ? 'a task needs CompletedDateTime, ActivityDate or CreatedDate'
          : 'an event needs StartDateTime, ActivityDateTime or ActivityDate',
    })
    return undefined
  }
  const activity: { -readonly [K in keyof Activity]: Activity[K] } = {
    id,
    ownerId,
    type: activityType(typeText, subtype, kind, reader.types),
    at: new Date(at),
  }
  const duration = minutes ?? (seconds === undefined ? undefined : seconds / 60)
  if (duration !== undefined) activity.durationMinutes = duration === 0 ? 0 : duration
  const what = whatId?.slice(0, 3)
  const account = accountId ?? (what === ID_PREFIXES.account ? whatId : undefined)
  if (account !== undefined) activity.accountId = account
  if (whoId?.slice(0, 3) === ID_PREFIXES.lead) activity.leadId = whoId
  if (whatId !== undefined && what === ID_PREFIXES.opportunity) activity.opportunityId = whatId
  return activity
}

/** The activity type of a row: the `types` map, then cx-metrics' own names, else kept as given. */
function activityType(
  typeText: string | undefined,
  subtype: string | undefined,
  kind: 'task' | 'event',
  types: ReadonlyMap<string, string>,
): string {
  const useful = (text: string | undefined) =>
    text !== undefined && !['other', 'task', 'event'].includes(text.toLowerCase())
      ? text
      : undefined
  const given = useful(typeText) ?? useful(subtype)
  if (given === undefined) {
    const fallback = typeText ?? subtype
    const mapped = fallback === undefined ? undefined : types.get(fallback.toLowerCase())
    return mapped ?? (kind === 'task' ? 'task' : 'meeting')
  }
  const mapped = types.get(given.toLowerCase())
  if (mapped !== undefined) return mapped
  const normal = given.toLowerCase().replace(/[\s_]+/g, '-')
  return ACTIVITY_TYPES.find((type) => type === normal) ?? given
}
