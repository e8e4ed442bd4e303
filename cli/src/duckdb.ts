import { createReadStream } from 'node:fs'
import { extname, resolve } from 'node:path'
import { parse } from 'csv-parse'
import {
  type Aggregator,
  type CalendarPeriod,
  type GroupMetricPeriod,
  groupMetric,
} from 'cx-metrics'
import {
  csatSql,
  customerEffortScoreSql,
  netPromoterScoreSql,
  type SqlQuery,
  type SqlResultRow,
} from 'cx-metrics/sql'
import { type Config, columnsOf } from './config.js'
import { UsageError } from './errors.js'
import { detectKind, type Kind } from './kinds.js'
import { computationOf, type MetricCommand, type MetricRow } from './metric.js'
import { type DataSet, type FileNote, validateRows } from './read.js'

/**
 * `--engine duckdb`: DuckDB reads the CSV and runs the `cx-metrics/sql` twin of the metric's
 * aggregator; cx-metrics finishes the states. Every row the default engine would read is
 * read the same way:
 *
 * - DuckDB reads every column as text (`VARCHAR`, positional names `c0`, `c1`, …), with
 *   csv-parse's rules: `"` quotes and escapes, blank lines skipped, short rows padded (a
 *   missing cell is `NULL`, i.e. absent), extra cells ignored, empty cells kept as `''`.
 * - A row is *plain* when every validated column has the canonical text form
 *   (`9`, `2026-03-01T10:00:00Z`, …) that both DuckDB's cast and the library's schema read
 *   to the same value; plain rows are counted by the SQL twin in DuckDB.
 * - Every other row (the *suspects*: blanks, spaces, other number or date spellings, bad
 *   values) is fetched with its ordinal and validated in JavaScript by the same zod schema
 *   as the default engine: accepted ones are added to the states with the aggregator's
 *   `merge`, rejected ones are listed with their line number and the schema's reason.
 *
 * So the output is the default engine's, row for row, while DuckDB does the heavy pass.
 */

/** The engines of the one-metric commands. */
export const ENGINES = ['default', 'duckdb'] as const
export type Engine = (typeof ENGINES)[number]

/** What one command needs from the file: its kind, the value, the date, the plain checks. */
interface Plan {
  readonly kind: Kind
  /** The field counted by the SQL twin. */
  readonly value: string
  /** The field holding the instant (periods). */
  readonly date: string
  /** Fields with their canonical-text pattern (RE2, whole text); `blank` allows NULL and ''. */
  readonly plain: readonly { field: string; pattern: string; blank: boolean; instant?: boolean }[]
  /** Of the accepted rows, those the metric counts (SQL condition on the value's text). */
  readonly counted: ((value: string) => string) | null
  readonly twin: (options: {
    from: { raw: string }
    column: string
    groupBy: string[] | undefined
    period: { column: string; unit: CalendarPeriod; timeZone: string } | undefined
  }) => SqlQuery<unknown, unknown>
}

/** Years 1000–2999, valid month/day ranges, whole seconds or milliseconds, Z or an offset. */
const INSTANT =
  '[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?)?'
/** A non-negative decimal of at most 15 digits each side (exact as a double as written). */
const WEIGHT = '[0-9]{1,15}(\\.[0-9]{1,15})?'

