import type { Aggregator } from '../core/Aggregator.js'
import { readState, requireStateObject, type StateShape } from '../core/aggregatorState.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, guardMethods, readOptions } from '../core/validate.js'
import { type NpsResult, resultOfTally } from './netPromoterScore.js'
import { countNpsScores, isNpsScore, scoreOutOfRange } from './npsKernel.js'

/**
 * The JSON-serialisable state of {@link netPromoterScoreAggregator}: class counts.
 *
 * @category Survey
 */
export interface NpsAggregatorState {
  readonly promoters: number
  readonly passives: number
  readonly detractors: number
}

const NPS_STATE: StateShape = { promoters: 'count', passives: 'count', detractors: 'count' }
const NPS_FIELDS = ['promoters', 'passives', 'detractors'] as const

/**
 * The NPS aggregator, with `addAll` for adding a whole batch of scores in one pass.
 *
 * @category Survey
 */
export interface NpsAggregator extends Aggregator<NpsAggregatorState, number, NpsResult> {
  /** A new state with every score of `scores` added (same as `add` in a loop, faster). */
  addAll(state: NpsAggregatorState, scores: ArrayLike<number>): NpsAggregatorState
}

/**
 * Options of {@link netPromoterScoreAggregator}: none yet. The factory takes an options
 * object like every aggregator factory, so that options can be added later.
 *
 * @category Survey
 */
export type NetPromoterScoreAggregatorOptions = Readonly<Record<never, never>>

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
 * @param options - None yet; `INVALID_OPTION` (path `[]`) unless it is an object or left out.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one 0–10 score.
 * @throws MetricInputError `INVALID_OPTION` (options that are not an object); `SCORE_OUT_OF_RANGE` from `add` / `addAll`; from `merge` /
 *   `result`, `INVALID_STATE` for a state this aggregator did not make (not an object, a
 *   missing or extra key, a fractional count), `NEGATIVE_VALUE`, `NOT_FINITE`.
 *   Per row, `add` checks only that the state is an object (`INVALID_STATE`); `addAll`,
 *   `merge` and `result` check every field.
 * @example
 * ```ts
 * const nps = netPromoterScoreAggregator()
 * const left = nps.addAll(nps.initial(), [10, 9, 3])
 * const right = nps.add(nps.initial(), 7)
 * nps.result(nps.merge(left, right)).score // => 25
 * ```
 * @see netPromoterScore.
 * @category Survey
 */
export function netPromoterScoreAggregator(
  options?: NetPromoterScoreAggregatorOptions,
): NpsAggregator {
  readOptions(options, 'netPromoterScoreAggregator')
  try {
    const metric = 'netPromoterScoreAggregator'
    const read = (state: unknown, at: readonly string[]): NpsAggregatorState =>
      readState<NpsAggregatorState>(state, NPS_STATE, metric, at)
    return guardMethods(
      {
        initial: () => ({ promoters: 0, passives: 0, detractors: 0 }),
        add(state, score) {
          requireStateObject(state, NPS_FIELDS, metric)
          if (!isNpsScore(score)) {
            throw scoreOutOfRange(metric, [], score, 0, 10)
          }
          return {
            promoters: state.promoters + (score >= 9 ? 1 : 0),
            passives: state.passives + (score === 7 || score === 8 ? 1 : 0),
            detractors: state.detractors + (score <= 6 ? 1 : 0),
          }
        },
        addAll(state, scores) {
          state = read(state, ['state'])
          const counted = countNpsScores(scores, metric)
          return {
            promoters: state.promoters + counted.promoters,
            passives: state.passives + counted.passives,
            detractors: state.detractors + counted.detractors,
          }
        },
        merge(a, b) {
          const left = read(a, ['a'])
          const right = read(b, ['b'])
          return {
            promoters: left.promoters + right.promoters,
            passives: left.passives + right.passives,
            detractors: left.detractors + right.detractors,
          }
        },
        result(state) {
          const { promoters, passives, detractors } = read(state, [])
          const total = promoters + passives + detractors
          if (!Number.isSafeInteger(total)) {
            throw new MetricInputError({
              code: 'INVALID_STATE',
              metric,
              message: `${metric}: the state's counts add up to ${total}, past 2^53; counts must stay safe integers`,
            })
          }
          return resultOfTally({ promoters, passives, detractors, total })
        },
      },
      metric,
    )
  } catch (error) {
    throw asMetricInputError(error, 'netPromoterScoreAggregator')
  }
}
