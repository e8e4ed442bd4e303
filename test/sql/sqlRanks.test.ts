import { describe, expect, it } from 'vitest'
import { doubleType, readSqlOptions } from '../../src/sql/sqlBuilder.js'
import { rankedContext } from '../../src/sql/sqlRanks.js'

/**
 * `rankedContext` (the inner query of `quantileSql` and the median of `averageDealSizeSql`):
 * expected texts written by hand from its contract — each row with its group keys as
 * `cx_group_i` and the caller's columns, a window partitioned by the group keys, and an
 * outer context grouping by the output columns.
 */
describe('rankedContext', () => {
  const context = readSqlOptions(
    { dialect: 'duckdb', from: 'deals', columns: { value: 'amount' }, groupBy: ['segment'] },
    'quantileSql',
    [{ field: 'value', required: true }],
  )

  it('wraps the table in a ranked subquery partitioned by the group keys', () => {
    const ranked = rankedContext(context, (window) => [
      { name: 'rank', sql: `ROW_NUMBER() ${window('"amount"')}` },
      { name: 'size', sql: `COUNT("amount") ${window(null)}` },
    ])
    expect(ranked.from).toBe(
      [
        '(',
        '  SELECT',
        '    "segment" AS "cx_group_0",',
        '    ROW_NUMBER() OVER (PARTITION BY "segment" ORDER BY "amount") AS "cx_rank",',
        '    COUNT("amount") OVER (PARTITION BY "segment") AS "cx_size"',
        '  FROM "deals"',
        ') AS "cx_ranked"',
      ].join('\n'),
    )
    expect(ranked.groupBy).toEqual([{ key: 'segment', sql: '"cx_group_0"' }])
    expect(ranked.period).toBeNull()
  })

  it('writes an empty window without groups', () => {
    const ungrouped = readSqlOptions(
      { dialect: 'duckdb', from: 'deals', columns: { value: 'amount' } },
      'quantileSql',
      [{ field: 'value', required: true }],
    )
    const ranked = rankedContext(ungrouped, (window) => [
      { name: 'size', sql: `COUNT(*) ${window(null)}` },
    ])
    expect(ranked.from).toBe(
      '(\n  SELECT\n    COUNT(*) OVER () AS "cx_size"\n  FROM "deals"\n) AS "cx_ranked"',
    )
  })
})

describe('doubleType', () => {
  it("names each dialect's binary64 type (the dialects' type docs)", () => {
    expect(doubleType('duckdb')).toBe('DOUBLE')
    expect(doubleType('postgres')).toBe('DOUBLE PRECISION')
    expect(doubleType('bigquery')).toBe('FLOAT64')
    expect(doubleType('snowflake')).toBe('DOUBLE')
    expect(doubleType('spark')).toBe('DOUBLE')
  })
})
