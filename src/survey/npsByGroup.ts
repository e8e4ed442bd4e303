import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireSameLength } from '../core/requireSameLength.js'
import { asMetricInputError, requireList } from '../core/validate.js'
import { type NpsResult, resultOfTally } from './netPromoterScore.js'
import { isNpsScore, scoreOutOfRange } from './npsKernel.js'

/** The slot of each score 0–10: 2 detractor, 1 passive, 0 promoter. */
const CLASS_SLOT = Uint8Array.of(2, 2, 2, 2, 2, 2, 2, 1, 1, 0, 0)

/**
 * Columns of {@link npsByGroup}: a score and a group code per response.
 *
 * @category Survey
 */
export interface NpsByGroupInput {
  /** 0–10 scores. */
  readonly scores: ArrayLike<number>
  /** The group of each response as an integer code 0 … groups − 1 (e.g. a dictionary-encoded column). */
  readonly groups: ArrayLike<number>
}

/**
 * NPS per group from two columns — scores and integer group codes — the columnar twin of
 * `npsBySegment` for data already encoded (Arrow dictionary columns, DuckDB results,
 * `Uint8Array`s): one pass into a flat per-group histogram, no object per row.
 *
 * ```text
 * for each response i: tally[groups[i]][class(scores[i])] += 1;   NPS_g = 100 · (P_g − D_g) / n_g
 * ```
 *
 * @param input - `{ scores, groups }`, equal lengths; codes are integers ≥ 0.
 * @returns One `NpsResult` per code from 0 to the largest code (empty groups have `score: null`).
 * @throws MetricInputError `LENGTH_MISMATCH`, `SCORE_OUT_OF_RANGE` (path `['scores', i]`),
 *   `VALUE_OUT_OF_RANGE` (a code that is not an integer from 0 to 65535, path `['groups', i]`;
 *   an input that is not `{ scores, groups }` of two lists).
 * @example
 * ```ts
 * npsByGroup({ scores: [10, 3, 9, 7], groups: [0, 0, 1, 1] }).map((g) => g.score) // => [0, 50]
 * ```
 * @see npsBySegment (records, intervals, weights).
 * @category Survey
 */
export function npsByGroup(input: NpsByGroupInput): NpsResult[] {
  try {
    const metric = 'npsByGroup'
    if (typeof input !== 'object' || input === null) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [],
        message: `${metric}: input is ${describeValue(input)}; it must be { scores, groups }`,
      })
    }
    const { scores, groups } = input
    requireList(scores, metric, ['scores'], 'scores')
    requireList(groups, metric, ['groups'], 'groups')
    requireSameLength(groups, scores.length, metric, ['groups'], 'scores')
    let counts = new Float64Array(3 * 16)
    let largest = -1
    for (let index = 0; index < scores.length; index++) {
      const score = scores[index] as number
      const group = groups[index] as number
      if (!isNpsScore(score)) throw scoreOutOfRange(metric, ['scores', index], score, 0, 10)
      if (!(typeof group === 'number' && group >>> 0 === group && group <= 65535)) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: ['groups', index],
          message: `${metric}: group at index ${index} is ${describeValue(group)}; codes must be integers from 0 to 65535`,
        })
      }
      if (group > largest) {
        // A new largest code: grow the histogram when it does not reach that far yet.
        largest = group
        if (3 * group + 2 >= counts.length) {
          const grown = new Float64Array(Math.max(counts.length * 2, 3 * (group + 1)))
          grown.set(counts)
          counts = grown
        }
      }
      // Slot 0: promoters, 1: passives, 2: detractors — a table lookup, not a branch per class.
      const slot = 3 * group + (CLASS_SLOT[score] as number)
      counts[slot] = (counts[slot] as number) + 1
    }
    const results: NpsResult[] = []
    for (let group = 0; group <= largest; group++) {
      const promoters = counts[3 * group] as number
      const passives = counts[3 * group + 1] as number
      const detractors = counts[3 * group + 2] as number
      results.push(
        resultOfTally({
          promoters,
          passives,
          detractors,
          total: promoters + passives + detractors,
        }),
      )
    }
    return results
  } catch (error) {
    throw asMetricInputError(error, 'npsByGroup')
  }
}
