/**
 * `npm run bench:peers`: cx-metrics beside what users would otherwise reach for — arquero
 * (dataframes), simple-statistics, in-process DuckDB (@duckdb/node-api) — and a hand-written
 * loop, on the same data in one run. DuckDB's load (appender) is reported apart from its
 * query. All peers are devDependencies. Results and how to reproduce them: BENCHMARKS.md.
 */
import { type DuckDBAppender, DuckDBInstance } from '@duckdb/node-api'
import * as aq from 'arquero'
import Decimal from 'decimal.js'
import * as ss from 'simple-statistics'
import {
  netPromoterScore,
  npsByGroup,
  npsBySegment,
  quantile,
  quantiles,
  type SurveyResponse,
  sumMoney,
  weightedAbsolutePercentageError,
} from '../../src/index.js'
import { measure } from '../harness.js'

let state = 20261127
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return state / 4294967296
}
const timed = async (run: () => unknown | Promise<unknown>) => {
  const start = performance.now()
  await run()
  return performance.now() - start
}

const instance = await DuckDBInstance.create(':memory:')
const duck = await instance.connect()
const query = async (sql: string) => (await duck.runAndReadAll(sql)).getRows()
/** DuckDB query time: median of 5 runs after one warm-up. */
async function duckTime(sql: string): Promise<number> {
  await query(sql)
  const times: number[] = []
  for (let round = 0; round < 5; round++) times.push(await timed(() => query(sql)))
  return times.sort((a, b) => a - b)[2]!
}
/** Creates a DuckDB table and fills it row by row with the appender; returns the load time. */
async function loadTable(
  table: string,
  columns: string,
  rows: number,
  appendRow: (appender: DuckDBAppender, index: number) => void,
): Promise<number> {
  await duck.run(`create table ${table} (${columns})`)
  return timed(async () => {
    const appender = await duck.createAppender(table)
    for (let index = 0; index < rows; index++) {
      appendRow(appender, index)
      appender.endRow()
    }
    appender.flushSync()
    appender.closeSync()
  })
}
const report = (name: string, load: number, queryTime: number, baseline: number) =>
  console.log(
    `  ${name.padEnd(44)} ${queryTime.toFixed(2).padStart(9)} ms   ${(queryTime / baseline).toFixed(2)}× the baseline (load ${load.toFixed(0)} ms, not counted)`,
  )

// ---- NPS over 10 M scores -------------------------------------------------------------
const N = 10_000_000
const scores = new Uint8Array(N)
for (let index = 0; index < N; index++) scores[index] = Math.floor(next() * 11)
const handNps = (s: Uint8Array) => {
  let p = 0
  let d = 0
  for (let index = 0; index < s.length; index++) {
    const v = s[index]!
    if (v >= 9) p++
    else if (v <= 6) d++
  }
  return (100 * (p - d)) / s.length
}
const scoreTable = aq.table({ s: scores })
const npsResults = measure(
  'NPS — 10,000,000 scores (Uint8Array)',
  { name: 'hand loop', run: () => handNps(scores) },
  [
    { name: 'cx-metrics netPromoterScore', run: () => netPromoterScore(scores) },
    {
      name: 'arquero rollup',
      run: () =>
        scoreTable
          .rollup({
            p: 'd => op.sum(d.s >= 9 ? 1 : 0)',
            q: 'd => op.sum(d.s <= 6 ? 1 : 0)',
            n: 'd => op.count()',
          })
          .objects(),
    },
  ],
  5,
)
let load = await loadTable('scores', 's utinyint', N, (a, index) =>
  a.appendUTinyInt(scores[index]!),
)
report(
  'DuckDB SQL',
  load,
  await duckTime('select 100.0 * (count_if(s >= 9) - count_if(s <= 6)) / count(*) from scores'),
  npsResults[0]!.medianMilliseconds,
)

// ---- NPS by 100 segments over 1 M responses -----------------------------------------------
const M = 1_000_000
const segmentCodes = new Uint8Array(M)
const responses: SurveyResponse[] = []
const at = new Date('2026-01-01T00:00:00Z')
for (let index = 0; index < M; index++) {
  segmentCodes[index] = Math.floor(next() * 100)
  responses.push({
    score: scores[index]!,
    respondedAt: at,
    segment: `segment-${segmentCodes[index]}`,
  })
}
const handSegments = () => {
  const p = new Float64Array(100)
  const d = new Float64Array(100)
  const n = new Float64Array(100)
  for (let index = 0; index < M; index++) {
    const code = segmentCodes[index]!
    const v = scores[index]!
    n[code]!++
    if (v >= 9) p[code]!++
    else if (v <= 6) d[code]!++
  }
  return p.map((value, code) => (100 * (value - d[code]!)) / n[code]!)
}
const segmentTable = aq.table({ s: scores.subarray(0, M), g: Array.from(segmentCodes) })
const segmentResults = measure(
  'NPS by 100 segments — 1,000,000 responses',
  { name: 'hand loop on segment codes', run: handSegments },
  [
    { name: 'cx-metrics npsBySegment (records, intervals)', run: () => npsBySegment(responses) },
    {
      name: 'cx-metrics npsByGroup (columns)',
      run: () => npsByGroup({ scores: scores.subarray(0, M), groups: segmentCodes }),
    },
    {
      name: 'arquero groupby + rollup',
      run: () =>
        segmentTable
          .groupby('g')
          .rollup({
            p: 'd => op.sum(d.s >= 9 ? 1 : 0)',
            q: 'd => op.sum(d.s <= 6 ? 1 : 0)',
            n: 'd => op.count()',
          })
          .objects(),
    },
  ],
  5,
)
load = await loadTable('responses', 's utinyint, g utinyint', M, (a, index) => {
  a.appendUTinyInt(scores[index]!)
  a.appendUTinyInt(segmentCodes[index]!)
})
report(
  'DuckDB SQL group by',
  load,
  await duckTime(
    'select g, 100.0 * (count_if(s >= 9) - count_if(s <= 6)) / count(*) from responses group by g',
  ),
  segmentResults[0]!.medianMilliseconds,
)

