/**
 * NPS by segment and month over a CSV export, computed by DuckDB and finished by cx-metrics:
 * DuckDB reads the file (`read_csv`) and runs the one `GROUP BY` query that
 * `netPromoterScoreSql` writes — promoter, passive and detractor counts per segment and New
 * York month — and `finish` turns the counts into `netPromoterScoreAggregator`'s state and
 * its exact result, with the same periods and labels as `groupMetric`.
 *
 * Run: npx tsx examples/duckdb.ts
 */
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { netPromoterScoreSql } from '../src/sql/index.js'

const CSV = fileURLToPath(new URL('./data/survey-responses.csv', import.meta.url))

/** NPS by segment and month; `csvPath` is trusted text spliced into a raw fragment. */
export async function npsBySegmentAndMonth(csvPath: string = CSV) {
  if (/'/.test(csvPath)) throw new Error('the example does not quote paths with apostrophes')
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
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    const reader = await connection.runAndReadAll(query.sql)
    return query.finish(reader.getRowObjects())
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await npsBySegmentAndMonth()) {
    const score = row.result.score === null ? '—' : row.result.score.toFixed(1)
    console.log(
      `${String(row.group?.segment).padEnd(12)} ${row.period?.label}  NPS ${score.padStart(6)}  n ${row.n}`,
    )
  }
}
