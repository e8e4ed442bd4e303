import { describeValue } from '../core/describeValue.js'
import { guardInput, requireRecord } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireNonNegative } from '../core/validate.js'
import { requireRate } from '../records/fieldChecks.js'
import type { KaplanMeierResult, KaplanMeierStep } from './kaplanMeier.js'

/**
 * The result of {@link restrictedMeanSurvivalTime}.
 *
 * @category Survival
 */
export interface RestrictedMeanSurvivalTimeResult {
  readonly horizon: number
  /** Expected time survived up to the horizon, in the curve's time unit. */
  readonly estimate: number
  /** Its standard error (R `print(fit, rmean = horizon)` `se(rmean)`). */
  readonly standardError: number
}

/**
 * The restricted mean survival time: the expected customer lifetime counted up to a
 * horizon — the area under the Kaplan–Meier curve from 0 to the horizon. Unlike the
 * median it exists when fewer than half the customers have churned, and it is the number
 * that multiplies into lifetime value ("a customer stays 9.4 of the next 12 months").
 *
 * ```text
 * RMST(h) = ∫₀ʰ S(t) dt = Σ S(tᵢ₋₁) · (min(tᵢ, h) − tᵢ₋₁)      (t₀ = 0, S(t₀) = 1)
 * Var = Σ_{tᵢ ≤ h} Aᵢ² · dᵢ / (nᵢ (nᵢ − dᵢ)),   Aᵢ = ∫_{tᵢ}^h S(t) dt
 * ```
 *
 * @param curve - A `kaplanMeier` result.
 * @param horizon - The time up to which lifetime is counted (≥ 0), in the curve's unit.
 * @returns `{ horizon, estimate, standardError }`; a curve without events gives the horizon
 *   itself with standard error 0.
 * @throws MetricInputError `NEGATIVE_VALUE`, `NOT_FINITE` (path `['horizon']`, or a step
 *   field such as `['steps', 2, 'atRisk']`); `RATE_OUT_OF_RANGE` (a survival that is not a
 *   number in 0..1 — the string `'0.5'` included); `VALUE_OUT_OF_RANGE` (steps out of time
 *   order or rising survival; a standard error that overflows); `INVALID_RECORD` (not a
 *   curve).
 * @example
 * ```ts
 * const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
 * restrictedMeanSurvivalTime(curve, 4).estimate // => 2.5 (1 + 0.75 + 0.5 + 0.25)
 * ```
 * @see P. Royston & M. Parmar (2013), BMC Med Res Methodol 13:152; R `survival`
 *   `print.survfit(rmean = )`.
 * @category Survival
 */
export function restrictedMeanSurvivalTime(
  curve: KaplanMeierResult,
  horizon: number,
): RestrictedMeanSurvivalTimeResult {
  return guardInput(METRIC, () => computeRestrictedMean(curve, horizon))
}

const METRIC = 'restrictedMeanSurvivalTime'

function computeRestrictedMean(
  curve: KaplanMeierResult,
  horizonValue: number,
): RestrictedMeanSurvivalTimeResult {
  const checked = requireNonNegative(horizonValue, METRIC, ['horizon'], 'horizon')
  const horizon = checked === 0 ? 0 : checked
  const steps = readSteps(curve, horizon)
  // areaAfter[k] = ∫ from steps[k].time to horizon of S(t) dt (each ≤ horizon), from the end.
  const areaAfter = new Float64Array(steps.length + 1)
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!
    const end = index + 1 < steps.length ? steps[index + 1]!.time : horizon
    areaAfter[index] = step.survival * (end - step.time) + areaAfter[index + 1]!
  }
  const firstTime = steps.length > 0 ? steps[0]!.time : horizon
  const estimate = firstTime + areaAfter[0]!
  // Areas are squared in units of the largest one, so A² cannot overflow for a horizon of 1e308.
  const unit = areaAfter[0]! > 0 ? areaAfter[0]! : 1
  let variance = 0
  for (let index = 0; index < steps.length; index++) {
    const { atRisk, events } = steps[index]!
    const area = areaAfter[index]! / unit
    if (atRisk > events && area > 0)
      variance += ((area * area) / atRisk) * (events / (atRisk - events))
  }
  const standardError = Math.sqrt(variance) * unit
  if (!Number.isFinite(estimate) || !Number.isFinite(standardError)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric: METRIC,
      message: `${METRIC}: the estimate or its standard error overflows for horizon ${horizon}; the curve's counts are too small for a finite Greenwood variance`,
    })
  }
  return { horizon, estimate: estimate === 0 ? 0 : estimate, standardError }
}

/**
 * The steps up to the horizon, each checked: `time` finite, ≥ 0 and increasing,
 * `survival` a number in [0, 1] not above the previous step (`RATE_OUT_OF_RANGE`,
 * `VALUE_OUT_OF_RANGE`), `atRisk` and `events` finite numbers ≥ 0.
 */
function readSteps(curve: KaplanMeierResult, horizon: number): KaplanMeierStep[] {
  requireRecord(curve, METRIC, [], 'curve')
  const all = curve.steps
  if (!Array.isArray(all)) {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric: METRIC,
      path: ['steps'],
      message: `${METRIC}: curve.steps is ${describeValue(all)}; pass a kaplanMeier result`,
    })
  }
  const steps: KaplanMeierStep[] = []
  let previousTime = Number.NEGATIVE_INFINITY
  let previousSurvival = 1
  for (let index = 0; index < all.length; index++) {
    const step = requireRecord(
      all[index] as KaplanMeierStep,
      METRIC,
      ['steps', index],
      `step ${index}`,
    )
    const time = requireNonNegative(
      step.time,
      METRIC,
      ['steps', index, 'time'],
      `time of step ${index}`,
    )
    const survival = requireRate(
      step.survival,
      METRIC,
      ['steps', index, 'survival'],
      `survival of step ${index}`,
    )
    const atRisk = requireNonNegative(
      step.atRisk,
      METRIC,
      ['steps', index, 'atRisk'],
      `atRisk of step ${index}`,
    )
    const events = requireNonNegative(
      step.events,
      METRIC,
      ['steps', index, 'events'],
      `events of step ${index}`,
    )
    if (!(time > previousTime) || survival > previousSurvival) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric: METRIC,
        path: ['steps', index],
        message: `${METRIC}: step ${index} is out of order; a survival curve's times increase and its survival never rises`,
      })
    }
    previousTime = time
    previousSurvival = survival
    if (time <= horizon)
      steps.push({ ...step, time: time === 0 ? 0 : time, survival, atRisk, events })
  }
  return steps
}
