import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { npsBySegmentAndMonth } from '../../examples/duckdb.js'
import { parseCsv } from '../../examples/lib/csv.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { netPromoterScoreAggregator } from '../../src/survey/netPromoterScoreAggregator.js'

describe('examples/duckdb.ts', () => {
  it('gives, from DuckDB, the NPS by segment and month that groupMetric gives from the parsed CSV', async () => {
    const rows = await npsBySegmentAndMonth()
    // The same file read in JavaScript, leaving out the same three bad rows: a score of 11
    // and a blank score (not an integer 0–10), and 31 April (a date that does not exist:
    // its ISO text does not survive a round trip through Date).
    const exists = (text: string) => {
      const time = Date.parse(text)
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text.slice(0, 10)
    }
    const records = parseCsv(readFileSync('examples/data/survey-responses.csv', 'utf8'))
      .filter((row) => /^(10|[0-9])$/.test(row.score ?? '') && exists(row.respondedAt ?? ''))
      .map((row) => ({
        segment: row.segment ?? null,
        score: Number(row.score),
        at: new Date(row.respondedAt ?? ''),
      }))
    expect(records.length).toBe(1534 - 3)
    const expected = groupMetric(records, netPromoterScoreAggregator(), {
      value: (row) => row.score,
      by: (row) => row.segment,
      period: { date: (row) => row.at, unit: 'month', timeZone: 'America/New_York' },
    })
    const key = (group: unknown, label: string | undefined) => `${String(group)}|${label}`
    const actual = new Map(rows.map((row) => [key(row.group?.segment, row.period?.label), row]))
    expect(actual.size).toBe(expected.length)
    for (const row of expected) {
      const found = actual.get(key(row.group, row.period?.label))
      expect(found?.result).toEqual(row.result)
      expect(found?.n).toBe(row.n)
      expect(found?.period).toEqual(row.period)
    }
    expect(rows.reduce((total, row) => total + row.n, 0)).toBe(1531)
  }, 60_000)
})
