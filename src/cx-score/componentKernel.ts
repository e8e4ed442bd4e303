import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent } from './CxComponent.js'

/**
 * The checks and arithmetic the five component helpers share (`npsComponent`,
 * `csatComponent`, `cesComponent`, `retentionComponent`, `winRateComponent`). Internal.
 */

/** Standard error of a proportion x/n: sqrt(p(1 − p)/n); `null` when n = 0. Internal. */
export function proportionError(successes: number, trials: number): number | null {
  if (trials === 0) return null
  const p = successes / trials
  return Math.sqrt((p * (1 - p)) / trials)
}

/** Throws `VALUE_OUT_OF_RANGE` / `NOT_FINITE` at `path` on behalf of a helper. Internal. */
export function refuse(
  metric: string,
  path: (string | number)[],
  code: 'VALUE_OUT_OF_RANGE' | 'NOT_FINITE',
  message: string,
): never {
  throw new MetricInputError({ code, metric, path, message: `${metric}: ${message}` })
}

/** A finite number or `null` (a metric value or a standard error); refused otherwise. */
export function numberOrNull(
  value: unknown,
  metric: string,
  path: (string | number)[],
): number | null {
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    refuse(
      metric,
      path,
      'NOT_FINITE',
      `${path.join('.')} is ${describeValue(value)}; it must be a finite number or null`,
    )
  }
  return value + 0
}

/** The result object of a family function, or `null` for a plain value. */
export function resultObject(result: unknown, metric: string): Record<string, unknown> | null {
  if (result === null || typeof result === 'number') return null
  if (typeof result !== 'object') {
    refuse(
      metric,
      ['result'],
      'VALUE_OUT_OF_RANGE',
      `result is ${describeValue(result)}; it must be a result object, a number or null`,
    )
  }
  return result as Record<string, unknown>
}

/** A count pair `successes ≤ trials` read from a result, for a binomial error. */
export function countPair(
  record: Record<string, unknown>,
  successesKey: string,
  otherKey: string,
  otherIsTotal: boolean,
  metric: string,
): number | null {
  const successes = record[successesKey]
  const other = record[otherKey]
  const valid =
    typeof successes === 'number' &&
    typeof other === 'number' &&
    Number.isFinite(successes) &&
    Number.isFinite(other) &&
    successes >= 0 &&
    other >= 0 &&
    (!otherIsTotal || successes <= other)
  if (!valid) {
    refuse(
      metric,
      ['result', successesKey],
      'VALUE_OUT_OF_RANGE',
      `result.${successesKey} is ${describeValue(successes)} and result.${otherKey} is ${describeValue(other)}; they must be counts with ${successesKey} within the total`,
    )
  }
  const trials = otherIsTotal ? other : successes + other
  return Number.isFinite(trials) ? proportionError(successes, trials) : null
}

/** Builds a component after checking the options every helper shares. */
export function component(
  metric: string,
  options: ComponentOptions,
  fields: Omit<CxComponent, 'name' | 'weight' | 'standardError'> & {
    readonly name: string
    readonly standardError: number | null
  },
): CxComponent {
  const name = options.name ?? fields.name
  if (typeof name !== 'string') {
    refuse(
      metric,
      ['name'],
      'VALUE_OUT_OF_RANGE',
      `option name is ${describeValue(name)}; it must be a string`,
    )
  }
  const weight = options.weight ?? 1
  if (!(typeof weight === 'number' && weight > 0 && Number.isFinite(weight))) {
    refuse(
      metric,
      ['weight'],
      'VALUE_OUT_OF_RANGE',
      `option weight is ${describeValue(weight)}; it must be a finite number > 0`,
    )
  }
  const standardError =
    options.standardError === undefined
      ? fields.standardError
      : numberOrNull(options.standardError, metric, ['standardError'])
  if (standardError !== null && standardError < 0) {
    refuse(
      metric,
      ['standardError'],
      'VALUE_OUT_OF_RANGE',
      `standardError is ${standardError}; it must not be negative`,
    )
  }
  return { ...fields, name, weight, standardError }
}

/** The option if given, else the result's; `INVALID_OPTION` when both are given and differ. */
export function agree<T>(
  metric: string,
  option: string,
  given: T | undefined,
  fromResult: T | undefined,
  fallback: T,
): T {
  if (given !== undefined && fromResult !== undefined && given !== fromResult) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [option],
      message: `${metric}: option ${option} is ${describeValue(given)} but the customerEffortScore result was computed with ${option} ${describeValue(fromResult)}; drop the option or pass a result computed with it`,
    })
  }
  return given ?? fromResult ?? fallback
}
