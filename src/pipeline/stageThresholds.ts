import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { quantileOfSorted } from '../core/quantile.js'

/**
 * The stalled-deal threshold of each stage, shared by `stalledOpportunities` and the
 * `stuck-in-stage` rule of `pipelineHygiene`: the `quantile` (R type 7) of the stage's
 * finished spells in days, for stages with at least `minimumSpells` of them. Internal.
 */
export function stageThresholds(
  finished: ReadonlyMap<string, readonly number[]>,
  quantile: number,
  minimumSpells: number,
): Map<string, number> {
  const thresholds = new Map<string, number>()
  for (const [stage, spells] of finished) {
    if (spells.length >= minimumSpells)
      thresholds.set(stage, quantileOfSorted(Float64Array.from(spells).sort(), quantile, 'linear')!)
  }
  return thresholds
}

/** The stall quantile: a fraction from 0 to 1, or `INVALID_OPTION` at `path`. Internal. */
export function requireStallQuantile(value: number, metric: string, path: MetricInputPath): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path,
    message: `${metric}: option ${path.join('.')} is ${describeValue(value)}; it must be a fraction from 0 to 1`,
  })
}
