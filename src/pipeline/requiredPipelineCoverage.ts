import { requireRate } from './pipelineKernel.js'

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
 * @throws MetricInputError `RATE_OUT_OF_RANGE` (path `['winRate']`).
 * @example
 * ```ts
 * requiredPipelineCoverage(0.25) // => 4
 * ```
 * @see contextawareanalytics.com — how to calculate pipeline coverage.
 */
export function requiredPipelineCoverage(winRate: number | null): number | null {
  if (winRate === null) return null
  const rate = requireRate(winRate, 'requiredPipelineCoverage', ['winRate'], 'winRate')
  return rate === 0 ? null : 1 / rate
}
