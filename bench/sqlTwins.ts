/**
 * netPromoterScoreSql on DuckDB: the generated query against a hand-written GROUP BY that
 * computes the same counts, and `finish` against the query, on N generated survey rows
 * (1,000 segments × 12 months). Prints times and ratios; no assertions.
 *
 * Run: npx tsx bench/sqlTwins.ts [rows]   (default 1,000,000)
 */
import { performance } from 'node:perf_hooks'
import { DuckDBInstance } from '@duckdb/node-api'
import { netPromoterScoreSql } from '../src/sql/index.js'

const rows = Number(process.argv[2] ?? 1_000_000)
const instance = await DuckDBInstance.create(':memory:')
const connection = await instance.connect()
await connection.run(`CREATE TABLE responses AS
  SELECT 'segment-' || (i % 1000) AS segment,
         CAST((i * 7919) % 11 AS INTEGER) AS score,
         TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(CAST((i * 104729) % 31536000 AS BIGINT)) AS responded_at
  FROM range(${rows}) t(i)`)

const query = netPromoterScoreSql({
  dialect: 'duckdb',
  from: 'responses',
  columns: { score: 'score' },
  groupBy: ['segment'],
})
const withPeriod = netPromoterScoreSql({
  dialect: 'duckdb',
  from: 'responses',
  columns: { score: 'score' },
  groupBy: ['segment'],
  period: { column: 'responded_at', unit: 'month', timeZone: 'America/New_York' },
})
const hand = `SELECT segment,
  SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN score BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS passives,
  SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors
FROM responses GROUP BY segment`
const handPeriod = `SELECT segment, date_trunc('month', timezone('America/New_York', responded_at)) AS month,
  SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN score BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS passives,
  SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors
FROM responses GROUP BY ALL`

async function best(
  sql: string,
  runs = 5,
): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  let ms = Number.POSITIVE_INFINITY
  let result: Record<string, unknown>[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    const reader = await connection.runAndReadAll(sql)
    result = reader.getRowObjects() as Record<string, unknown>[]
    ms = Math.min(ms, performance.now() - start)
  }
  return { ms, rows: result }
}

for (const [label, generated, handWritten] of [
  ['by segment', query, hand],
  ['by segment × NY month', withPeriod, handPeriod],
] as const) {
  const twin = await best(generated.sql)
  const plain = await best(handWritten)
  let finishMs = Number.POSITIVE_INFINITY
  for (let run = 0; run < 5; run++) {
    const start = performance.now()
    generated.finish(twin.rows)
    finishMs = Math.min(finishMs, performance.now() - start)
  }
  console.log(
    `${label}: ${rows.toLocaleString('en')} rows, ${twin.rows.length} result rows — generated ${twin.ms.toFixed(1)} ms, hand GROUP BY ${plain.ms.toFixed(1)} ms (ratio ${(twin.ms / plain.ms).toFixed(2)}), finish ${finishMs.toFixed(2)} ms (${((100 * finishMs) / twin.ms).toFixed(1)} % of the query)`,
  )
}
connection.closeSync()
instance.closeSync()
