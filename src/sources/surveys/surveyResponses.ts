import { requireTimeZone } from '../../core/calendarPeriods.js'
import { describeValue } from '../../core/describeValue.js'
import { guardInput } from '../../core/validate.js'
import type { SurveyResponse } from '../../records/SurveyResponse.js'
import type { ParseRecordsResult } from '../../schemas/parseRecords.js'
import { type CellContext, textCell } from '../read/cellReaders.js'
import { cellOf, isBlankCell, isRow, readText, type SourceRow } from '../read/cells.js'
import { type RowReader, rowCollector, rowsOf } from '../read/collect.js'
import { columnResolver, normaliseHeader } from '../read/columns.js'
import { type DateReading, readInstant } from '../read/dates.js'
import { readJson } from '../read/json.js'
import { invalidOption, optionOf, readSourceOptions, type SourceOptions } from '../read/options.js'

const METRIC = 'surveyResponses'

/**
 * The survey tools whose export layout {@link surveyResponses} knows, and `'generic'` for
 * any table with a column mapping.
 *
 * @example
 * ```ts
 * SURVEY_VENDORS // => ['delighted', 'qualtrics', 'surveymonkey', 'typeform', 'generic']
 * ```
 * @category Sources
 */
export const SURVEY_VENDORS = [
  'delighted',
  'qualtrics',
  'surveymonkey',
  'typeform',
  'generic',
] as const
/**
 * One of {@link SURVEY_VENDORS}.
 *
 * @category Sources
 */
export type SurveyVendor = (typeof SURVEY_VENDORS)[number]

/**
 * A field of a survey export that the `columns` option of {@link surveyResponses} may map:
 * the 0–10 answer, when it was given, an optional segment column, and the response id
 * (used only to recognise the extra header rows of Qualtrics and SurveyMonkey exports).
 *
 * @category Sources
 */
export type SurveyResponseField = 'score' | 'respondedAt' | 'segment' | 'responseId'

/**
 * The headers {@link surveyResponses} tries for each field, per vendor (best first). An
 * empty `score` list means the column is found from the export's own layout: Qualtrics'
 * NPS question is the column `X` with a sibling `X_NPS_GROUP`; in SurveyMonkey and
 * Typeform exports it is the one question whose header mentions "recommend".
 *
 * @example
 * ```ts
 * SURVEY_RESPONSE_COLUMNS.qualtrics.respondedAt // => ['RecordedDate', 'EndDate', 'Recorded Date', 'End Date']
 * ```
 * @category Sources
 */
export const SURVEY_RESPONSE_COLUMNS: Readonly<
  Record<SurveyVendor, Readonly<Record<SurveyResponseField, readonly string[]>>>
> = {
  delighted: {
    score: ['score', 'Score'],
    respondedAt: ['created_at', 'Response timestamp', 'Created At'],
    segment: [],
    responseId: ['id', 'Response ID'],
  },
  qualtrics: {
    score: [],
    respondedAt: ['RecordedDate', 'EndDate', 'Recorded Date', 'End Date'],
    segment: [],
    responseId: ['ResponseId', 'Response ID'],
  },
  surveymonkey: {
    score: [],
    respondedAt: ['Date Created', 'End Date'],
    segment: [],
    responseId: ['Respondent ID'],
  },
  typeform: {
    score: [],
    respondedAt: ['Submitted At', 'Submit Date (UTC)', 'submitted_at'],
    segment: [],
    responseId: ['#', 'Response ID'],
  },
  generic: {
    score: ['score'],
    respondedAt: ['respondedAt', 'responded_at', 'date'],
    segment: ['segment'],
    responseId: ['id'],
  },
}

/**
 * Options of {@link surveyResponses}: `vendor` (required) and the common source options.
 * Dates without a UTC offset (Qualtrics `RecordedDate`, SurveyMonkey `Date Created`, a date
 * alone) are read only when `timeZone` is given: the export's zone is not in the file.
 *
 * @category Sources
 */
export interface SurveyResponsesOptions extends SourceOptions<SurveyResponseField> {
  /** Whose export layout the rows follow; see {@link SURVEY_VENDORS}. */
  readonly vendor: SurveyVendor
}

