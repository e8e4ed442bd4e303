/**
 * The shared machine of the SQL twins: names checked and quoted per dialect, raw fragments,
 * option errors, and `finish` refusing rows that are not the query's. Periods rebuilt by
 * `finish` are checked against labels and instants worked by hand.
 */
import { describe, expect, it } from 'vitest'
import {
  csatSql,
  netPromoterScoreSql,
  SQL_DIALECTS,
  type SqlDialect,
  winRateSql,
} from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'

const metric = 'netPromoterScoreSql'
const nps = (options: Record<string, unknown>) =>
  netPromoterScoreSql({
    dialect: 'duckdb',
    from: 'responses',
    columns: { score: 'score' },
    ...options,
  } as never)

/** A valid result row of `nps({})` with every count 0 but one promoter. */
const goodRow = () => ({
  cx_n: 1n,
  cx_promoters: 1n,
  cx_passives: 0n,
  cx_detractors: 0n,
  cx_refused: 0n,
})

describe('SQL_DIALECTS', () => {
  it('matches the documented example', () => {
    expect(SQL_DIALECTS.includes('duckdb')).toBe(true)
    expect(SQL_DIALECTS.length).toBe(5)
  })
})

describe('names', () => {
  it('quotes identifiers with double quotes or backticks per dialect, dotted table parts one by one', () => {
    const expected: Record<SqlDialect, string> = {
      duckdb: 'FROM "analytics"."responses"',
      postgres: 'FROM "analytics"."responses"',
      snowflake: 'FROM "analytics"."responses"',
      bigquery: 'FROM `analytics`.`responses`',
      spark: 'FROM `analytics`.`responses`',
    }
    for (const dialect of SQL_DIALECTS) {
      const { sql } = netPromoterScoreSql({
        dialect,
        from: 'analytics.responses',
        columns: { score: 'Score 1' },
      })
      expect(sql).toContain(expected[dialect])
      expect(sql).toContain(
        dialect === 'bigquery' || dialect === 'spark'
          ? '`Score 1` AS `cx_value`'
          : '"Score 1" AS "cx_value"',
      )
    }
  })

  it('refuses names with quotes, semicolons, comments, control characters or surrounding spaces', () => {
    const hostile = [
      'score"; DROP TABLE x; --',
      'score`',
      "score'",
      'a;b',
      'a -- b',
      'a /* b */',
      'a\nb',
      'a\u0000b',
      'a\\b',
      ' score',
      '',
      'a\u2028b',
    ]
    for (const dialect of SQL_DIALECTS) {
      for (const name of hostile) {
        expectMetricError(
          () => netPromoterScoreSql({ dialect, from: name, columns: { score: 's' } }),
          'INVALID_OPTION',
          { path: ['from'], metric },
        )
        expectMetricError(
          () => netPromoterScoreSql({ dialect, from: 't', columns: { score: name } }),
          'INVALID_OPTION',
          { path: ['columns', 'score'], metric },
        )
        expectMetricError(
          () =>
            netPromoterScoreSql({
              dialect,
              from: 't',
              columns: { score: 's' },
              groupBy: ['ok', name],
            }),
          'INVALID_OPTION',
          { path: ['groupBy', 1], metric },
        )
        expectMetricError(
          () =>
            netPromoterScoreSql({
              dialect,
              from: 't',
              columns: { score: 's' },
              period: { column: name, unit: 'month' },
            }),
          'INVALID_OPTION',
          { path: ['period', 'column'], metric },
        )
      }
      // A table part may not be empty: 'a..b' and a trailing dot.
      expectMetricError(
        () => netPromoterScoreSql({ dialect, from: 'a..b', columns: { score: 's' } }),
        'INVALID_OPTION',
        { path: ['from'], metric },
      )
    }
  })

  it('inserts a raw fragment verbatim, a raw column in parentheses', () => {
    const { sql } = netPromoterScoreSql({
      dialect: 'postgres',
      from: { raw: '(SELECT * FROM responses WHERE channel = 1) AS r' },
      columns: { score: { raw: 'score_x10 / 10' } },
    })
    expect(sql).toContain('FROM (SELECT * FROM responses WHERE channel = 1) AS r')
    expect(sql).toContain('(score_x10 / 10) AS "cx_value"')
    expectMetricError(() => nps({ from: { raw: '' } }), 'INVALID_OPTION', {
      path: ['from'],
      metric,
    })
    expectMetricError(() => nps({ from: { raw: 'x', extra: 1 } }), 'INVALID_OPTION', {
      path: ['from'],
      metric,
    })
  })

  it('refuses bad options at their path', () => {
    expectMetricError(() => netPromoterScoreSql(undefined as never), 'INVALID_OPTION', {
      path: [],
      metric,
    })
    expectMetricError(() => nps({ dialect: 'mysql' }), 'INVALID_OPTION', {
      path: ['dialect'],
      metric,
    })
    expectMetricError(() => nps({ columns: null }), 'INVALID_OPTION', { path: ['columns'], metric })
    expectMetricError(() => nps({ columns: {} }), 'INVALID_OPTION', {
      path: ['columns', 'score'],
      metric,
    })
    expectMetricError(() => nps({ columns: { score: 's', rating: 'r' } }), 'INVALID_OPTION', {
      path: ['columns', 'rating'],
      metric,
    })
    expectMetricError(() => nps({ groupBy: 'segment' }), 'INVALID_OPTION', {
      path: ['groupBy'],
      metric,
    })
    expectMetricError(() => nps({ groupBy: ['a', 'a'] }), 'INVALID_OPTION', {
      path: ['groupBy', 1],
      metric,
    })
    expectMetricError(() => nps({ period: { column: 'at', unit: 'day' } }), 'INVALID_OPTION', {
      path: ['period', 'unit'],
      metric,
    })
    expectMetricError(
      () => nps({ period: { column: 'at', unit: 'month', timeZone: "UTC'; --" } }),
      'INVALID_OPTION',
      { path: ['period', 'timeZone'], metric },
    )
    expectMetricError(
      () => nps({ period: { column: 'at', unit: 'month', timeZone: 'Mars/Olympus' } }),
      'INVALID_OPTION',
      { path: ['period', 'timeZone'], metric },
    )
    expectMetricError(
      () => nps({ period: { column: 'at', unit: 'week', weekStartsOn: 7 } }),
      'INVALID_OPTION',
      { path: ['period', 'weekStartsOn'], metric },
    )
    expectMetricError(
      () => nps({ period: { column: 'at', unit: 'year', fiscalYearStartMonth: 13 } }),
      'INVALID_OPTION',
      { path: ['period', 'fiscalYearStartMonth'], metric },
    )
    expectMetricError(
      () => nps({ period: { column: 'at', unit: 'month', fill: true } }),
      'INVALID_OPTION',
      { path: ['period', 'fill'], metric },
    )
    // An aggregator option is checked by the aggregator and reported for the twin.
    expectMetricError(
      () => csatSql({ dialect: 'duckdb', from: 't', columns: { rating: 'r' }, threshold: 9 }),
      'INVALID_OPTION',
      { path: ['threshold'] },
    )
  })
})

