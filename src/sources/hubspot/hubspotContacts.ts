import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import type { Lead } from '../../records/Lead.js'
import type { ParseRecordsResult } from '../../schemas/parseRecords.js'
import { type CellContext, textCell } from '../read/cellReaders.js'
import { cellOf, readText } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { columnResolver, normaliseHeader } from '../read/columns.js'
import { invalidOption, optionOf, readSourceOptions, type SourceOptions } from '../read/options.js'
import { associationColumns, firstAssociation, hubspotInstant, hubspotRow } from './hubspotRows.js'

const METRIC = 'hubspotContacts'

/**
 * HubSpot's default lifecycle stages in their order (internal values of `lifecyclestage`):
 * subscriber → lead → marketing qualified lead → sales qualified lead → opportunity →
 * customer → evangelist. (`other` is outside the order.)
 *
 * @example
 * ```ts
 * HUBSPOT_LIFECYCLE_STAGES.indexOf('opportunity') // => 4
 * ```
 * @see https://knowledge.hubspot.com/contacts/use-lifecycle-stages
 * @category Sources
 */
export const HUBSPOT_LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
] as const
/**
 * One of {@link HUBSPOT_LIFECYCLE_STAGES}.
 *
 * @category Sources
 */
export type HubspotLifecycleStage = (typeof HUBSPOT_LIFECYCLE_STAGES)[number]

/** The export label of each stage's date property: `Became a Lead Date`, … */
const STAGE_LABELS: Readonly<Record<HubspotLifecycleStage, string>> = {
  subscriber: 'Became a Subscriber Date',
  lead: 'Became a Lead Date',
  marketingqualifiedlead: 'Became a Marketing Qualified Lead Date',
  salesqualifiedlead: 'Became a Sales Qualified Lead Date',
  opportunity: 'Became an Opportunity Date',
  customer: 'Became a Customer Date',
  evangelist: 'Became an Evangelist Date',
}

/**
 * The contact fields whose column {@link hubspotContacts} looks up, each with the headers it
 * tries (CRM API property names, then export labels). The lifecycle-stage dates are found
 * by name: `hs_lifecyclestage_<stage>_date`, `hs_v2_date_entered_<stage>` or
 * `Became a … Date`. `contactedAt` has no default column.
 *
 * @example
 * ```ts
 * HUBSPOT_CONTACT_COLUMNS.source // => ['hs_analytics_source', 'Original Source', 'Original Traffic Source']
 * ```
 * @category Sources
 */
export const HUBSPOT_CONTACT_COLUMNS = {
  id: ['hs_object_id', 'Record ID', 'Contact ID'],
  createdAt: ['createdate', 'Create Date'],
  lifecycleStage: ['lifecyclestage', 'Lifecycle Stage'],
  ownerId: ['hubspot_owner_id', 'Contact owner', 'Contact Owner'],
  source: ['hs_analytics_source', 'Original Source', 'Original Traffic Source'],
  opportunityId: associationColumns('deals'),
  contactedAt: [],
} as const satisfies Record<string, readonly string[]>

/**
 * A field of {@link HUBSPOT_CONTACT_COLUMNS}: what the `columns` option may map.
 *
 * @category Sources
 */
export type HubspotContactField = keyof typeof HUBSPOT_CONTACT_COLUMNS

/**
 * Options of {@link hubspotContacts}.
 *
 * @category Sources
 */
export interface HubspotContactsOptions extends SourceOptions<HubspotContactField> {
  /** The lifecycle stage whose reaching counts as conversion; default `'opportunity'`. */
  readonly conversionStage?: HubspotLifecycleStage
}

/**
 * Turns HubSpot contacts — export rows or CRM API objects — into {@link Lead} records:
 * a lead converts when it reaches the conversion lifecycle stage. Every row ends as a record
 * or a rejection with its index, the column and the reason.
 *
 * ```text
 * createdAt     = createdate
 * convertedAt   = earliest date of the conversion stage or any later stage
 *                 (hs_lifecyclestage_<stage>_date, HubSpot can skip stages)
 * opportunityId = the first associated deal;  ownerId = hubspot_owner_id;  source = hs_analytics_source
 * ```
 * A contact whose `lifecyclestage` is at or past the conversion stage without any such date
 * is rejected (its conversion cannot be dated), as is a conversion before `createdate`.
 * `hs_lead_status` has no place in {@link Lead} and is not read.
 *
 * @param rows - Contact rows with property names or export labels, or CRM API objects.
 * @param options - `conversionStage`, `columns`, `locale`, `dateOrder`, `timeZone`, `onInvalid`.
 * @returns `{ records, rejected }` as `parseRecords` returns them.
 * @throws MetricInputError `INVALID_OPTION` for a bad option; `VALUE_OUT_OF_RANGE` when
 *   `rows` is not a list; `INVALID_RECORD` for the first bad row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records } = hubspotContacts([
 *   { hs_object_id: '51', createdate: '2026-01-05T09:00:00Z', lifecyclestage: 'customer',
 *     hs_lifecyclestage_customer_date: '2026-02-01T10:00:00Z', hs_analytics_source: 'ORGANIC_SEARCH' },
 * ])
 * records[0].convertedAt.toISOString() // => '2026-02-01T10:00:00.000Z'
 * records[0].source // => 'ORGANIC_SEARCH'
 * ```
 * @see https://knowledge.hubspot.com/contacts/use-lifecycle-stages
 * @category Sources
 */
