import { criticalValue } from '../core/criticalValue.js'
import { describeValue } from '../core/describeValue.js'
import {
  MetricInputError,
  type MetricInputErrorCode,
  type MetricInputPath,
} from '../core/MetricInputError.js'
import { asMetricInputError, readOptions, requireList, requireOneOf } from '../core/validate.js'
import { CX_DIRECTIONS, type CxComponent } from './CxComponent.js'

/**
 * What `cxScore` does with a component whose value is `null`: `'renormalize'` scores the
 * components present (their weights renormalised, `coverage` says how much was present);
 * `'error'` refuses the score (`MISSING_VALUE`).
 *
 * @example
 * ```ts
 * CX_SCORE_MISSING_POLICIES // => ['renormalize', 'error']
 * ```
 * @category CX score
 */
export const CX_SCORE_MISSING_POLICIES = ['renormalize', 'error'] as const
/**
 * One of {@link CX_SCORE_MISSING_POLICIES}.
 *
 * @category CX score
 */
export type CxScoreMissingPolicy = (typeof CX_SCORE_MISSING_POLICIES)[number]

/**
 * Options of {@link cxScore}.
 *
 * @category CX score
 */
export interface CxScoreOptions {
  /** `'renormalize'` (default): score the present components; `'error'`: a missing one throws. */
  readonly missing?: CxScoreMissingPolicy
  /** Confidence of the score's interval; default 0.95. */
  readonly confidence?: number
}

/**
 * How much one component adds to the score.
 *
 * @category CX score
 */
export interface CxContribution {
  readonly name: string
  readonly value: number | null
  /** Position on its scale, 0 (worst) .. 1 (best); `null` when missing. */
  readonly normalized: number | null
  readonly weight: number
  /** weight / Σ weights present (0 when missing). */
  readonly effectiveWeight: number
  /** 100 · effectiveWeight · normalized; the points add up to the score. */
  readonly points: number
}

/**
 * The result of {@link cxScore}.
 *
 * @category CX score
 */
export interface CxScoreResult {
  /** 0..100; `null` when no component is present. */
  readonly score: number | null
  /** Share of the total weight that is present (0 when all are missing). */
  readonly coverage: number
  readonly contributions: CxContribution[]
  /** Standard error of the score when every present component has one (independence assumed); else `null`. */
  readonly standardError: number | null
  /**
   * Names of the present components without a standard error — the reason `standardError`,
   * `lower` and `upper` are `null`; `[]` when every present component has one.
   */
  readonly withoutStandardError: string[]
  /** Interval bounds, clipped to [0, 100]; `null` without a standard error. */
  readonly lower: number | null
  readonly upper: number | null
}

/**
 * The composite customer-experience score: each component placed on 0..1 by min–max
 * normalisation on its own scale (inverted when lower is better), averaged with weights
 * renormalised over the components present, on 0..100 — with each component's
 * contribution in points, the coverage of the weights, and an interval when the
 * components carry standard errors.
 *
 * ```text
 * nᵢ = (valueᵢ − minᵢ) / (maxᵢ − minᵢ)          (1 − that for lower-is-better)
 * score = 100 · Σ wᵢ nᵢ / Σ wᵢ                    over present components
 * pointsᵢ = 100 · (wᵢ / Σ w) · nᵢ                 (they add up to the score)
 * SE = 100 · sqrt(Σ (wᵢ / Σ w)² · (SEᵢ / (maxᵢ − minᵢ))²)   (components assumed independent)
 * ```
 * The min–max step follows the ACSI's published 0–100 rescaling; NPS −100..100 maps 0 to 50.
 *
 * @param components - The components; names must be unique.
 * @param options - `missing` (`'renormalize'`), `confidence` (0.95).
 * @returns `{ score, coverage, contributions, standardError, withoutStandardError, lower,
 *   upper }`; the interval is `null` when a present component has no standard error, and
 *   `withoutStandardError` names those components.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (a value outside its range, a weight ≤ 0, a
 *   range with min ≥ max), `NOT_FINITE`, `MISSING_VALUE` (with `missing: 'error'`),
 *   `DUPLICATE_ID` (a repeated name), `INVALID_OPTION`; paths `[i, field]`. Also
 *   `VALUE_OUT_OF_RANGE` for components that are not a list of objects with a string
 *   `name`, weights adding up past 1.8e308, or a range whose width overflows.
 * @example
 * ```ts
 * const result = cxScore([
 *   { name: 'NPS', value: 40, range: [-100, 100], weight: 2 },
 *   { name: 'CSAT', value: 0.8, range: [0, 1], weight: 1 },
 *   { name: 'Churn', value: 0.1, range: [0, 0.5], weight: 1, direction: 'lower-is-better' },
 * ])
 * result.score // => 75
 * result.contributions.map((c) => c.points) // => [35, 20, 20]
 * ```
 * @see ACSI score calculation (0–100 rescaling); Forrester CX Index; docs/metric-definitions.md §6.
 * @category CX score
 */
