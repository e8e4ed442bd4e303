import { asMetricInputError } from '../core/validate.js'
import type { NpsTally } from './NpsTally.js'
import { countNpsScores } from './npsKernel.js'

/**
 * Counts 0–10 recommend scores into promoters (9–10), passives (7–8) and detractors
 * (0–6) — the tally every NPS figure is computed from, and the compact form to store or
 * send between systems.
 *
 * ```text
 * promoters = #{s ≥ 9},  passives = #{7 ≤ s ≤ 8},  detractors = #{s ≤ 6},  total = n
 * ```
 * One pass into an 11-bin histogram; typed arrays (`Uint8Array`) are read without a copy.
 *
 * @param scores - Integers from 0 to 10, any `ArrayLike<number>`.
 * @returns `{ promoters, passives, detractors, total }`; all 0 for an empty list.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` with the index in `path`;
 *   `VALUE_OUT_OF_RANGE` when `scores` is not a list (`{}`, `{ length: -1 }`, a number).
 * @example
 * ```ts
 * tallyNps([10, 9, 8, 6, 0]) // => { promoters: 2, passives: 1, detractors: 2, total: 5 }
 * ```
 * @see F. Reichheld, "The One Number You Need to Grow", HBR (Dec 2003).
 * @category Survey
 */
export function tallyNps(scores: ArrayLike<number>): NpsTally {
  try {
    return countNpsScores(scores, 'tallyNps')
  } catch (error) {
    throw asMetricInputError(error, 'tallyNps')
  }
}
