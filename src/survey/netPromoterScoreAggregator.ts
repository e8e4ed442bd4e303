import type { Aggregator } from '../core/Aggregator.js'
import { type NpsResult, resultOfTally } from './netPromoterScore.js'
import { countNpsScores, scoreOutOfRange, validateTally } from './npsKernel.js'

/** The JSON-serialisable state of {@link netPromoterScoreAggregator}: class counts. */
export interface NpsAggregatorState {
  readonly promoters: number
  readonly passives: number
  readonly detractors: number
}

/** The NPS aggregator, with `addAll` for adding a whole batch of scores in one pass. */
export interface NpsAggregator extends Aggregator<NpsAggregatorState, number, NpsResult> {
  /** A new state with every score of `scores` added (same as `add` in a loop, faster). */
  addAll(state: NpsAggregatorState, scores: ArrayLike<number>): NpsAggregatorState
}

/**
 * A mergeable Net Promoter Score: count scores in parts (workers, files, partitions),
 * merge the counts in any order, and get exactly the one-shot `netPromoterScore` — counts
 * are integers, so merging is exact.
 *
 * ```text
 * state = { promoters, passives, detractors }
 * merge(a, b) = component-wise sum;  result = netPromoterScore(state)
 * ```
 * The state is a plain object that survives `JSON.stringify` / `JSON.parse`, the shape a
 * BigQuery or Spark user-defined aggregate needs.
 *
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one 0–10 score.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` from `add` / `addAll`; `NEGATIVE_VALUE`,
 *   `NOT_FINITE` from `merge` / `result` given a corrupted state.
 * @example
 * ```ts
 * const nps = netPromoterScoreAggregator()
 * const left = nps.addAll(nps.initial(), [10, 9, 3])
 * const right = nps.add(nps.initial(), 7)
 * nps.result(nps.merge(left, right)).score // => 25
 * ```
 * @see netPromoterScore.
 */
export function netPromoterScoreAggregator(): NpsAggregator {
  const metric = 'netPromoterScoreAggregator'
  return {
    initial: () => ({ promoters: 0, passives: 0, detractors: 0 }),
    add(state, score) {
      if (!(score >= 0 && score <= 10 && (score | 0) === score)) {
        throw scoreOutOfRange(metric, [], score, 0, 10)
      }
      return {
        promoters: state.promoters + (score >= 9 ? 1 : 0),
        passives: state.passives + (score === 7 || score === 8 ? 1 : 0),
        detractors: state.detractors + (score <= 6 ? 1 : 0),
      }
    },
    addAll(state, scores) {
      const counted = countNpsScores(scores, metric)
      return {
        promoters: state.promoters + counted.promoters,
        passives: state.passives + counted.passives,
        detractors: state.detractors + counted.detractors,
      }
    },
    merge(a, b) {
      const left = validateTally(a, metric, ['a'])
      const right = validateTally(b, metric, ['b'])
      return {
        promoters: left.promoters + right.promoters,
        passives: left.passives + right.passives,
        detractors: left.detractors + right.detractors,
      }
    },
    result: (state) => resultOfTally(validateTally(state, metric)),
  }
}
