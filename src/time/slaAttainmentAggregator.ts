import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { describeValue } from '../core/describeValue.js'
import { requireNonNegativeOption } from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { readOptions, requireList, requireNonNegative } from '../core/validate.js'
import { readFailure } from './timeInputs.js'

const STATE_SHAPE: StateShape = { within: 'count', done: 'count', lateOpen: 'count' }

/**
 * One item: its time so far, and whether it is still open (censored) — the shape of a
 * `leadToQuoteTimes` row, so those rows can be added as they are.
 *
 * @category Time
 */
export interface SlaItem {
  /** Time to completion, or time elapsed so far when `censored` (same unit as the target). */
  readonly duration: number
  /** Still open — not yet quoted, answered, resolved… (no outcome yet); default false. */
  readonly censored?: boolean
  /**
   * The 0.1 name of `censored` (in 0.2, `open` in options is a policy and in results a
   * count). Both given and different is `INVALID_RECORD`.
   *
   * @deprecated Use `censored`.
   */
  readonly open?: boolean
}

/** Whether item `item` is still open: `censored`, or its 0.1 name `open`. */
function isCensored(item: SlaItem, metric: string, path: (string | number)[]): boolean {
  const censored = item.censored
  const open = item.open
  if (censored !== undefined && open !== undefined && censored !== open) {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: [...path, 'censored'],
      message: `${metric}: item${path.length === 0 ? '' : ` at index ${path[0]}`} has censored ${describeValue(censored)} but open ${describeValue(open)}; open is the older name of censored, give one`,
    })
  }
  return (censored ?? open) === true
}

/**
 * Options of {@link slaAttainmentAggregator}.
 *
 * @category Time
 */
export interface SlaAttainmentAggregatorOptions {
  /** The SLA target (a finite number ≥ 0), in the items' unit. Required. */
  readonly target: number
}

/**
 * The JSON-serialisable state: the counts SLA attainment is made of.
 *
 * @category Time
 */
export interface SlaAttainmentAggregatorState {
  /** Finished items within the target. */
  readonly within: number
  /** Finished items. */
  readonly done: number
  /** Open items already past the target (breaches). */
  readonly lateOpen: number
}

/**
 * The SLA-attainment aggregator, with `addAll` for adding a batch of items in one pass.
 *
 * @category Time
 */
export interface SlaAttainmentAggregator
  extends Aggregator<SlaAttainmentAggregatorState, SlaItem, number | null> {
  /**
   * A new state with every item of `items` added, in order: the same state as folding
   * `add` over them, and the same error for the first bad item (path `[index, …]`).
   */
  addAll(
    state: SlaAttainmentAggregatorState,
    items: readonly SlaItem[],
  ): SlaAttainmentAggregatorState
}

/**
 * Mergeable SLA attainment (lead-to-quote counts): add items per part — finished with
 * their duration, or open with their time so far — merge in any order, and get exactly
 * `slaAttainment` of all items.
 *
 * ```text
 * state = { within, done, lateOpen };  merge = sums;  result = within / (done + lateOpen)
 * ```
 *
 * @param options - `{ target }`: the SLA target (≥ 0), in the items' unit. A bare number
 *   (the 0.1 form `slaAttainmentAggregator(24)`) is still accepted as the target; deprecated.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one item, `addAll` a list
 *   of them in one pass (the same state as folding `add`; `groupMetric` uses it); `result`
 *   is a fraction or `null`.
 * @throws MetricInputError `INVALID_OPTION` (path `['target']`: a target that is missing
 *   or not a finite number ≥ 0; path `[]`: options that are neither an object nor a number;
 *   an item that is not an object), `NEGATIVE_VALUE` / `NOT_FINITE` (a duration; path
 *   `[index, 'duration']` in `addAll`),
 *   `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is given no array, `INVALID_STATE` in
 *   `addAll` / `merge` / `result`
 *   (a foreign or tampered state: missing or extra keys, fractional or negative counts,
 *   `within` > `done`; paths `['a', …]`, `['b', …]` in `merge`).
 * @example
 * ```ts
 * const sla = slaAttainmentAggregator({ target: 24 })
 * const a = sla.add(sla.add(sla.initial(), { duration: 2 }), { duration: 30 })
 * const b = sla.add(sla.initial(), { duration: 40, censored: true })
 * sla.result(sla.merge(a, b)) // => 0.3333333333333333
 * sla.addAll(sla.initial(), [{ duration: 2 }, { duration: 30 }, { duration: 40, censored: true }])
 * // => { within: 1, done: 2, lateOpen: 1 }
 * ```
 * @see slaAttainment.
 * @category Time
 */
