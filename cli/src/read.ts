import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { parse } from 'csv-parse'
import { parseRecords } from 'cx-metrics/schemas'
import { type Config, columnsOf } from './config.js'
import { detectKind, KINDS, type Kind, type KindDefinition } from './kinds.js'
import {
  detectVendorCsv,
  detectVendorJson,
  readVendorFiles,
  STREAMED_LAYOUTS,
  type StreamedVendorFile,
  VENDOR_LAYOUTS,
  type VendorFile,
  type VendorLayout,
} from './vendors.js'

/** A row the schemas refused: where it is and why. */
export interface RejectedRow {
  readonly file: string
  /** The 1-based line of a CSV row (the header is line 1), or the 1-based item of a JSON array. */
  readonly line: number
  readonly unit: 'line' | 'item'
  readonly kind: Kind
  readonly reason: string
}

/** What happened to one input file. */
export interface FileNote {
  readonly file: string
  readonly kind: Kind | null
  readonly rows: number
  readonly accepted: number
  readonly rejected: number
  /** The vendor layout read through `cx-metrics/sources` (`'Salesforce Opportunity'`), or `null`. */
  readonly source: string | null
  /** Why the file was not read (missing, empty, header not recognised, not parseable). */
  readonly problem: string | null
}

/** The parsed records of one kind, with the raw rows they came from (same order). */
export interface KindRecords<T = unknown> {
  readonly records: T[]
  readonly raw: Record<string, unknown>[]
}

/** Everything read from the inputs. */
export interface DataSet {
  readonly byKind: Partial<Record<Kind, KindRecords>>
  readonly files: FileNote[]
  readonly rejected: RejectedRow[]
}

const READABLE = new Set(['.csv', '.json'])

/** The files a path names: itself, or the `.csv`/`.json` files directly in a folder, sorted. */
export function expandPaths(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = []
  const missing: string[] = []
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>
    try {
      stat = statSync(path)
    } catch {
      missing.push(path)
      continue
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (READABLE.has(extname(name).toLowerCase())) files.push(join(path, name))
    } else files.push(path)
  }
  return { files, missing }
}

/** Options of {@link readInputs}. */
export interface ReadOptions {
  readonly config: Config
  /** Called with a progress line for long reads (the caller decides whether stderr is a TTY). */
  readonly progress?: ((line: string) => void) | undefined
  /** Reads only files of this kind (the single-metric commands); others are not an error. */
  readonly only?: readonly Kind[]
  /**
   * The export columns kept next to each record (`raw`), e.g. `accountId` or a `--by` column;
   * the others are dropped after validation so a big file does not stay in memory twice.
   */
  readonly keepColumns?: readonly string[]
  /** The report's time zone: the default zone of date-only values in vendor exports. */
  readonly timeZone?: string
}

/** Reads, detects and validates every file; never throws for bad data (it is listed instead). */
export async function readInputs(paths: readonly string[], options: ReadOptions): Promise<DataSet> {
  const { files, missing } = expandPaths(paths)
  const dataSet: DataSet = { byKind: {}, files: [], rejected: [] }
  for (const file of missing) dataSet.files.push(note(file, null, 'no such file or folder'))
  const vendorFiles: VendorFile[] = []
  for (const file of files) await readOne(file, options, dataSet, vendorFiles)
  if (vendorFiles.length > 0) {
    const outcome = readVendorFiles(vendorFiles, {
      config: options.config,
      timeZone: options.timeZone ?? options.config.timeZone ?? 'UTC',
      only: options.only,
      keepColumns: options.keepColumns ?? [],
    })
    for (const { position, ...file } of outcome.files) dataSet.files[position] = file
    for (const row of outcome.rejected) dataSet.rejected.push(row)
    for (const { kind, records, raw } of outcome.records) {
      let entry = dataSet.byKind[kind]
      if (entry === undefined) {
        entry = { records: [], raw: [] }
        dataSet.byKind[kind] = entry
      }
      for (const record of records) entry.records.push(record)
      for (const row of raw) entry.raw.push(row)
    }
  }
  return dataSet
}

