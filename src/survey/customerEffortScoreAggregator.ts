import type { Aggregator } from '../core/Aggregator.js'
import { readState, requireStateObject, type StateShape } from '../core/aggregatorState.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, guardMethods } from '../core/validate.js'
import {
  type CustomerEffortScoreOptions,
  type CustomerEffortScoreResult,
  effortOfCounts,
  readEffortOptions,
} from './customerEffortScore.js'
import { scoreOutOfRange } from './npsKernel.js'
import { countRatings } from './ratingKernel.js'

/**
 * The JSON-serialisable state of {@link customerEffortScoreAggregator}: whole numbers, so
 * parts merge exactly.
 *
 * @category Survey
 */
export interface CustomerEffortScoreAggregatorState {
  /** Ratings at or above `threshold`. */
  readonly agreeing: number
  readonly total: number
  /** Σ rating. */
  readonly sum: number
  /** Σ rating². */
  readonly sumOfSquares: number
}

const CES_STATE: StateShape = {
  agreeing: 'count',
  total: 'count',
  sum: 'count',
  sumOfSquares: 'count',
}
const CES_FIELDS = ['agreeing', 'total', 'sum', 'sumOfSquares'] as const

/**
 * The CES aggregator, with `addAll` for adding a batch of ratings in one pass.
 *
 * @category Survey
 */
export interface CustomerEffortScoreAggregator
  extends Aggregator<CustomerEffortScoreAggregatorState, number, CustomerEffortScoreResult> {
  /** A new state with every rating of `ratings` added. */
  addAll(
    state: CustomerEffortScoreAggregatorState,
    ratings: ArrayLike<number>,
  ): CustomerEffortScoreAggregatorState
}

/**
 * A mergeable Customer Effort Score: count ratings per part (per segment, month, worker),
 * merge in any order, and get exactly the one-shot `customerEffortScore` — the mean rating
 * or the agree share, with its standard error.
 *
 * ```text
 * state = { agreeing, total, Σ rating, Σ rating² };  merge = sums
 * mean = Σ rating / n,  s² = (Σ rating² − Σ rating · mean) / (n − 1);  agree-share = agreeing / n
 * ```
 * The sums are whole numbers (ratings are integers ≤ 100), so merging is exact.
 *
 * @param options - As `customerEffortScore`: `scaleMax` (7), `statistic` (`'mean'`; SPEC alias
 *   `method`), `threshold` (5).
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one rating, `addAll` a list
 *   of ratings in one pass (`groupMetric` uses it).
 * @throws MetricInputError `INVALID_OPTION` at once for a bad option; `SCORE_OUT_OF_RANGE`
 *   from `add` / `addAll` (path `[index]` in `addAll`); `VALUE_OUT_OF_RANGE` when `addAll`
 *   is given no list; from `addAll` / `merge` / `result`, `INVALID_STATE` for a state this
 *   aggregator did not make (not an object, a missing or extra key, a fractional count, more
 *   agreeing ratings than ratings, sums impossible on the scale), `NEGATIVE_VALUE`, `NOT_FINITE`.
 * @example
 * ```ts
 * const effort = customerEffortScoreAggregator()
 * const state = effort.merge(effort.addAll(effort.initial(), [7, 6]), effort.add(effort.initial(), 2))
 * effort.result(state).score // => 5
 * customerEffortScoreAggregator({ statistic: 'agree-share' }).result(state).score // => 0.6666666666666666
 * ```
 * @see customerEffortScore.
 * @category Survey
 */
export function customerEffortScoreAggregator(
  options: CustomerEffortScoreOptions = {},
): CustomerEffortScoreAggregator {
  const metric = 'customerEffortScoreAggregator'
  try {
    const { statistic, scaleMax, threshold } = readEffortOptions(options, metric)
    const check = (state: unknown, at: readonly string[] = []) => {
      const clean = readState<CustomerEffortScoreAggregatorState>(state, CES_STATE, metric, at)
      const { agreeing, total, sum, sumOfSquares } = clean
      const impossible =
        agreeing > total
          ? 'agreeing exceeds total'
          : sum < total || sum > total * scaleMax
            ? `sum is not between total and total × ${scaleMax}`
            : sumOfSquares < sum || sumOfSquares > sum * scaleMax
              ? `sumOfSquares is not between sum and sum × ${scaleMax}`
              : null
      if (impossible !== null) {
        throw new MetricInputError({
          code: 'INVALID_STATE',
          metric,
          path: at,
          message: `${metric}: state ${impossible}; it is not a state made by this aggregator`,
        })
      }
      return clean
    }
    return guardMethods(
      {
        initial: () => ({ agreeing: 0, total: 0, sum: 0, sumOfSquares: 0 }),
        add(state, rating) {
          requireStateObject(state, CES_FIELDS, metric)
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
            agreeing: state.agreeing + (rating >= threshold ? 1 : 0),
            total: state.total + 1,
            sum: state.sum + rating,
            sumOfSquares: state.sumOfSquares + rating * rating,
          }
        },
        addAll(state, ratings) {
          const clean = check(state, ['state'])
          const counted = countRatings(ratings, scaleMax, threshold, metric)
          return {
            agreeing: clean.agreeing + counted.atOrAbove,
            total: clean.total + counted.total,
            sum: clean.sum + counted.sum,
            sumOfSquares: clean.sumOfSquares + counted.sumOfSquares,
          }
        },
        merge(a, b) {
          const left = check(a, ['a'])
          const right = check(b, ['b'])
          return {
            agreeing: left.agreeing + right.agreeing,
            total: left.total + right.total,
            sum: left.sum + right.sum,
            sumOfSquares: left.sumOfSquares + right.sumOfSquares,
          }
        },
        result(state) {
          return effortOfCounts(check(state), statistic, scaleMax)
        },
      },
      metric,
    )
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