export function cxScore(
  components: readonly CxComponent[],
  options: CxScoreOptions = {},
): CxScoreResult {
  const metric = 'cxScore'
  try {
    options = readOptions(options, metric)
    requireList(components, metric, [], 'components', true)
    const missing = requireOneOf(
      options.missing ?? 'renormalize',
      CX_SCORE_MISSING_POLICIES,
      metric,
      'missing',
    )
    return scoreComponents(
      components,
      missing,
      criticalValue(options.confidence ?? 0.95, metric),
      metric,
      componentPlace,
    )
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}

/**
 * Where a component's field is in the caller's input: `[i, field]` for `cxScore`; a
 * scorecard maps it to `[account, 'values', name]`. Internal.
 */
export type ComponentPlace = (index: number, field: string) => MetricInputPath

const componentPlace: ComponentPlace = (index, field) => [index, field]

/** How a message names the component at `index`: `component 2` in `cxScore`. Internal. */
export type ComponentName = (index: number) => string

const componentName: ComponentName = (index) => `component ${index}`

/** A component's error at its place. */
function componentError(
  code: MetricInputErrorCode,
  metric: string,
  path: MetricInputPath,
  message: string,
): MetricInputError {
  return new MetricInputError({ code, metric, path, message: `${metric}: ${message}` })
}

/**
 * The score of checked options: every error names `metric` and its place. Internal (shared
 * with the health scorecard, which names itself and the account).
 */
export function scoreComponents(
  components: readonly CxComponent[],
  missing: CxScoreMissingPolicy,
  z: number,
  metric: string,
  place: ComponentPlace,
  name: ComponentName = componentName,
): CxScoreResult {
  const names = new Set<string>()
  let totalWeight = 0
  let presentWeight = 0
  const normalized: (number | null)[] = []
  for (let index = 0; index < components.length; index++) {
    const component = components[index] as CxComponent
    const value = readComponent(component, index, metric, names, place, name)
    totalWeight += component.weight
    if (!Number.isFinite(totalWeight)) {
      throw componentError(
        'VALUE_OUT_OF_RANGE',
        metric,
        place(index, 'weight'),
        `the weights add up to Infinity at ${name(index)}`,
      )
    }
    if (value === null) {
      if (missing === 'error') {
        throw componentError(
          'MISSING_VALUE',
          metric,
          place(index, 'value'),
          `component ${JSON.stringify(component.name)} has no value and missing is 'error'`,
        )
      }
      normalized.push(null)
      continue
    }
    presentWeight += component.weight
    const [min, max] = component.range
    // `+ 0`: a value of −0 at the bottom of its range is position 0, not −0.
    const position = (value - min) / (max - min) + 0
    normalized.push(component.direction === 'lower-is-better' ? 1 - position : position)
  }
  let score = 0
  let variance = 0
  const withoutStandardError: string[] = []
  const contributions = Array.from(components, (component, index): CxContribution => {
    const n = normalized[index] ?? null
    const effectiveWeight = n === null ? 0 : component.weight / presentWeight
    const points = n === null ? 0 : 100 * effectiveWeight * n
    score += points
    if (n !== null) {
      const error = component.standardError
      if (error === undefined || error === null) withoutStandardError.push(component.name)
      else variance += (effectiveWeight * (error / (component.range[1] - component.range[0]))) ** 2
    }
    return {
      name: component.name,
      value: component.value,
      normalized: n,
      weight: component.weight,
      effectiveWeight,
      points,
    }
  })
  if (presentWeight === 0) {
    return {
      score: null,
      coverage: 0,
      contributions,
      standardError: null,
      withoutStandardError,
      lower: null,
      upper: null,
    }
  }
  const standardError = withoutStandardError.length === 0 ? 100 * Math.sqrt(variance) : null
  if (standardError !== null && !Number.isFinite(standardError)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      message: `${metric}: the standard errors add up to Infinity`,
    })
  }
  return {
    score,
    coverage: presentWeight / totalWeight,
    contributions,
    standardError,
    withoutStandardError,
    lower: standardError === null ? null : Math.max(0, score - z * standardError),
    upper: standardError === null ? null : Math.min(100, score + z * standardError),
  }
}

