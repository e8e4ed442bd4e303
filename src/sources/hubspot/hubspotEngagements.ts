import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import { OPEN_DEAL_POLICIES, type OpenDealPolicy } from '../../pipeline/stageConversion.js'
import type { Activity } from '../../records/Activity.js'
import type { ParseRecordsResult } from '../../schemas/parseRecords.js'
import { type CellContext, countCell, textCell } from '../read/cellReaders.js'
import { cellOf, isRow, readText, type SourceRow } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { columnResolver } from '../read/columns.js'
import { invalidOption, optionOf, readSourceOptions, type SourceOptions } from '../read/options.js'
import {
  associationColumns,
  firstAssociation,
  type HubspotRow,
  hubspotInstant,
  hubspotRow,
} from './hubspotRows.js'

const METRIC = 'hubspotEngagements'

/**
 * The engagement fields whose column {@link hubspotEngagements} looks up, each with the
 * headers it tries (CRM API property names, then export labels).
 *
 * @example
 * ```ts
 * HUBSPOT_ENGAGEMENT_COLUMNS.callDuration // => ['hs_call_duration', 'Call duration']
 * ```
 * @category Sources
 */
export const HUBSPOT_ENGAGEMENT_COLUMNS = {
  id: ['hs_object_id', 'Activity ID', 'Engagement ID', 'Record ID'],
  type: ['hs_engagement_type', 'type', 'Activity type', 'Engagement type'],
  at: ['hs_timestamp', 'Activity date', 'Timestamp'],
  ownerId: ['hubspot_owner_id', 'Activity assigned to', 'Owner ID'],
  callDuration: ['hs_call_duration', 'Call duration'],
  meetingStart: ['hs_meeting_start_time', 'Meeting start time'],
  meetingEnd: ['hs_meeting_end_time', 'Meeting end time'],
  taskStatus: ['hs_task_status', 'Task status'],
  dealId: associationColumns('deals'),
  contactId: associationColumns('contacts'),
  companyId: associationColumns('companies'),
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link HUBSPOT_ENGAGEMENT_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type HubspotEngagementField = keyof typeof HUBSPOT_ENGAGEMENT_COLUMNS

/**
 * HubSpot's engagement types (`CALL`, `MEETING`, `EMAIL`, `INCOMING_EMAIL`,
 * `FORWARDED_EMAIL`, `NOTE`, `TASK`) and the cx-metrics activity type of each.
 *
 * @example
 * ```ts
 * HUBSPOT_ENGAGEMENT_TYPES.INCOMING_EMAIL // => 'email'
 * ```
 * @category Sources
 */
export const HUBSPOT_ENGAGEMENT_TYPES: Readonly<Record<string, string>> = {
  CALL: 'call',
  MEETING: 'meeting',
  EMAIL: 'email',
  INCOMING_EMAIL: 'email',
  FORWARDED_EMAIL: 'email',
  NOTE: 'note',
  TASK: 'task',
}

/**
 * Options of {@link hubspotEngagements}.
 *
 * @category Sources
 */
export interface HubspotEngagementsOptions extends SourceOptions<HubspotEngagementField> {
  /** The engagement type of rows without one (an export of one object, such as calls): `'CALL'`. */
  readonly type?: string
  /** Tasks not `COMPLETED`: `'exclude'` (default) rejects them as not done; `'include'` keeps them. See {@link OPEN_DEAL_POLICIES}. */
  readonly open?: OpenDealPolicy
}

/**
 * Turns HubSpot engagements — calls, meetings, emails, notes and tasks as CRM API objects
 * (v3 `properties`, or the legacy `{ engagement, associations, metadata }`) or export rows —
 * into {@link Activity} records. Every row ends as a record or a rejection with its index,
 * the column and the reason.
 *
 * ```text
 * type  = CALL → call, MEETING → meeting, (INCOMING_/FORWARDED_)EMAIL → email, NOTE → note, TASK → task
 * at    = hs_meeting_start_time (meetings) ?? hs_timestamp
 * durationMinutes = hs_call_duration / 60000 (milliseconds) · (meeting end − start) / 60000
 * opportunityId, leadId, accountId = the first associated deal, contact, company
 * ```
 * `ownerId` is required (an activity is a rep's). Tasks not `COMPLETED` are rejected unless
 * `open: 'include'`. A meeting that ends before it starts is rejected.
 *
 * @param rows - Engagement objects or export rows.
 * @param options - `type`, `open`, `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected }` as `parseRecords` returns them.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when
 *   `rows` is not a list; `INVALID_RECORD` for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records } = hubspotEngagements([
 *   { id: '7001', properties: { hs_engagement_type: 'CALL', hs_timestamp: '2026-03-02T15:00:00Z',
 *     hs_call_duration: '900000', hubspot_owner_id: '512' },
 *     associations: { deals: { results: [{ id: '101' }] } } },
 * ])
 * records[0] // => { id: '7001', ownerId: '512', type: 'call', at: new Date('2026-03-02T15:00:00Z'), durationMinutes: 15, opportunityId: '101' }
 * ```
 * @see https://developers.hubspot.com/docs/api/crm/calls
 * @category Sources
 */
export function hubspotEngagements(
  rows: Iterable<unknown>,
  options?: HubspotEngagementsOptions,
): ParseRecordsResult<Activity> {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(HUBSPOT_ENGAGEMENT_COLUMNS) as HubspotEngagementField[],
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
    const fallbackType = optionOf(given, 'type', METRIC)
    if (
      fallbackType !== undefined &&
      (typeof fallbackType !== 'string' || fallbackType.trim() === '' || fallbackType.length > 100)
    )
      throw invalidOption(
        METRIC,
        ['type'],
        `option type is ${describeValue(fallbackType)}; it must be an engagement type such as 'CALL'`,
      )
    const list = rowsOf(rows, METRIC, ['rows'])
    const columns = columnResolver(HUBSPOT_ENGAGEMENT_COLUMNS, settings.columns)
    const collector = rowCollector<Activity>(METRIC, settings.onInvalid)
    const read: RowReader<Activity> = (row, _index, issues) => {
      const source = legacyRow(row) ?? hubspotRow(row)
      const cells = source.cells
      const keys = columns.keysOf(cells)
      const context: CellContext = { row: cells, issues }
      const objectId = readText(source.objectId)
      if (objectId === null)
        issues.push({
          path: ['id'],
          message: `expected an id, got ${describeValue(source.objectId)}`,
        })
      const id = objectId ?? textCell(context, keys.id, columns.nameOf('id'), true)
      const typeText =
        textCell(context, keys.type, columns.nameOf('type'), fallbackType === undefined) ??
        (fallbackType as string | undefined)
      const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), true)
      const timestamp = hubspotInstant(
        issues,
        cellOf(cells, keys.at),
        keys.at ?? columns.nameOf('at'),
        'hs_timestamp',
        false,
        settings,
      )
      const start = hubspotInstant(
        issues,
        cellOf(cells, keys.meetingStart),
        keys.meetingStart ?? columns.nameOf('meetingStart'),
        'hs_meeting_start_time',
        false,
        settings,
      )
      const end = hubspotInstant(
        issues,
        cellOf(cells, keys.meetingEnd),
        keys.meetingEnd ?? columns.nameOf('meetingEnd'),
        'hs_meeting_end_time',
        false,
        settings,
      )
      const callMilliseconds = countCell(
        context,
        keys.callDuration,
        columns.nameOf('callDuration'),
        settings.locale,
      )
      const taskStatus = textCell(context, keys.taskStatus, columns.nameOf('taskStatus'), false)
      const dealId = firstAssociation(source, 'deals', cellOf(cells, keys.dealId))
      const contactId = firstAssociation(source, 'contacts', cellOf(cells, keys.contactId))
      const companyId = firstAssociation(source, 'companies', cellOf(cells, keys.companyId))
      if (dealId === null || contactId === null || companyId === null)
        for (const [kind, value] of [
          ['deal', dealId],
          ['contact', contactId],
          ['company', companyId],
        ] as const)
          if (value === null)
            issues.push({
              path: ['associations'],
              message: `the associated ${kind} ids could not be read`,
            })
      if (issues.length > 0 || id === undefined || ownerId === undefined || typeText === undefined)
        return undefined
      const upper = typeText.toUpperCase()
      const type = HUBSPOT_ENGAGEMENT_TYPES[upper] ?? typeText.toLowerCase()
      if (type === 'task' && open === 'exclude' && taskStatus?.toUpperCase() !== 'COMPLETED') {
        issues.push({
          path: [keys.taskStatus ?? columns.nameOf('taskStatus')],
          message: `a task with status ${describeValue(taskStatus ?? '')} is not a done activity; pass open: 'include' to keep it`,
        })
        return undefined
      }
      const atTime = (type === 'meeting' ? start : undefined) ?? timestamp ?? start
      if (atTime === undefined) {
        issues.push({
          path: [keys.at ?? columns.nameOf('at')],
          message: 'an engagement needs hs_timestamp (or a meeting start)',
        })
        return undefined
      }
      let minutes: number | undefined
      if (type === 'meeting' && start !== undefined && end !== undefined) {
        if (end < start) {
          issues.push({
            path: [keys.meetingEnd ?? columns.nameOf('meetingEnd')],
            message: 'the meeting ends before it starts',
          })
          return undefined
        }
        minutes = (end - start) / 60_000
      } else if (callMilliseconds !== undefined) {
        minutes = callMilliseconds / 60_000
      }
      const activity: { -readonly [K in keyof Activity]: Activity[K] } = {
        id,
        ownerId,
        type,
        at: new Date(atTime),
      }
      if (minutes !== undefined) activity.durationMinutes = minutes === 0 ? 0 : minutes
      if (typeof companyId === 'string') activity.accountId = companyId
      if (typeof contactId === 'string') activity.leadId = contactId
      if (typeof dealId === 'string') activity.opportunityId = dealId
      return activity
    }
    for (let index = 0; index < list.length; index++) collector.add(list[index], index, read)
    return collector.result()
  })
}

/** A legacy engagement `{ engagement, associations, metadata }` as the cells the v3 names read. */
function legacyRow(row: SourceRow): HubspotRow | undefined {
  const engagement = cellOf(row, 'engagement')
  if (!isRow(engagement)) return undefined
  const metadata = cellOf(row, 'metadata')
  const meta: SourceRow = isRow(metadata) ? metadata : {}
  const cells: Record<string, unknown> = {
    hs_object_id: cellOf(engagement, 'id'),
    hs_engagement_type: cellOf(engagement, 'type'),
    hubspot_owner_id: cellOf(engagement, 'ownerId'),
    hs_timestamp: cellOf(engagement, 'timestamp'),
    hs_call_duration: cellOf(meta, 'durationMilliseconds'),
    hs_meeting_start_time: cellOf(meta, 'startTime'),
    hs_meeting_end_time: cellOf(meta, 'endTime'),
    hs_task_status: cellOf(meta, 'status'),
  }
  return {
    cells,
    objectId: undefined,
    objectCreatedAt: undefined,
    associations: cellOf(row, 'associations'),
  }
}
