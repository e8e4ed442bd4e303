import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError, readOptions } from '../core/validate.js'
import type { WinRateCountResult } from '../pipeline/winRate.js'
import type { CsatResult } from '../survey/csat.js'
import type { CustomerEffortScoreResult } from '../survey/customerEffortScore.js'
import type { NpsResult } from '../survey/netPromoterScore.js'
import type { NpsIntervalResult } from '../survey/npsInterval.js'
import type { CxComponent, CxDirection } from './CxComponent.js'

/**
 * Options shared by the component helpers.
 *
 * @category CX score
 */
export interface ComponentOptions {
  /** Label; each helper has a default. */
  readonly name?: string
  /** Relative importance; default 1. */
  readonly weight?: number
  /** Standard error of the value on its own scale, overriding the one derived from the result. */
  readonly standardError?: number | null
}

/** Standard error of a proportion x/n: sqrt(p(1 − p)/n); `null` when n = 0. Internal. */
function proportionError(successes: number, trials: number): number | null {
  if (trials === 0) return null
  const p = successes / trials
  return Math.sqrt((p * (1 - p)) / trials)
}

/** Throws `VALUE_OUT_OF_RANGE` / `NOT_FINITE` at `path` on behalf of a helper. Internal. */
function refuse(
  metric: string,
  path: (string | number)[],
  code: 'VALUE_OUT_OF_RANGE' | 'NOT_FINITE',
  message: string,
): never {
  throw new MetricInputError({ code, metric, path, message: `${metric}: ${message}` })
}

