/**
 * A mergeable computation of a metric: split big inputs across workers, processes or a
 * distributed engine, `add` rows to a state per part, `merge` the states in any order, and
 * take the `result` — the same value as the one-shot function.
 *
 * States are plain JSON-serialisable objects, so they survive `JSON.stringify` /
 * `JSON.parse` between processes. `add` and `merge` return new states and never mutate
 * their arguments.
 *
 * @typeParam State - The plain-object state.
 * @typeParam Input - One row, e.g. one score.
 * @typeParam Output - The metric's result type.
 * @example
 * ```ts
 * const nps = netPromoterScoreAggregator()
 * const left = nps.add(nps.add(nps.initial(), 10), 3)
 * const right = nps.add(nps.initial(), 9)
 * nps.result(nps.merge(left, right)).score // => 33.333333333333336
 * ```
 * @category Core
 */
export interface Aggregator<State, Input, Output> {
  /** A new empty state. */
  initial(): State
  /** A new state with one more input row. */
  add(state: State, input: Input): State
  /** The state of both parts; associative and commutative. */
  merge(a: State, b: State): State
  /** The metric of everything added so far. */
  result(state: State): Output
}