function note(file: string, kind: Kind | null, problem: string | null, rows = 0): FileNote {
  return { file, kind, rows, accepted: 0, rejected: 0, source: null, problem }
}

/** Every known layout, for the "header not recognised" message. */
const EXPECTED = `${KINDS.map((k) => `${k.label} [${k.required.join(', ')}]`).join('; ')}; or a vendor export (${[
  ...new Set(Object.values(VENDOR_LAYOUTS).map((layout) => layout.label)),
]
  .filter((label) => !label.includes('config'))
  .join(', ')})`

/** Rows validated at a time while a CSV streams in. */
const CHUNK = 20_000
/** Rows between progress lines. */
const PROGRESS_EVERY = 100_000

/** The state of one file being read: its kind once the header is known, and its counts. */
interface FileReader {
  definition: KindDefinition | undefined
  rows: number
  accepted: number
  rejected: number
}

async function readOne(
  file: string,
  options: ReadOptions,
  dataSet: DataSet,
  vendorFiles: VendorFile[],
): Promise<void> {
  const columns = (kind: Kind) => columnsOf(options.config, kind)
  const reader: FileReader = { definition: undefined, rows: 0, accepted: 0, rejected: 0 }
  let problem: string | null = null
  /** A vendor file: its rows are held until every file is read (sources join files). */
  let vendor:
    | { layout: VendorLayout; rows: unknown[]; lines: number[]; streamed?: StreamedVendorFile }
    | undefined
  const surveyVendor = options.config.sources?.vendor
  const vendorSettings = {
    config: options.config,
    timeZone: options.timeZone ?? options.config.timeZone ?? 'UTC',
    only: options.only,
    keepColumns: options.keepColumns ?? [],
  }
  /** The extra header rows of a survey export (first chunk), put before every later chunk. */
  let prefix: { rows: unknown[]; lines: number[] } | undefined
  /** A flat vendor file's chunk through its adapter now; its rows are not kept. */
  const stream = (
    streamed: StreamedVendorFile,
    layout: VendorLayout,
    rows: unknown[],
    lines: number[],
  ) => {
    if (streamed.problem !== null) return
    const before = prefix ?? { rows: [], lines: [] }
    const outcome = readVendorFiles(
      [
        {
          file,
          layout,
          rows: before.rows.length === 0 ? rows : [...before.rows, ...rows],
          lines: before.lines.length === 0 ? lines : [...before.lines, ...lines],
          unit: 'line',
          position: 0,
        },
      ],
      vendorSettings,
    )
    const [note] = outcome.files
    if (note === undefined) return
    if (prefix === undefined) {
      // Rows of the first chunk that are neither records nor rejections: the header rows.
      const extra = rows.length - note.rows
      prefix = { rows: rows.slice(0, extra), lines: lines.slice(0, extra) }
    }
    for (const entry of outcome.records) streamed.records.push(entry)
    for (const row of outcome.rejected) streamed.rejected.push(row)
    streamed.rows += note.rows
    streamed.accepted += note.accepted
    streamed.rejectedCount += note.rejected
    if (note.problem !== null) streamed.problem = note.problem
  }
  /** Detects the kind from the header; returns false to stop reading the file. */
  const start = (header: readonly string[]): boolean => {
    if (header.length === 0) {
      problem = 'is empty (no header row)'
      return false
    }
    const definition = detectKind(header, columns)
    if (definition === undefined) {
      const layout = detectVendorCsv(file, header, surveyVendor)
      if (layout !== undefined) {
        const kind = VENDOR_LAYOUTS[layout].kind
        vendor =
          STREAMED_LAYOUTS.has(layout) &&
          (options.only === undefined || options.only.includes(kind))
            ? {
                layout,
                rows: [],
                lines: [],
                streamed: {
                  records: [],
                  rejected: [],
                  rows: 0,
                  accepted: 0,
                  rejectedCount: 0,
                  problem: null,
                },
              }
            : { layout, rows: [], lines: [] }
        return true
      }
      problem =
        `header not recognised (${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}); ` +
        `expected one of: ${EXPECTED}`
      return false
    }
    reader.definition = definition
    if (options.only !== undefined && !options.only.includes(definition.kind)) {
      problem = `not used by this command (${definition.label})`
      return false
    }
    return true
  }
  const chunk = (rows: Record<string, unknown>[], lines: number[], unit: 'line' | 'item') => {
    if (vendor === undefined)
      validate(file, reader, rows, lines, unit, columns, options.keepColumns ?? [], dataSet)
    else if (vendor.streamed !== undefined) stream(vendor.streamed, vendor.layout, rows, lines)
    else
      for (let index = 0; index < rows.length; index++) {
        vendor.rows.push(rows[index])
        vendor.lines.push(lines[index] as number)
      }
  }
  const json = extname(file).toLowerCase() === '.json'
  try {
    if (json) {
      const text = readFileSync(file, 'utf8')
      const parsed: unknown = text.trim() === '' ? undefined : JSON.parse(text)
      const found = parsed === undefined ? undefined : detectVendorJson(parsed, surveyVendor)
      if (found === undefined) readJson(parsed, start, chunk)
      else
        vendor = {
          layout: found.layout,
          rows: found.rows,
          lines: found.rows.map((_, index) => index + 1),
        }
    } else await readCsv(file, start, chunk, options.progress)
  } catch (error) {
    problem = `cannot be read: ${(error as Error).message}`
  }
  if (vendor !== undefined && problem === null) {
    vendorFiles.push({
      file,
      ...vendor,
      unit: json ? 'item' : 'line',
      position: dataSet.files.length,
    })
    dataSet.files.push(note(file, VENDOR_LAYOUTS[vendor.layout].kind, null))
    return
  }
  dataSet.files.push({
    source: null,
    file,
    kind: reader.definition?.kind ?? null,
    rows: reader.rows,
    accepted: reader.accepted,
    rejected: reader.rejected,
    problem,
  })
}