export function hubspotContacts(
  rows: Iterable<unknown>,
  options?: HubspotContactsOptions,
): ParseRecordsResult<Lead> {
  return guardInput(METRIC, () => {
    const settings = readSourceOptions(
      options,
      Object.keys(HUBSPOT_CONTACT_COLUMNS) as HubspotContactField[],
      METRIC,
    )
    const stage = optionOf(options ?? {}, 'conversionStage', METRIC) ?? 'opportunity'
    const from = HUBSPOT_LIFECYCLE_STAGES.indexOf(stage as HubspotLifecycleStage)
    if (from === -1)
      throw invalidOption(
        METRIC,
        ['conversionStage'],
        `option conversionStage is ${describeValue(stage)}; it must be one of ${HUBSPOT_LIFECYCLE_STAGES.join(', ')}`,
      )
    const converting = HUBSPOT_LIFECYCLE_STAGES.slice(from)
    const dateColumns: Record<string, readonly string[]> = {}
    for (const name of converting)
      dateColumns[name] = [
        `hs_lifecyclestage_${name}_date`,
        `hs_v2_date_entered_${name}`,
        STAGE_LABELS[name],
      ]
    const list = rowsOf(rows, METRIC, ['rows'])
    const columns = columnResolver(HUBSPOT_CONTACT_COLUMNS, settings.columns)
    const dates = columnResolver(dateColumns)
    const collector = rowCollector<Lead>(METRIC, settings.onInvalid)
    const read: RowReader<Lead> = (row, _index, issues) => {
      const source = hubspotRow(row)
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
      const createdAt = hubspotInstant(
        issues,
        keys.createdAt === undefined ? source.objectCreatedAt : cellOf(cells, keys.createdAt),
        keys.createdAt ?? columns.nameOf('createdAt'),
        'createdate',
        true,
        settings,
      )
      const lifecycle = textCell(
        context,
        keys.lifecycleStage,
        columns.nameOf('lifecycleStage'),
        false,
      )
      const ownerId = textCell(context, keys.ownerId, columns.nameOf('ownerId'), false)
      const origin = textCell(context, keys.source, columns.nameOf('source'), false)
      const contactedAt = hubspotInstant(
        issues,
        cellOf(cells, keys.contactedAt),
        keys.contactedAt ?? columns.nameOf('contactedAt'),
        'contactedAt',
        false,
        settings,
      )
      const opportunityId = firstAssociation(source, 'deals', cellOf(cells, keys.opportunityId))
      if (opportunityId === null)
        issues.push({
          path: [keys.opportunityId ?? 'associations'],
          message: 'the associated deal ids could not be read',
        })
      const dateKeys = dates.keysOf(cells)
      let convertedAt: number | undefined
      for (const stageName of converting) {
        const key = dateKeys[stageName]
        const time = hubspotInstant(
          issues,
          cellOf(cells, key),
          key ?? stageName,
          stageName,
          false,
          settings,
        )
        if (time !== undefined && (convertedAt === undefined || time < convertedAt))
          convertedAt = time
      }
      if (issues.length > 0 || id === undefined || createdAt === undefined) return undefined
      const reached =
        lifecycle === undefined
          ? -1
          : HUBSPOT_LIFECYCLE_STAGES.indexOf(
              normaliseHeader(lifecycle).replace(/ /g, '') as HubspotLifecycleStage,
            )
      if (convertedAt === undefined && reached >= from) {
        issues.push({
          path: [keys.lifecycleStage ?? columns.nameOf('lifecycleStage')],
          message: `lifecyclestage ${describeValue(lifecycle)} is at or past ${stage} but no lifecycle date (hs_lifecyclestage_<stage>_date) dates the conversion`,
        })
        return undefined
      }
      if (convertedAt !== undefined && convertedAt < createdAt) {
        issues.push({
          path: [keys.createdAt ?? columns.nameOf('createdAt')],
          message: `the contact converted (${new Date(convertedAt).toISOString()}) before it was created (${new Date(createdAt).toISOString()})`,
        })
        return undefined
      }
      if (contactedAt !== undefined && contactedAt < createdAt) {
        issues.push({
          path: [keys.contactedAt ?? columns.nameOf('contactedAt')],
          message: 'the contact was contacted before it was created',
        })
        return undefined
      }
      const lead: { -readonly [K in keyof Lead]: Lead[K] } = {
        id,
        createdAt: new Date(createdAt),
      }
      if (contactedAt !== undefined) lead.contactedAt = new Date(contactedAt)
      if (convertedAt !== undefined) lead.convertedAt = new Date(convertedAt)
      if (typeof opportunityId === 'string') lead.opportunityId = opportunityId
      if (ownerId !== undefined) lead.ownerId = ownerId
      if (origin !== undefined) lead.source = origin
      return lead
    }
    for (let index = 0; index < list.length; index++) collector.add(list[index], index, read)
    return collector.result()
  })
}