const PLANS: Partial<Record<MetricCommand, Plan>> = {
  nps: {
    kind: 'survey',
    value: 'score',
    date: 'respondedAt',
    plain: [
      { field: 'score', pattern: '[0-9]|10', blank: false },
      { field: 'respondedAt', pattern: INSTANT, blank: false, instant: true },
      { field: 'weight', pattern: WEIGHT, blank: true },
    ],
    counted: null,
    twin: ({ from, column, groupBy, period }) =>
      netPromoterScoreSql({
        dialect: 'duckdb',
        from,
        columns: { score: column },
        ...(groupBy === undefined ? {} : { groupBy }),
        ...(period === undefined ? {} : { period }),
      }) as SqlQuery<unknown, unknown>,
  },
  csat: {
    kind: 'ratings',
    value: 'csat',
    date: 'ratedAt',
    plain: [
      { field: 'csat', pattern: '[1-5]', blank: false },
      { field: 'ratedAt', pattern: INSTANT, blank: false, instant: true },
      { field: 'ces', pattern: '[1-7]', blank: true },
    ],
    counted: null,
    twin: ({ from, column, groupBy, period }) =>
      csatSql({
        dialect: 'duckdb',
        from,
        columns: { rating: column },
        ...(groupBy === undefined ? {} : { groupBy }),
        ...(period === undefined ? {} : { period }),
      }) as SqlQuery<unknown, unknown>,
  },
  ces: {
    kind: 'ratings',
    value: 'ces',
    date: 'ratedAt',
    plain: [
      { field: 'csat', pattern: '[1-5]', blank: false },
      { field: 'ratedAt', pattern: INSTANT, blank: false, instant: true },
      { field: 'ces', pattern: '[1-7]', blank: true },
    ],
    // Rows without a CES answer are ratings, not efforts: accepted, not counted.
    counted: (value) => `regexp_full_match(${value}, '[1-7]')`,
    twin: ({ from, column, groupBy, period }) =>
      customerEffortScoreSql({
        dialect: 'duckdb',
        from,
        columns: { rating: column },
        ...(groupBy === undefined ? {} : { groupBy }),
        ...(period === undefined ? {} : { period }),
      }) as SqlQuery<unknown, unknown>,
  },
}

/** Whether a command has a DuckDB plan (the others are read by the default engine). */
export function hasDuckDbPlan(command: MetricCommand): boolean {
  return PLANS[command] !== undefined
}

/** A path as a DuckDB string literal: absolute, quotes doubled; control and glob characters refused. */
export function sqlFileLiteral(path: string): string {
  const absolute = resolve(path)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(absolute))
    throw new UsageError(`--engine duckdb: the file name has a control character; rename the file`)
  // DuckDB expands *, ? and [ … ] in file names as globs: the name would read other files.
  if (/[*?[\]{}]/.test(absolute))
    throw new UsageError(
      `--engine duckdb: the file name has a glob character (* ? [ ] { }); rename the file`,
    )
  return `'${absolute.replaceAll("'", "''")}'`
}

interface DuckDbModule {
  DuckDBInstance: {
    create(path: string, options?: Record<string, string>): Promise<DuckDbInstance>
  }
}
interface DuckDbInstance {
  connect(): Promise<DuckDbConnection>
  closeSync?(): void
}
interface DuckDbConnection {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>
  run(sql: string): Promise<unknown>
  closeSync?(): void
}

/** Loads DuckDB lazily: the default engine never pays for it. */
async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    return (await import('@duckdb/node-api')) as unknown as DuckDbModule
  } catch (error) {
    throw new UsageError(
      `--engine duckdb needs the @duckdb/node-api package, which could not be loaded (${(error as Error).message.split('\n')[0]}); ` +
        'install it with "npm install -w cli @duckdb/node-api", or leave out --engine',
    )
  }
}

/** The header of a CSV file as the default engine reads it (csv-parse, BOM removed, trimmed). */
async function readHeader(file: string): Promise<string[] | undefined> {
  const stream = createReadStream(file)
  const parser = stream.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }))
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      return record.map((name) => name.trim())
    }
    return undefined
  } finally {
    stream.destroy()
  }
}

/**
 * The line (header = line 1) on which each data record ends, as csv-parse's `info.lines`
 * counts it, for the given record ordinals (1-based, sorted): one pass over the bytes that
 * follows quotes and skips empty lines. Run only when some rows need a line number.
 */
async function linesOfRecords(file: string, ordinals: readonly number[]): Promise<number[]> {
  const lines: number[] = new Array(ordinals.length)
  if (ordinals.length === 0) return lines
  let want = 0
  let line = 1
  let quoted = false
  let empty = true
  /** Records completed so far, the header included. */
  let records = 0
  let bom = true
  const end = (): boolean => {
    if (!empty) {
      records++
      // Data record `records - 1` ends on `line`.
      while (want < ordinals.length && ordinals[want] === records - 1) lines[want++] = line
    }
    empty = true
    return want === ordinals.length
  }
  const stream = createReadStream(file)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0
      if (bom) {
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3
        bom = false
      }
      for (let index = start; index < chunk.length; index++) {
        const byte = chunk[index] as number
        if (byte === 0x22) {
          quoted = !quoted
          empty = false
        } else if (byte === 0x0a) {
          if (quoted) line++
          else {
            if (end()) return lines
            line++
          }
        } else if (byte !== 0x0d) empty = false
      }
    }
    end()
    return lines
  } finally {
    stream.destroy()
  }
}