function validate(
  file: string,
  reader: FileReader,
  input: Record<string, unknown>[],
  lines: readonly number[],
  unit: 'line' | 'item',
  columns: (kind: Kind) => Readonly<Record<string, string>>,
  keepColumns: readonly string[],
  dataSet: DataSet,
): void {
  const accepted = validateRows(
    file,
    reader.definition as KindDefinition,
    input,
    lines,
    columns,
    keepColumns,
    dataSet,
    unit,
  )
  reader.rows += input.length
  reader.accepted += accepted.length
  reader.rejected += input.length - accepted.length
}

/**
 * Validates rows of one kind with its schema (after the config's column mapping): accepted
 * records (and their `keepColumns`) go to `dataSet.byKind`, refused rows to
 * `dataSet.rejected` with their line and reason. Returns the indices of the accepted rows.
 */
export function validateRows(
  file: string,
  definition: KindDefinition,
  input: Record<string, unknown>[],
  lines: readonly number[],
  columns: (kind: Kind) => Readonly<Record<string, string>>,
  keepColumns: readonly string[],
  dataSet: DataSet,
  unit: 'line' | 'item' = 'line',
): number[] {
  const mapping = columns(definition.kind)
  const renames = Object.entries(mapping)
  const rows =
    renames.length === 0
      ? input
      : input.map((row) => {
          const renamed: Record<string, unknown> = { ...row }
          for (const [field, column] of renames) renamed[field] = row[column]
          return renamed
        })
  const { records, rejected } = parseRecords(definition.schema, rows, { onInvalid: 'collect' })
  const rejectedIndex = new Set<number>()
  for (const row of rejected) {
    rejectedIndex.add(row.index)
    const reason = row.issues
      .map((issue) => {
        const field = issue.path[0]
        const column =
          typeof field === 'string'
            ? Object.hasOwn(mapping, field)
              ? mapping[field]
              : field
            : undefined
        const rest = issue.path.slice(1).join('.')
        const where = column === undefined ? '' : `${column}${rest === '' ? '' : `.${rest}`}: `
        return `${where}${issue.message}`
      })
      .join('; ')
    dataSet.rejected.push({
      file,
      line: lines[row.index] ?? row.index + 1,
      unit,
      kind: definition.kind,
      reason,
    })
  }
  let entry = dataSet.byKind[definition.kind]
  if (entry === undefined) {
    entry = { records: [], raw: [] }
    dataSet.byKind[definition.kind] = entry
  }
  for (const record of records) entry.records.push(record)
  const accepted: number[] = []
  for (let index = 0; index < rows.length; index++) {
    if (rejectedIndex.has(index)) continue
    accepted.push(index)
    const row = rows[index] as Record<string, unknown>
    const kept: Record<string, unknown> = {}
    // Own columns only ("toString" is no column of a row); "__proto__" is never copied.
    for (const column of keepColumns)
      if (column !== '__proto__' && Object.hasOwn(row, column)) kept[column] = row[column]
    entry.raw.push(kept)
  }
  return accepted
}

