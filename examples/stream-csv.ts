/**
 * Streams a large CSV export through `parseRecords` in chunks into an aggregator, with
 * bounded memory and a progress line: the way to compute NPS over a file that does not fit
 * in memory (or arrives from a network stream). Every rejected row is counted and the first
 * few are shown — none is dropped silently.
 *
 *   npx tsx examples/stream-csv.ts [rows, default 2000000] [file, default a temporary file]
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { netPromoterScoreAggregator } from 'cx-metrics'
import { parseRecords, type RejectedRecord, SurveyResponseSchema } from 'cx-metrics/schemas'

const rows = Number(process.argv[2] ?? 2_000_000)
const file = process.argv[3] ?? join(tmpdir(), `cx-metrics-responses-${process.pid}.csv`)
const CHUNK = 20_000

/** Writes a survey export with a bad row every 250,000 rows, respecting back-pressure. */
async function writeExport(path: string, count: number): Promise<void> {
  const out = createWriteStream(path)
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve))
  await write('responseId,respondedAt,segment,score\n')
  let state = 7
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const score = index % 250_000 === 123 ? '11' : String(state % 11)
    const day = String(1 + (index % 28)).padStart(2, '0')
    await write(
      `R${index},2026-02-${day}T10:00:00Z,${['SMB', 'Mid-Market', 'Enterprise'][state % 3]},${score}\n`,
    )
  }
  await new Promise<void>((resolve) => out.end(resolve))
}

const started = performance.now()
if (process.argv[3] === undefined) await writeExport(file, rows)
const written = performance.now()

const nps = netPromoterScoreAggregator()
let state = nps.initial()
let header: string[] = []
let batch: Record<string, string>[] = []
let read = 0
let rejectedCount = 0
const firstRejected: RejectedRecord[] = []
let peakHeap = 0

const flush = () => {
  const { records, rejected } = parseRecords(SurveyResponseSchema, batch, { onInvalid: 'collect' })
  state = nps.addAll(
    state,
    records.map((record) => record.score),
  )
  for (const row of rejected) {
    rejectedCount++
    if (firstRejected.length < 3)
      firstRejected.push({ ...row, index: read - batch.length + row.index })
  }
  batch = []
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  process.stderr.write(
    `\rread ${read.toLocaleString('en-US')} rows, ${rejectedCount} rejected, NPS so far ${nps.result(state).score?.toFixed(2)}`,
  )
}

for await (const line of createInterface({
  input: createReadStream(file),
  crlfDelay: Number.POSITIVE_INFINITY,
})) {
  if (header.length === 0) {
    header = line.split(',')
    continue
  }
  const cells = line.split(',')
  batch.push(Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])))
  read++
  if (batch.length === CHUNK) flush()
}
if (batch.length > 0) flush()
process.stderr.write('\n')
if (process.argv[3] === undefined) rmSync(file)

const result = nps.result(state)
console.log(
  `NPS ${result.score?.toFixed(3)} over ${result.total.toLocaleString('en-US')} valid responses; ${rejectedCount} rows rejected, e.g.:`,
)
for (const row of firstRejected)
  console.log(
    `  data row ${row.index + 1}: ${row.issues[0]?.path.join('.')} — ${row.issues[0]?.message}`,
  )
console.log(
  `written in ${((written - started) / 1000).toFixed(1)} s, streamed and parsed in ${((performance.now() - written) / 1000).toFixed(1)} s ` +
    `(${Math.round((1000 * read) / (performance.now() - written)).toLocaleString('en-US')} rows/s); peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
)
