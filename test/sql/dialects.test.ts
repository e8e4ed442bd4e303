/**
 * BigQuery, Snowflake and Spark SQL have no engine here: every generated query must parse
 * with node-sql-parser 5.4 for that dialect (`BigQuery`, `Snowflake`; Spark SQL with its
 * `Hive` grammar, the closest it has), and the generated text of every dialect is kept in
 * golden files under test/sql/golden/ so that any change to it shows up in review.
 * node-sql-parser 5.4's BigQuery grammar knows neither the type `BIGNUMERIC` (BigQuery's
 * 76-digit decimal, which exact money products need: `NUMERIC` keeps only 9 decimals) nor
 * parameterised decimal types in `CAST` (`BIGNUMERIC(38, 6)`, valid GoogleSQL: "Parameterized
 * decimal type" in BigQuery's data-type reference), so the check reads `BIGNUMERIC(p, s)` as
 * `NUMERIC`; everything else is parsed exactly as generated.
 *
 * Rewrite the golden files after an intended change with
 *   UPDATE_SQL_GOLDEN=1 npx vitest run test/sql/dialects.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import nodeSqlParser from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import { SQL_DIALECTS, type SqlDialect } from '../../src/sql/index.js'
import { TWIN_CASES } from './twinCases.js'

const { Parser } = nodeSqlParser as unknown as {
  Parser: new () => { astify(sql: string, options: { database: string }): unknown }
}

const PARSER_DATABASE: Partial<Record<SqlDialect, string>> = {
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Hive',
}

const twins = [...new Set(TWIN_CASES.map((entry) => entry.twin))]

function goldenText(twin: string, dialect: SqlDialect): string {
  return TWIN_CASES.filter((entry) => entry.twin === twin)
    .map((entry) => `-- ${entry.twin}: ${entry.label}\n${entry.sql(dialect)};\n`)
    .join('\n')
}

describe('generated SQL', () => {
  for (const dialect of ['bigquery', 'snowflake', 'spark'] as const) {
    it(`parses with node-sql-parser's ${PARSER_DATABASE[dialect]} grammar (${dialect})`, () => {
      const parser = new Parser()
      for (const entry of TWIN_CASES) {
        const generated = entry.sql(dialect)
        const text =
          dialect === 'bigquery'
            ? generated.replace(/BIGNUMERIC\(\d+, \d+\)/g, 'NUMERIC')
            : generated
        expect(
          () => parser.astify(text, { database: PARSER_DATABASE[dialect] as string }),
          `${entry.twin} ${entry.label}`,
        ).not.toThrow()
      }
    })
  }

  it('the parse check can fail: a query with a stray token does not parse', () => {
    const parser = new Parser()
    const broken = `${TWIN_CASES[0]?.sql('bigquery')} GROUP GROUP`
    expect(() => parser.astify(broken, { database: 'BigQuery' })).toThrow()
  })

  for (const twin of twins) {
    it(`equals the golden files of ${twin} in every dialect`, () => {
      for (const dialect of SQL_DIALECTS) {
        const file = fileURLToPath(new URL(`./golden/${twin}.${dialect}.sql`, import.meta.url))
        const text = goldenText(twin, dialect)
        if (process.env.UPDATE_SQL_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text)
        expect(text, `${twin}.${dialect}.sql`).toBe(readFileSync(file, 'utf8'))
      }
    })
  }
})
