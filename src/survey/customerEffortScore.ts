import {
  asMetricInputError,
  readAliasedOption,
  readOptions,
  requireOneOf,
} from '../core/validate.js'
import { countRatings, readScale } from './ratingKernel.js'

/**
 * How {@link customerEffortScore} summarises the ratings (its option `statistic`, SPEC
 * alias `method`).
 *
 * @example
 * ```ts
 * CES_STATISTICS // => ['mean', 'agree-share']
 * ```
 * @category Survey
 */
export const CES_STATISTICS = ['mean', 'agree-share'] as const
/**
 * One of {@link CES_STATISTICS}.
 *
 * @category Survey
 */
export type CesStatistic = (typeof CES_STATISTICS)[number]
/**
 * The 0.1 name of {@link CES_STATISTICS}.
 *
 * @deprecated Use `CES_STATISTICS`.
 * @category Survey
 */
export const CES_METHODS = CES_STATISTICS
/**
 * The 0.1 name of {@link CesStatistic}.
 *
 * @deprecated Use `CesStatistic`.
 * @category Survey
 */
export type CesMethod = CesStatistic

/**
 * Options of {@link customerEffortScore}.
 *
 * @category Survey
 */
export interface CustomerEffortScoreOptions {
  /** Top of the agreement scale (1..scaleMax); default 7 (CES 2.0). */
  readonly scaleMax?: number
  /** `'mean'` (default): the mean rating; `'agree-share'`: share at or above `threshold`. */
  readonly statistic?: CesStatistic
  /**
   * The SPEC name of `statistic`, still accepted; both given and different is `INVALID_OPTION`.
   *
   * @deprecated Use `statistic`.
   */
  readonly method?: CesStatistic
  /** Lowest rating that counts as agreeing, for `'agree-share'`; default 5 ("somewhat agree"). */
  readonly threshold?: number
}

/**
 * The result of {@link customerEffortScore}.
 *
 * @category Survey
 */
export interface CustomerEffortScoreResult {
  /** Mean on 1..scaleMax, or a fraction for `'agree-share'`; `null` when there are no ratings. */
  readonly score: number | null
  readonly total: number
  /** The statistic the score was computed with, so `cesComponent` can place it on its scale. */
  readonly statistic: CesStatistic
  /**
   * The same as `statistic`.
   *
   * @deprecated Read `statistic`; kept for 0.2.
   */
  readonly method: CesStatistic
  /** Top of the scale the ratings were on. */
  readonly scaleMax: number
  /**
   * Standard error of `score`: the sample standard deviation over √n for `'mean'` (`null`
   * below 2 ratings), √(p(1 − p)/n) for `'agree-share'` (`null` without ratings).
   */
  readonly standardError: number | null
}

/**
 * Customer Effort Score (CES 2.0): agreement with "The company made it easy for me to
 * handle my issue" on a 1–7 scale, where higher means easier. Reported either as the mean
 * rating or as the share who at least somewhat agree (5–7).
 *
 * ```text
 * mean:        CES = Σ rating / n                 (on 1..scaleMax)
 *              SE  = s / √n,  s² = (Σ rating² − n·CES²) / (n − 1)
 * agree-share: CES = #{rating ≥ threshold} / n    (a fraction)
 *              SE  = √(CES (1 − CES) / n)
 * ```
 * CES 1.0 asked about effort with 1 = very low effort, the opposite direction: convert
 * such ratings (scaleMax + 1 − rating) before calling, or record the direction when
 * combining it with other scores.
 *
 * @param ratings - Integers from 1 to `scaleMax`.
 * @param options - `scaleMax` (default 7), `statistic` (default `'mean'`; `method` is its
 *   SPEC alias), `threshold` (5).
 * @returns `{ score, total, statistic, method, scaleMax, standardError }` (`method`
 *   repeats `statistic`, deprecated); `score` is `null` when there are no ratings.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (index in `path`), `INVALID_OPTION` (also
 *   for options that are not an object, and for `statistic` and `method` both given and
 *   different), `VALUE_OUT_OF_RANGE` when `ratings` is not a list.
 * @example
 * ```ts
 * customerEffortScore([7, 6, 5, 2]).score // => 5
 * customerEffortScore([7, 6, 5, 2], { statistic: 'agree-share' }).score // => 0.75
 * customerEffortScore([7, 6, 5, 2]).standardError // => 1.0801234497346435 (s = √(14/3), /2)
 * ```
 * @see Gartner CES 2.0; support.nicereply.com/article/267-how-is-ces-calculated (mean).
 * @category Survey
 */
export function customerEffortScore(
  ratings: ArrayLike<number>,
  options: CustomerEffortScoreOptions = {},
): CustomerEffortScoreResult {
  try {
    const metric = 'customerEffortScore'
    const { statistic, scaleMax, threshold } = readEffortOptions(options, metric)
    const { atOrAbove, total, sum, sumOfSquares } = countRatings(
      ratings,
      scaleMax,
      threshold,
      metric,
    )
    return effortOfCounts({ agreeing: atOrAbove, total, sum, sumOfSquares }, statistic, scaleMax)
  } catch (error) {
    throw asMetricInputError(error, 'customerEffortScore')
  }
}

/**
 * The options of {@link customerEffortScore} and its aggregator, read once: the statistic
 * (`statistic`, or its SPEC alias `method`; both given and different is `INVALID_OPTION`) and
 * the scale. Internal.
 */
export function readEffortOptions(
  options: CustomerEffortScoreOptions,
  metric: string,
): { readonly statistic: CesStatistic; readonly scaleMax: number; readonly threshold: number } {
  options = readOptions(options, metric)
  const named = readAliasedOption<CesStatistic>(options, 'statistic', 'method', metric)
  const statistic = requireOneOf(
    named ?? 'mean',
    CES_STATISTICS,
    metric,
    options.statistic === undefined && options.method !== undefined ? 'method' : 'statistic',
  )
  const { scaleMax, threshold } = readScale(metric, options.scaleMax ?? 7, options.threshold ?? 5)
  return { statistic, scaleMax, threshold }
}

/**
 * The result from the sufficient counts (ratings at or above the threshold, count, sum, sum of
 * squares) — the one finishing step of {@link customerEffortScore} and its aggregator, so both
 * give identical numbers. Internal.
 */
export function effortOfCounts(
  counts: {
    readonly agreeing: number
    readonly total: number
    readonly sum: number
    readonly sumOfSquares: number
  },
  statistic: CesStatistic,
  scaleMax: number,
): CustomerEffortScoreResult {
  const { agreeing, total, sum, sumOfSquares } = counts
  const named = { statistic, method: statistic, scaleMax }
  if (total === 0) return { score: null, total, ...named, standardError: null }
  if (statistic === 'agree-share') {
    const share = agreeing / total
    return {
      score: share,
      total,
      ...named,
      standardError: Math.sqrt((share * (1 - share)) / total),
    }
  }
  const mean = sum / total
  const variance = total < 2 ? null : Math.max(0, (sumOfSquares - sum * mean) / (total - 1))
  return {
    score: mean,
    total,
    ...named,
    standardError: variance === null ? null : Math.sqrt(variance / total),
  }
}