describe('finish', () => {
  it('reads counts from numbers, bigints and digit strings', () => {
    const query = nps({})
    const rows = [
      { cx_n: 4, cx_promoters: '2', cx_passives: 1n, cx_detractors: 1, cx_refused: '0' },
    ]
    // (2 − 1) / 4 × 100 = 25.
    expect(query.finish(rows)[0]?.result.score).toBe(25)
  })

  it('refuses rows that are not the query’s', () => {
    const query = nps({})
    expectMetricError(() => query.finish('rows' as never), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric,
    })
    expectMetricError(() => query.finish([null]), 'INVALID_RECORD', { path: [0], metric })
    expectMetricError(() => query.finish([{ ...goodRow(), extra: 1 }]), 'INVALID_RECORD', {
      path: [0, 'extra'],
      metric,
    })
    const { cx_refused: _, ...missing } = goodRow()
    expectMetricError(() => query.finish([missing]), 'INVALID_RECORD', {
      path: [0, 'cx_refused'],
      metric,
    })
    for (const bad of [-1, 1.5, Number.NaN, '1.0', ' 1', -1n, 2n ** 60n, null, {}, true]) {
      expectMetricError(
        () => query.finish([{ ...goodRow(), cx_promoters: bad }]),
        'INVALID_RECORD',
        { path: [0, 'cx_promoters'], metric },
      )
    }
    // Two rows of the one group of an ungrouped query.
    expectMetricError(() => query.finish([goodRow(), goodRow()]), 'INVALID_RECORD', {
      path: [1],
      metric,
    })
  })

  it('refuses a period that is not a period start of the layout', () => {
    const query = nps({
      groupBy: ['segment'],
      period: { column: 'at', unit: 'month', timeZone: 'America/New_York' },
    })
    const row = (period: unknown) => ({ cx_group_0: 'a', cx_period: period, ...goodRow() })
    expectMetricError(() => query.finish([row('2026-03-02')]), 'INVALID_RECORD', {
      path: [0, 'cx_period'],
      metric,
    })
    expectMetricError(() => query.finish([row('March 2026')]), 'INVALID_RECORD', {
      path: [0, 'cx_period'],
      metric,
    })
    expectMetricError(() => query.finish([row(new Date('2026-03-01'))]), 'INVALID_RECORD', {
      path: [0, 'cx_period'],
      metric,
    })
    expectMetricError(
      () => query.finish([{ ...row('2026-03-01'), cx_group_0: {} }]),
      'INVALID_RECORD',
      { path: [0, 'cx_group_0'], metric },
    )
  })

  it('rebuilds periods as groupMetric labels them (hand-worked instants and labels)', () => {
    const row = (period: string) => ({ cx_period: period, ...goodRow() })
    // ISO week: Monday 29 Dec 2025 begins 2026-W01; in Berlin (UTC+1) that is 28 Dec 23:00 UTC.
    const weeks = nps({ period: { column: 'at', unit: 'week', timeZone: 'Europe/Berlin' } })
    const [week] = weeks.finish([row('2025-12-29')])
    expect(week?.period?.label).toBe('2026-W01')
    expect(week?.period?.start.toISOString()).toBe('2025-12-28T23:00:00.000Z')
    expect(week?.period?.end.toISOString()).toBe('2026-01-04T23:00:00.000Z')
    // Sunday weeks are labelled by their first day; 8 Mar 2026 is the DST day in New York:
    // it begins at 05:00 UTC (EST) and the week ends 15 Mar 04:00 UTC (EDT).
    const sundays = nps({
      period: { column: 'at', unit: 'week', timeZone: 'America/New_York', weekStartsOn: 0 },
    })
    const [sunday] = sundays.finish([row('2026-03-08')])
    expect(sunday?.period?.label).toBe('2026-03-08')
    expect(sunday?.period?.start.toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(sunday?.period?.end.toISOString()).toBe('2026-03-15T04:00:00.000Z')
    // Fiscal year from February: the quarter Feb–Apr 2026 is FY2027-Q1.
    const quarters = nps({ period: { column: 'at', unit: 'quarter', fiscalYearStartMonth: 2 } })
    expect(quarters.finish([row('2026-02-01')])[0]?.period?.label).toBe('FY2027-Q1')
    expectMetricError(() => quarters.finish([row('2026-01-01')]), 'INVALID_RECORD', {
      path: [0, 'cx_period'],
      metric,
    })
  })

  it('reads DECIMAL values from text, bigints and DuckDB DECIMAL objects, never floats', () => {
    const query = winRateSql({
      dialect: 'duckdb',
      from: 't',
      columns: { status: 's', amount: 'a' },
      basis: 'amount',
    })
    const row = (won: unknown) => ({
      cx_n: 1n,
      cx_won: won,
      cx_lost: '0',
      cx_currencyLow: null,
      cx_currencyHigh: null,
      cx_badStatus: 0n,
      cx_missingAmount: 0n,
      cx_negativeAmount: 0n,
      cx_tooPrecise: 0n,
    })
    // 3750000 units at scale 6 = 3.75.
    expect(query.finish([row({ width: 38, scale: 6, value: 3750000n })])[0]?.state.won).toBe('3.75')
    expect(query.finish([row(12n)])[0]?.state.won).toBe('12')
    expect(query.finish([row('0.100000')])[0]?.state.won).toBe('0.1')
    expectMetricError(() => query.finish([row(0.1)]), 'INVALID_RECORD', {
      path: [0, 'cx_won'],
      metric: 'winRateSql',
    })
    expectMetricError(() => query.finish([row('1e3')]), 'INVALID_RECORD', {
      path: [0, 'cx_won'],
      metric: 'winRateSql',
    })
    // A negative amount is refused by the aggregator's own state check.
    expectMetricError(() => query.finish([row('-1')]), 'NEGATIVE_VALUE', {
      path: [0, 'cx_won'],
      metric: 'winRateSql',
    })
  })
})
