/**
 * quantileSql, averageDealSizeSql({ statistic: 'median' }) and kaplanMeierSql on DuckDB
 * against DuckDB's own functions for the same numbers (`quantile_cont` / `median` GROUP BY,
 * a plain `GROUP BY segment, duration` of counts), and `finish` against the query, on N
 * generated rows in 1,000 segments. Prints times and ratios; no assertions.
 *
 * Run: npx tsx bench/sqlRanks.ts [rows]   (default 1,000,000)
 */
import { performance } from 'node:perf_hooks'
import { DuckDBInstance } from '@duckdb/node-api'
import { averageDealSizeSql, kaplanMeierSql, quantileSql } from '../src/sql/index.js'

const rows = Number(process.argv[2] ?? 1_000_000)
const instance = await DuckDBInstance.create(':memory:')
const connection = await instance.connect()
await connection.run(`CREATE TABLE facts AS
  SELECT 'segment-' || (i % 1000) AS segment,
         CAST((i * 7919) % 100003 AS DOUBLE) / 100 AS hours,
         CAST((i * 104729) % 48 AS DOUBLE) AS months,
         CAST((i * 31) % 3 = 0 AS INTEGER) AS churned,
         CASE WHEN (i * 13) % 4 = 0 THEN 'lost' WHEN (i * 13) % 4 = 1 THEN 'open' ELSE 'won' END AS status,
         CAST((i * 6151) % 10000000 AS DECIMAL(18, 6)) / 100 AS amount
  FROM range(${rows}) t(i)`)

async function best(
  sql: string,
  runs = 3,
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

const cases = [
  {
    label: 'quantileSql p90 linear',
    query: quantileSql({
      dialect: 'duckdb',
      from: 'facts',
      columns: { value: 'hours' },
      groupBy: ['segment'],
      quantile: 0.9,
    }),
    hand: 'SELECT segment, quantile_cont(hours, 0.9) AS q FROM facts GROUP BY segment',
  },
  {
    label: 'averageDealSizeSql median',
    query: averageDealSizeSql({
      dialect: 'duckdb',
      from: 'facts',
      columns: { status: 'status', amount: 'amount' },
      groupBy: ['segment'],
      statistic: 'median',
    }),
    hand: "SELECT segment, COUNT(*) AS n, SUM(amount) AS total, median(amount) AS m FROM facts WHERE status = 'won' GROUP BY segment",
  },
  {
    label: 'kaplanMeierSql',
    query: kaplanMeierSql({
      dialect: 'duckdb',
      from: 'facts',
      columns: { duration: 'months', event: 'churned' },
      groupBy: ['segment'],
    }),
    hand: 'SELECT segment, months, SUM(churned) AS events, SUM(1 - churned) AS censored FROM facts GROUP BY segment, months',
  },
]
console.log(
  `${rows} rows, 1,000 segments (DuckDB ${(await best('SELECT version() AS v', 1)).rows[0]?.v})`,
)
for (const { label, query, hand } of cases) {
  const generated = await best(query.sql)
  const handWritten = await best(hand)
  // Warm-up runs first: the first calls of finish are dominated by JIT compilation.
  for (let run = 0; run < 3; run++) query.finish(generated.rows as never)
  const start = performance.now()
  for (let run = 0; run < 10; run++) query.finish(generated.rows as never)
  const finishMs = (performance.now() - start) / 10
  console.log(
    `${label}: query ${generated.ms.toFixed(0)} ms, hand-written ${handWritten.ms.toFixed(0)} ms (×${(generated.ms / handWritten.ms).toFixed(2)}), finish ${finishMs.toFixed(1)} ms (${((100 * finishMs) / generated.ms).toFixed(1)} % of the query), ${generated.rows.length} result rows`,
  )
}