/**
 * The result of {@link surveyResponses}: `records` and `rejected` as `parseRecords` returns
 * them, and `headerRows`, the indexes of the extra header rows of the export (Qualtrics'
 * question-text and ImportId rows, SurveyMonkey's answer-choice row) — neither responses
 * nor errors. Every input index is in exactly one of the three.
 *
 * @category Sources
 */
export interface SurveyResponsesResult extends ParseRecordsResult<SurveyResponse> {
  readonly headerRows: number[]
}

/** Qualtrics' NPS group codes (numeric export) and labels (choice-text export). */
const NPS_GROUPS: ReadonlyMap<string, 'detractor' | 'passive' | 'promoter'> = new Map([
  ['1', 'detractor'],
  ['2', 'passive'],
  ['3', 'promoter'],
  ['detractor', 'detractor'],
  ['passive', 'passive'],
  ['promoter', 'promoter'],
])

/** A whole 0–10 answer, optionally followed by its choice label (`10 - Extremely likely`). */
const SCORE_TEXT = /^([+-]?\d{1,12})(?:\s+-\s+\S.*)?$/s

/**
 * Turns the rows of an NPS survey export — Delighted, Qualtrics, SurveyMonkey, Typeform, or
 * any table with a column mapping — into {@link SurveyResponse} records. Every row ends as a
 * record, a rejection with its index, column and reason, or one of the export's extra
 * header rows.
 *
 * ```text
 * score       = the 0–10 answer (a whole number; '10 - Extremely likely' reads as 10)
 * respondedAt = Delighted created_at (Unix seconds) · Qualtrics RecordedDate ?? EndDate ·
 *               SurveyMonkey Date Created ?? End Date · Typeform Submitted At ?? Submit Date (UTC)
 * segment     = the column named by columns.segment (none by default)
 * ```
 * A Typeform Responses API item (`{ token, submitted_at, answers: [...] }`) is read too: its
 * score is the `number` of the one answer whose `field.type` is `'nps'`.
 * A blank score is rejected, never dropped silently: an unanswered question is not a
 * response, and the row count must add up. Scores outside 0–10 or not whole are rejected
 * with the value. Qualtrics' `X_NPS_GROUP` must agree with the score (1 = 0–6, 2 = 7–8,
 * 3 = 9–10). Dates without an offset need the `timeZone` option, except in a column whose
 * header says `(UTC)` and in a Qualtrics export whose ImportId row names the date column's
 * `timeZone` (the option, when given, wins).
 *
 * @param rows - Export rows keyed by the export's own headers (first header row), or API objects.
 * @param options - `vendor` (required), `columns`, `timeZone`, `dateOrder`, `onInvalid`.
 * @returns `{ records, rejected, headerRows }`.
 * @throws MetricInputError `INVALID_OPTION` for a bad or missing `vendor` or another bad
 *   option; `VALUE_OUT_OF_RANGE` when `rows` is not a list; `INVALID_RECORD` for the first bad
 *   row with `onInvalid: 'throw'`.
 * @example
 * ```ts
 * const { records, rejected } = surveyResponses(
 *   [
 *     { id: '1', score: 9, created_at: 1772359200 },
 *     { id: '2', score: 11, created_at: 1772362800 },
 *   ],
 *   { vendor: 'delighted' },
 * )
 * records[0] // => { score: 9, respondedAt: new Date('2026-03-01T10:00:00.000Z') }
 * rejected[0].issues[0].path // => ['score']
 * ```
 * @see https://delighted.com/docs/api/listing-survey-responses
 * @category Sources
 */
