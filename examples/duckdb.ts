/**
 * Three warehouse reports over the sample exports, computed by DuckDB and finished by
 * cx-metrics. DuckDB reads the files (`read_csv`, `read_json`) and runs the one query that
 * each `cx-metrics/sql` function writes; `finish` turns the returned state into the
 * aggregator's exact result, with the same periods and labels as `groupMetric`.
 *
 * - NPS by segment and month (`netPromoterScoreSql`): promoter, passive and detractor counts
 *   per segment and New York month.
 * - GRR/NRR by month (`revenueMovementsSql`): the monthly MRR snapshots paired per account
 *   with window functions, movements summed as `DECIMAL(38, 6)`.
 * - Forecast accuracy by owner (`forecastErrorSql`): each owner's last commit call of each
 *   quarter against the won deals that closed in that quarter (New York dates).
 *
 * Run: npx tsx examples/duckdb.ts
 */
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { forecastErrorSql, netPromoterScoreSql, revenueMovementsSql } from '../src/sql/index.js'

const CSV = fileURLToPath(new URL('./data/survey-responses.csv', import.meta.url))
const REVENUE_CSV = fileURLToPath(new URL('./data/account-revenue.csv', import.meta.url))
const FORECASTS_CSV = fileURLToPath(new URL('./data/forecast-submissions.csv', import.meta.url))
const DEALS_JSON = fileURLToPath(new URL('./data/opportunities.json', import.meta.url))

/** Paths are trusted text spliced into raw fragments: refuse the one character that breaks them. */
function checkPath(path: string): string {
  if (/'/.test(path)) throw new Error('the example does not quote paths with apostrophes')
  return path
}

/** Runs one query on a fresh in-memory DuckDB and returns its rows as objects. */
async function runDuckDb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    const reader = await connection.runAndReadAll(sql)
    return reader.getRowObjects()
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

/** NPS by segment and month; `csvPath` is trusted text spliced into a raw fragment. */
export async function npsBySegmentAndMonth(csvPath: string = CSV) {
  checkPath(csvPath)
  const query = netPromoterScoreSql({
    dialect: 'duckdb',
    // A raw fragment: the caller vouches for it. respondedAt is read as text and cast with
    // its 'Z', so the instants do not depend on DuckDB's session time zone.
    // The export holds three bad rows (a score of 11, a blank score, 31 April): like
    // parseRecords with onInvalid 'collect', the subquery leaves them out.
    from: {
      raw: `(SELECT segment, score, TRY_CAST(respondedAt AS TIMESTAMPTZ) AS responded_at
        FROM read_csv('${csvPath}', header = true, types = {'respondedAt': 'VARCHAR', 'score': 'VARCHAR'})
        WHERE TRY_CAST(respondedAt AS TIMESTAMPTZ) IS NOT NULL
          AND TRY_CAST(score AS INTEGER) BETWEEN 0 AND 10) AS responses`,
    },
    columns: { score: { raw: 'CAST(score AS INTEGER)' } },
    groupBy: ['segment'],
    period: { column: 'responded_at', unit: 'month', timeZone: 'America/New_York' },
  })
  return query.finish(await runDuckDb(query.sql))
}

/**
 * Gross and net revenue retention by month from the monthly MRR export: one row per account
 * and month (`month` is the first day of the month, read as a UTC instant).
 */
export async function revenueRetentionByMonth(csvPath: string = REVENUE_CSV) {
  checkPath(csvPath)
  const query = revenueMovementsSql({
    dialect: 'duckdb',
    // amount is read as text and cast to DECIMAL by the query, never through a double.
    from: {
      raw: `(SELECT accountId, CAST(month || 'T00:00:00Z' AS TIMESTAMPTZ) AS month_start, amount, currency
        FROM read_csv('${csvPath}', header = true,
          types = {'accountId': 'VARCHAR', 'month': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR'})) AS mrr`,
    },
    columns: {
      accountId: 'accountId',
      amount: { raw: 'CAST(amount AS DECIMAL(38, 6))' },
      currency: 'currency',
    },
    period: { column: 'month_start', unit: 'month', timeZone: 'UTC' },
  })
  return query.finish(await runDuckDb(query.sql))
}

/**
 * Forecast accuracy by owner: for every owner and quarter in the forecast export, the last
 * commit call of the quarter (latest `submittedAt`) is the forecast and the amount of the
 * owner's won deals whose `closedAt` falls in the quarter (New York dates) is the actual
 * (0 without any). Errors are forecast − actual (over-forecast positive).
 */
export async function forecastAccuracyByOwner(
  forecastsPath: string = FORECASTS_CSV,
  dealsPath: string = DEALS_JSON,
) {
  checkPath(forecastsPath)
  checkPath(dealsPath)
  const query = forecastErrorSql({
    dialect: 'duckdb',
    from: {
      raw: `(SELECT c.ownerId, c.amount AS forecast, COALESCE(SUM(d.amount), 0) AS actual
        FROM (
          SELECT ownerId, CAST(periodStart AS DATE) AS quarter_start, CAST(periodEnd AS DATE) AS quarter_end,
            CAST(amount AS DECIMAL(38, 6)) AS amount,
            ROW_NUMBER() OVER (PARTITION BY ownerId, periodStart ORDER BY CAST(submittedAt AS TIMESTAMPTZ) DESC) AS latest
          FROM read_csv('${forecastsPath}', header = true, all_varchar = true)
          WHERE category = 'commit'
        ) c
        LEFT JOIN (
          SELECT ownerId, CAST(amount AS DECIMAL(38, 6)) AS amount,
            CAST(timezone('America/New_York', CAST(closedAt AS TIMESTAMPTZ)) AS DATE) AS closed_on
          FROM read_json('${dealsPath}', columns = {'ownerId': 'VARCHAR', 'status': 'VARCHAR', 'amount': 'VARCHAR', 'closedAt': 'VARCHAR'})
          WHERE status = 'won'
        ) d ON d.ownerId = c.ownerId AND d.closed_on BETWEEN c.quarter_start AND c.quarter_end
        WHERE c.latest = 1
        GROUP BY c.ownerId, c.quarter_start, c.amount) AS calls`,
    },
    columns: { actual: 'actual', forecast: 'forecast' },
    groupBy: ['ownerId'],
  })
  return query.finish(await runDuckDb(query.sql))
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await npsBySegmentAndMonth()) {
    const score = row.result.score === null ? '—' : row.result.score.toFixed(1)
    console.log(
      `${String(row.group?.segment).padEnd(12)} ${row.period?.label}  NPS ${score.padStart(6)}  n ${row.n}`,
    )
  }
  const percent = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(1)} %`)
  console.log('\nmonth     GRR        NRR        accounts')
  for (const row of await revenueRetentionByMonth()) {
    console.log(
      `${row.period?.label}   ${percent(row.result.grossRevenueRetention).padStart(8)}   ${percent(row.result.netRevenueRetention).padStart(8)}   ${row.n}`,
    )
  }
  console.log('\nowner       quarters  MAE         WAPE      bias (ME)')
  for (const row of await forecastAccuracyByOwner()) {
    const money = (value: number | null) => (value === null ? '—' : value.toFixed(0))
    console.log(
      `${String(row.group?.ownerId).padEnd(12)}${String(row.n).padStart(8)}  ${money(row.result.meanAbsoluteError).padStart(10)}  ${percent(row.result.weightedAbsolutePercentageError).padStart(8)}  ${money(row.result.meanError).padStart(10)}`,
    )
  }
}
