import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  forecastAccuracyByOwner,
  npsBySegmentAndMonth,
  revenueRetentionByMonth,
} from '../../examples/duckdb.js'
import { parseCsv } from '../../examples/lib/csv.js'
import { groupMetric } from '../../src/core/groupMetric.js'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { revenueRetentionSeries } from '../../src/retention/revenueRetentionSeries.js'
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

  // Expected values: python3 test/reference/duckdb_example.py (csv/json modules, exact
  // Fractions, standard library only), pasted from its printout.
  it('gives the GRR/NRR by month that the reference script computes from the CSV', async () => {
    const reference: [string, number, number, number][] = [
      ['2026-01', 0.9841755053638409, 0.994074339029738, 104],
      ['2026-02', 0.8765277868563838, 0.9030858872202029, 105],
      ['2026-03', 0.9858969325399344, 1.0068043946630232, 99],
      ['2026-04', 0.9706607083077047, 0.996260657493857, 104],
      ['2026-05', 0.9675397235999973, 1.017108155525851, 103],
      ['2026-06', 0.9513461860290617, 0.9581404045521935, 102],
      ['2026-07', 0.9873224827740354, 0.9945485825739472, 102],
      ['2026-08', 0.9957209262146567, 1.0248952158328122, 103],
      ['2026-09', 0.9718650524661636, 1.0135098528777016, 111],
      ['2026-10', 0.9781052011334739, 0.9846011232945281, 112],
      ['2026-11', 0.980634337177039, 1.030114782256026, 117],
    ]
    const rows = await revenueRetentionByMonth()
    expect(
      rows.map((row) => [
        row.period?.label,
        row.result.grossRevenueRetention,
        row.result.netRevenueRetention,
        row.n,
      ]),
    ).toEqual(reference)
    // The same rows through the TypeScript one-shot: equal results, exact money included.
    const snapshots = parseCsv(readFileSync('examples/data/account-revenue.csv', 'utf8')).map(
      (row) => ({
        accountId: row.accountId ?? '',
        month: (row.month ?? '').slice(0, 7),
        amount: row.amount ?? '',
        currency: row.currency ?? '',
      }),
    )
    const series = revenueRetentionSeries(snapshots)
    expect(series.length).toBe(rows.length)
    for (let index = 0; index < series.length; index++) {
      const one = series[index]
      const sql = rows[index]
      expect(sql?.period?.label).toBe(one?.period?.label)
      expect(sql?.n).toBe(one?.n)
      expect(sql?.result.grossRevenueRetention).toBe(one?.result.grossRevenueRetention)
      expect(sql?.result.netRevenueRetention).toBe(one?.result.netRevenueRetention)
      expect(sql?.result.startingRevenue.toString()).toBe(one?.result.startingRevenue.toString())
      expect(sql?.result.endingRevenue.toString()).toBe(one?.result.endingRevenue.toString())
      expect(sql?.result.currency).toBe('USD')
    }
  }, 60_000)

  it('gives the forecast accuracy by owner that the reference script computes from the files', async () => {
    // [owner, quarters, MAE, WAPE, ME]; errors are forecast − actual.
    const reference: [string, number, number, number, number][] = [
      ['rep-ana', 4, 1222.94, 0.03213382832717547, 1033.51],
      ['rep-ben', 4, 10908.2625, 0.10535180164823119, -8989.8225],
      ['rep-chloe', 4, 9933.85, 0.14006763716505674, 3675.435],
      ['rep-dev', 4, 6887.8325, 0.2663795192173635, 6736.1375],
      ['rep-emma', 4, 10419.64, 0.35182715438055556, 10419.64],
      ['rep-farid', 4, 3416.1375, 0.0692506779213409, -2343.1075],
    ]
    const rows = await forecastAccuracyByOwner()
    expect(rows.map((row) => [row.group?.ownerId, row.n])).toEqual(
      reference.map(([owner, n]) => [owner, n]),
    )
    // Double sums in the engine's order: equal to the exact values to 1e-12 relative.
    const close = (actual: number | null | undefined, expected: number) =>
      expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(
        1e-12 * Math.abs(expected),
      )
    for (let index = 0; index < reference.length; index++) {
      const [, , mae, wape, me] = reference[index] as [string, number, number, number, number]
      const result = rows[index]?.result
      close(result?.meanAbsoluteError, mae)
      close(result?.weightedAbsolutePercentageError, wape)
      close(result?.meanError, me)
    }
    // The same (forecast, actual) pairs through forecastErrorAggregator in JavaScript: the
    // last commit call of each owner and quarter against the won deals closed in it.
    const calls = new Map<
      string,
      { at: number; amount: number; owner: string; first: string; last: string }
    >()
    for (const row of parseCsv(readFileSync('examples/data/forecast-submissions.csv', 'utf8'))) {
      if (row.category !== 'commit') continue
      const key = `${row.ownerId}|${row.periodStart}`
      const at = Date.parse(row.submittedAt ?? '')
      const seen = calls.get(key)
      if (seen === undefined || at > seen.at) {
        calls.set(key, {
          at,
          amount: Number(row.amount),
          owner: row.ownerId ?? '',
          first: row.periodStart ?? '',
          last: row.periodEnd ?? '',
        })
      }
    }
    const newYorkDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' })
    const won = (
      JSON.parse(readFileSync('examples/data/opportunities.json', 'utf8')) as {
        ownerId: string
        status: string
        amount: string
        closedAt: string
      }[]
    )
      .filter((deal) => deal.status === 'won')
      .map((deal) => ({
        owner: deal.ownerId,
        day: newYorkDate.format(new Date(deal.closedAt)),
        cents: Math.round(Number(deal.amount) * 100),
      }))
    const errors = forecastErrorAggregator()
    const byOwner = new Map<string, ReturnType<typeof errors.initial>>()
    for (const call of calls.values()) {
      let cents = 0
      for (const deal of won) {
        if (deal.owner === call.owner && deal.day >= call.first && deal.day <= call.last) {
          cents += deal.cents
        }
      }
      byOwner.set(
        call.owner,
        errors.add(byOwner.get(call.owner) ?? errors.initial(), {
          actual: cents / 100,
          forecast: call.amount,
        }),
      )
    }
    // The twin's owners are exactly the owners with commit calls.
    expect(rows.map((row) => String(row.group?.ownerId)).sort()).toEqual([...byOwner.keys()].sort())
    for (const row of rows) {
      const state = byOwner.get(String(row.group?.ownerId))
      const oneShot = errors.result(state as ReturnType<typeof errors.initial>)
      close(row.result.meanAbsoluteError, oneShot.meanAbsoluteError as number)
      close(
        row.result.weightedAbsolutePercentageError,
        oneShot.weightedAbsolutePercentageError as number,
      )
      close(row.result.meanError, oneShot.meanError as number)
      close(row.result.rootMeanSquaredError, oneShot.rootMeanSquaredError as number)
      expect(row.result.n).toBe(oneShot.n)
    }
  }, 60_000)
})
