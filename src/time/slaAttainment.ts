import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { readAliasedOption, requireList, requireNonNegative } from '../core/validate.js'
import { readFailure, requireOptions } from './timeInputs.js'

/**
 * Options of {@link slaAttainment}.
 *
 * @category Time
 */
export interface SlaAttainmentOptions {
  /** Time already elapsed by items still open (same unit as `target`). */
  readonly openDurations?: ArrayLike<number>
  /**
   * The SPEC name of `openDurations`, still accepted (the same list; both given as different
   * lists is `INVALID_OPTION`). In options `open` otherwise names a policy, so this use is
   * deprecated.
   *
   * @deprecated Use `openDurations`.
   */
  readonly open?: ArrayLike<number>
}

/**
 * SLA attainment: the share of items handled within the target. Items still open are
 * judged only when they are already late — an open item past the target is a breach; one
 * still within it has no outcome yet and is left out (not counted as a success).
 *
 * ```text
 * attainment = #{done ≤ target} / (#done + #{open > target})
 * ```
 *
 * @param durations - Times of the finished items (finite numbers ≥ 0), an array or typed array.
 * @param target - The SLA target (≥ 0), same unit.
 * @param options - `openDurations` (SPEC alias `open`): elapsed times of unfinished items.
 * @returns A fraction in [0, 1]; `null` when no item has an outcome.
 * @throws MetricInputError `NEGATIVE_VALUE` / `NOT_FINITE` (path `[i]`, `['openDurations', i]`,
 *   `['target']`; `null`, strings and other non-numbers are `NOT_FINITE`),
 *   `VALUE_OUT_OF_RANGE` (path `[]`: not an `ArrayLike`), `INVALID_OPTION`
 *   (options that are not an object; `openDurations` that is not a list; `openDurations`
 *   and `open` both given as different lists).
 * @example
 * ```ts
 * slaAttainment([2, 5, 30], 24, { openDurations: [10, 40] }) // => 0.5 (2 of 4: one finished late, one open and late)
 * ```
 * @see docs/metric-definitions.md §5.4; GitLab support SLA performance.
 * @category Time
 */
export function slaAttainment(
  durations: ArrayLike<number>,
  target: number,
  options: SlaAttainmentOptions = {},
): number | null {
  const metric = 'slaAttainment'
  try {
    return attainment(durations, target, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

function attainment(
  durations: ArrayLike<number>,
  target: number,
  options: SlaAttainmentOptions,
  metric: string,
): number | null {
  requireList(durations, metric, [], 'durations')
  requireOptions(options, metric)
  requireNonNegative(target, metric, ['target'], 'target')
  let within = 0
  for (let index = 0; index < durations.length; index++) {
    const value = durations[index] as number
    if (!(typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY))
      throw badDuration(metric, [index], value)
    if (value <= target) within++
  }
  let lateOpen = 0
  const name =
    options.openDurations === undefined && options.open !== undefined ? 'open' : 'openDurations'
  const open = readAliasedOption<ArrayLike<number>>(options, 'openDurations', 'open', metric) ?? []
  if (typeof open !== 'object' || open === null || !(open.length >>> 0 === open.length)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [name],
      message: `${metric}: option ${name} is ${describeValue(open)}; it must be a list of durations`,
    })
  }
  for (let index = 0; index < open.length; index++) {
    const value = open[index] as number
    if (!(typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY))
      throw badDuration(metric, [name, index], value)
    if (value > target) lateOpen++
  }
  const judged = durations.length + lateOpen
  return judged === 0 ? null : within / judged
}

function badDuration(metric: string, path: (string | number)[], value: unknown): MetricInputError {
  return new MetricInputError({
    code: typeof value === 'number' && value < 0 ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
    metric,
    path,
    message: `${metric}: duration at ${path.join('.')} is ${describeValue(value)}; durations must be finite numbers ≥ 0`,
  })
}
