import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * Checks shared by every aggregator's `merge` and `result`: a state that comes back from
 * JSON, another process or another aggregator is untrusted until these pass. A state must
 * be a plain object with exactly the aggregator's keys (so a foreign state is refused by
 * shape), counts must be non-negative safe integers and sums finite numbers. Internal.
 */

/** The kind of value a state field holds. */
export type StateFieldKind =
  /** A non-negative safe integer (a count). */
  | 'count'
  /** A finite number ≥ 0 (a weight or a sum of magnitudes). */
  | 'non-negative'
  /** Any finite number (a signed sum). */
  | 'finite'
  /** A string (a decimal amount, checked by the caller's money reader). */
  | 'string'
  /** A string or `null` (a currency code). */
  | 'string-or-null'

/** The fields of a state, each with its kind. */
export type StateShape = Readonly<Record<string, StateFieldKind>>

function invalidState(metric: string, path: MetricInputPath, message: string): MetricInputError {
  return new MetricInputError({ code: 'INVALID_STATE', metric, path, message })
}

function readField(
  state: Record<string, unknown>,
  key: string,
  kind: StateFieldKind,
  metric: string,
  at: MetricInputPath,
): unknown {
  const value = state[key]
  const path = [...at, key]
  const where = `${metric}: state field ${[...at, key].join('.')}`
  if (kind === 'string') {
    if (typeof value !== 'string') {
      throw invalidState(metric, path, `${where} is ${describeValue(value)}; it must be a string`)
    }
    return value
  }
  if (kind === 'string-or-null') {
    if (value !== null && typeof value !== 'string') {
      throw invalidState(
        metric,
        path,
        `${where} is ${describeValue(value)}; it must be a string or null`,
      )
    }
    return value
  }
  if (typeof value !== 'number') {
    throw invalidState(metric, path, `${where} is ${describeValue(value)}; it must be a number`)
  }
  if (!Number.isFinite(value)) {
    throw new MetricInputError({
      code: 'NOT_FINITE',
      metric,
      path,
      message: `${where} is ${describeValue(value)}; it must be finite`,
    })
  }
  if (kind === 'finite') return value
  if (value < 0) {
    throw new MetricInputError({
      code: 'NEGATIVE_VALUE',
      metric,
      path,
      message: `${where} is ${value}; it must not be negative`,
    })
  }
  if (kind === 'count' && !Number.isSafeInteger(value)) {
    throw invalidState(metric, path, `${where} is ${value}; a count must be a whole number`)
  }
  return Object.is(value, -0) ? 0 : value
}

/**
 * Returns a clean copy of `state` after checking it has exactly the keys of `shape`, each
 * of its kind. Throws `INVALID_STATE` for a value that is not such an object (a foreign
 * state, a missing or extra key, a wrong type, a fractional count), `NEGATIVE_VALUE` and
 * `NOT_FINITE` for a number out of its range. `at` is prefixed to paths (`['a']` for the
 * first argument of `merge`).
 */
export function readState<State>(
  state: unknown,
  shape: StateShape,
  metric: string,
  at: MetricInputPath = [],
): State {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw invalidState(
      metric,
      at,
      `${metric}: state${at.length > 0 ? ` ${at.join('.')}` : ''} is ${describeValue(state)}; it must be a state made by this aggregator`,
    )
  }
  const record = state as Record<string, unknown>
  const clean: Record<string, unknown> = {}
  for (const key of Object.keys(shape)) {
    if (!Object.hasOwn(record, key)) {
      throw invalidState(
        metric,
        [...at, key],
        `${metric}: state has no field ${key}; it is not a state made by this aggregator`,
      )
    }
    clean[key] = readField(record, key, shape[key] as StateFieldKind, metric, at)
  }
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key)) {
      throw invalidState(
        metric,
        [...at, key],
        `${metric}: state has an unexpected field ${describeValue(key)}; it is not a state made by this aggregator`,
      )
    }
  }
  return clean as State
}

/**
 * The cheap check `add` makes on each row: `state` is a non-null object whose `fields` are
 * finite numbers, so one more row cannot turn it into `NaN` or `Infinity`. No copy and no
 * key scan: the full check ({@link readState}: exact keys, whole counts) runs where states
 * meet, in `merge` and `result`, so a hot loop of `add` pays a few `typeof`s per row. Internal.
 */
export function requireStateObject<State>(
  state: State,
  fields: readonly string[],
  metric: string,
): State {
  if (typeof state === 'object' && state !== null && !Array.isArray(state)) {
    let index = 0
    for (; index < fields.length; index++) {
      const value = (state as Record<string, unknown>)[fields[index] as string]
      if (!(typeof value === 'number' && value - value === 0)) break
    }
    if (index === fields.length) return state
  }
  throw invalidState(
    metric,
    ['state'],
    `${metric}: state is ${describeValue(state)}; it must be a state made by this aggregator`,
  )
}
