import { epochDayOfText, localDayOf } from '../../core/calendarKernel.js'
import { guardInput } from '../../core/validate.js'
import type { Lead } from '../../records/Lead.js'
import type { ParseRecordsResult, RecordIssue } from '../../schemas/parseRecords.js'
import {
  booleanCell,
  type CellContext,
  dayCell,
  instantCell,
  textCell,
} from '../read/cellReaders.js'
import type { SourceRow } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { type ColumnResolver, columnResolver } from '../read/columns.js'
import { startOfDay } from '../read/dates.js'
import { readSourceOptions, type SourceOptions, type SourceSettings } from '../read/options.js'

const METRIC = 'salesforceLeads'

/**
 * The lead fields whose column {@link salesforceLeads} looks up, each with the headers it
 * tries (API names, then report labels). `contactedAt` has none by default — Salesforce has
 * no standard first-contact field; map yours with `columns: { contactedAt: 'First_Contact__c' }`.
 *
 * @example
 * ```ts
 * SALESFORCE_LEAD_COLUMNS.convertedAt // => ['ConvertedDate', 'Converted Date']
 * ```
 * @category Sources
 */
export const SALESFORCE_LEAD_COLUMNS = {
  id: ['Id', 'Lead ID', 'Lead Id'],
  createdAt: ['CreatedDate', 'Create Date', 'Created Date'],
  converted: ['IsConverted', 'Converted'],
  convertedAt: ['ConvertedDate', 'Converted Date'],
  opportunityId: ['ConvertedOpportunityId', 'Converted Opportunity ID'],
  ownerId: ['OwnerId', 'Owner ID', 'Lead Owner ID'],
  source: ['LeadSource', 'Lead Source'],
  contactedAt: [],
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link SALESFORCE_LEAD_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type SalesforceLeadField = keyof typeof SALESFORCE_LEAD_COLUMNS

/**
 * Options of {@link salesforceLeads}.
 *
 * @category Sources
 */
export interface SalesforceLeadsOptions extends SourceOptions<SalesforceLeadField> {}

/**
 * Turns a Salesforce `Lead` export into {@link Lead} records — every row ends as a record
 * or a rejection with its index, the column and the reason.
 *
 * ```text
 * convertedAt   = start of ConvertedDate (a date) in timeZone; CreatedDate when converted the day it was created
 * opportunityId = ConvertedOpportunityId;  source = LeadSource;  ownerId = OwnerId
 * ```
 * `IsConverted` and `ConvertedDate` must agree: a converted lead needs its date, a date
 * needs `IsConverted` true (when the column is there). A conversion dated before the day
 * the lead was created is refused.
 *
 * @param rows - `Lead` rows with API names or report labels.
 * @param options - `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected }` as `parseRecords` returns them.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when
 *   `rows` is not a list of rows; `INVALID_RECORD` for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records } = salesforceLeads([
 *   { Id: '00Q1', CreatedDate: '2026-01-05T09:00:00.000Z', IsConverted: 'true',
 *     ConvertedDate: '2026-01-20', ConvertedOpportunityId: '0061', LeadSource: 'Web' },
 * ])
 * records[0].convertedAt.toISOString() // => '2026-01-20T00:00:00.000Z'
 * records[0].opportunityId // => '0061'
 * ```
 * @see https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-lead.html
 * @category Sources
 */
export function salesforceLeads(
  rows: Iterable<unknown>,
  options?: SalesforceLeadsOptions,
): ParseRecordsResult<Lead> {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(SALESFORCE_LEAD_COLUMNS) as SalesforceLeadField[],
      METRIC,
    )
    const list = rowsOf(rows, METRIC, ['rows'])
    const columns = columnResolver(SALESFORCE_LEAD_COLUMNS, settings.columns)
    const collector = rowCollector<Lead>(METRIC, settings.onInvalid)
    const read: RowReader<Lead> = (row, _index, issues) => readLead(row, issues, columns, settings)
    for (let index = 0; index < list.length; index++) collector.add(list[index], index, read)
    return collector.result()
  })
}

/** One lead row (see {@link salesforceLeads}). */
function readLead(
  row: SourceRow,
  issues: RecordIssue[],
  columns: ColumnResolver<SalesforceLeadField>,
  settings: SourceSettings<SalesforceLeadField>,
): Lead | undefined {
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
  const converted = booleanCell(context, keys.converted, columns.nameOf('converted'))
  const convertedDay = dayCell(context, keys.convertedAt, columns.nameOf('convertedAt'), settings)
  const opportunityId = textCell(
    context,
    keys.opportunityId,
    columns.nameOf('opportunityId'),
    false,
  )
  const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), false)
  const source = textCell(context, keys.source, columns.nameOf('source'), false)
  const contactedAt = instantCell(
    context,
    keys.contactedAt,
    columns.nameOf('contactedAt'),
    false,
    settings,
  )
  if (issues.length > 0 || id === undefined || createdAt === undefined) return undefined
  if (converted === true && convertedDay === undefined) {
    issues.push({
      path: [keys.convertedAt ?? columns.nameOf('convertedAt')],
      message: 'a converted lead (IsConverted true) needs its ConvertedDate',
    })
    return undefined
  }
  if (converted === false && convertedDay !== undefined) {
    issues.push({
      path: [keys.converted ?? columns.nameOf('converted')],
      message: `IsConverted is false but ConvertedDate is ${convertedDay}`,
    })
    return undefined
  }
  let convertedAt: number | undefined
  if (convertedDay !== undefined) {
    convertedAt = startOfDay(convertedDay, settings.timeZone)
    if (convertedAt < createdAt) {
      if (localDayOf(createdAt, settings.timeZone) !== epochDayOfText(convertedDay)) {
        issues.push({
          path: [keys.convertedAt ?? columns.nameOf('convertedAt')],
          message: `ConvertedDate ${convertedDay} is before the day the lead was created (${new Date(createdAt).toISOString()})`,
        })
        return undefined
      }
      convertedAt = createdAt
    }
  }
  if (contactedAt !== undefined && contactedAt < createdAt) {
    issues.push({
      path: [keys.contactedAt ?? columns.nameOf('contactedAt')],
      message: 'the lead was contacted before it was created',
    })
    return undefined
  }
  const lead: { -readonly [K in keyof Lead]: Lead[K] } = {
    id,
    createdAt: new Date(createdAt),
  }
  if (contactedAt !== undefined) lead.contactedAt = new Date(contactedAt)
  if (convertedAt !== undefined) lead.convertedAt = new Date(convertedAt)
  if (opportunityId !== undefined) lead.opportunityId = opportunityId
  if (ownerId !== undefined) lead.ownerId = ownerId
  if (source !== undefined) lead.source = source
  return lead
}
