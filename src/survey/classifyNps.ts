import { asMetricInputError } from '../core/validate.js'
import type { NpsClass } from './NpsTally.js'
import { isNpsScore, scoreOutOfRange } from './npsKernel.js'

/**
 * The Net Promoter class of one answer to "How likely are you to recommend us?" on the
 * standard 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6.
 *
 * ```text
 * 9, 10 → 'promoter'    7, 8 → 'passive'    0 … 6 → 'detractor'
 * ```
 * Survey tools that store 1–10, or the index of the chosen button, shift every class: pass
 * the value the respondent saw.
 *
 * @param score - An integer from 0 to 10.
 * @returns `'promoter' | 'passive' | 'detractor'`.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` for anything but an integer 0..10.
 * @example
 * ```ts
 * classifyNps(9) // => 'promoter'
 * classifyNps(6) // => 'detractor'
 * ```
 * @see F. Reichheld, "The One Number You Need to Grow", HBR (Dec 2003).
 * @category Survey
 */
export function classifyNps(score: number): NpsClass {
  try {
    if (!isNpsScore(score)) {
      throw scoreOutOfRange('classifyNps', [], score, 0, 10)
    }
    return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
  } catch (error) {
    throw asMetricInputError(error, 'classifyNps')
  }
}
