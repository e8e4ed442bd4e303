import type * as z from 'zod'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { thrownText } from '../time/timeInputs.js'

/**
 * Options of {@link parseRecords}.
 *
 * @category Schemas
 */
export interface ParseRecordsOptions {
  /** `'throw'` (default): stop at the first invalid row; `'collect'`: report every one. */
  readonly onInvalid?: 'throw' | 'collect'
}

/**
 * One problem with a row: where in the row, and what.
 *
 * @category Schemas
 */
export interface RecordIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}

/**
 * A row that did not parse, with its 0-based index in the input.
 *
 * @category Schemas
 */
export interface RejectedRecord {
  readonly index: number
  readonly issues: readonly RecordIssue[]
}

/**
 * The result of {@link parseRecords}.
 *
 * @category Schemas
 */
export interface ParseRecordsResult<T> {
  /** The valid rows, parsed, in input order. */
  readonly records: T[]
  /** Every invalid row with its issues (always empty in `'throw'` mode). */
  readonly rejected: RejectedRecord[]
}

/**
 * Turns untrusted rows (CSV lines as objects, JSON records) into typed records with a
 * schema, accounting for every row: each one is either in `records` or in `rejected` with
 * its index and the path and reason of each problem — nothing is dropped silently.
 *
 * ```text
 * rows → schema.safeParse(row) → records (valid) + rejected { index, issues } (invalid)
 * ```
 * Use `'collect'` to report bad rows to the person who exported them, `'throw'` when one
 * bad row should stop the job.
 *
 * @param schema - A zod schema, e.g. `SurveyResponseSchema`.
 * @param rows - The rows, any iterable.
 * @param options - `onInvalid`: `'throw'` (default) or `'collect'`.
 * @returns `{ records, rejected }`.
 * A row that cannot even be read (a getter or Proxy trap that throws) is an invalid row
 * with one issue at path `[]`; the other rows are still parsed.
 *
 * @throws MetricInputError `INVALID_RECORD` in `'throw'` mode, with path
 *   `[rowIndex, ...fieldPath]` of the first problem; `INVALID_OPTION` for a bad option, a
 *   `schema` that is not a zod schema (path `['schema']`), `rows` that are not an iterable
 *   of rows (`null`, a string, a number; path `['rows']`) or whose iteration throws.
 * @example
 * ```ts
 * const { records, rejected } = parseRecords(
 *   SurveyResponseSchema,
 *   [{ score: '9', respondedAt: '2026-03-01' }, { score: '11', respondedAt: '2026-03-02' }],
 *   { onInvalid: 'collect' },
 * )
 * records.length // => 1
 * rejected[0].index // => 1
 * rejected[0].issues[0].path // => ['score']
 * ```
 * @category Schemas
 */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  rows: Iterable<unknown>,
  options: ParseRecordsOptions = {},
): ParseRecordsResult<z.output<S>> {
  if (!isSchema(schema))
    throw invalidArgument(['schema'], `schema is ${describeValue(schema)}; it must be a zod schema`)
  const mode = readMode(options)
  const iterator = iteratorOf(rows)
  const records: z.output<S>[] = []
  const rejected: RejectedRecord[] = []
  for (let index = 0; ; index++) {
    let done: boolean
    let row: unknown
    try {
      const step = iterator.next()
      done = step.done === true
      row = done ? undefined : step.value
    } catch (error) {
      throw invalidArgument(
        ['rows'],
        `rows could not be read at row ${index}: ${thrownText(error)}`,
      )
    }
    if (done) break
    const issues = parseRow(schema, row, records)
    if (issues === null) continue
    if (mode === 'throw') throw invalidRecord(index, issues)
    rejected.push({ index, issues })
  }
  return { records, rejected }
}

/** The longest issue message kept; zod's own messages are short, a custom one may not be. */
const LONGEST_MESSAGE = 300

/**
 * Parses one row into `records`, or returns its issues. A row whose reading throws (a
 * getter, a Proxy trap) is one issue at path `[]`, not the end of the run.
 */
function parseRow<S extends z.ZodType>(
  schema: S,
  row: unknown,
  records: z.output<S>[],
): RecordIssue[] | null {
  try {
    const parsed = schema.safeParse(row)
    if (parsed.success) {
      records.push(parsed.data as z.output<S>)
      return null
    }
    // zod builds issue messages lazily, reading the input: inside the try too.
    return parsed.error.issues.map(
      (issue): RecordIssue => ({
        path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
        message:
          issue.message.length > LONGEST_MESSAGE
            ? `${issue.message.slice(0, LONGEST_MESSAGE)}…`
            : issue.message,
      }),
    )
  } catch (error) {
    return [{ path: [], message: `the row could not be read: ${thrownText(error)}` }]
  }
}

/** The iterator of `rows`, or `VALUE_OUT_OF_RANGE` at `['rows']` for anything not iterable. */
function iteratorOf(rows: Iterable<unknown>): Iterator<unknown> {
  const refuse = () =>
    invalidArgument(
      ['rows'],
      `rows is ${describeValue(rows)}; it must be an array or another iterable of rows`,
      'VALUE_OUT_OF_RANGE',
    )
  if (typeof rows !== 'object' || rows === null) throw refuse()
  try {
    const iterate = rows[Symbol.iterator]
    if (typeof iterate !== 'function') throw refuse()
    const iterator = iterate.call(rows) as Iterator<unknown>
    if (typeof iterator !== 'object' || iterator === null || typeof iterator.next !== 'function')
      throw refuse()
    return iterator
  } catch (error) {
    if (error instanceof MetricInputError) throw error
    throw invalidArgument(['rows'], `rows could not be read: ${thrownText(error)}`)
  }
}

/** True for an object with a `safeParse` method; false for anything else, even a hostile Proxy. */
function isSchema(schema: unknown): schema is z.ZodType {
  try {
    return (
      typeof schema === 'object' &&
      schema !== null &&
      typeof (schema as { safeParse?: unknown }).safeParse === 'function'
    )
  } catch {
    return false
  }
}

/** The `onInvalid` mode of `options`, or `INVALID_OPTION`. */
function readMode(options: ParseRecordsOptions): 'throw' | 'collect' {
  if (typeof options !== 'object' || options === null)
    throw invalidArgument([], `options is ${describeValue(options)}; it must be an object`)
  let mode: unknown
  try {
    mode = options.onInvalid ?? 'throw'
  } catch (error) {
    throw invalidArgument(['onInvalid'], `option onInvalid could not be read: ${thrownText(error)}`)
  }
  if (mode !== 'throw' && mode !== 'collect') {
    throw invalidArgument(
      ['onInvalid'],
      `option onInvalid is ${describeValue(mode)}; it must be 'throw' or 'collect'`,
    )
  }
  return mode
}

function invalidArgument(
  path: (string | number)[],
  message: string,
  code: 'INVALID_OPTION' | 'VALUE_OUT_OF_RANGE' = 'INVALID_OPTION',
): MetricInputError {
  return new MetricInputError({
    code,
    metric: 'parseRecords',
    path,
    message: `parseRecords: ${message}`,
  })
}

function invalidRecord(index: number, issues: readonly RecordIssue[]): MetricInputError {
  const first = issues[0] ?? { path: [], message: 'invalid record' }
  const field = first.path.length === 0 ? '' : ` field ${first.path.join('.')}`
  return new MetricInputError({
    code: 'INVALID_RECORD',
    metric: 'parseRecords',
    path: [index, ...first.path],
    message: `parseRecords: row ${index}${field} is invalid: ${first.message}`,
  })
}