export function slaAttainmentAggregator(
  options: SlaAttainmentAggregatorOptions | number,
): SlaAttainmentAggregator {
  const metric = 'slaAttainmentAggregator'
  let target: number
  try {
    const given = typeof options === 'number' ? { target: options } : readOptions(options, metric)
    target = requireNonNegativeOption(given.target, metric, 'target')
  } catch (error) {
    throw readFailure(error, metric)
  }
  const check = (state: SlaAttainmentAggregatorState, at: MetricInputPath) => {
    const clean = readState<SlaAttainmentAggregatorState>(state, STATE_SHAPE, metric, at)
    if (clean.within > clean.done) {
      throw new MetricInputError({
        code: 'INVALID_STATE',
        metric,
        path: [...at, 'within'],
        message: `${metric}: state field within (${clean.within}) exceeds done (${clean.done}); it is not a state made by this aggregator`,
      })
    }
    return clean
  }
  return {
    initial: () => ({ within: 0, done: 0, lateOpen: 0 }),
    add(state, item) {
      try {
        return addItem(state, item)
      } catch (error) {
        throw readFailure(error, metric)
      }
    },
    addAll(state, items) {
      try {
        let { within, done, lateOpen } = check(state, ['state'])
        const list = requireList(items, metric, [], 'items', true)
        for (let index = 0; index < list.length; index++) {
          const item = list[index] as SlaItem
          if (typeof item !== 'object' || item === null) {
            throw new MetricInputError({
              code: 'INVALID_OPTION',
              metric,
              path: [index],
              message: `${metric}: item at index ${index} is ${describeValue(item)}; it must be { duration, censored? }`,
            })
          }
          const duration = item.duration
          if (!(typeof duration === 'number' && duration >= 0 && duration - duration === 0)) {
            requireNonNegative(duration, metric, [index, 'duration'], `duration at index ${index}`)
          }
          if (isCensored(item, metric, [index])) {
            if (duration > target) lateOpen++
          } else {
            if (duration <= target) within++
            done++
          }
        }
        return { within, done, lateOpen }
      } catch (error) {
        throw readFailure(error, metric)
      }
    },
    merge(a, b) {
      try {
        const left = check(a, ['a'])
        const right = check(b, ['b'])
        return {
          within: left.within + right.within,
          done: left.done + right.done,
          lateOpen: left.lateOpen + right.lateOpen,
        }
      } catch (error) {
        throw readFailure(error, metric)
      }
    },
    result(state) {
      try {
        const clean = check(state, [])
        const judged = clean.done + clean.lateOpen
        return judged === 0 ? null : clean.within / judged
      } catch (error) {
        throw readFailure(error, metric)
      }
    },
  }

  function addItem(
    state: SlaAttainmentAggregatorState,
    item: SlaItem,
  ): SlaAttainmentAggregatorState {
    if (typeof state !== 'object' || state === null) {
      throw new MetricInputError({
        code: 'INVALID_STATE',
        metric,
        path: ['state'],
        message: `${metric}: state is ${describeValue(state)}; it must be a state made by this aggregator`,
      })
    }
    if (typeof item !== 'object' || item === null) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['item'],
        message: `${metric}: item is ${describeValue(item)}; it must be { duration, censored? }`,
      })
    }
    const duration = requireNonNegative(item.duration, metric, ['duration'], 'duration')
    if (isCensored(item, metric, []))
      return duration > target ? { ...state, lateOpen: state.lateOpen + 1 } : state
    return { ...state, within: state.within + (duration <= target ? 1 : 0), done: state.done + 1 }
  }
}