/** Validates one component; returns its value (or `null` when missing). Internal. */
export function readComponent(
  component: CxComponent,
  index: number,
  metric: string,
  names: Set<string>,
  place: ComponentPlace = componentPlace,
  name: ComponentName = componentName,
): number | null {
  const fail = (code: MetricInputErrorCode, field: string, message: string) =>
    componentError(code, metric, place(index, field), `${name(index)} ${message}`)
  if (typeof component !== 'object' || component === null) {
    throw componentError(
      'VALUE_OUT_OF_RANGE',
      metric,
      [index],
      `${name(index)} is ${describeValue(component)}; it must be { name, value, range, weight }`,
    )
  }
  if (typeof component.name !== 'string')
    throw fail(
      'VALUE_OUT_OF_RANGE',
      'name',
      `name ${describeValue(component.name)} must be a string`,
    )
  if (names.has(component.name))
    throw fail('DUPLICATE_ID', 'name', `name ${JSON.stringify(component.name)} appears twice`)
  names.add(component.name)
  const range = component.range
  const [min, max] = (Array.isArray(range) ? range : []) as readonly number[] as [number, number]
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max && Number.isFinite(max - min))) {
    throw fail(
      'VALUE_OUT_OF_RANGE',
      'range',
      `range ${describeValue(JSON.stringify(range))} must be two finite numbers, min < max`,
    )
  }
  const weight = component.weight
  if (!(weight > 0 && Number.isFinite(weight))) {
    throw fail(
      weight < 0 ? 'NEGATIVE_VALUE' : 'VALUE_OUT_OF_RANGE',
      'weight',
      `weight ${describeValue(weight)} must be a finite number > 0`,
    )
  }
  if (component.direction !== undefined && !CX_DIRECTIONS.includes(component.direction)) {
    throw fail(
      'VALUE_OUT_OF_RANGE',
      'direction',
      `direction ${describeValue(component.direction)} must be one of ${CX_DIRECTIONS.join(', ')}`,
    )
  }
  const error = component.standardError
  if (error !== undefined && error !== null && !(error >= 0 && Number.isFinite(error))) {
    throw fail(
      error < 0 ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
      'standardError',
      `standardError ${describeValue(error)} must be a finite number ≥ 0`,
    )
  }
  const value = component.value
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw fail(
      'NOT_FINITE',
      'value',
      `value ${describeValue(value)} must be a finite number or null`,
    )
  if (value < min || value > max) {
    throw fail(
      'VALUE_OUT_OF_RANGE',
      'value',
      `(${component.name}) value ${value} is outside its range [${min}, ${max}]`,
    )
  }
  return value
}
