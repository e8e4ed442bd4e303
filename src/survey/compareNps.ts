import { normalCdf } from '../core/normalCdf.js'
import { asMetricInputError } from '../core/validate.js'
import type { NpsInput, NpsIntervalMethod } from './NpsTally.js'
import {
  clamp,
  momentsOfTally,
  readIntervalOptions,
  readNpsInput,
  scoreOfTally,
  standardErrorOf,
} from './npsKernel.js'

/**
 * Options of {@link compareNps}.
 *
 * @category Survey
 */
export interface CompareNpsOptions {
  /** Confidence level of the interval of the difference; default 0.95. */
  readonly confidence?: number
  /** Default `'adjusted-wald'` (pseudo-responses added to both samples); or `'wald'`. */
  readonly method?: NpsIntervalMethod
}

/**
 * The result of {@link compareNps}; differences on the NPS scale (−200..200).
 *
 * @category Survey
 */
export interface CompareNpsResult {
  /** Observed NPS(a) − NPS(b); `null` when either sample is empty. */
  readonly difference: number | null
  /** Standard error of the difference; `null` when either sample is empty. */
  readonly standardError: number | null
  /** Test statistic; `null` when the standard error is 0 or a sample is empty. */
  readonly z: number | null
  /** Two-sided p-value of "no difference"; `null` with `z`. */
  readonly pValue: number | null
  /** Bounds of the interval of the difference, clipped to [−200, 200]. */
  readonly lower: number | null
  readonly upper: number | null
}

/**
 * Tests whether two Net Promoter Scores differ (e.g. this month against last month, or two
 * segments): the two-sample z test on the −1/0/+1 response scale, with an interval for the
 * difference.
 *
 * ```text
 * var = p + d − (p − d)² per sample (of adjusted counts for adjusted-Wald: n+3, P+¾, D+¾)
 * SE  = 100 · sqrt(var_a/n_a + var_b/n_b)
 * z   = (NPS'_a − NPS'_b) / SE       pValue = 2 · Φ(−|z|)
 * interval = (NPS'_a − NPS'_b) ± z_crit · SE
 * ```
 * `difference` is the observed a − b; `standardError`, `z`, `pValue` and the bounds use
 * the adjusted counts unless `method: 'wald'`. With Wald and every response in one class in
 * both samples the standard error is 0 and `z`, `pValue` are `null`.
 *
 * @param a - First sample: 0–10 scores or a tally.
 * @param b - Second sample: 0–10 scores or a tally.
 * @param options - `confidence` (default 0.95), `method` (default `'adjusted-wald'`).
 * @returns `{ difference, standardError, z, pValue, lower, upper }`, all `null` when a
 *   sample is empty.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (path `['a', i]` or `['b', i]`),
 *   `NEGATIVE_VALUE`, `NOT_FINITE`, `INCONSISTENT_TOTAL`, `INVALID_OPTION`,
 *   `VALUE_OUT_OF_RANGE` (path `['a']` or `['b']`: neither a list nor a tally).
 * @example
 * ```ts
 * compareNps({ promoters: 1, passives: 0, detractors: 1 }, { promoters: 0, passives: 2, detractors: 0 }, { method: 'wald' })
 * // => { difference: 0, standardError: 70.71…, z: 0, pValue: 1, lower: -138.59…, upper: 138.59… }
 * ```
 * @see brendan-r/NPS `nps_test()`; measuringu.com/nps-significance-test.
 * @category Survey
 */
export function compareNps(
  a: NpsInput,
  b: NpsInput,
  options: CompareNpsOptions = {},
): CompareNpsResult {
  try {
    const metric = 'compareNps'
    const { method, z: zCritical } = readIntervalOptions(options, metric)
    const tallyA = readNpsInput(a, metric, ['a'])
    const tallyB = readNpsInput(b, metric, ['b'])
    const scoreA = scoreOfTally(tallyA)
    const scoreB = scoreOfTally(tallyB)
    if (scoreA === null || scoreB === null) {
      return {
        difference: null,
        standardError: null,
        z: null,
        pValue: null,
        lower: null,
        upper: null,
      }
    }
    const momentsA = momentsOfTally(tallyA, method)
    const momentsB = momentsOfTally(tallyB, method)
    const standardError =
      100 *
      Math.hypot(
        standardErrorOf(momentsA.variance, momentsA.n),
        standardErrorOf(momentsB.variance, momentsB.n),
      )
    const centre = 100 * (momentsA.centre - momentsB.centre)
    const z = standardError === 0 ? null : centre / standardError
    return {
      difference: scoreA - scoreB,
      standardError,
      z,
      pValue: z === null ? null : Math.min(1, 2 * normalCdf(-Math.abs(z))),
      lower: clamp(centre - zCritical * standardError, -200, 200),
      upper: clamp(centre + zCritical * standardError, -200, 200),
    }
  } catch (error) {
    throw asMetricInputError(error, 'compareNps')
  }
}
