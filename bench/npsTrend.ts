/**
 * npsTrend on 1 million responses spread over two years, monthly and weekly in
 * America/New_York: the per-row work (one binary search over the period starts) dominates.
 * Usage: npx tsx bench/npsTrend.ts [path to the npsTrend module, for a before/after run]
 */
import type { SurveyResponse } from '../src/records/SurveyResponse.js'

const modulePath = process.argv[2] ?? '../src/survey/npsTrend.js'
const { npsTrend } = (await import(modulePath)) as typeof import('../src/survey/npsTrend.js')

function responsesOf(length: number, seed: number): SurveyResponse[] {
  const responses: SurveyResponse[] = []
  const start = Date.UTC(2024, 0, 1)
  const span = 2 * 365 * 86_400_000
  let state = seed >>> 0
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const score = state % 11
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    responses.push({ score, respondedAt: new Date(start + (state / 2 ** 32) * span) })
  }
  return responses
}

const responses = responsesOf(1_000_000, 7)
for (const period of ['month', 'week'] as const) {
  const options = { period, timeZone: 'America/New_York' }
  npsTrend(responses, options)
  const times: number[] = []
  for (let run = 0; run < 15; run++) {
    const begin = performance.now()
    npsTrend(responses, options)
    times.push(performance.now() - begin)
  }
  times.sort((a, b) => a - b)
  console.log(
    `npsTrend 1M ${period}: median ${(times[7] as number).toFixed(1)} ms, min ${(times[0] as number).toFixed(1)} ms`,
  )
}
