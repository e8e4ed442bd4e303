import { asMetricInputError } from '../core/validate.js'
import type { NpsInput, NpsIntervalMethod, NpsTally } from './NpsTally.js'
import {
  clamp,
  momentsOfTally,
  readIntervalOptions,
  readNpsInput,
  scoreOfTally,
  standardErrorOf,
} from './npsKernel.js'

/**
 * Options of {@link npsInterval}.
 *
 * @category Survey
 */
export interface NpsIntervalOptions {
  /** Confidence level strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
  /** Default `'adjusted-wald'` (MeasuringU, Rocks 2016); `'wald'` is the plain interval. */
  readonly method?: NpsIntervalMethod
}

/**
 * The result of {@link npsInterval}; all numbers on the −100..100 NPS scale.
 *
 * @category Survey
 */
export interface NpsIntervalResult {
  /** The observed NPS; `null` when there are no responses. */
  readonly score: number | null
  /** Lower bound, clipped at −100; `null` when empty. */
  readonly lower: number | null
  /** Upper bound, clipped at 100; `null` when empty. */
  readonly upper: number | null
  /** Standard error of the NPS (of the adjusted counts for adjusted-Wald); `null` when empty. */
  readonly standardError: number | null
  readonly confidence: number
  readonly method: NpsIntervalMethod
}

/**
 * A confidence interval for the Net Promoter Score. The default adjusted-Wald interval
 * (add 3 responses: ¾ promoter, 1½ passive, ¾ detractor) had the best coverage in Rocks'
 * (2016) and MeasuringU's evaluations and, unlike Wald, is not zero-width when every
 * response falls in one class.
 *
 * ```text
 * one response scored +1 / 0 / −1;  p, d = promoter, detractor shares of n
 * variance = p + d − (p − d)²          SE = 100 · sqrt(variance / n)
 * wald:           NPS ± z·SE
 * adjusted-wald:  n' = n + 3, P' = P + ¾, D' = D + ¾; NPS' ± z·SE'   (centred on NPS')
 * bounds clipped to [−100, 100];  z = two-sided normal critical value (1.96 at 95 %)
 * ```
 * `score` is always the observed NPS; with adjusted-Wald the bounds are centred on the
 * adjusted score, so the score may sit off-centre.
 *
 * @param input - Raw 0–10 scores or a tally.
 * @param options - `confidence` (default 0.95), `method` (default `'adjusted-wald'`).
 * @returns `{ score, lower, upper, standardError, confidence, method }`; the numbers are
 *   `null` when there are no responses.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE`, `NEGATIVE_VALUE`, `NOT_FINITE`,
 *   `INCONSISTENT_TOTAL`, `INVALID_OPTION` (confidence, method, options not an object),
 *   `VALUE_OUT_OF_RANGE` (input neither a list nor a tally).
 * @example
 * ```ts
 * const r = npsInterval({ promoters: 162, passives: 108, detractors: 54 }, { method: 'wald' })
 * r.score // => 33.333333333333336
 * r.standardError // => 4.1408… (100 · sqrt((5/9) / 324))
 * ```
 * @see B. Rocks (2016), "Interval Estimation for the Net Promoter Score", The American
 *   Statistician 70(4); measuringu.com/nps-confidence-intervals.
 * @category Survey
 */
export function npsInterval(input: NpsInput, options: NpsIntervalOptions = {}): NpsIntervalResult {
  try {
    const metric = 'npsInterval'
    const { method, confidence, z } = readIntervalOptions(options, metric)
    return intervalOfTally(readNpsInput(input, metric), z, confidence, method)
  } catch (error) {
    throw asMetricInputError(error, 'npsInterval')
  }
}

/** The interval of a validated tally with a known critical value. Internal. */
export function intervalOfTally(
  tally: NpsTally,
  z: number,
  confidence: number,
  method: NpsIntervalMethod,
): NpsIntervalResult {
  if (tally.total === 0) {
    return { score: null, lower: null, upper: null, standardError: null, confidence, method }
  }
  const { centre, variance, n } = momentsOfTally(tally, method)
  const standardError = 100 * standardErrorOf(variance, n)
  return {
    score: scoreOfTally(tally),
    lower: clamp(100 * centre - z * standardError, -100, 100),
    upper: clamp(100 * centre + z * standardError, -100, 100),
    standardError,
    confidence,
    method,
  }
}
