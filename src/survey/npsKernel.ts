import { criticalValue } from '../core/criticalValue.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { readOptions, requireList, requireNonNegative, requireOneOf } from '../core/validate.js'
import {
  NPS_INTERVAL_METHODS,
  type NpsInput,
  type NpsIntervalMethod,
  type NpsTally,
} from './NpsTally.js'

/**
 * The kernels shared by the NPS functions: one counting pass over raw scores, tally
 * validation, and the interval arithmetic. Internal.
 */

/**
 * The `SCORE_OUT_OF_RANGE` error for a score that is not an integer in [min, max]. `path`
 * is `[]` for a lone score, `[i]` in a list, `['a', i]` in a named list.
 */
export function scoreOutOfRange(
  metric: string,
  path: MetricInputPath,
  value: unknown,
  min: number,
  max: number,
): MetricInputError {
  const where = describeScorePlace(path)
  return new MetricInputError({
    code: 'SCORE_OUT_OF_RANGE',
    metric,
    ...(path.length === 0 ? {} : { path }),
    message: `${metric}: ${where} is ${describeValue(value)}; scores must be integers from ${min} to ${max}`,
  })
}

/** 'score', 'score at index 3', 'score at a[3]' or 'score at index 3' for `[3, 'score']`. */
function describeScorePlace(path: MetricInputPath): string {
  const numeric = path.findIndex((part) => typeof part === 'number')
  if (numeric < 0) return 'score'
  const list = path.slice(0, numeric).join('.')
  return `score at ${list === '' ? `index ${path[numeric]}` : `${list}[${path[numeric]}]`}`
}

/**
 * Whether `score` is an answer on the NPS scale: a whole number from 0 to 10 (`-0` reads as
 * 0). The one NPS score check — every function that reads raw NPS scores uses it.
 */
export function isNpsScore(score: unknown): score is number {
  // `>>> 0` turns negatives, fractions and NaN into a different number: two comparisons
  // test "a whole number from 0 to 10".
  return typeof score === 'number' && score >>> 0 === score && score <= 10
}

/** Counts 0–10 scores into a tally in one pass over a 0..10 histogram. */
export function countNpsScores(
  scores: ArrayLike<number>,
  metric: string,
  at: MetricInputPath = [],
): NpsTally {
  requireList(scores, metric, at, 'scores')
  const histogram = new Float64Array(11)
  const length = scores.length
  for (let index = 0; index < length; index++) {
    const score = scores[index] as number
    if (!isNpsScore(score)) {
      throw scoreOutOfRange(metric, [...at, index], score, 0, 10)
    }
    histogram[score] = (histogram[score] as number) + 1
  }
  const promoters = (histogram[9] as number) + (histogram[10] as number)
  const passives = (histogram[7] as number) + (histogram[8] as number)
  return { promoters, passives, detractors: length - promoters - passives, total: length }
}

/** Validates a tally (finite, ≥ 0, consistent total) and returns it with its total. */
export function validateTally(tally: NpsInput, metric: string, at: MetricInputPath = []): NpsTally {
  const record = tally as NpsTally
  const promoters = requireNonNegative(record.promoters, metric, [...at, 'promoters'], 'promoters')
  const passives = requireNonNegative(record.passives, metric, [...at, 'passives'], 'passives')
  const detractors = requireNonNegative(
    record.detractors,
    metric,
    [...at, 'detractors'],
    'detractors',
  )
  // Three finite counts can still add up past the largest double.
  const sum = requireNonNegative(
    promoters + passives + detractors,
    metric,
    at,
    'the sum of the counts',
  )
  if (record.total !== undefined) {
    const total = requireNonNegative(record.total, metric, [...at, 'total'], 'total')
    if (Math.abs(total - sum) > 1e-9 * Math.max(1, sum)) {
      throw new MetricInputError({
        code: 'INCONSISTENT_TOTAL',
        metric,
        path: [...at, 'total'],
        message: `${metric}: total is ${total} but the counts add up to ${sum}`,
      })
    }
  }
  // `+ 0` turns a −0 count into 0.
  return {
    promoters: promoters + 0,
    passives: passives + 0,
    detractors: detractors + 0,
    total: sum + 0,
  }
}

/** Scores or a tally → a validated tally. A value with a numeric `length` is a score list. */
export function readNpsInput(input: NpsInput, metric: string, at: MetricInputPath = []): NpsTally {
  // Anything but an object without a length goes to the list reader, which refuses non-lists.
  if (
    typeof input === 'object' &&
    input !== null &&
    (input as { length?: unknown }).length === undefined
  ) {
    return validateTally(input, metric, at)
  }
  return countNpsScores(input as ArrayLike<number>, metric, at)
}

/** NPS on −100..100 of a validated tally; `null` when it is empty. */
export function scoreOfTally(tally: NpsTally): number | null {
  if (tally.total === 0) return null
  const net = tally.promoters - tally.detractors
  // 100 · net overflows past 1.8e306; the share first then keeps it finite.
  return Math.abs(net) < 1e300 ? (100 * net) / tally.total : 100 * (net / tally.total)
}

/** sqrt(variance / n) without overflow when n is tiny (a weighted total of 5e−324). */
export function standardErrorOf(variance: number, n: number): number {
  return Math.sqrt(variance) / Math.sqrt(n)
}

/** Centre and variance of one response on the −1/0/+1 scale, as the interval uses them. */
export interface NpsMoments {
  /** Net score as a fraction, (P − D)/n, of the (possibly adjusted) counts. */
  readonly centre: number
  /** p + d − (p − d)², the variance of one response. */
  readonly variance: number
  /** n, or n + 3 when adjusted. */
  readonly n: number
}

/** Moments of a non-empty tally; adjusted-Wald adds 3 to n and ¾ to P and D. */
export function momentsOfTally(tally: NpsTally, method: NpsIntervalMethod): NpsMoments {
  const adjust = method === 'adjusted-wald'
  const n = tally.total + (adjust ? 3 : 0)
  const promoterShare = (tally.promoters + (adjust ? 0.75 : 0)) / n
  const detractorShare = (tally.detractors + (adjust ? 0.75 : 0)) / n
  const centre = promoterShare - detractorShare
  const variance = Math.max(0, promoterShare + detractorShare - centre * centre)
  return { centre, variance, n }
}

/** Clamps to [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

/** Reads `confidence` and `method` (the interval options) once per call. */
export function readIntervalOptions(
  options: { readonly confidence?: number; readonly method?: NpsIntervalMethod } | undefined,
  metric: string,
) {
  options = readOptions(options, metric)
  const method = requireOneOf(
    options.method ?? 'adjusted-wald',
    NPS_INTERVAL_METHODS,
    metric,
    'method',
  )
  const confidence = options.confidence ?? 0.95
  return { method, confidence, z: criticalValue(confidence, metric) }
}
