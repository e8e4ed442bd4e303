/**
 * groupMetric on 1 million survey responses, NPS by 100 segments and by month in
 * America/New_York, against the record functions it generalises (npsBySegment, npsTrend)
 * and against a hand-written loop (integer codes, one Map lookup / one binary search per
 * row, class counts in typed arrays). Prints medians and ratios. Since 0.2 npsBySegment and
 * npsTrend run on groupMetric's grouping engine (groupRecords) with their own weighted
 * tallies and intervals, so the ratios below compare the aggregator fold with the typed-array
 * tally on the same grouping passes.
 * Usage: npx tsx bench/groupMetric.ts
 */

import { periodGrid, periodIndex, readPeriodLayout } from '../src/core/calendarPeriods.js'
import { groupMetric } from '../src/core/groupMetric.js'
import type { SurveyResponse } from '../src/records/SurveyResponse.js'
import { netPromoterScoreAggregator } from '../src/survey/netPromoterScoreAggregator.js'
import { npsBySegment } from '../src/survey/npsBySegment.js'
import { npsTrend } from '../src/survey/npsTrend.js'
import { medianMilliseconds } from './harness.js'

const LENGTH = 1_000_000
const SEGMENTS = 100
const TIME_ZONE = 'America/New_York'

function responsesOf(length: number, seed: number): SurveyResponse[] {
  const responses: SurveyResponse[] = []
  const start = Date.UTC(2024, 0, 1)
  const span = 2 * 365 * 86_400_000
  let state = seed >>> 0
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const score = state % 11
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const segment = `segment-${state % SEGMENTS}`
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    responses.push({ score, segment, respondedAt: new Date(start + (state / 2 ** 32) * span) })
  }
  return responses
}

/** Median of 9 runs (the figures BENCHMARKS.md quotes). */
const median = (run: () => unknown, repeats = 9) => medianMilliseconds(run, repeats)

/** NPS class counts per segment code: the loop a user would write by hand. */
function handBySegment(responses: readonly SurveyResponse[]): Map<string, number> {
  const codeOf = new Map<string, number>()
  const names: string[] = []
  const counts = new Int32Array(3 * SEGMENTS * 2)
  for (let index = 0; index < responses.length; index++) {
    const response = responses[index] as SurveyResponse
    const segment = response.segment as string
    let code = codeOf.get(segment)
    if (code === undefined) {
      code = names.length
      codeOf.set(segment, code)
      names.push(segment)
    }
    const score = response.score
    const cell = 3 * code + (score >= 9 ? 0 : score >= 7 ? 1 : 2)
    counts[cell] = (counts[cell] as number) + 1
  }
  const scores = new Map<string, number>()
  for (let code = 0; code < names.length; code++) {
    const total = counts[3 * code]! + counts[3 * code + 1]! + counts[3 * code + 2]!
    scores.set(names[code] as string, (100 * (counts[3 * code]! - counts[3 * code + 2]!)) / total)
  }
  return scores
}

/** NPS class counts per month: one binary search over month starts per row. */
function handByMonth(responses: readonly SurveyResponse[]): number[] {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  const times = new Float64Array(responses.length)
  for (let index = 0; index < responses.length; index++) {
    const time = (responses[index] as SurveyResponse).respondedAt.getTime()
    times[index] = time
    if (time < first) first = time
    if (time > last) last = time
  }
  const grid = periodGrid(first, last, readPeriodLayout({ timeZone: TIME_ZONE }, 'bench'))
  const periods = grid.labels.length
  const counts = new Int32Array(3 * periods)
  for (let index = 0; index < responses.length; index++) {
    const score = (responses[index] as SurveyResponse).score
    const code = periodIndex(grid.starts, times[index] as number)
    const cell = 3 * code + (score >= 9 ? 0 : score >= 7 ? 1 : 2)
    counts[cell] = (counts[cell] as number) + 1
  }
  const scores: number[] = []
  for (let code = 0; code < periods; code++) {
    const total = counts[3 * code]! + counts[3 * code + 1]! + counts[3 * code + 2]!
    scores.push((100 * (counts[3 * code]! - counts[3 * code + 2]!)) / total)
  }
  return scores
}

const responses = responsesOf(LENGTH, 7)
const nps = netPromoterScoreAggregator()
const value = (response: SurveyResponse) => response.score
const by = (response: SurveyResponse) => response.segment ?? null
const month = {
  date: (response: SurveyResponse) => response.respondedAt,
  unit: 'month' as const,
  timeZone: TIME_ZONE,
}

// Same numbers before timing: every segment's and every month's score agree.
const grouped = groupMetric(responses, nps, { value, by })
const hand = handBySegment(responses)
for (const row of grouped) {
  if (row.result.score !== hand.get(row.group as string)) throw new Error(`segment ${row.group}`)
}
const monthly = groupMetric(responses, nps, { value, period: month })
const trend = npsTrend(responses, { timeZone: TIME_ZONE })
if (monthly.length !== trend.length) throw new Error('month count')
for (let index = 0; index < trend.length; index++) {
  if (monthly[index]?.result.score !== trend[index]?.result.score) throw new Error(`month ${index}`)
  if (monthly[index]?.period?.label !== trend[index]?.period.label)
    throw new Error(`label ${index}`)
}
const segments = npsBySegment(responses)
for (const row of segments) {
  if (row.result.score !== hand.get(row.group as string))
    throw new Error(`npsBySegment ${row.group}`)
}

const bySegment = {
  groupMetric: median(() => groupMetric(responses, nps, { value, by })),
  npsBySegment: median(() => npsBySegment(responses)),
  hand: median(() => handBySegment(responses)),
}
const byMonth = {
  groupMetric: median(() => groupMetric(responses, nps, { value, period: month })),
  npsTrend: median(() => npsTrend(responses, { timeZone: TIME_ZONE })),
  hand: median(() => handByMonth(responses)),
}
const both = median(() => groupMetric(responses, nps, { value, by, period: month }))
// The same aggregator without its batch form: one `add` (a new state object) per record.
const oneByOne = { initial: nps.initial, add: nps.add, merge: nps.merge, result: nps.result }
const withAdd = median(() => groupMetric(responses, oneByOne, { value, by }), 3)

const ms = (time: number) => `${time.toFixed(1)} ms`
console.log(`1M responses, ${SEGMENTS} segments, 24 months in ${TIME_ZONE} (median of 9)`)
console.log(
  `by segment: groupMetric ${ms(bySegment.groupMetric)}, npsBySegment ${ms(bySegment.npsBySegment)} (ratio ${(bySegment.groupMetric / bySegment.npsBySegment).toFixed(2)}), hand loop ${ms(bySegment.hand)} (ratio ${(bySegment.groupMetric / bySegment.hand).toFixed(2)})`,
)
console.log(
  `by month:   groupMetric ${ms(byMonth.groupMetric)}, npsTrend ${ms(byMonth.npsTrend)} (ratio ${(byMonth.groupMetric / byMonth.npsTrend).toFixed(2)}), hand loop ${ms(byMonth.hand)} (ratio ${(byMonth.groupMetric / byMonth.hand).toFixed(2)})`,
)
console.log(`by segment and month (2,400 cells): groupMetric ${ms(both)}`)
console.log(
  `by segment with add only (no addAll): groupMetric ${ms(withAdd)} (ratio to npsBySegment ${(withAdd / bySegment.npsBySegment).toFixed(2)})`,
)
