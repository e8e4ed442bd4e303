/**
 * netPromoterScore against a hand-written loop on the same scores in the same run:
 * 10 million scores in a Uint8Array and 1 million in a plain array (target: ≤ 1.5×).
 * The `filter` idiom is shown for scale.
 */
import { netPromoterScore } from '../src/index.js'
import { type Measurement, measure } from './harness.js'

function scoresOf(length: number, seed: number): Uint8Array {
  const scores = new Uint8Array(length)
  let state = seed >>> 0
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    scores[index] = state % 11
  }
  return scores
}

/**
 * What a careful analyst writes by hand: one pass, two counters, no validation. One copy
 * per input type on purpose, so each baseline stays monomorphic (its best case).
 */
function handLoopTyped(scores: Uint8Array): number {
  let promoters = 0
  let detractors = 0
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index] as number
    if (score >= 9) promoters++
    else if (score <= 6) detractors++
  }
  return (100 * (promoters - detractors)) / scores.length
}

/** The branch-free variant: count into an 11-bin histogram, no validation. */
function handHistogram(scores: ArrayLike<number>): number {
  const counts = new Float64Array(11)
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index] as number
    counts[score] = (counts[score] as number) + 1
  }
  const promoters = (counts[9] as number) + (counts[10] as number)
  const passives = (counts[7] as number) + (counts[8] as number)
  return (100 * (2 * promoters + passives - scores.length)) / scores.length
}

function handLoopArray(scores: number[]): number {
  let promoters = 0
  let detractors = 0
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index] as number
    if (score >= 9) promoters++
    else if (score <= 6) detractors++
  }
  return (100 * (promoters - detractors)) / scores.length
}

export function runSurveyBenchmarks(): Measurement[][] {
  const typed = scoresOf(10_000_000, 7)
  const plain = Array.from(scoresOf(1_000_000, 11))
  if (netPromoterScore(typed).score !== handLoopTyped(typed))
    throw new Error('typed results differ')
  if (netPromoterScore(plain).score !== handLoopArray(plain))
    throw new Error('array results differ')
  return [
    measure(
      'netPromoterScore — 10,000,000 scores in a Uint8Array',
      { name: 'hand loop', run: () => handLoopTyped(typed) },
      [
        { name: 'netPromoterScore (validates every score)', run: () => netPromoterScore(typed) },
        { name: 'hand histogram loop (no validation)', run: () => handHistogram(typed) },
      ],
    ),
    measure(
      'netPromoterScore — 1,000,000 scores in a plain array',
      { name: 'hand loop', run: () => handLoopArray(plain) },
      [
        { name: 'netPromoterScore (validates every score)', run: () => netPromoterScore(plain) },
        { name: 'hand histogram loop (no validation)', run: () => handHistogram(plain) },
        {
          name: 'filter idiom',
          run: () =>
            (100 * (plain.filter((s) => s >= 9).length - plain.filter((s) => s <= 6).length)) /
            plain.length,
        },
      ],
    ),
  ]
}