/** What {@link runDuckDb} returns: the rows, or why the default engine must read the file. */
export type DuckDbOutcome =
  | {
      readonly engine: 'duckdb'
      readonly rows: MetricRow[]
      readonly data: DataSet
      /** A usage error to throw once the rejected rows are listed. */
      readonly error?: UsageError
    }
  | { readonly engine: 'default'; readonly reason: string }

/** Options of {@link runDuckDb}. */
export interface DuckDbOptions {
  readonly config: Config
  readonly by: string | undefined
  readonly period: CalendarPeriod | undefined
  readonly timeZone: string
}

/** A cell key `group|periodStart` of the merged rows. */
const cellKey = (group: string | null, period: GroupMetricPeriod | null) =>
  `${group === null ? 'n' : `s${group}`}|${period === null ? '' : period.start.getTime()}`

/**
 * Runs one metric over one CSV file with DuckDB and returns the rows the default engine
 * would print, or `{ engine: 'default', reason }` when the file is not one DuckDB reads
 * (JSON, a vendor export, another kind of file, a missing or empty file).
 */
export async function runDuckDb(
  command: MetricCommand,
  file: string,
  options: DuckDbOptions,
): Promise<DuckDbOutcome> {
  const plan = PLANS[command]
  if (plan === undefined) return { engine: 'default', reason: `${command} has no DuckDB plan yet` }
  if (extname(file).toLowerCase() !== '.csv')
    return { engine: 'default', reason: 'DuckDB reads .csv files' }
  const literal = sqlFileLiteral(file)
  let header: string[] | undefined
  try {
    header = await readHeader(file)
  } catch {
    return { engine: 'default', reason: 'the file cannot be read as CSV' }
  }
  if (header === undefined || header.length === 0)
    return { engine: 'default', reason: 'the file is empty' }
  const columns = (kind: Kind) => columnsOf(options.config, kind)
  const definition = detectKind(header, columns)
  if (definition?.kind !== plan.kind)
    return { engine: 'default', reason: 'the header is not the library layout of this metric' }
  const mapping = columns(plan.kind)
  /** Position of the column a field (or a raw column name) is read from: the last of that name. */
  const position = (name: string): number =>
    header.lastIndexOf(Object.hasOwn(mapping, name) ? (mapping[name] as string) : name)
  const ref = (name: string): string | null => {
    const at = position(name)
    return at < 0 ? null : `c${at}`
  }
  const plainParts: string[] = []
  for (const check of plan.plain) {
    const column = ref(check.field)
    if (column === null) {
      if (check.blank) continue
      return { engine: 'default', reason: `no ${check.field} column` }
    }
    const match = `regexp_full_match(${column}, '${check.pattern}')`
    const typed =
      check.instant === true ? ` AND TRY_CAST(${column} AS TIMESTAMPTZ) IS NOT NULL` : ''
    plainParts.push(
      check.blank ? `(${column} IS NULL OR ${column} = '' OR ${match})` : `(${match}${typed})`,
    )
  }
  const plain = plainParts.join(' AND ')
  const valueColumn = ref(plan.value) as string
  const dateColumn = ref(plan.date) as string
  const counted =
    plan.counted === null ? plain : `${plain} AND COALESCE(${plan.counted(valueColumn)}, false)`
  // --by reads the renamed row's cell: a mapped field's column, else the column of that name.
  const byField = options.by
  const byMapped = byField !== undefined && Object.hasOwn(mapping, byField)
  const keyColumn = byField === undefined ? null : ref(byField)
  const keySql = keyColumn ?? 'CAST(NULL AS VARCHAR)'

  const scan = (parallel: boolean) =>
    `read_csv(${literal}, header = true, auto_detect = false, ` +
    `columns = {${header!.map((_, index) => `'c${index}': 'VARCHAR'`).join(', ')}}, ` +
    `delim = ',', quote = '"', escape = '"', null_padding = true, strict_mode = false, ` +
    `nullstr = chr(1)${parallel ? '' : ', parallel = false'}) WITH ORDINALITY`

  const duckdb = await loadDuckDb()
  const instance = await duckdb.DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    await connection.run(`SET TimeZone = 'UTC'`)
    const run = async (sql: (parallel: boolean) => string) => {
      try {
        return (await connection.runAndReadAll(sql(true))).getRowObjectsJS()
      } catch (error) {
        // DuckDB's parallel reader refuses short rows together with quoted line breaks.
        if (!/parallel/i.test((error as Error).message)) throw error
        return (await connection.runAndReadAll(sql(false))).getRowObjectsJS()
      }
    }

    // 1. The SQL twin over the plain, counted rows.
    const query = plan.twin({
      from: {
        raw: `(SELECT CAST(${valueColumn} AS INTEGER) AS cx_value, CAST(${dateColumn} AS TIMESTAMPTZ) AS cx_at, ${keySql} AS cx_key FROM ${'%SCAN%'} WHERE ${counted}) AS cx_rows`,
      },
      column: 'cx_value',
      groupBy: byField === undefined ? undefined : ['cx_key'],
      period:
        options.period === undefined
          ? undefined
          : { column: 'cx_at', unit: options.period, timeZone: options.timeZone },
    })
    const twinRows = await run((parallel) => query.sql.replace('%SCAN%', scan(parallel)))
    const sqlResults: SqlResultRow<unknown, unknown>[] = query.finish(twinRows)

    // 2. One more scan: per key, its first counted row (groups come in order of first
    //    appearance), the number of plain rows, and the other rows (the suspects) whole.
    const cellNames = header.map((_, index) => `c${index}`)
    const countedOnly =
      plan.counted === null
        ? 'cx_plain'
        : `cx_plain AND COALESCE(${plan.counted(valueColumn)}, false)`
    const keys = await run(
      (parallel) =>
        `SELECT cx_key, cx_plain, min(ordinality) FILTER (WHERE ${countedOnly}) AS cx_first, count(*) AS cx_rows, ` +
        `list({'cx_ord': ordinality, ${cellNames.map((cell) => `'${cell}': ${cell}`).join(', ')}}) FILTER (WHERE NOT cx_plain) AS cx_suspects ` +
        `FROM (SELECT *, ${keySql} AS cx_key, COALESCE(${plain}, false) AS cx_plain FROM ${scan(parallel)}) ` +
        'GROUP BY cx_key, cx_plain',
    )
    const suspects: Record<string, unknown>[] = []
    for (const row of keys)
      if (row.cx_plain !== true && Array.isArray(row.cx_suspects))
        for (const suspect of row.cx_suspects as Record<string, unknown>[]) suspects.push(suspect)
    // In file order (the rows of several keys interleave).
    suspects.sort((a, b) => Number(a.cx_ord) - Number(b.cx_ord))

    const data: DataSet = { byKind: {}, files: [], rejected: [] }
    const firstOf = new Map<string | null, number>()
    const groupOf = (raw: unknown): string | null =>
      typeof raw === 'string' && raw !== '' ? raw : null
    const seen = (group: string | null, ordinal: number) => {
      const known = firstOf.get(group)
      if (known === undefined || ordinal < known) firstOf.set(group, ordinal)
    }
    let plainRows = 0
    let keyPresent = false
    for (const row of keys) {
      if (row.cx_plain !== true) continue
      plainRows += Number(row.cx_rows)
      if (row.cx_key !== null || byMapped) keyPresent = true
      if (row.cx_first !== null && row.cx_first !== undefined)
        seen(groupOf(row.cx_key), Number(row.cx_first))
    }

    // Suspects through the default engine's validation, with csv-parse's line numbers.
    const ordinals = suspects.map((row) => Number(row.cx_ord))
    const lines = await linesOfRecords(file, ordinals)
    const records: Record<string, unknown>[] = suspects.map((row) => {
      const record: Record<string, unknown> = {}
      for (let index = 0; index < header!.length; index++) {
        const cell = row[`c${index}`]
        if (cell !== null && cell !== undefined) record[header![index] as string] = cell
      }
      return record
    })
    const accepted = validateRows(
      file,
      definition,
      records,
      lines,
      columns,
      byField === undefined ? [] : [byField],
      data,
    )
    const entry = data.byKind[plan.kind] ?? { records: [], raw: [] }
    if (
      !keyPresent &&
      byField !== undefined &&
      entry.raw.some((row) => Object.hasOwn(row, byField))
    )
      keyPresent = true
    const note: FileNote = {
      file,
      kind: plan.kind,
      rows: plainRows + suspects.length,
      accepted: plainRows + entry.records.length,
      rejected: data.rejected.length,
      source: null,
      problem: null,
    }
    data.files.push(note)
    // A header without rows: the default engine says so in its own words.
    if (note.rows === 0) return { engine: 'default', reason: 'the file has no rows' }
    // As the default engine: the rejected rows are listed before this usage error.
    if (byField !== undefined && !keyPresent)
      return {
        engine: 'duckdb',
        rows: [],
        data,
        error: new UsageError(`--by ${byField}: the file has no column "${byField}"`),
      }

    // The accepted suspects' states per group and period, by the library's groupMetric.
    const { aggregator, figures, ...computation } = computationOf(command, entry)
    const suspectOrdinals: number[] = []
    for (let index = 0; index < accepted.length; index++)
      suspectOrdinals.push(ordinals[accepted[index] as number] as number)
    // computationOf drops uncounted records (CES without an answer): keep the ordinals aligned.
    const counts = new Set(computation.records)
    const kept: number[] = []
    const keptRaw: Record<string, unknown>[] = []
    for (let index = 0; index < entry.records.length; index++) {
      if (counts.has(entry.records[index])) {
        kept.push(suspectOrdinals[index] as number)
        keptRaw.push(entry.raw[index] ?? {})
      }
    }
    const states = new Map<
      string,
      { group: string | null; period: GroupMetricPeriod | null; state: unknown; n: number }
    >()
    const passThrough: Aggregator<unknown, unknown, unknown> = {
      initial: () => aggregator.initial(),
      add: (state, input) => aggregator.add(state, input),
      merge: (left, right) => aggregator.merge(left, right),
      result: (state) => state,
    }
    if (computation.records.length > 0) {
      const jsRows = groupMetric(computation.records, passThrough, {
        value: (record) => computation.value(record),
        ...(byField === undefined
          ? {}
          : {
              by: (_record: unknown, index: number) => {
                const group = groupOf(keptRaw[index]?.[byField])
                seen(group, kept[index] as number)
                return group ?? undefined
              },
            }),
        ...(options.period === undefined
          ? {}
          : {
              period: {
                date: (record: unknown) => computation.date!(record) as Date,
                unit: options.period,
                timeZone: options.timeZone,
              },
            }),
      })
      for (const row of jsRows) {
        const group = row.group === null ? null : String(row.group)
        states.set(cellKey(group, row.period), {
          group,
          period: row.period,
          state: row.result,
          n: row.n,
        })
      }
      if (byField === undefined) seen(null, kept[0] as number)
    }
    for (const row of sqlResults) {
      const group = row.group === null ? null : groupOf(row.group.cx_key)
      if (byField === undefined) seen(null, 0)
      const key = cellKey(group, row.period)
      const known = states.get(key)
      states.set(
        key,
        known === undefined
          ? { group, period: row.period, state: row.state, n: row.n }
          : { ...known, state: aggregator.merge(known.state, row.state), n: known.n + row.n },
      )
    }
    const cells = [...states.values()].sort(
      (a, b) =>
        (firstOf.get(a.group) ?? 0) - (firstOf.get(b.group) ?? 0) ||
        (a.period?.start.getTime() ?? 0) - (b.period?.start.getTime() ?? 0),
    )
    const rows: MetricRow[] = cells.map((cell) => ({
      group: cell.group,
      period:
        cell.period === null
          ? null
          : {
              start: cell.period.start.toISOString(),
              end: cell.period.end.toISOString(),
              label: cell.period.label,
            },
      n: cell.n,
      result: figures(aggregator.result(cell.state)),
    }))
    return { engine: 'duckdb', rows, data }
  } finally {
    connection.closeSync?.()
    instance.closeSync?.()
  }
}
