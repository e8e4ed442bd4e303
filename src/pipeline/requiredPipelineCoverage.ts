import { finiteRatio } from '../core/inputGuards.js'
import { requireRate } from '../records/fieldChecks.js'

/**
 * The pipeline coverage a win rate requires to make quota on average: the inverse of the
 * win rate (the "3× rule" is the inverse of a 33 % win rate).
 *
 * ```text
 * required coverage = 1 / winRate
 * ```
 *
 * @param winRate - A fraction in [0, 1] (e.g. `winRate(deals).rate`); `null` passes through.
 * @returns The required multiple; `null` when the win rate is 0 or `null`.
 * @throws MetricInputError `RATE_OUT_OF_RANGE` (path `['winRate']`; not a number in 0..1),
 *   `VALUE_OUT_OF_RANGE` (a win rate so small that its inverse overflows, e.g. 5e-324).
 * @example
 * ```ts
 * requiredPipelineCoverage(0.25) // => 4
 * ```
 * @see contextawareanalytics.com — how to calculate pipeline coverage.
 * @category Pipeline
 */
export function requiredPipelineCoverage(winRate: number | null): number | null {
  if (winRate === null) return null
  const rate = requireRate(winRate, 'requiredPipelineCoverage', ['winRate'], 'winRate')
  // 1 / 5e-324 overflows: no finite coverage exists for a win rate that small.
  return rate === 0
    ? null
    : finiteRatio(1 / rate, 'requiredPipelineCoverage', 'the required coverage')
}
