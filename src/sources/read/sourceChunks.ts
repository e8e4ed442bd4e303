import { describeValue } from '../../core/describeValue.js'
import { MetricInputError } from '../../core/MetricInputError.js'
import type { ParseRecordsResult, RejectedRecord } from '../../schemas/parseRecords.js'
import { thrownText } from '../../time/timeInputs.js'
import { invalidOption, type OnInvalid, optionOf } from './options.js'

/**
 * Options of {@link sourceChunks}: the adapter's own options plus `chunkSize`.
 *
 * @category Sources
 */
export type SourceChunksOptions<O> = O & {
  /** Rows per chunk (1 to 1,000,000; default 10,000): memory is bounded by one chunk. */
  readonly chunkSize?: number
}

/** The largest chunk {@link sourceChunks} accepts. */
const MOST_ROWS_PER_CHUNK = 1_000_000

/**
 * Runs a row adapter (such as {@link salesforceLeads}) over rows that arrive as a stream —
 * any iterable or async iterable, such as a CSV parser's output — one chunk at a time, so
 * memory holds one chunk, not the export. Yields `{ records, rejected }` per chunk, with
 * each rejection's `index` counted from the first row of the whole stream.
 *
 * ```text
 * rows → chunks of chunkSize → adapter(chunk, options) → indexes shifted by the rows before
 * ```
 * Only for adapters whose rows are independent (leads, tasks, events): a join such as
 * {@link salesforceOpportunities} with history needs all its rows at once. For activities
 * pass `(rows, options) => salesforceActivities({ tasks: rows }, options)`.
 *
 * @param adapter - `(rows, options) => { records, rejected }`.
 * @param rows - An iterable or async iterable of rows.
 * @param options - The adapter's options and `chunkSize`. With `onInvalid: 'throw'`, the
 *   first bad row throws `INVALID_RECORD` with its index in the stream.
 * @returns An async generator of `{ records, rejected }`, one per chunk.
 * @throws MetricInputError `INVALID_OPTION` for a bad `chunkSize` (path `['chunkSize']`);
 *   `VALUE_OUT_OF_RANGE` (path `['rows']`) when `rows` is not iterable or its iteration
 *   throws; what the adapter throws.
 * @example
 * ```ts
 * async function* stream() {
 *   yield { Id: '00Q1', CreatedDate: '2026-01-05T09:00:00Z' }
 *   yield { Id: '00Q2', CreatedDate: 'not a date' }
 *   yield { Id: '00Q3', CreatedDate: '2026-01-07T09:00:00Z' }
 * }
 * const chunks = []
 * for await (const chunk of sourceChunks(salesforceLeads, stream(), { chunkSize: 2 })) chunks.push(chunk)
 * chunks.map((chunk) => chunk.records.length) // => [1, 1]
 * chunks[0].rejected[0].index // => 1
 * ```
 * @category Sources
 */
export async function* sourceChunks<T, O extends { readonly onInvalid?: OnInvalid }>(
  adapter: (rows: unknown[], options?: O) => ParseRecordsResult<T>,
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  options?: SourceChunksOptions<O>,
): AsyncGenerator<ParseRecordsResult<T>, void, undefined> {
  const metric = 'sourceChunks'
  const given = (options ?? {}) as SourceChunksOptions<O>
  const size = optionOf(given, 'chunkSize', metric) ?? 10_000
  if (
    !(
      Number.isSafeInteger(size) &&
      (size as number) >= 1 &&
      (size as number) <= MOST_ROWS_PER_CHUNK
    )
  )
    throw invalidOption(
      metric,
      ['chunkSize'],
      `option chunkSize is ${describeValue(size)}; it must be an integer from 1 to ${MOST_ROWS_PER_CHUNK}`,
    )
  const throwFirst = optionOf(given, 'onInvalid', metric) === 'throw'
  const { chunkSize: _chunkSize, ...rest } = given as Record<string, unknown>
  const adapterOptions = { ...rest, onInvalid: 'collect' } as unknown as O
  const iterator = iteratorOf(rows, metric)
  let chunk: unknown[] = []
  let offset = 0
  const run = (): ParseRecordsResult<T> => {
    const result = adapter(chunk, adapterOptions)
    const rejected: RejectedRecord[] = []
    for (const rejection of result.rejected) {
      const index = rejection.index + offset
      if (throwFirst) {
        const first = rejection.issues[0] ?? { path: [], message: 'invalid row' }
        throw new MetricInputError({
          code: 'INVALID_RECORD',
          metric: adapter.name || metric,
          path: [index, ...first.path],
          message: `${adapter.name || metric}: row ${index} is invalid: ${first.message}`,
        })
      }
      rejected.push({ index, issues: rejection.issues })
    }
    offset += chunk.length
    chunk = []
    return { records: result.records, rejected }
  }
  for (;;) {
    let step: IteratorResult<unknown>
    try {
      step = await iterator.next()
    } catch (error) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['rows'],
        message: `${metric}: rows could not be read at row ${offset + chunk.length}: ${thrownText(error)}`,
      })
    }
    if (step.done === true) break
    chunk.push(step.value)
    if (chunk.length >= (size as number)) yield run()
  }
  if (chunk.length > 0) yield run()
}

/** The (async) iterator of `rows`, or `VALUE_OUT_OF_RANGE` at `['rows']`. */
function iteratorOf(
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  metric: string,
): Iterator<unknown> | AsyncIterator<unknown> {
  const refuse = (why: string) =>
    new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: ['rows'],
      message: `${metric}: rows ${why}`,
    })
  if (typeof rows !== 'object' || rows === null)
    throw refuse(`is ${describeValue(rows)}; it must be an iterable or async iterable of rows`)
  try {
    const asyncIterate = (rows as AsyncIterable<unknown>)[Symbol.asyncIterator]
    if (typeof asyncIterate === 'function') return asyncIterate.call(rows)
    const iterate = (rows as Iterable<unknown>)[Symbol.iterator]
    if (typeof iterate === 'function') return iterate.call(rows)
  } catch (error) {
    throw refuse(`could not be read: ${thrownText(error)}`)
  }
  throw refuse(`is ${describeValue(rows)}; it must be an iterable or async iterable of rows`)
}
