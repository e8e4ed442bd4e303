import { finiteMoney, finiteRatio, guardInput, requireRecord } from '../core/inputGuards.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'

/**
 * Input of {@link pipelineCoverage}.
 *
 * @category Pipeline
 */
export interface PipelineCoverageInput {
  /** Value of the open (qualified) pipeline due in the period. */
  readonly openPipeline: MoneyInput
  /** Quota still to close in the period. */
  readonly remainingQuota: MoneyInput
}

/**
 * Pipeline coverage: how many times the open pipeline covers the quota still to close.
 * Compare it with `requiredPipelineCoverage(winRate)` — 3× is only "enough" at a 33 % win
 * rate. `(pipeline / quota) × winRate` is expected attainment, a different number.
 *
 * ```text
 * coverage = openPipeline / remainingQuota
 * ```
 *
 * @param input - `{ openPipeline, remainingQuota }`, money ≥ 0.
 * @returns The ratio (3 = 3×); `null` when the remaining quota is 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` (path the field);
 *   `VALUE_OUT_OF_RANGE` when no finite number holds the ratio (a quota of 5e-324);
 *   `INVALID_RECORD` (input not an object).
 * @example
 * ```ts
 * pipelineCoverage({ openPipeline: 900000, remainingQuota: 300000 }) // => 3
 * ```
 * @see winsabove.pages.dev/glossary/pipeline-coverage-ratio; docs/metric-definitions.md §3.4.
 * @category Pipeline
 */
export function pipelineCoverage(input: PipelineCoverageInput): number | null {
  return guardInput('pipelineCoverage', () => computePipelineCoverage(input))
}

function computePipelineCoverage(input: PipelineCoverageInput): number | null {
  const metric = 'pipelineCoverage'
  requireRecord(input, metric, [], 'input')
  const pipeline = toMoneyDecimal(
    input.openPipeline,
    { metric, allowNegative: false },
    'openPipeline',
  )
  const quota = toMoneyDecimal(
    input.remainingQuota,
    { metric, allowNegative: false },
    'remainingQuota',
  )
  finiteMoney(pipeline, metric, 'openPipeline')
  finiteMoney(quota, metric, 'remainingQuota')
  return quota.isZero() ? null : finiteRatio(pipeline.div(quota).toNumber(), metric, 'the coverage')
}
