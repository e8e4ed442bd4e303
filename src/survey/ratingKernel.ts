import type { MetricInputPath } from '../core/MetricInputError.js'
import { requireIntegerOption, requireList } from '../core/validate.js'
import { scoreOutOfRange } from './npsKernel.js'

/** Largest rating scale accepted (1..100). */
export const MAX_SCALE = 100

/** What one pass over 1..scaleMax ratings yields. Internal. */
export interface RatingCounts {
  /** Ratings at or above the threshold. */
  readonly atOrAbove: number
  readonly total: number
  /** Sum of the ratings (exact: integers far below 2^53). */
  readonly sum: number
  /** Sum of the squared ratings (exact below 2^53: 10⁴ × 4.3e9 < 9e15 for any list). */
  readonly sumOfSquares: number
}

/** Checks `scaleMax` (integer 2..100) and `threshold` (integer 1..scaleMax). */
export function readScale(
  metric: string,
  scaleMax: number,
  threshold: number,
): { scaleMax: number; threshold: number } {
  requireIntegerOption(scaleMax, 2, MAX_SCALE, metric, 'scaleMax')
  requireIntegerOption(threshold, 1, scaleMax, metric, 'threshold')
  return { scaleMax, threshold }
}

/** Counts integer ratings on 1..scaleMax in one pass; refuses anything else by index. */
export function countRatings(
  ratings: ArrayLike<number>,
  scaleMax: number,
  threshold: number,
  metric: string,
  at: MetricInputPath = [],
): RatingCounts {
  requireList(ratings, metric, at, 'ratings')
  let atOrAbove = 0
  let sum = 0
  let sumOfSquares = 0
  const total = ratings.length
  for (let index = 0; index < total; index++) {
    const rating = ratings[index] as number
    if (
      !(typeof rating === 'number' && rating >= 1 && rating <= scaleMax && (rating | 0) === rating)
    ) {
      throw scoreOutOfRange(metric, [...at, index], rating, 1, scaleMax)
    }
    sum += rating
    sumOfSquares += rating * rating
    if (rating >= threshold) atOrAbove++
  }
  return { atOrAbove, total, sum, sumOfSquares }
}