// ---- p50 and p90 of 1 M durations ---------------------------------------------------------
const durations = new Float64Array(M)
for (let index = 0; index < M; index++) durations[index] = -Math.log(1 - next()) * 20
const durationArray = Array.from(durations)
const handQuantiles = () => {
  const sorted = Float64Array.from(durations).sort()
  const at = (p: number) => {
    const h = (sorted.length - 1) * p
    const low = Math.floor(h)
    return sorted[low]! + (h - low) * (sorted[low + 1]! - sorted[low]!)
  }
  return [at(0.5), at(0.9)]
}
const durationTable = aq.table({ t: durations })
const quantileResults = measure(
  'p50 and p90 — 1,000,000 durations',
  { name: 'hand: copy, sort, interpolate', run: handQuantiles },
  [
    { name: 'cx-metrics quantiles([0.5, 0.9])', run: () => quantiles(durations, [0.5, 0.9]) },
    {
      name: 'cx-metrics quantile × 2',
      run: () => [quantile(durations, 0.5), quantile(durations, 0.9)],
    },
    {
      name: 'simple-statistics quantile, in place',
      run: () => ss.quantile(durationArray, [0.5, 0.9]),
    },
    {
      name: 'simple-statistics quantile, on a copy',
      run: () => ss.quantile(durationArray.slice(), [0.5, 0.9]),
    },
    {
      name: 'arquero op.quantile × 2',
      run: () =>
        durationTable
          .rollup({ a: 'd => op.quantile(d.t, 0.5)', b: 'd => op.quantile(d.t, 0.9)' })
          .objects(),
    },
  ],
  5,
)
load = await loadTable('durations', 't double', M, (a, index) => a.appendDouble(durations[index]!))
report(
  'DuckDB quantile_cont',
  load,
  await duckTime('select quantile_cont(t, 0.5), quantile_cont(t, 0.9) from durations'),
  quantileResults[0]!.medianMilliseconds,
)

// ---- WAPE over 10 M pairs ---------------------------------------------------------------
const actual = new Float64Array(N)
const forecast = new Float64Array(N)
for (let index = 0; index < N; index++) {
  actual[index] = Math.round(next() * 100_000) / 100
  forecast[index] = actual[index]! * (0.8 + 0.4 * next())
}
const handWape = (a: Float64Array, f: Float64Array) => {
  let e = 0
  let t = 0
  for (let index = 0; index < a.length; index++) {
    e += Math.abs(a[index]! - f[index]!)
    t += Math.abs(a[index]!)
  }
  return e / t
}
const wapeTable = aq.table({ a: actual, f: forecast })
const wapeResults = measure(
  'WAPE — 10,000,000 Float64Array pairs',
  { name: 'hand WAPE function', run: () => handWape(actual, forecast) },
  [
    {
      name: 'cx-metrics weightedAbsolutePercentageError',
      run: () => weightedAbsolutePercentageError({ actual, forecast }),
    },
    {
      name: 'arquero rollup',
      run: () =>
        wapeTable
          .rollup({ e: 'd => op.sum(op.abs(d.a - d.f))', t: 'd => op.sum(op.abs(d.a))' })
          .objects(),
    },
  ],
  5,
)
load = await loadTable('pairs', 'a double, f double', N, (a, index) => {
  a.appendDouble(actual[index]!)
  a.appendDouble(forecast[index]!)
})
report(
  'DuckDB SQL',
  load,
  await duckTime('select sum(abs(a - f)) / sum(abs(a)) from pairs'),
  wapeResults[0]!.medianMilliseconds,
)

// ---- exact money sum of 1 M amounts ---------------------------------------------------------
const amounts = new Float64Array(M)
for (let index = 0; index < M; index++) amounts[index] = Math.round(next() * 10_000_000) / 100
const moneyResults = measure(
  'Money sum — 1,000,000 amounts with cents',
  {
    name: 'float loop (inexact)',
    run: () => {
      let total = 0
      for (let index = 0; index < M; index++) total += amounts[index]!
      return total
    },
  },
  [
    { name: 'cx-metrics sumMoney (exact)', run: () => sumMoney(amounts) },
    {
      name: 'decimal.js, one Decimal per row (exact)',
      run: () => {
        let total = new Decimal(0)
        for (let index = 0; index < M; index++) total = total.plus(amounts[index]!)
        return total
      },
    },
  ],
  5,
)
load = await loadTable('money', 'm decimal(18, 2)', M, (a, index) =>
  a.appendDouble(amounts[index]!),
)
report(
  'DuckDB sum(decimal(18,2)) (exact)',
  load,
  await duckTime('select sum(m) from money'),
  moneyResults[0]!.medianMilliseconds,
)
duck.closeSync()
