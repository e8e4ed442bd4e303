/**
 * Writes a survey export for the CLI timings (cli/README.md, "Performance"):
 * `responseId,respondedAt,segment,score`, months 1–12 of 2026, three segments, a bad score
 * ('11') every 250,000 rows — the generator of examples/stream-csv.ts with the months spread.
 *
 *   node cli/bench/survey-csv.mjs <rows> <file>
 */
import { createWriteStream } from 'node:fs'

const count = Number(process.argv[2] ?? 1_000_000)
const path = process.argv[3] ?? 'big.csv'
const out = createWriteStream(path)
const write = (text) =>
  out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve))
await write('responseId,respondedAt,segment,score\n')
let state = 7
let buffer = ''
for (let index = 0; index < count; index++) {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  const score = index % 250_000 === 123 ? '11' : String(state % 11)
  const month = String(1 + (index % 12)).padStart(2, '0')
  const day = String(1 + (index % 28)).padStart(2, '0')
  buffer += `R${index},2026-${month}-${day}T10:00:00Z,${['SMB', 'Mid-Market', 'Enterprise'][state % 3]},${score}\n`
  if (buffer.length > 1 << 16) {
    await write(buffer)
    buffer = ''
  }
}
await write(buffer)
await new Promise((resolve) => out.end(resolve))
