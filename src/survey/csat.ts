import { criticalValue } from '../core/criticalValue.js'
import { asMetricInputError, readOptions } from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import { countRatings, readScale } from './ratingKernel.js'

/**
 * Options of {@link csat}.
 *
 * @category Survey
 */
export interface CsatOptions {
  /** Top of the rating scale (1..scaleMax); default 5. */
  readonly scaleMax?: number
  /** Lowest rating that counts as satisfied; default 4 (top-2-box on 1–5). */
  readonly threshold?: number
  /** Confidence level of the Wilson interval; default 0.95. */
  readonly confidence?: number
}

/**
 * The result of {@link csat}.
 *
 * @category Survey
 */
export interface CsatResult {
  /** Share of satisfied ratings, a fraction in [0, 1]; `null` when there are none. */
  readonly score: number | null
  /** Ratings at or above the threshold. */
  readonly satisfied: number
  readonly total: number
  /**
   * Lower bound of the Wilson interval of the share; `null` when there are no ratings.
   * Always present on what `csat` returns; optional in the type only so that results built
   * by hand for 0.1 (`{ score, satisfied, total, interval }`) still type-check.
   */
  readonly lower?: number | null
  /** Upper bound of the Wilson interval of the share; `null` when there are no ratings (as `lower`). */
  readonly upper?: number | null
  /** Confidence level of `lower` / `upper` (as `lower`, always present on results). */
  readonly confidence?: number
  /**
   * The same bounds nested, `{ lower, upper }`; `null` when there are no ratings.
   *
   * @deprecated Read the flat `lower` and `upper`; kept for 0.2.
   */
  readonly interval: WilsonIntervalResult | null
}

/**
 * Customer Satisfaction (CSAT) as the top-box share: the fraction of ratings at or above a
 * threshold — 4 and 5 on the usual 1–5 scale. The mean rating is a different number and
 * is not CSAT.
 *
 * ```text
 * CSAT = #{rating ≥ threshold} / #{ratings}
 * interval = Wilson score interval of that proportion
 * ```
 * Returned as a fraction (0.8 = 80 %). Aggregates by summing `satisfied` and `total`
 * (see `csatAggregator`), never by averaging percentages.
 *
 * @param ratings - Integers from 1 to `scaleMax`.
 * @param options - `scaleMax` (default 5), `threshold` (default 4), `confidence` (0.95).
 * @returns `{ score, satisfied, total, lower, upper, confidence, interval }`; `score`,
 *   `lower`, `upper` and `interval` are `null` when there are no ratings; `interval` is
 *   the deprecated nested form of `lower` / `upper`.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (index in `path`), `INVALID_OPTION` (also
 *   for options that are not an object), `VALUE_OUT_OF_RANGE` when `ratings` is not a list.
 * @example
 * ```ts
 * csat([5, 4, 3, 5, 2]).score // => 0.6
 * ```
 * @see kicue.com/en/blog/how-to-calculate-csat (top-2-box); Wilson (1927).
 * @category Survey
 */
export function csat(ratings: ArrayLike<number>, options: CsatOptions = {}): CsatResult {
  try {
    const metric = 'csat'
    options = readOptions(options, metric)
    const { scaleMax, threshold } = readScale(metric, options.scaleMax ?? 5, options.threshold ?? 4)
    const confidence = options.confidence ?? 0.95
    const z = criticalValue(confidence, metric)
    const counts = countRatings(ratings, scaleMax, threshold, metric)
    return csatOfCounts(counts.atOrAbove, counts.total, z, confidence)
  } catch (error) {
    throw asMetricInputError(error, 'csat')
  }
}

/** The CSAT result of validated counts. Internal. */
export function csatOfCounts(
  satisfied: number,
  total: number,
  z: number,
  confidence: number,
): CsatResult {
  const interval = wilsonBounds(satisfied, total, z)
  return {
    score: total === 0 ? null : satisfied / total,
    satisfied,
    total,
    lower: interval === null ? null : interval.lower,
    upper: interval === null ? null : interval.upper,
    confidence,
    interval,
  }
}
