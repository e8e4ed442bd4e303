import type { Aggregator } from '../core/Aggregator.js'
import { readState, requireStateObject, type StateShape } from '../core/aggregatorState.js'
import { criticalValue } from '../core/criticalValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, guardMethods, readOptions } from '../core/validate.js'
import { type CsatOptions, type CsatResult, csatOfCounts } from './csat.js'
import { scoreOutOfRange } from './npsKernel.js'
import { countRatings, readScale } from './ratingKernel.js'

/**
 * The JSON-serialisable state of {@link csatAggregator}.
 *
 * @category Survey
 */
export interface CsatAggregatorState {
  readonly satisfied: number
  readonly total: number
}

const CSAT_STATE: StateShape = { satisfied: 'count', total: 'count' }
const CSAT_FIELDS = ['satisfied', 'total'] as const

/**
 * The CSAT aggregator, with `addAll` for adding a batch of ratings in one pass.
 *
 * @category Survey
 */
export interface CsatAggregator extends Aggregator<CsatAggregatorState, number, CsatResult> {
  /** A new state with every rating of `ratings` added. */
  addAll(state: CsatAggregatorState, ratings: ArrayLike<number>): CsatAggregatorState
}

/**
 * A mergeable CSAT (top-box share): count satisfied and total ratings per part, merge in
 * any order, and get exactly the one-shot `csat` with its Wilson interval.
 *
 * ```text
 * state = { satisfied, total };  merge = sum;  result = csat of the counts
 * ```
 *
 * @param options - As `csat`: `scaleMax` (5), `threshold` (4), `confidence` (0.95).
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one rating.
 * @throws MetricInputError `INVALID_OPTION` at once; `SCORE_OUT_OF_RANGE` from `add` /
 *   `addAll`; from `merge` / `result`, `INVALID_STATE` for a state this aggregator did not
 *   make (not an object, a missing or extra key, a fractional count), `NEGATIVE_VALUE`,
 *   `NOT_FINITE`, `SUCCESSES_EXCEED_TRIALS`.
 *   Per row, `add` checks only that the state is an object (`INVALID_STATE`); `addAll`,
 *   `merge` and `result` check every field.
 * @example
 * ```ts
 * const agg = csatAggregator()
 * const state = agg.merge(agg.addAll(agg.initial(), [5, 4, 1]), agg.add(agg.initial(), 2))
 * agg.result(state).score // => 0.5
 * ```
 * @see csat.
 * @category Survey
 */
export function csatAggregator(options: CsatOptions = {}): CsatAggregator {
  try {
    const metric = 'csatAggregator'
    options = readOptions(options, metric)
    const { scaleMax, threshold } = readScale(metric, options.scaleMax ?? 5, options.threshold ?? 4)
    const confidence = options.confidence ?? 0.95
    const z = criticalValue(confidence, metric)
    const check = (state: unknown, at: readonly string[] = []): CsatAggregatorState => {
      const { satisfied, total } = readState<CsatAggregatorState>(state, CSAT_STATE, metric, at)
      if (satisfied > total) {
        throw new MetricInputError({
          code: 'SUCCESSES_EXCEED_TRIALS',
          metric,
          path: [...at, 'satisfied'],
          message: `${metric}: satisfied is ${satisfied} but total is ${total}; a state cannot have more satisfied ratings than ratings`,
        })
      }
      return { satisfied, total }
    }
    return guardMethods(
      {
        initial: () => ({ satisfied: 0, total: 0 }),
        add(state, rating) {
          requireStateObject(state, CSAT_FIELDS, metric)
          if (
            !(
              typeof rating === 'number' &&
              rating >= 1 &&
              rating <= scaleMax &&
              (rating | 0) === rating
            )
          ) {
            throw scoreOutOfRange(metric, [], rating, 1, scaleMax)
          }
          return {
            satisfied: state.satisfied + (rating >= threshold ? 1 : 0),
            total: state.total + 1,
          }
        },
        addAll(state, ratings) {
          state = check(state, ['state'])
          const counted = countRatings(ratings, scaleMax, threshold, metric)
          return {
            satisfied: state.satisfied + counted.atOrAbove,
            total: state.total + counted.total,
          }
        },
        merge(a, b) {
          const left = check(a, ['a'])
          const right = check(b, ['b'])
          return { satisfied: left.satisfied + right.satisfied, total: left.total + right.total }
        },
        result(state) {
          const { satisfied, total } = check(state)
          return csatOfCounts(satisfied, total, z, confidence)
        },
      },
      metric,
    )
  } catch (error) {
    throw asMetricInputError(error, 'csatAggregator')
  }
}
