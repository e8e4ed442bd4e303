import { asMetricInputError, readOptions } from '../core/validate.js'
import type { WinRateCountResult } from '../pipeline/winRate.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent } from './CxComponent.js'
import { component, countPair, numberOrNull, resultObject } from './componentKernel.js'

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
 * // Closed deals → win rate 1 of 4 → a component with √(0.25 · 0.75 / 4) → the score.
 * const closed = (id: string, status: 'won' | 'lost') =>
 *   ({ id, status, amount: 1000, createdAt: new Date('2026-01-05'), closedAt: new Date('2026-02-01'), stageHistory: [] })
 * const wins = winRateComponent(winRate([closed('a', 'won'), closed('b', 'lost'), closed('c', 'lost'), closed('d', 'lost')]))
 * wins.value // => 0.25
 * wins.standardError // => 0.21650635094610965
 * cxScore([wins]).score // => 25
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