/** A JSON export: an array of objects (or `{ records: [...] }`); the header is the union of keys. */
function readJson(
  json: unknown,
  start: (header: readonly string[]) => boolean,
  chunk: (rows: Record<string, unknown>[], lines: number[], unit: 'item') => void,
): void {
  if (json === undefined) {
    start([])
    return
  }
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' &&
        json !== null &&
        Array.isArray((json as { records?: unknown }).records)
      ? (json as { records: unknown[] }).records
      : null
  if (list === null) throw new Error('expected a JSON array of records')
  const header = new Set<string>()
  const rows: Record<string, unknown>[] = []
  const lines: number[] = []
  for (let index = 0; index < list.length; index++) {
    const item = list[index]
    const row = typeof item === 'object' && item !== null && !Array.isArray(item) ? item : {}
    for (const key of Object.keys(row)) header.add(key)
    rows.push(row as Record<string, unknown>)
    lines.push(index + 1)
  }
  if (start([...header])) chunk(rows, lines, 'item')
}

/**
 * A CSV export, streamed through csv-parse and validated in chunks; rows keyed by the header,
 * every value a string. Stops reading when the header is not one it knows.
 */
async function readCsv(
  file: string,
  start: (header: readonly string[]) => boolean,
  chunk: (rows: Record<string, unknown>[], lines: number[], unit: 'line') => void,
  progress: ReadOptions['progress'],
): Promise<void> {
  const size = statSync(file).size
  const stream = createReadStream(file)
  let header: string[] = []
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim())
        return header
      },
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  )
  let started: boolean | undefined
  let rows: Record<string, unknown>[] = []
  let lines: number[] = []
  let count = 0
  for await (const entry of parser as AsyncIterable<{
    record: Record<string, string>
    info: { lines: number }
  }>) {
    if (started === undefined) started = start(header)
    if (!started) {
      stream.destroy()
      return
    }
    rows.push(entry.record)
    lines.push(entry.info.lines)
    count++
    if (rows.length === CHUNK) {
      chunk(rows, lines, 'line')
      rows = []
      lines = []
    }
    if (progress !== undefined && count % PROGRESS_EVERY === 0)
      progress(
        `${basename(file)}: ${count.toLocaleString('en-US')} rows, ${Math.round((100 * stream.bytesRead) / Math.max(1, size))} %`,
      )
  }
  // A header without rows still names the kind.
  if (started === undefined) started = start(header)
  if (started && rows.length > 0) chunk(rows, lines, 'line')
}
