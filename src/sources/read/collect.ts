import { describeValue } from '../../core/describeValue.js'
import { MetricInputError } from '../../core/MetricInputError.js'
import type { ParseRecordsResult, RecordIssue, RejectedRecord } from '../../schemas/parseRecords.js'
import { thrownText } from '../../time/timeInputs.js'
import { isRow, type SourceRow } from './cells.js'
import type { OnInvalid } from './options.js'

/**
 * The loop every adapter shares: each input row ends as exactly one record or one
 * rejection `{ index, issues: { path, message }[] }` — the shape of `parseRecords`. A row
 * that is not an object, or whose reading throws (a getter, a Proxy trap), is a rejection
 * with one issue at path `[]`. Internal.
 */

/** Reads one row: pushes issues, returns the record when there are none. */
export type RowReader<T> = (row: SourceRow, index: number, issues: RecordIssue[]) => T | undefined

/** The rows of an iterable input, or `VALUE_OUT_OF_RANGE` at `path` for anything else. */
export function rowsOf(rows: unknown, metric: string, path: (string | number)[]): unknown[] {
  const refuse = (why: string) =>
    new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path,
      message: `${metric}: ${path.join('.')} ${why}`,
    })
  if (Array.isArray(rows)) return rows
  if (typeof rows !== 'object' || rows === null)
    throw refuse(`is ${describeValue(rows)}; it must be an array or another iterable of rows`)
  try {
    if (typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function')
      throw refuse(`is ${describeValue(rows)}; it must be an array or another iterable of rows`)
    return Array.from(rows as Iterable<unknown>)
  } catch (error) {
    if (error instanceof MetricInputError) throw error
    throw refuse(`could not be read: ${thrownText(error)}`)
  }
}

/** Records and rejections as they are filed. */
export interface RowCollector<T> {
  readonly records: T[]
  readonly rejected: RejectedRecord[]
  /** Reads `row` at `index` with `read` and files the outcome; returns the record or `undefined`. */
  add(row: unknown, index: number, read: RowReader<T>): T | undefined
  /** Files a rejection (or throws it in `'throw'` mode). */
  reject(index: number, issues: readonly RecordIssue[]): void
  result(): ParseRecordsResult<T>
}

/** A collector for `metric`; in `'throw'` mode the first rejection throws `INVALID_RECORD`. */
export function rowCollector<T>(metric: string, onInvalid: OnInvalid): RowCollector<T> {
  const records: T[] = []
  const rejected: RejectedRecord[] = []
  const reject = (index: number, issues: readonly RecordIssue[]): void => {
    if (onInvalid === 'throw') {
      const first = issues[0] as RecordIssue
      const field = first.path.length === 0 ? '' : ` field ${first.path.join('.')}`
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, ...first.path],
        message: `${metric}: row ${index}${field} is invalid: ${first.message}`,
      })
    }
    rejected.push({ index, issues })
  }
  return {
    records,
    rejected,
    reject,
    add(row, index, read) {
      const issues: RecordIssue[] = []
      let record: T | undefined
      if (!isRow(row)) {
        issues.push({ path: [], message: `expected a row object, got ${describeValue(row)}` })
      } else {
        try {
          record = read(row, index, issues)
        } catch (error) {
          if (error instanceof MetricInputError) throw error
          issues.length = 0
          issues.push({ path: [], message: `the row could not be read: ${thrownText(error)}` })
          record = undefined
        }
      }
      if (issues.length === 0 && record !== undefined) {
        records.push(record)
        return record
      }
      if (issues.length === 0) issues.push({ path: [], message: 'the row could not be read' })
      reject(index, issues)
      return undefined
    },
    result: () => ({ records, rejected }),
  }
}
