/**
 * The SQL dialects the `cx-metrics/sql` twins write: DuckDB, PostgreSQL, Google BigQuery
 * (GoogleSQL), Snowflake and Spark SQL. Each dialect fixes how identifiers are quoted
 * (`"name"` or `` `name` ``), how an instant becomes a local calendar date (`AT TIME ZONE`,
 * `DATE(ts, tz)`, `CONVERT_TIMEZONE`, `from_utc_timestamp`) and how the start of a week,
 * month, quarter or year is computed and printed as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * SQL_DIALECTS.includes('duckdb') // => true
 * SQL_DIALECTS.length // => 5
 * ```
 * @category SQL
 */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const

/**
 * One of {@link SQL_DIALECTS}.
 *
 * @category SQL
 */
export type SqlDialect = (typeof SQL_DIALECTS)[number]

/**
 * A SQL fragment the caller vouches for, inserted verbatim: a subquery as `from`
 * (`{ raw: '(select * from responses where channel = 1) as r' }`) or an expression as a
 * column (`{ raw: 'score_x10 / 10' }`). Plain strings are identifiers and are checked and
 * quoted; only a `raw` fragment can carry arbitrary SQL, so never build one from untrusted
 * text.
 *
 * @category SQL
 */
export interface SqlRaw {
  readonly raw: string
}

/**
 * A table or column reference: an identifier (checked, then quoted for the dialect; for
 * `from`, dotted parts such as `'analytics.responses'` are quoted one by one) or a
 * {@link SqlRaw} fragment.
 *
 * @category SQL
 */
export type SqlName = string | SqlRaw