export function surveyResponses(
  rows: Iterable<unknown>,
  options: SurveyResponsesOptions,
): SurveyResponsesResult {
  return guardInput(METRIC, () => {
    const given = options as unknown
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw invalidOption(
        METRIC,
        [],
        `options is ${describeValue(given)}; it must be an object with a vendor such as { vendor: 'qualtrics' }`,
      )
    const vendor = optionOf(given, 'vendor', METRIC)
    if (!SURVEY_VENDORS.includes(vendor as SurveyVendor))
      throw invalidOption(
        METRIC,
        ['vendor'],
        `option vendor is ${describeValue(vendor)}; it must be one of ${SURVEY_VENDORS.map((name) => `'${name}'`).join(', ')}`,
      )
    const settings = readSourceOptions(
      given as SurveyResponsesOptions,
      ['score', 'respondedAt', 'segment', 'responseId'],
      METRIC,
    )
    const zoneGiven = optionOf(given, 'timeZone', METRIC) !== undefined
    const layout = SURVEY_RESPONSE_COLUMNS[vendor as SurveyVendor]
    const list = rowsOf(rows, METRIC, ['rows'])
    const columns = columnResolver(layout, settings.columns)
    const scoreColumn = scoreFinder(vendor as SurveyVendor)
    const collector = rowCollector<SurveyResponse>(METRIC, settings.onInvalid)
    const headerRows: number[] = []
    let leading = true
    let reading: DateReading = settings
    let zoneKnown = zoneGiven
    /** The Qualtrics group column of the last score column (built once per layout). */
    let groupKeyOf: string | undefined
    let groupKey = ''
    const read: RowReader<SurveyResponse> = (sourceRow, _index, issues) => {
      const keys = columns.keysOf(sourceRow)
      const context: CellContext = { row: sourceRow, issues }
      const scoreKey = keys.score ?? scoreColumn(sourceRow, keys)
      const answers =
        scoreKey === undefined && vendor === 'typeform' ? cellOf(sourceRow, 'answers') : undefined
      const score = Array.isArray(answers)
        ? readTypeformAnswers(context, answers)
        : readScoreCell(context, scoreKey, vendor as SurveyVendor)
      const respondedAt = readWhen(
        context,
        keys.respondedAt,
        columns.nameOf('respondedAt'),
        vendor as SurveyVendor,
        reading,
        zoneKnown,
      )
      const segment = textCell(context, keys.segment, columns.nameOf('segment'), false)
      if (vendor === 'qualtrics' && scoreKey !== undefined && score !== undefined) {
        if (scoreKey !== groupKeyOf) {
          groupKeyOf = scoreKey
          groupKey = `${scoreKey}_NPS_GROUP`
        }
        checkNpsGroup(context, groupKey, score)
      }
      if (issues.length > 0 || score === undefined || respondedAt === undefined) return undefined
      const response: { -readonly [K in keyof SurveyResponse]: SurveyResponse[K] } = {
        score,
        respondedAt: new Date(respondedAt),
      }
      if (segment !== undefined) response.segment = segment
      return response
    }
    for (let index = 0; index < list.length; index++) {
      const row = list[index]
      if (leading && index < 2 && isHeaderRow(row, vendor as SurveyVendor, columns, scoreColumn)) {
        headerRows.push(index)
        const fileZone = zoneGiven ? undefined : importIdZone(row as SourceRow, columns)
        if (fileZone !== undefined) {
          reading = { ...settings, timeZone: fileZone }
          zoneKnown = true
        }
        continue
      }
      leading = false
      collector.add(row, index, read)
    }
    return { ...collector.result(), headerRows }
  })
}

/** Finds the score column of a row from the vendor's layout; remembers it per set of keys. */
function scoreFinder(vendor: SurveyVendor): (row: SourceRow, layout: object) => string | undefined {
  let previousLayout: object | undefined
  let found: string | undefined
  return (row, layout) => {
    // The column resolver returns the same layout object for rows with the same keys.
    if (layout === previousLayout) return found
    const keys = Object.keys(row)
    previousLayout = layout
    found = undefined
    const candidates: string[] = []
    if (vendor === 'qualtrics') {
      const present = new Set(keys)
      for (const key of keys)
        if (key.length <= 1000 && present.has(`${key}_NPS_GROUP`)) candidates.push(key)
    } else if (vendor === 'surveymonkey' || vendor === 'typeform') {
      for (const key of keys)
        if (key.length <= 1000 && normaliseHeader(key).includes('recommend')) candidates.push(key)
    }
    if (candidates.length === 1) found = candidates[0]
    return found
  }
}

