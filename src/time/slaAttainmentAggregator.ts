import type { Aggregator } from '../core/Aggregator.js'
import { requireNonNegative } from '../core/validate.js'

/** One item: its time so far, and whether it is still open. */
export interface SlaItem {
  /** Time to completion, or time elapsed so far when `open` (same unit as the target). */
  readonly duration: number
  /** Still open (not yet quoted, answered, resolved…); default false. */
  readonly open?: boolean
}

/** The JSON-serialisable state: the counts SLA attainment is made of. */
export interface SlaAttainmentAggregatorState {
  /** Finished items within the target. */
  readonly within: number
  /** Finished items. */
  readonly done: number
  /** Open items already past the target (breaches). */
  readonly lateOpen: number
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
 * @param target - The SLA target (≥ 0), in the items' unit.
 * @returns `{ initial, add, merge, result }`; `result` is a fraction or `null`.
 * @throws MetricInputError `NEGATIVE_VALUE` / `NOT_FINITE` (target, a duration, a corrupted state).
 * @example
 * ```ts
 * const sla = slaAttainmentAggregator(24)
 * const a = sla.add(sla.add(sla.initial(), { duration: 2 }), { duration: 30 })
 * const b = sla.add(sla.initial(), { duration: 40, open: true })
 * sla.result(sla.merge(a, b)) // => 0.3333333333333333
 * ```
 * @see slaAttainment.
 */
export function slaAttainmentAggregator(
  target: number,
): Aggregator<SlaAttainmentAggregatorState, SlaItem, number | null> {
  const metric = 'slaAttainmentAggregator'
  requireNonNegative(target, metric, ['target'], 'target')
  const check = (state: SlaAttainmentAggregatorState, side: string) => {
    for (const field of ['within', 'done', 'lateOpen'] as const)
      requireNonNegative(state[field], metric, [side, field], field)
  }
  return {
    initial: () => ({ within: 0, done: 0, lateOpen: 0 }),
    add(state, item) {
      const duration = requireNonNegative(item.duration, metric, ['duration'], 'duration')
      if (item.open === true)
        return duration > target ? { ...state, lateOpen: state.lateOpen + 1 } : state
      return { ...state, within: state.within + (duration <= target ? 1 : 0), done: state.done + 1 }
    },
    merge(a, b) {
      check(a, 'a')
      check(b, 'b')
      return {
        within: a.within + b.within,
        done: a.done + b.done,
        lateOpen: a.lateOpen + b.lateOpen,
      }
    },
    result(state) {
      check(state, 'state')
      const judged = state.done + state.lateOpen
      return judged === 0 ? null : state.within / judged
    },
  }
}