/** A finite number or `null` (a metric value or a standard error); refused otherwise. */
function numberOrNull(value: unknown, metric: string, path: (string | number)[]): number | null {
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
function resultObject(result: unknown, metric: string): Record<string, unknown> | null {
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
function countPair(
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
function component(
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

/**
 * An NPS as a CX-score component: range −100..100, higher is better; the standard error
 * comes along from an `npsInterval` result.
 *
 * @param result - A `netPromoterScore` or `npsInterval` result, or a plain score (or `null`).
 * @param options - `name` (`'NPS'`), `weight` (1).
 * @returns A `CxComponent`.
 * @throws MetricInputError `NOT_FINITE` (a value or standard error that is not a finite
 *   number or null), `VALUE_OUT_OF_RANGE` (a result that is not an object, counts that are
 *   not counts, a weight that is not > 0, a name that is not a string), `INVALID_OPTION`.
 * @example
 * ```ts
 * npsComponent(npsInterval([10, 9, 7, 3])).range // => [-100, 100]
 * ```
 * @category CX score
 */
export function npsComponent(
  result: NpsResult | NpsIntervalResult | number | null,
  options: ComponentOptions = {},
): CxComponent {
  try {
    const metric = 'npsComponent'
    options = readOptions(options, metric)
    const record = resultObject(result, metric)
    const value = numberOrNull(
      record === null ? result : record.score,
      metric,
      record === null ? ['result'] : ['result', 'score'],
    )
    const standardError =
      record !== null && 'standardError' in record
        ? numberOrNull(record.standardError, metric, ['result', 'standardError'])
        : null
    return component(metric, options, { name: 'NPS', value, range: [-100, 100], standardError })
  } catch (error) {
    throw asMetricInputError(error, 'npsComponent')
  }
}

/**
 * A CSAT as a component: range 0..1, higher is better, with the binomial standard error of
 * the satisfied share.
 *
 * @param result - A `csat` result, or a plain share (or `null`).
 * @param options - `name` (`'CSAT'`), `weight` (1).
 * @returns A `CxComponent`.
 * @throws MetricInputError `NOT_FINITE` (a value or standard error that is not a finite
 *   number or null), `VALUE_OUT_OF_RANGE` (a result that is not an object, counts that are
 *   not counts, a weight that is not > 0, a name that is not a string), `INVALID_OPTION`.
 * @example
 * ```ts
 * csatComponent(csat([5, 4, 2, 1])).standardError // => 0.25 (sqrt(0.5 · 0.5 / 4))
 * ```
 * @category CX score
 */
export function csatComponent(
  result: CsatResult | number | null,
  options: ComponentOptions = {},
): CxComponent {
  try {
    const metric = 'csatComponent'
    options = readOptions(options, metric)
    const record = resultObject(result, metric)
    const value = numberOrNull(
      record === null ? result : record.score,
      metric,
      record === null ? ['result'] : ['result', 'score'],
    )
    const standardError =
      record === null ? null : countPair(record, 'satisfied', 'total', true, metric)
    return component(metric, options, { name: 'CSAT', value, range: [0, 1], standardError })
  } catch (error) {
    throw asMetricInputError(error, 'csatComponent')
  }
}

/**
 * Options of {@link cesComponent}.
 *
 * @category CX score
 */
export interface CesComponentOptions extends ComponentOptions {
  /** How the CES was computed: `'mean'` on 1..scaleMax (default) or `'agree-share'` (0..1). */
  readonly method?: 'mean' | 'agree-share'
  /** Top of the scale for `'mean'`; default 7. */
  readonly scaleMax?: number
  /** CES 1.0 asked about effort (1 = very low effort): pass `'lower-is-better'`. Default higher. */
  readonly direction?: CxDirection
}

/**
 * A Customer Effort Score as a component: 1..scaleMax for the mean, 0..1 for the agree
 * share, with the direction recorded (CES 2.0: higher is easier) and the standard error a
 * `customerEffortScore` result carries (s/√n for the mean, binomial for the share).
 *
 * A result brings its own `method` and `scaleMax`; an option that contradicts them is
 * refused here rather than giving a value outside its range later in `cxScore`.
 *
 * @param result - A `customerEffortScore` result, or a plain score (or `null`).
 * @param options - `method` (the result's, else `'mean'`), `scaleMax` (the result's, else
 *   7), `direction`, `name` (`'CES'`), `weight`, `standardError`.
 * @returns A `CxComponent`.
 * @throws MetricInputError `INVALID_OPTION` (path `['method']` or `['scaleMax']`) when the
 *   option contradicts the result's.
 * @example
 * ```ts
 * cesComponent(customerEffortScore([7, 6, 5, 2])).range // => [1, 7]
 * cesComponent(customerEffortScore([7, 6, 5, 2], { method: 'agree-share' })).range // => [0, 1]
 * ```
 * @category CX score
 */
export function cesComponent(
  result: CustomerEffortScoreResult | number | null,
  options: CesComponentOptions = {},
): CxComponent {
  try {
    const metric = 'cesComponent'
    options = readOptions(options, metric)
    const fromResult = resultObject(result, metric) as Partial<CustomerEffortScoreResult> | null
    const method = agree(metric, 'method', options.method, fromResult?.method, 'mean')
    const scaleMax = agree(metric, 'scaleMax', options.scaleMax, fromResult?.scaleMax, 7)
    if (!(method === 'mean' || method === 'agree-share')) {
      refuse(
        metric,
        ['method'],
        'VALUE_OUT_OF_RANGE',
        `method is ${describeValue(method)}; it must be 'mean' or 'agree-share'`,
      )
    }
    const value = numberOrNull(
      fromResult === null ? result : fromResult.score,
      metric,
      fromResult === null ? ['result'] : ['result', 'score'],
    )
    const range: readonly [number, number] = method === 'agree-share' ? [0, 1] : [1, scaleMax]
    const standardError =
      fromResult?.standardError === undefined
        ? null
        : numberOrNull(fromResult.standardError, metric, ['result', 'standardError'])
    return component(metric, options, {
      name: 'CES',
      value,
      range,
      direction: options.direction ?? 'higher-is-better',
      standardError,
    })
  } catch (error) {
    throw asMetricInputError(error, 'cesComponent')
  }
}

/** The option if given, else the result's; `INVALID_OPTION` when both are given and differ. */
function agree<T>(
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

/**
 * Options of {@link retentionComponent}.
 *
 * @category CX score
 */
export interface RetentionComponentOptions extends ComponentOptions {
  /** Scale of the rate; default [0, 1]. NRR can exceed 1: e.g. `[0.5, 1.5]`. */
  readonly range?: readonly [number, number]
  /** Default `'higher-is-better'`; a churn rate is `'lower-is-better'`. */
  readonly direction?: CxDirection
  /**
   * The customers (logos) the rate is a share of — customers at the start of the period —
   * for a logo rate's binomial standard error √(rate (1 − rate) / customers). Leave out for
   * a revenue rate (GRR, NRR), which has no such error.
   */
  readonly customers?: number
}

/**
 * A retention (or churn) rate as a component: range 0..1 unless given, direction explicit.
 * A logo rate given its `customers` gets the binomial standard error
 * √(rate (1 − rate) / customers); a revenue rate has none unless you pass `standardError`.
 *
 * @param rate - A fraction, e.g. `customerRetentionRate(…)` or `grossRevenueRetention(…)`,
 *   or `null`.
 * @param options - `name` (`'Retention'`), `weight`, `range`, `direction`, `customers`,
 *   `standardError`.
 * @returns A `CxComponent`.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (path `['customers']`) for a count that is
 *   not a whole number ≥ 0, or with a rate outside [0, 1].
 * @example
 * ```ts
 * retentionComponent(0.04, { name: 'Logo churn', direction: 'lower-is-better', range: [0, 0.2] }).direction // => 'lower-is-better'
 * retentionComponent(0.9, { customers: 100 }).standardError // => 0.03 (√(90 · 10 / 100³))
 * ```
 * @category CX score
 */
export function retentionComponent(
  rate: number | null,
  options: RetentionComponentOptions = {},
): CxComponent {
  try {
    const metric = 'retentionComponent'
    options = readOptions(options, metric)
    const value = numberOrNull(rate, metric, ['rate'])
    const customers = options.customers
    let standardError: number | null = null
    if (customers !== undefined) {
      const valid =
        typeof customers === 'number' &&
        Number.isSafeInteger(customers) &&
        customers >= 0 &&
        (rate === null || (typeof rate === 'number' && rate >= 0 && rate <= 1))
      if (!valid) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: ['customers'],
          message: `${metric}: customers is ${describeValue(customers)} with a rate of ${describeValue(rate)}; a logo count must be a whole number ≥ 0 and its rate a fraction from 0 to 1`,
        })
      }
      if (value !== null) standardError = proportionError(value * customers, customers)
    }
    return component(metric, options, {
      name: 'Retention',
      value,
      range: options.range ?? [0, 1],
      direction: options.direction ?? 'higher-is-better',
      standardError,
    })
  } catch (error) {
    throw asMetricInputError(error, 'retentionComponent')
  }
}

/**
 * A win rate as a component: range 0..1, higher is better, with the binomial standard error
 * of won / closed.
 *
 * @param result - A `winRate` count result, or a plain rate (or `null`).
 * @param options - `name` (`'Win rate'`), `weight`.
 * @returns A `CxComponent`.
 * @throws MetricInputError `NOT_FINITE` (a value or standard error that is not a finite
 *   number or null), `VALUE_OUT_OF_RANGE` (a result that is not an object, counts that are
 *   not counts, a weight that is not > 0, a name that is not a string), `INVALID_OPTION`.
 * @example
 * ```ts
 * winRateComponent({ rate: 0.25, won: 1, lost: 3, interval: null }).standardError // => 0.21650635094610965
 * ```
 * @category CX score
 */
export function winRateComponent(
  result: WinRateCountResult | number | null,
  options: ComponentOptions = {},
): CxComponent {
  try {
    const metric = 'winRateComponent'
    options = readOptions(options, metric)
    const record = resultObject(result, metric)
    const value = numberOrNull(
      record === null ? result : record.rate,
      metric,
      record === null ? ['result'] : ['result', 'rate'],
    )
    const standardError = record === null ? null : countPair(record, 'won', 'lost', false, metric)
    return component(metric, options, { name: 'Win rate', value, range: [0, 1], standardError })
  } catch (error) {
    throw asMetricInputError(error, 'winRateComponent')
  }
}