/** True for Qualtrics' question-text and ImportId rows and SurveyMonkey's answer-choice row. */
function isHeaderRow(
  row: unknown,
  vendor: SurveyVendor,
  columns: ReturnType<typeof columnResolver<SurveyResponseField>>,
  scoreColumn: (row: SourceRow, layout: object) => string | undefined,
): boolean {
  if (vendor !== 'qualtrics' && vendor !== 'surveymonkey') return false
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false
  try {
    const sourceRow = row as SourceRow
    const keys = columns.keysOf(sourceRow)
    const id = readText(cellOf(sourceRow, keys.responseId), 1000)
    const scoreKey = keys.score ?? scoreColumn(sourceRow, keys)
    const score = readText(cellOf(sourceRow, scoreKey), 1000)
    if (vendor === 'qualtrics') {
      if (typeof id !== 'string') return false
      return id.toLowerCase() === 'response id' || /^\{\s*"ImportId"\s*:/.test(id)
    }
    return id === undefined && typeof score === 'string' && score.toLowerCase() === 'response'
  } catch {
    return false
  }
}

/**
 * The zone Qualtrics wrote in the ImportId row for the date column
 * (`{"ImportId":"recordedDate","timeZone":"America/Denver"}`), when it is a valid IANA zone.
 */
function importIdZone(
  row: SourceRow,
  columns: ReturnType<typeof columnResolver<SurveyResponseField>>,
): string | undefined {
  try {
    const text = readText(cellOf(row, columns.keysOf(row).respondedAt), 1000)
    if (typeof text !== 'string' || !text.startsWith('{')) return undefined
    const parsed = readJson(text, { longest: 1000, deepest: 2 })
    if (!parsed.ok || !isRow(parsed.value)) return undefined
    const zone = cellOf(parsed.value, 'timeZone')
    return typeof zone === 'string' ? requireTimeZone(zone, METRIC) : undefined
  } catch {
    return undefined
  }
}

/** The 0–10 answer: pushes an issue (blank, not a whole number, out of range) or returns it. */
function readScoreCell(
  context: CellContext,
  key: string | undefined,
  vendor: SurveyVendor,
): number | undefined {
  if (key === undefined)
    return refuseCell(
      context,
      'score',
      vendor === 'generic' || vendor === 'delighted'
        ? 'no score column; map it with columns: { score: "…" }'
        : `no score column found in this ${vendor} export (${SCORE_HINT[vendor]}); map it with columns: { score: "…" }`,
    )
  const value = cellOf(context.row, key)
  if (isBlankCell(value))
    return refuseCell(context, key, 'the score is blank: an unanswered question is not a response')
  let score: number
  if (typeof value === 'number') {
    score = value
  } else if (typeof value === 'string' && value.length <= 1000) {
    const match = SCORE_TEXT.exec(value.trim())
    if (match === null)
      return refuseCell(
        context,
        key,
        `expected a whole score from 0 to 10, got ${describeValue(value)}`,
      )
    score = Number(match[1])
  } else {
    return refuseCell(
      context,
      key,
      `expected a whole score from 0 to 10, got ${describeValue(value)}`,
    )
  }
  if (!Number.isInteger(score))
    return refuseCell(
      context,
      key,
      `expected a whole score from 0 to 10, got ${describeValue(value)}`,
    )
  if (score < 0 || score > 10)
    return refuseCell(
      context,
      key,
      `the score ${score} is outside the 0–10 scale of a recommend question`,
    )
  return score === 0 ? 0 : score
}

/**
 * The 0–10 answer of a Typeform Responses API item (`GET /forms/{form_id}/responses`):
 * the one entry of `answers` whose `field.type` is `'nps'`, read from its `number`.
 */
function readTypeformAnswers(
  context: CellContext,
  answers: readonly unknown[],
): number | undefined {
  let found: unknown
  let count = 0
  const length = Math.min(answers.length, 10_000)
  for (let index = 0; index < length; index++) {
    const answer = answers[index]
    if (!isRow(answer)) continue
    const field = cellOf(answer, 'field')
    if (isRow(field) && cellOf(field, 'type') === 'nps') {
      count++
      found = answer
    }
  }
  if (count !== 1)
    return refuseCell(
      context,
      'answers',
      count === 0
        ? 'no answer to an NPS question (field.type "nps") in this Typeform response'
        : `${count} answers to NPS questions (field.type "nps") in this Typeform response; export one`,
    )
  const number = cellOf(found as SourceRow, 'number')
  const score = readScoreCell({ row: { number }, issues: [] }, 'number', 'typeform')
  if (score === undefined)
    return refuseCell(
      context,
      'answers',
      isBlankCell(number)
        ? 'the NPS answer has no number'
        : `expected a whole score from 0 to 10 in the NPS answer, got ${describeValue(number)}`,
    )
  return score
}

/** Files an issue at column `key` of the row; returns `undefined` for the caller to return. */
function refuseCell(context: CellContext, key: string, message: string): undefined {
  context.issues.push({ path: [key], message })
  return undefined
}

const SCORE_HINT: Readonly<Record<SurveyVendor, string>> = {
  delighted: '',
  generic: '',
  qualtrics: 'no column X with a sibling X_NPS_GROUP, or more than one',
  surveymonkey: 'no question header mentions "recommend", or more than one does',
  typeform: 'no question header mentions "recommend", or more than one does',
}

/** Qualtrics' NPS group must agree with the score. */
function checkNpsGroup(context: CellContext, key: string, score: number): void {
  const value = cellOf(context.row, key)
  const text = readText(value, 100)
  if (text === undefined) return
  const group = text === null ? undefined : NPS_GROUPS.get(text.toLowerCase())
  if (group === undefined) {
    context.issues.push({
      path: [key],
      message: `expected an NPS group (1, 2, 3 or Detractor, Passive, Promoter), got ${describeValue(value)}`,
    })
    return
  }
  const expected = score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter'
  if (group !== expected)
    context.issues.push({
      path: [key],
      message: `the NPS group says ${group} but the score ${score} makes a ${expected}`,
    })
}

/** Seconds of a Delighted `created_at` (a number or digits) → ms; `null` when not such. */
function unixSeconds(value: unknown): number | null {
  let seconds: number
  if (typeof value === 'number') seconds = value
  else if (typeof value === 'string' && /^\s*\d{1,12}\s*$/.test(value)) seconds = Number(value)
  else return null
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 253_402_300_799) return null
  return seconds * 1000
}

