import { asMetricInputError } from '../core/validate.js'
import type { NpsInput, NpsTally } from './NpsTally.js'
import { readNpsInput, scoreOfTally } from './npsKernel.js'

/**
 * The result of {@link netPromoterScore}.
 *
 * @category Survey
 */
export interface NetPromoterScoreResult {
  /** NPS on −100..+100; `null` when there are no responses. */
  readonly score: number | null
  readonly promoters: number
  readonly passives: number
  readonly detractors: number
  readonly total: number
  /** Fractions of the total; `null` when the total is 0. */
  readonly promoterShare: number | null
  readonly passiveShare: number | null
  readonly detractorShare: number | null
}

/**
 * The SPEC name of {@link NetPromoterScoreResult}, kept working.
 *
 * @deprecated Since 0.2: use `NetPromoterScoreResult` (result types are named
 *   `<Function>Result`). This alias will be removed in 1.0.
 * @category Survey
 */
export type NpsResult = NetPromoterScoreResult

/**
 * The Net Promoter Score: the percentage of promoters (9–10) minus the percentage of
 * detractors (0–6), with passives (7–8) counted in the base.
 *
 * ```text
 * NPS = 100 · (promoters − detractors) / (promoters + passives + detractors)
 * ```
 * The score is not rounded (33.33…, not 33). It equals 100 × the mean of the responses
 * scored +1 / 0 / −1, which is why it aggregates by summing tallies, never by averaging
 * segment scores.
 *
 * @param input - Raw 0–10 scores (any `ArrayLike<number>`) or a tally
 *   `{ promoters, passives, detractors, total? }`.
 * @returns Score on −100..100 (`null` when empty), the counts and the class shares as
 *   fractions (`null` when empty).
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (index in `path`), `NEGATIVE_VALUE`,
 *   `NOT_FINITE`, `INCONSISTENT_TOTAL` (tallies); `VALUE_OUT_OF_RANGE` for an input that is
 *   neither a list (an array, a typed array, a whole `length` from 0 to 2³² − 1) nor a
 *   tally, or a tally whose counts add up past 1.8e308.
 * @example
 * ```ts
 * netPromoterScore([10, 9, 10, 8, 7, 5, 6, 9, 10]).score // => 33.333333333333336
 * ```
 * @see F. Reichheld, "The One Number You Need to Grow", HBR (Dec 2003); Rocks' R `NPS`
 *   package `nps()`.
 * @category Survey
 */
export function netPromoterScore(input: NpsInput): NetPromoterScoreResult {
  const metric = 'netPromoterScore'
  try {
    return resultOfTally(readNpsInput(input, metric))
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/** The result of a validated tally. Internal. */
export function resultOfTally(tally: NpsTally): NetPromoterScoreResult {
  const { promoters, passives, detractors, total } = tally
  const empty = total === 0
  return {
    score: scoreOfTally(tally),
    promoters,
    passives,
    detractors,
    total,
    promoterShare: empty ? null : promoters / total,
    passiveShare: empty ? null : passives / total,
    detractorShare: empty ? null : detractors / total,
  }
}
