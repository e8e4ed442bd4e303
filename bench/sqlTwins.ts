/**
 * netPromoterScoreSql on DuckDB (issue 16, "Performance"): the generated query against
 * hand-written GROUP BY queries that compute the same promoter / passive / detractor counts,
 * and `finish` against the query, on N generated survey rows (1,000 segments; also by
 * segment × month in America/New_York). Runs are interleaved (every query once per round),
 * best of 5 rounds; the load average is printed beside every figure because the machine
 * is shared. Before timing, the generated query's counts are checked against the hand
 * query's, so the comparison is between queries that give the same numbers.
 * Prints times and ratios; no assertions.
 *
 * Run: npx tsx bench/sqlTwins.ts [rows, default 10,000,000] [threads, default DuckDB's]
 *   e.g. npx tsx bench/sqlTwins.ts 10000000 1   (DuckDB `SET threads = 1`)
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { DuckDBInstance } from '@duckdb/node-api'
import { netPromoterScoreSql } from '../src/sql/index.js'

const rows = Number(process.argv[2] ?? 10_000_000)
const threads = process.argv[3] === undefined ? null : Number(process.argv[3])
const instance = await DuckDBInstance.create(':memory:')
const connection = await instance.connect()
if (threads !== null) await connection.run(`SET threads = ${threads}`)
await connection.run(`CREATE TABLE responses AS
  SELECT 'segment-' || (i % 1000) AS segment,
         CAST((i * 7919) % 11 AS INTEGER) AS score,
         TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds(CAST((i * 104729) % 31536000 AS BIGINT)) AS responded_at
  FROM range(${rows}) t(i)`)

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

const bySegment = netPromoterScoreSql({
  dialect: 'duckdb',
  from: 'responses',
  columns: { score: 'score' },
  groupBy: ['segment'],
})
const byMonth = netPromoterScoreSql({
  dialect: 'duckdb',
  from: 'responses',
  columns: { score: 'score' },
  groupBy: ['segment'],
  period: { column: 'responded_at', unit: 'month', timeZone: 'America/New_York' },
})
const counts = (filter: boolean) =>
  filter
    ? `COUNT(*) FILTER (WHERE score >= 9) AS promoters,
  COUNT(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
  COUNT(*) FILTER (WHERE score <= 6) AS detractors`
    : `SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN score BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS passives,
  SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors`
const month = `date_trunc('month', timezone('America/New_York', responded_at))`
const cases = [
  {
    label: 'by segment',
    generated: bySegment,
    hand: {
      filter: `SELECT segment, ${counts(true)} FROM responses GROUP BY segment`,
      sumCase: `SELECT segment, ${counts(false)} FROM responses GROUP BY segment`,
    },
    key: (row: Record<string, unknown>) => String(row.segment ?? row.cx_group_0),
  },
  {
    label: 'by segment × NY month',
    generated: byMonth,
    hand: {
      filter: `SELECT segment, strftime(${month}, '%Y-%m-%d') AS month, ${counts(true)} FROM responses GROUP BY segment, ${month}`,
      sumCase: `SELECT segment, strftime(${month}, '%Y-%m-%d') AS month, ${counts(false)} FROM responses GROUP BY segment, ${month}`,
    },
    key: (row: Record<string, unknown>) =>
      `${String(row.segment ?? row.cx_group_0)}|${String(row.month ?? row.cx_period)}`,
  },
] as const

async function run(sql: string): Promise<{ ms: number; rows: Record<string, unknown>[] }> {
  const start = performance.now()
  const reader = await connection.runAndReadAll(sql)
  const result = reader.getRowObjects() as Record<string, unknown>[]
  return { ms: performance.now() - start, rows: result }
}

console.log(
  `${rows.toLocaleString('en')} rows, DuckDB threads: ${threads ?? 'default'}; load average at start ${load()}`,
)
for (const { label, generated, hand, key } of cases) {
  // Same numbers: the generated counts per group equal the hand query's.
  const twin = await run(generated.sql)
  const plain = await run(hand.filter)
  const expected = new Map(
    plain.rows.map((row) => [key(row), `${row.promoters}/${row.passives}/${row.detractors}`]),
  )
  for (const row of twin.rows) {
    const got = `${row.cx_promoters}/${row.cx_passives}/${row.cx_detractors}`
    if (expected.get(key(row)) !== got || Number(row.cx_refused) !== 0)
      throw new Error(`${label}: ${key(row)} has ${got}, the hand query ${expected.get(key(row))}`)
  }
  if (twin.rows.length !== plain.rows.length) throw new Error(`${label}: row counts differ`)

  const best = { generated: Infinity, filter: Infinity, sumCase: Infinity, finish: Infinity }
  let lastRows = twin.rows
  // `finish` once cold (first call: parsing and JIT of this code path), then warmed up.
  const coldStart = performance.now()
  generated.finish(lastRows)
  const cold = performance.now() - coldStart
  for (let warm = 0; warm < 20; warm++) generated.finish(lastRows)
  for (let round = 0; round < 5; round++) {
    const one = await run(generated.sql)
    best.generated = Math.min(best.generated, one.ms)
    lastRows = one.rows
    best.filter = Math.min(best.filter, (await run(hand.filter)).ms)
    best.sumCase = Math.min(best.sumCase, (await run(hand.sumCase)).ms)
    const start = performance.now()
    generated.finish(lastRows)
    best.finish = Math.min(best.finish, performance.now() - start)
  }
  console.log(
    `${label}: ${lastRows.length} result rows — generated ${best.generated.toFixed(1)} ms; ` +
      `hand GROUP BY with FILTER ${best.filter.toFixed(1)} ms (ratio ${(best.generated / best.filter).toFixed(2)}), ` +
      `with SUM(CASE) ${best.sumCase.toFixed(1)} ms (ratio ${(best.generated / best.sumCase).toFixed(2)}); ` +
      `finish ${best.finish.toFixed(2)} ms warm (${((100 * best.finish) / best.generated).toFixed(2)} % of the generated query), ${cold.toFixed(2)} ms cold — load ${load()}`,
  )
}
connection.closeSync()
instance.closeSync()
