import { describeValue } from '../../core/describeValue.js'
import type { RecordIssue } from '../../schemas/parseRecords.js'
import { cellOf, isBlankCell, isRow, readText, type SourceRow } from '../read/cells.js'
import { type DateReading, readInstant } from '../read/dates.js'

/**
 * What the HubSpot adapters share: a row is either a flat export row (headers as keys) or a
 * CRM API object `{ id, properties: { … }, createdAt, associations }`, whose `properties` are
 * read as the row. Times are ISO 8601 text, report date-times in the stated zone, or epoch
 * milliseconds (the legacy APIs and `hs_timestamp`). Internal.
 */

/** The cells of a row to read: the row itself, or the `properties` of an API object. */
export interface HubspotRow {
  readonly cells: SourceRow
  /** The API object's own `id` (its `hs_object_id`), when the row is one. */
  readonly objectId: unknown
  /** The API object's `createdAt`, when the row is one. */
  readonly objectCreatedAt: unknown
  readonly associations: unknown
}

/** Splits an input row into the cells to read and the API object's own fields. */
export function hubspotRow(row: SourceRow): HubspotRow {
  const properties = cellOf(row, 'properties')
  if (isRow(properties))
    return {
      cells: properties,
      objectId: cellOf(row, 'id'),
      objectCreatedAt: cellOf(row, 'createdAt'),
      associations: cellOf(row, 'associations'),
    }
  return {
    cells: row,
    objectId: undefined,
    objectCreatedAt: undefined,
    associations: cellOf(row, 'associations'),
  }
}

/** Epoch milliseconds written as a number or 12–13 digits (the legacy APIs, `hs_timestamp`). */
function epochMilliseconds(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value <= 253_402_300_799_999 ? value : undefined
  if (typeof value === 'string' && value.length <= 40 && isEpochText(value)) return Number(value)
  return undefined
}

/** True for 12–13 ASCII digits with white space (`\s`) around them only: `/^\s*\d{12,13}\s*$/`. */
export function isEpochText(text: string): boolean {
  let start = 0
  let end = text.length
  // A date (`2026-…`) or any text whose fifth character is not a digit is decided at once.
  const fifth = text.charCodeAt(4)
  if (fifth === 45 || fifth === 47 || fifth === 46) return false
  while (start < end && isSpace(text.charCodeAt(start))) start++
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  const digits = end - start
  if (digits < 12 || digits > 13) return false
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index)
    if (code < 48 || code > 57) return false
  }
  return true
}

/** The characters of JavaScript's `\s` (white space and line terminators). */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/**
 * An instant: epoch ms, ISO 8601 text (with an offset, or wall-clock time in the zone), a
 * report date-time or a date alone in the zone. Pushes an issue at `path` when unreadable;
 * `required` also when blank.
 */
export function hubspotInstant(
  issues: RecordIssue[],
  value: unknown,
  path: string,
  name: string,
  required: boolean,
  reading: DateReading,
): number | undefined {
  if (isBlankCell(value)) {
    if (required) issues.push({ path: [path], message: `${name} is blank` })
    return undefined
  }
  const epoch = epochMilliseconds(value)
  if (epoch !== undefined) return epoch
  const time = readInstant(value, reading)
  if (time === null || time === undefined) {
    issues.push({
      path: [path],
      message: `expected a date-time (ISO 8601, epoch milliseconds, or ${reading.dateOrder} order), got ${describeValue(value)}`,
    })
    return undefined
  }
  return time
}

/** The association kinds the adapters read, with the names of each layout. */
const ASSOCIATION_NAMES = {
  deals: { v3: 'deals', legacy: 'dealIds', column: ['Associated Deal IDs', 'Associated Deal ID'] },
  contacts: {
    v3: 'contacts',
    legacy: 'contactIds',
    column: ['Associated Contact IDs', 'Associated Contact ID'],
  },
  companies: {
    v3: 'companies',
    legacy: 'companyIds',
    column: ['Associated Company IDs', 'Associated Company ID', 'Associated Company IDs (Primary)'],
  },
} as const

/** The kinds of association read: deals, contacts, companies. */
export type AssociationKind = keyof typeof ASSOCIATION_NAMES

/** The export columns that hold association ids (semicolon-separated lists). */
export function associationColumns(kind: AssociationKind): readonly string[] {
  return ASSOCIATION_NAMES[kind].column
}

/**
 * The first associated id of `kind`: from the v3 `associations.<kind>.results[0].id`, the
 * legacy `associations.<kind>Ids[0]`, or the first of a semicolon-separated export cell.
 * `undefined` when there is none; `null` when the value is there but unreadable.
 */
export function firstAssociation(
  source: HubspotRow,
  kind: AssociationKind,
  exportCell: unknown,
): string | undefined | null {
  const names = ASSOCIATION_NAMES[kind]
  const associations = source.associations
  if (isRow(associations)) {
    const v3 = cellOf(associations, names.v3)
    if (isRow(v3)) {
      const results = cellOf(v3, 'results')
      if (!Array.isArray(results)) return null
      if (results.length === 0) return undefined
      const first = results[0] as unknown
      return isRow(first) ? idText(cellOf(first, 'id')) : null
    }
    const legacy = cellOf(associations, names.legacy)
    if (Array.isArray(legacy)) return legacy.length === 0 ? undefined : idText(legacy[0])
    if (legacy !== undefined) return null
  }
  const text = readText(exportCell, 10_000)
  if (text === null) return null
  if (text === undefined) return undefined
  const first = text.split(';')[0]?.trim() ?? ''
  return first === '' ? undefined : idText(first)
}

function idText(value: unknown): string | null {
  const text = readText(value, 255)
  return text === undefined ? null : text
}
