import type * as z from 'zod'
import { MetricInputError } from '../core/MetricInputError.js'

/** Options of {@link parseRecords}. */
export interface ParseRecordsOptions {
  /** `'throw'` (default): stop at the first invalid row; `'collect'`: report every one. */
  readonly onInvalid?: 'throw' | 'collect'
}

/** One problem with a row: where in the row, and what. */
export interface RecordIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** A row that did not parse, with its 0-based index in the input. */
export interface RejectedRecord {
  readonly index: number
  readonly issues: readonly RecordIssue[]
}

/** The result of {@link parseRecords}. */
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
 * @throws MetricInputError `INVALID_RECORD` in `'throw'` mode, with path
 *   `[rowIndex, ...fieldPath]` of the first problem; `INVALID_OPTION` for a bad option.
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
 */
export function parseRecords<S extends z.ZodType>(
  schema: S,
  rows: Iterable<unknown>,
  options: ParseRecordsOptions = {},
): ParseRecordsResult<z.output<S>> {
  const mode = options.onInvalid ?? 'throw'
  if (mode !== 'throw' && mode !== 'collect') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: 'parseRecords',
      path: ['onInvalid'],
      message: `parseRecords: option onInvalid is ${JSON.stringify(mode)}; it must be 'throw' or 'collect'`,
    })
  }
  const records: z.output<S>[] = []
  const rejected: RejectedRecord[] = []
  let index = 0
  for (const row of rows) {
    const parsed = schema.safeParse(row)
    if (parsed.success) {
      records.push(parsed.data)
    } else {
      const issues = parsed.error.issues.map(
        (issue): RecordIssue => ({
          path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
          message: issue.message,
        }),
      )
      if (mode === 'throw') throw invalidRecord(index, issues)
      rejected.push({ index, issues })
    }
    index++
  }
  return { records, rejected }
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
