/**
 * NPS by segment end to end from a CSV export (issue 16, "Performance"): N survey rows
 * (segment, score, responded_at; 1,000 segments) written to a temporary file, then
 * - twin: DuckDB `read_csv` + the query of netPromoterScoreSql + its `finish`;
 * - DuckDB alone: DuckDB `read_csv` + a hand-written GROUP BY with the same counts;
 * - streamed: csv-parse streaming + `parseRecords(SurveyResponseSchema)` in chunks +
 *   one netPromoterScoreAggregator state per segment (the path of examples/stream-csv.ts).
 * Runs are interleaved (each path once per round), best of 5 rounds; every path's counts
 * are checked against the others before timing. The load average is printed beside every
 * figure because the machine is shared. Prints times and ratios; no assertions.
 *
 * Run: npx tsx bench/sqlEndToEnd.ts [rows, default 1,000,000] [threads, default DuckDB's]
 *   e.g. npx tsx bench/sqlEndToEnd.ts 1000000 1   (DuckDB `SET threads = 1`)
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DuckDBInstance } from '@duckdb/node-api'
import { parse } from 'csv-parse'
import { parseRecords, SurveyResponseSchema } from '../src/schemas/index.js'
import { netPromoterScoreSql } from '../src/sql/index.js'
import {
  type NpsAggregatorState,
  netPromoterScoreAggregator,
} from '../src/survey/netPromoterScoreAggregator.js'

const rows = Number(process.argv[2] ?? 1_000_000)
const threads = process.argv[3] === undefined ? null : Number(process.argv[3])
const directory = mkdtempSync(join(tmpdir(), 'cx-sql-e2e-'))
const file = join(directory, 'responses.csv')
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

/** The export: a header and one line per response, written with back-pressure. */
async function writeExport(): Promise<void> {
  const out = createWriteStream(file)
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve))
  await write('segment,score,responded_at\n')
  let lines: string[] = []
  for (let index = 0; index < rows; index++) {
    const seconds = (index * 104_729) % 31_536_000
    const at = new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString()
    lines.push(`segment-${index % 1000},${(index * 7919) % 11},${at}`)
    if (lines.length === 10_000) {
      await write(`${lines.join('\n')}\n`)
      lines = []
    }
  }
  if (lines.length > 0) await write(`${lines.join('\n')}\n`)
  await new Promise<void>((resolve) => out.end(resolve))
}
await writeExport()

const instance = await DuckDBInstance.create(':memory:')
const connection = await instance.connect()
if (threads !== null) await connection.run(`SET threads = ${threads}`)
// The path is a temporary directory of our own: letters, digits, '/', '-', '_' and '.'.
if (!/^[\w./-]+$/.test(file)) throw new Error(`unexpected temporary path ${file}`)
const source = `read_csv('${file}', header = true, columns = {'segment': 'VARCHAR', 'score': 'INTEGER', 'responded_at': 'TIMESTAMPTZ'})`
const query = netPromoterScoreSql({
  dialect: 'duckdb',
  from: { raw: source },
  columns: { score: 'score' },
  groupBy: ['segment'],
})
const hand = `SELECT segment,
  COUNT(*) FILTER (WHERE score >= 9) AS promoters,
  COUNT(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
  COUNT(*) FILTER (WHERE score <= 6) AS detractors
FROM ${source} GROUP BY segment`

type Counts = Map<string, string>

async function twin(): Promise<Counts> {
  const reader = await connection.runAndReadAll(query.sql)
  const out = query.finish(reader.getRowObjects() as Record<string, unknown>[])
  return new Map(
    out.map((row) => [
      String(row.group?.segment),
      `${row.state.promoters}/${row.state.passives}/${row.state.detractors}`,
    ]),
  )
}

async function duckdbAlone(): Promise<Counts> {
  const reader = await connection.runAndReadAll(hand)
  return new Map(
    (reader.getRowObjects() as Record<string, unknown>[]).map((row) => [
      String(row.segment),
      `${row.promoters}/${row.passives}/${row.detractors}`,
    ]),
  )
}

async function streamed(): Promise<Counts> {
  const nps = netPromoterScoreAggregator()
  const states = new Map<string, NpsAggregatorState>()
  let batch: Record<string, string>[] = []
  const flush = () => {
    const { records, rejected } = parseRecords(SurveyResponseSchema, batch, {
      onInvalid: 'collect',
    })
    if (rejected.length > 0) throw new Error(`streamed: ${rejected.length} rows rejected`)
    // Scores per segment of this chunk, then one addAll per segment.
    const scores = new Map<string, number[]>()
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as (typeof records)[number]
      const segment = record.segment ?? ''
      let list = scores.get(segment)
      if (list === undefined) {
        list = []
        scores.set(segment, list)
      }
      list.push(record.score)
    }
    for (const [segment, list] of scores) {
      states.set(segment, nps.addAll(states.get(segment) ?? nps.initial(), list))
    }
    batch = []
  }
  // The export's column responded_at is the schema's field respondedAt.
  const parser = createReadStream(file).pipe(
    parse({
      columns: (header: string[]) =>
        header.map((name) => (name === 'responded_at' ? 'respondedAt' : name)),
    }),
  )
  for await (const row of parser) {
    batch.push(row as Record<string, string>)
    if (batch.length === 20_000) flush()
  }
  if (batch.length > 0) flush()
  const out: Counts = new Map()
  for (const [segment, state] of states) {
    const result = nps.result(state)
    out.set(segment, `${result.promoters}/${result.passives}/${result.detractors}`)
  }
  return out
}

const paths = { twin, duckdbAlone, streamed } as const
console.log(
  `${rows.toLocaleString('en')} CSV rows, DuckDB threads: ${threads ?? 'default'}; load average at start ${load()}`,
)
const reference = await duckdbAlone()
for (const [name, path] of Object.entries(paths)) {
  const got = await path()
  for (const [segment, counts] of reference) {
    if (got.get(segment) !== counts) {
      throw new Error(`${name}: ${segment} has ${got.get(segment)}, DuckDB alone ${counts}`)
    }
  }
  if (got.size !== reference.size) throw new Error(`${name}: ${got.size} segments`)
}
const best: Record<keyof typeof paths, number> = {
  twin: Infinity,
  duckdbAlone: Infinity,
  streamed: Infinity,
}
for (let round = 0; round < 5; round++) {
  for (const name of Object.keys(paths) as (keyof typeof paths)[]) {
    const start = performance.now()
    await paths[name]()
    best[name] = Math.min(best[name], performance.now() - start)
  }
  console.log(
    `  round ${round + 1}: best so far twin ${best.twin.toFixed(0)} ms, DuckDB alone ${best.duckdbAlone.toFixed(0)} ms, streamed ${best.streamed.toFixed(0)} ms — load ${load()}`,
  )
}
console.log(
  `read_csv + generated query + finish ${best.twin.toFixed(0)} ms; read_csv + hand GROUP BY ${best.duckdbAlone.toFixed(0)} ms (ratio ${(best.twin / best.duckdbAlone).toFixed(2)}); ` +
    `csv-parse stream + parseRecords + aggregator ${best.streamed.toFixed(0)} ms (${(best.streamed / best.twin).toFixed(1)}× the twin, ${(best.streamed / best.duckdbAlone).toFixed(1)}× DuckDB alone) — load ${load()}`,
)
connection.closeSync()
instance.closeSync()
rmSync(directory, { recursive: true, force: true })
