import { describe, expect, it } from 'vitest'
import { netPromoterScoreSql } from '../../src/sql/index.js'
import { SQL_DIALECTS } from '../../src/sql/SqlDialect.js'
import { expectMetricError } from '../helpers.js'

describe('SQL_DIALECTS', () => {
  it('lists the five dialects SPEC.md names, in its order', () => {
    // SPEC.md, "Additions for 0.2", SQL: 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark'.
    expect(SQL_DIALECTS).toEqual(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'])
  })

  it('every listed dialect builds a query; any other name is a bad option', () => {
    for (const dialect of SQL_DIALECTS) {
      const query = netPromoterScoreSql({ dialect, from: 'responses', columns: { score: 'score' } })
      expect(query.sql, dialect).toMatch(/^SELECT\b/i)
    }
    expectMetricError(
      () =>
        netPromoterScoreSql({
          dialect: 'mysql' as (typeof SQL_DIALECTS)[number],
          from: 'responses',
          columns: { score: 'score' },
        }),
      'INVALID_OPTION',
      { metric: 'netPromoterScoreSql' },
    )
  })
})
