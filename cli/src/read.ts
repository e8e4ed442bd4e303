import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { parse } from 'csv-parse'
import { parseRecords } from 'cx-metrics/schemas'
import { type Config, columnsOf } from './config.js'
import { detectKind, KINDS, type Kind, type KindDefinition } from './kinds.js'

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
}

/** Reads, detects and validates every file; never throws for bad data (it is listed instead). */
export async function readInputs(paths: readonly string[], options: ReadOptions): Promise<DataSet> {
  const { files, missing } = expandPaths(paths)
  const dataSet: DataSet = { byKind: {}, files: [], rejected: [] }
  for (const file of missing) dataSet.files.push(note(file, null, 'no such file or folder'))
  for (const file of files) await readOne(file, options, dataSet)
  return dataSet
}

function note(file: string, kind: Kind | null, problem: string | null, rows = 0): FileNote {
  return { file, kind, rows, accepted: 0, rejected: 0, problem }
}

async function readOne(file: string, options: ReadOptions, dataSet: DataSet): Promise<void> {
  const columns = (kind: Kind) => columnsOf(options.config, kind)
  let table: {
    header: string[]
    rows: Record<string, unknown>[]
    lines: number[]
    unit: 'line' | 'item'
  }
  try {
    table =
      extname(file).toLowerCase() === '.json'
        ? readJson(file)
        : await readCsv(file, options.progress)
  } catch (error) {
    dataSet.files.push(note(file, null, `cannot be read: ${(error as Error).message}`))
    return
  }
  if (table.header.length === 0) {
    dataSet.files.push(note(file, null, 'is empty (no header row)'))
    return
  }
  const definition = detectKind(table.header, columns)
  if (definition === undefined) {
    dataSet.files.push(
      note(
        file,
        null,
        `header not recognised (${table.header.slice(0, 8).join(', ')}${table.header.length > 8 ? ', …' : ''}); ` +
          `expected one of: ${KINDS.map((k) => `${k.label} [${k.required.join(', ')}]`).join('; ')}`,
        table.rows.length,
      ),
    )
    return
  }
  if (options.only !== undefined && !options.only.includes(definition.kind)) {
    dataSet.files.push(
      note(file, definition.kind, `not used by this command (${definition.label})`),
    )
    return
  }
  validate(file, definition, table, columns(definition.kind), dataSet)
}

function validate(
  file: string,
  definition: KindDefinition,
  table: { rows: Record<string, unknown>[]; lines: number[]; unit: 'line' | 'item' },
  mapping: Readonly<Record<string, string>>,
  dataSet: DataSet,
): void {
  const renames = Object.entries(mapping)
  const rows =
    renames.length === 0
      ? table.rows
      : table.rows.map((row) => {
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
        const column = typeof field === 'string' ? (mapping[field] ?? field) : undefined
        const rest = issue.path.slice(1).join('.')
        const where = column === undefined ? '' : `${column}${rest === '' ? '' : `.${rest}`}: `
        return `${where}${issue.message}`
      })
      .join('; ')
    dataSet.rejected.push({
      file,
      line: table.lines[row.index] ?? row.index + 1,
      unit: table.unit,
      kind: definition.kind,
      reason,
    })
  }
  const raw: Record<string, unknown>[] = []
  for (let index = 0; index < rows.length; index++)
    if (!rejectedIndex.has(index)) raw.push(rows[index] as Record<string, unknown>)
  const existing = dataSet.byKind[definition.kind]
  if (existing === undefined) dataSet.byKind[definition.kind] = { records, raw }
  else {
    for (const record of records) existing.records.push(record)
    for (const row of raw) existing.raw.push(row)
  }
  dataSet.files.push({
    file,
    kind: definition.kind,
    rows: rows.length,
    accepted: records.length,
    rejected: rejected.length,
    problem: null,
  })
}

/** A JSON export: an array of objects (or `{ records: [...] }`); the header is the union of keys. */
function readJson(file: string) {
  const text = readFileSync(file, 'utf8')
  if (text.trim() === '') return { header: [], rows: [], lines: [], unit: 'item' as const }
  const json: unknown = JSON.parse(text)
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
  return { header: [...header], rows, lines, unit: 'item' as const }
}

/** Rows between progress lines. */
const PROGRESS_EVERY = 100_000

/** A CSV export, streamed through csv-parse; rows keyed by the header, every value a string. */
async function readCsv(file: string, progress: ReadOptions['progress']) {
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
  const rows: Record<string, unknown>[] = []
  const lines: number[] = []
  for await (const entry of parser as AsyncIterable<{
    record: Record<string, string>
    info: { lines: number }
  }>) {
    rows.push(entry.record)
    lines.push(entry.info.lines)
    if (progress !== undefined && rows.length % PROGRESS_EVERY === 0)
      progress(
        `${basename(file)}: ${rows.length.toLocaleString('en-US')} rows, ${Math.round((100 * stream.bytesRead) / Math.max(1, size))} %`,
      )
  }
  return { header, rows, lines, unit: 'line' as const }
}