/** ISO 8601 date-time text ending in an offset: an instant whatever the zone. */
const WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/

/** A reading in UTC for each date order: for a column whose header says `(UTC)`. */
const UTC_READINGS: Readonly<Record<DateReading['dateOrder'], DateReading>> = {
  ymd: { timeZone: 'UTC', dateOrder: 'ymd' },
  mdy: { timeZone: 'UTC', dateOrder: 'mdy' },
  dmy: { timeZone: 'UTC', dateOrder: 'dmy' },
}

let lastHeader: string | undefined
let lastHeaderIsUtc = false
/** True for a header ending in `(UTC)` (`Submit Date (UTC)`); the last answer is kept. */
function isUtcHeader(key: string): boolean {
  if (key !== lastHeader) {
    lastHeader = key
    lastHeaderIsUtc = /\(utc\)\s*$/i.test(key)
  }
  return lastHeaderIsUtc
}

/** When the response was given; offset-less text only with an explicit `timeZone`. */
function readWhen(
  context: CellContext,
  key: string | undefined,
  name: string,
  vendor: SurveyVendor,
  reading: DateReading,
  zoneGiven: boolean,
): number | undefined {
  const value = cellOf(context.row, key)
  if (isBlankCell(value))
    return refuseCell(
      context,
      key ?? name,
      key === undefined ? `no column ${name}` : `${name} is blank`,
    )
  if (vendor === 'delighted' || typeof value === 'number') {
    const time = unixSeconds(value)
    if (time !== null) return time
    if (typeof value === 'number')
      return refuseCell(
        context,
        key ?? name,
        `expected Unix seconds or a date, got ${describeValue(value)}`,
      )
  }
  const utcColumn = key !== undefined && isUtcHeader(key)
  const time = readInstant(value, utcColumn ? UTC_READINGS[reading.dateOrder] : reading)
  if (time === null || time === undefined)
    return refuseCell(
      context,
      key ?? name,
      `expected a date or date-time (ISO 8601, or ${reading.dateOrder} order), got ${describeValue(value)}`,
    )
  if (!zoneGiven && !utcColumn && !(typeof value === 'string' && WITH_OFFSET.test(value.trim()))) {
    const far = readInstant(value, { timeZone: 'Pacific/Kiritimati', dateOrder: reading.dateOrder })
    if (far !== time)
      return refuseCell(
        context,
        key ?? name,
        `${describeValue(value)} has no UTC offset; pass the timeZone option (the zone the export was written in)`,
      )
  }
  return time
}
